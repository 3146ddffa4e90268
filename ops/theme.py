"""A municipality's own NL Design System theme (THEME_CSS): a token stylesheet among the static files,
loaded after the shipped Utrecht tokens, so its `--utrecht-*` (or the product's `--zv-*`) custom
properties win on every page. static/css/app.css uses tokens only (tests/ops/test_theme.py), so a
theme restyles everything without touching the product's files. The file is served from our own
origin like every stylesheet (the CSP allows no other), and start-up refuses a name that is not
among the static files (`manage.py check`, also under `check --deploy`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core import checks
from django.http import HttpRequest


def theme_context(request: HttpRequest) -> dict[str, Any]:
    return {"theme_css": settings.THEME_CSS}


@checks.register(checks.Tags.templates)
def theme_file_exists(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    name = settings.THEME_CSS
    if not name:
        return []
    if not name.endswith(".css") or name.startswith("/") or ".." in name.split("/"):
        return [checks.Error(f"THEME_CSS {name!r} is not a path of a .css file among the static files",
                             hint="e.g. theme/gemeente-voorbeeld.css under a STATICFILES_DIRS folder",
                             id="ops.E010")]
    if not finders.find(name):
        return [checks.Error(f"THEME_CSS {name!r} is not among the static files",
                             hint="put the theme's token CSS in a static folder (docs/operations.md)",
                             id="ops.E011")]
    return []
