"""Issue 14's proof: woonoverlast is built through the registry alone. Outside its package, only
INSTALLED_APPS names it (plus the translations, docs/ and the tests) — and the import-linter
contracts in pyproject.toml, which list every case type so that the core may import none of them
and the types none of each other (tests/test_import_contracts.py requires every registered type
there): lint configuration that enforces the registry design, not code that uses the type."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
ALLOWED_OUTSIDE = {("config/settings.py", '"casework.woonoverlast",')}
CONTRACT_LISTS = ("forbidden_modules = [", "modules = [", "containers = [")
SKIPPED = ("casework/woonoverlast/", "tests/", "docs/", "locale/", "node_modules/", ".venv/", ".git/", "var/",
           "static/dist/")
SUFFIXES = {".py", ".html", ".txt", ".toml", ".cfg", ".yaml", ".yml", ".json", ".js", ".css", ".md", ".ini"}


def _hits() -> list[tuple[str, str]]:
    found = []
    for path in ROOT.rglob("*"):
        relative = path.relative_to(ROOT).as_posix()
        if not path.is_file() or path.suffix not in SUFFIXES or relative.startswith(SKIPPED):
            continue
        if any(part.startswith(".") or part == "__pycache__" or part.endswith(".egg-info")
               for part in path.relative_to(ROOT).parts):
            continue  # caches and tool folders (.mypy_cache, .ruff_cache, ...), not the source tree
        if "/openapi/" in relative:  # the generated OpenAPI document lists every mounted path
            continue
        for line in path.read_text(encoding="utf-8", errors="ignore").splitlines():
            if "woonoverlast" in line.lower():
                found.append((relative, line.strip()))
    return found


def test_outside_the_package_only_installed_apps_names_woonoverlast():
    hits = set(_hits())
    contracts = {(path, line) for path, line in hits if path == "pyproject.toml" and line.startswith(CONTRACT_LISTS)}
    assert len(contracts) == 3
    assert hits - contracts == ALLOWED_OUTSIDE
