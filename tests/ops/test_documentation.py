"""Every environment variable the application reads is documented in README.md and in the
deploy/ environment template an operator fills in."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*ROOT.glob("config/*.py"), *ROOT.glob("ops/*.py"), ROOT / "encryption" / "keyring.py"]
READ = re.compile(r"""(?:environ(?:\.get)?\(|environ\[|env_bool\(|env_list\(|number\(|database_config\()"""
                  r"""\s*["']([A-Z][A-Z0-9_]+)["']""")
NOT_SETTINGS = {"PATH_INFO", "REQUEST_METHOD"}  # WSGI environ keys in the access logger


def variables() -> set[str]:
    names: set[str] = set()
    for source in SOURCES:
        names |= set(READ.findall(source.read_text()))
    return names - NOT_SETTINGS


def test_every_environment_variable_is_documented():
    names = variables()
    assert {"DATABASE_URL", "REPLICA_DATABASE_URL", "MONITORING_TOKEN", "DB_CONNECT_TIMEOUT"} <= names
    readme = (ROOT / "README.md").read_text()
    template = (ROOT / "deploy" / "zorgveilig.env.example").read_text()
    assert not [name for name in sorted(names) if f"`{name}`" not in readme and f"{name}," not in readme], \
        "undocumented in README.md"
    assert not [name for name in sorted(names) if not re.search(rf"^#? ?{name}=", template, re.MULTILINE)], \
        "missing from deploy/zorgveilig.env.example"
