"""Production builds its static files: `collectstatic` with whitenoise's compressed manifest storage.

The vendored NL Design System CSS once referred to SVG files its npm package does not ship, so
`collectstatic` failed and production answered every page with a bare 500. Only the vendored files
the pages use are collected now (config/staticfiles.py), and a missing one fails `check`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.core.checks import Error
from django.test import override_settings

from config.staticfiles import VendorFinder
from tests.ops.support import environment, manage

CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def test_collectstatic_under_production_settings_builds_a_complete_manifest(tmp_path: Path):
    env = environment(tmp_path)
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    static = tmp_path / "static"
    manifest = json.loads((static / "staticfiles.json").read_text())["paths"]
    for name in ("vendor/utrecht-css/index.css", "vendor/utrecht-tokens/theme.css", "vendor/htmx/htmx.min.js",
                 "css/app.css", "img/favicon.svg"):
        hashed = manifest[name]
        assert hashed != name and (static / hashed).is_file()
        assert (static / f"{hashed}.gz").is_file()  # compressed copies for whitenoise
    # The unused token stylesheets with dangling references are not shipped at all, nor the browsable API's
    # files (JSON only) or ReDoc (the API documentation is Swagger UI, whose files are).
    assert not any(name.startswith("vendor/utrecht-tokens/background-image") for name in manifest)
    assert not any(name.startswith("rest_framework/") or "/redoc/" in name for name in manifest)
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in manifest
    # Every url() in every collected stylesheet resolves to a collected file.
    for name, hashed in manifest.items():
        if not name.endswith(".css"):
            continue
        for target in CSS_URL.findall((static / hashed).read_text()):
            if target.startswith(("data:", "#", "http:", "https:")):
                continue
            resolved = ((static / hashed).parent / target.split("?")[0].split("#")[0]).resolve()
            assert resolved.is_file(), f"{name} refers to missing {target}"
    # The deploy check passes on the same configuration.
    manage(env, "check", "--deploy", "--fail-level", "WARNING")


def test_a_missing_vendored_file_fails_the_system_check(tmp_path: Path):
    with override_settings(VENDOR_STATIC_FILES={"vendor/x/missing.css": tmp_path / "missing.css"}):
        errors = VendorFinder().check()
    assert len(errors) == 1 and isinstance(errors[0], Error) and errors[0].id == "config.E001"
    assert "npm ci" in errors[0].hint


def test_the_finder_serves_only_named_files(tmp_path: Path):
    source = tmp_path / "dist" / "only.css"
    source.parent.mkdir()
    source.write_text("body{}")
    (tmp_path / "dist" / "other.css").write_text("a{}")
    with override_settings(VENDOR_STATIC_FILES={"vendor/pkg/only.css": source}):
        finder = VendorFinder()
        assert finder.find("vendor/pkg/only.css") == str(source)
        assert finder.find("vendor/pkg/other.css") == []  # "not here", as Django's own finders say it
        assert finder.find("vendor/pkg/only.css", find_all=True) == [str(source)]
        listed = [(path, storage.prefix) for path, storage in finder.list(None)]
    assert listed == [("only.css", "vendor/pkg")]
