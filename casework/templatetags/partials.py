"""`{% form_field field %}` and `{% partial "name" key=value ... %}`: Jinja2 partials in Django pages
(config/partials.py, ADR 0041).

Registered as a template builtin (settings TEMPLATES), so every page can use them without a load.
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.safestring import SafeString

from config import partials

register = template.Library()


@register.simple_tag
def form_field(field: forms.BoundField) -> SafeString:
    """One form field in the NL Design System form pattern (templates/jinja2/includes/field.html)."""
    return partials.render("includes/field.html", {"field": field})


@register.simple_tag
def partial(name: str, **context: Any) -> SafeString:
    """The Jinja2 partial `name` (under templates/jinja2/) with the given context only."""
    return partials.render(name, context)
