"""Issue 21's proof, as issue 14's for woonoverlast (tests/casework/woonoverlast/test_only_installed_apps.py):
signals are built through the registry alone. Outside its package, only INSTALLED_APPS names it (plus
the translations, docs/ and the tests) — and the import-linter contract lists in pyproject.toml.

"signals" is also a plain word (Django's signals, `accounts.signals`), so the search looks for the ways
code names this case type: its package (`casework.signals`, `casework/signals`), its code or app label as
a string (`"signals"`), its model labels (`signals.Signal…`, `signals.Triage`) and its URL names
(`signals_…`)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
ALLOWED_OUTSIDE = {("config/settings.py", '"casework.signals",')}
CONTRACT_LISTS = ("forbidden_modules = [", "modules = [", "containers = [")
SKIPPED = ("casework/signals/", "tests/", "docs/", "locale/", "node_modules/", ".venv/", ".git/", "var/",
           "static/dist/")
SUFFIXES = {".py", ".html", ".txt", ".toml", ".cfg", ".yaml", ".yml", ".json", ".js", ".css", ".md", ".ini"}
NAMES = re.compile(r"casework[./]signals\b|[\"']signals[\"']|\bsignals\.(Signal\w*|Triage)\b|\bsignals_\w+")


def _hits() -> list[tuple[str, str]]:
    found = []
    for path in ROOT.rglob("*"):
        relative = path.relative_to(ROOT).as_posix()
        if not path.is_file() or path.suffix not in SUFFIXES or relative.startswith(SKIPPED):
            continue
        if any(part.startswith(".") or part == "__pycache__" or part.endswith(".egg-info")
               for part in path.relative_to(ROOT).parts):
            continue
        if "/openapi/" in relative:  # the generated OpenAPI document lists every mounted path
            continue
        for line in path.read_text(encoding="utf-8", errors="ignore").splitlines():
            if NAMES.search(line):
                found.append((relative, line.strip()))
    return found


def test_outside_the_package_only_installed_apps_names_signals():
    hits = set(_hits())
    contracts = {(path, line) for path, line in hits if path == "pyproject.toml" and line.startswith(CONTRACT_LISTS)}
    assert len(contracts) == 3
    assert hits - contracts == ALLOWED_OUTSIDE


def test_the_search_finds_the_ways_code_names_the_type():
    for line in ('"casework.signals",', "from casework.signals.models import Signal", 'registry.get("signals")',
                 'label = "signals.SignalSource"', 'reverse("casework:signals_list")'):
        assert NAMES.search(line), line
    assert not NAMES.search("from django.db.models import signals") and not NAMES.search("signals.LOGIN_REFUSAL_ATTR")
