"""`{% form_field field %}` (the form pattern's field, a Django template), `{% list_filter form ... %}` (a list
page's filter form, kept per process for the same inputs: casework/web/filter_fragment.py) and
`{% partial "name" key=value ... %}` (a Jinja2 partial in a Django page: config/partials.py, ADR 0041).

Registered as a template builtin (settings TEMPLATES), so every page can use them without a load.
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from casework.web import filter_fragment
from config import partials

register = template.Library()


@register.simple_tag
def form_field(field: forms.BoundField) -> SafeString:
    """One form field in the NL Design System form pattern (templates/includes/field.html, a Django template:
    as a Jinja2 partial it measured slower under gunicorn, ADR 0041)."""
    # through the cached loader, as an include; what a Django template renders is escaped: safe to place
    return mark_safe(get_template("includes/field.html").render({"field": field}))  # noqa: S308


@register.simple_tag
def form_fields(form: forms.Form) -> SafeString:
    """Every field of `form` in the NL Design System form pattern, rendered once per process for the same inputs
    (casework/web/filter_fragment.py)."""
    return filter_fragment.form_fields(form)


@register.simple_tag
def list_filter(form: forms.Form, clear_url: str = "", heading: str = "", action: str = "") -> SafeString:
    """A list page's filter form (`includes/list_filter.html`), rendered once per process for the same inputs."""
    return filter_fragment.filter_form(form, clear_url=clear_url, heading=heading, action=action)


@register.simple_tag
def partial(name: str, **context: Any) -> SafeString:
    """The Jinja2 partial `name` (under templates/jinja2/) with the given context only."""
    return partials.render(name, context)
