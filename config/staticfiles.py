"""Static files from npm packages: only the files the templates use, each named here.

Whole `dist/` folders used to be served, and `@utrecht/design-tokens` ships a stylesheet
(`background-image-icon.css`) that points at SVG files the package does not contain; whitenoise's
manifest storage then refused `collectstatic` and production answered every page with a bare 500.
Naming each vendored file keeps the production build to what the pages load, and the manifest
storage (strict) still fails loudly when one of them refers to a file that is not there.
`VendorFinder.check` fails `manage.py check` when a named file is missing (`npm ci` not run).

Of the installed apps' static files, `collectstatic` leaves out what no page loads (`StaticFilesConfig`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.apps import StaticFilesConfig as DjangoStaticFilesConfig
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import CheckMessage, Error
from django.core.files.storage import FileSystemStorage


class StaticFilesConfig(DjangoStaticFilesConfig):
    """django.contrib.staticfiles, whose `collectstatic` also leaves out two installed apps' files no page loads:
    REST framework's browsable API (the API renders JSON only) and drf-spectacular-sidecar's ReDoc (the API
    documentation is Swagger UI). They were 16 of the 29 MB collected, compressed again on every deploy."""

    ignore_patterns = [*DjangoStaticFilesConfig.ignore_patterns, "rest_framework", "redoc"]


def vendor_files() -> dict[str, Path]:
    """Static path (as templates name it) -> file in node_modules."""
    return {path: Path(source) for path, source in settings.VENDOR_STATIC_FILES.items()}


class _Storage(FileSystemStorage):
    """One source file under its static prefix (collectstatic copies `prefix/name`)."""

    def __init__(self, source: Path, prefix: str) -> None:
        super().__init__(location=str(source.parent))
        self.prefix = prefix


class VendorFinder(BaseFinder):
    def check(self, **kwargs: Any) -> list[CheckMessage]:
        missing = [str(source) for source in vendor_files().values() if not source.is_file()]
        if not missing:
            return []
        return [Error(f"vendored static files missing: {', '.join(missing)}", hint="Run `npm ci` (make setup).",
                      id="config.E001")]

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:  # str, or list[str] for find_all
        find_all = find_all or bool(kwargs.get("all"))
        source = vendor_files().get(path)
        if source is None or not source.is_file():
            return []  # as Django's own finders: an empty list, which `finders.find` reads as "not here"
        return [str(source)] if find_all else str(source)

    def list(self, ignore_patterns: Iterable[str] | None) -> Iterator[tuple[str, FileSystemStorage]]:
        for path, source in vendor_files().items():
            if source.is_file():
                prefix, _, _name = path.rpartition("/")
                yield source.name, _Storage(source, prefix)
