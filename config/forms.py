"""The form renderer: Django's Jinja2 widget templates, with the project's overrides searched first.

`django.forms.renderers.Jinja2` searches Django's own widget templates before any app's, so an
override cannot be placed in an app. This renderer puts `templates/forms_jinja2/` before them. The
one override, `django/forms/widgets/select.html`, writes each option inline instead of including
`select_option.html` per option (one Jinja2 context per option): the same markup, the filter form of
the case list (127 options) 3.4 -> 1 ms (docs/performance.md).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

import django.forms
from django.forms.renderers import Jinja2

OVERRIDES = Path(__file__).resolve().parent.parent / "templates" / "forms_jinja2"


class FormRenderer(Jinja2):
    @cached_property
    def engine(self) -> Any:
        return self.backend({
            "APP_DIRS": True,
            "DIRS": [OVERRIDES, Path(django.forms.__file__).parent / "jinja2"],
            "NAME": "djangoforms",
            "OPTIONS": {},
        })
