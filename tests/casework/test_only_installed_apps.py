"""The proof that a case type is built through the registry alone (issue 14 for woonoverlast, issue 21 for
signals): outside its package, only INSTALLED_APPS names it (plus the translations, docs/ and the tests) —
and the import-linter contract lists in pyproject.toml, which list every case type so that the core may
import none of them and the types none of each other (tests/test_import_contracts.py requires every
registered type there): lint configuration that enforces the registry design, not code that uses the type.

One walk of the source tree serves every type. "signals" is also a plain word (Django's signals,
`accounts.signals`), so for it the search looks for the ways code names this case type: its package
(`casework.signals`, `casework/signals`), its code or app label as a string (`"signals"`), its model labels
(`signals.Signal…`, `signals.Triage`) and its URL names (`signals_…`).
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_LISTS = ("forbidden_modules = [", "modules = [", "containers = [")
SKIPPED = ("tests/", "docs/", "locale/", "node_modules/", ".venv/", ".git/", "var/", "static/dist/")
SUFFIXES = {".py", ".html", ".txt", ".toml", ".cfg", ".yaml", ".yml", ".json", ".js", ".css", ".md", ".ini"}
# The case types built through the registry alone, and how code names each.
NAMES = {
    "woonoverlast": re.compile(r"woonoverlast", re.IGNORECASE),
    "signals": re.compile(r"casework[./]signals\b|[\"']signals[\"']|\bsignals\.(Signal\w*|Triage)\b|\bsignals_\w+"),
}


@cache
def _hits() -> dict[str, frozenset[tuple[str, str]]]:
    found: dict[str, set[tuple[str, str]]] = {code: set() for code in NAMES}
    for folder, subfolders, files in os.walk(ROOT):
        here = Path(folder)
        # Not into the skipped trees, caches and tool folders (.venv and node_modules hold most of the files).
        subfolders[:] = [name for name in subfolders if not name.startswith(".") and name != "__pycache__"
                         and not name.endswith(".egg-info")
                         and not f"{(here / name).relative_to(ROOT).as_posix()}/".startswith(SKIPPED)]
        for path in (here / name for name in files):
            relative = path.relative_to(ROOT).as_posix()
            if path.suffix not in SUFFIXES or path.name.startswith(".") or relative.startswith(SKIPPED):
                continue
            if "/openapi/" in relative:  # the generated OpenAPI document lists every mounted path
                continue
            lines = path.read_text(encoding="utf-8", errors="ignore").splitlines()
            for code, pattern in NAMES.items():
                if relative.startswith(f"casework/{code}/"):
                    continue
                found[code].update((relative, line.strip()) for line in lines if pattern.search(line))
    return {code: frozenset(hits) for code, hits in found.items()}


@pytest.mark.parametrize("code", sorted(NAMES))
def test_outside_its_package_only_installed_apps_names_the_type(code):
    hits = set(_hits()[code])
    contracts = {(path, line) for path, line in hits if path == "pyproject.toml" and line.startswith(CONTRACT_LISTS)}
    assert len(contracts) == 3
    assert hits - contracts == {("config/settings.py", f'"casework.{code}",')}


def test_the_search_finds_the_ways_code_names_signals():
    for line in ('"casework.signals",', "from casework.signals.models import Signal", 'registry.get("signals")',
                 'label = "signals.SignalSource"', 'reverse("casework:signals_list")'):
        assert NAMES["signals"].search(line), line
    assert not NAMES["signals"].search("from django.db.models import signals")
    assert not NAMES["signals"].search("signals.LOGIN_REFUSAL_ATTR")
