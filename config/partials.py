"""Page partials: the parts of a page rendered once per field or per row, in Jinja2 (ADR 0041).

Pages stay Django templates; a partial they repeat per row (the case table of the case lists and the
search; the case page's timeline, which includes an entry's own Django template by `django_include`) is a
Jinja2 template under `templates/jinja2/`, rendered by `{% partial %}`
(casework/templatetags/partials.py). Django's template language resolves every variable through a chain
of lookups and a context stack; Jinja2 compiles a template to Python. Measured by `bench` at 1,000,000
cases: the PGA list 41.5 -> 35.2 ms, the mixed list 51.4 -> 45.0 ms (docs/performance.md). A partial is
kept only where the bench shows the gain: the form field, made a partial too, measured slower under
gunicorn and stayed a Django template (ADR 0041).

The environment has what the partials use and no more: Django's gettext (the active language),
`url_for_each()` (one `reverse` for a table's links), `django_include()`, Django's `date`, `linebreaksbr`,
`capfirst` and `truncatechars` filters, `long_date` (its "j F Y" for a plain date: the same month names as
pages), `long_moment` ("j F Y H:i:s" of a moment) and `iso_moment` ("c").
Translations are written `{{ _("...") }}`, which `makemessages` reads in these files as it does in
Django templates.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from django.template import defaultfilters
from django.template.backends.jinja2 import Jinja2
from django.template.loader import get_template
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]  # not in the stubs
from django.utils.translation import get_language, gettext, ngettext

PARTIALS = Path(__file__).resolve().parent.parent / "templates" / "jinja2"


_PLACEHOLDER = uuid.UUID(int=0)


_NUMBER_PLACEHOLDER = 918273645


def url_for_each(name: str, kwarg: str, kind: str = "uuid") -> Callable[[Any], str]:
    """The URL of `name` for one UUID (or, `kind="int"`, one whole number) after another, reversed once: a
    table row's link costs a string join instead of a `reverse` (34 µs each, 0.85 ms for a page of 25). The
    value must be what the route's converter takes: anything else raises ValueError."""
    placeholder, checked = _ROUTE_VALUES[kind]
    head, tail = reverse(name, kwargs={kwarg: placeholder}).split(str(placeholder))
    return lambda value: f"{head}{checked(value)}{tail}"


def _whole_number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("not a whole number")
    return value


# per kind of route value: a placeholder no URL of the project holds by itself, and the check of a real value
_ROUTE_VALUES: dict[str, tuple[Any, Callable[[Any], Any]]] = {
    "uuid": (_PLACEHOLDER, lambda value: uuid.UUID(str(value))),
    "int": (_NUMBER_PLACEHOLDER, _whole_number),
}


def local_date(value: Any, arg: str | None = None) -> str:
    """Django's `date` filter as its templates apply it: an aware datetime in local time first (the filter's
    `expects_localtime`, which a call from Python skips)."""
    return defaultfilters.date(template_localtime(value), arg)


_MONTH_NAMES: dict[str | None, tuple[str, ...]] = {}
_MONTHS_OF_RENDER = "_month_names"  # a render's month names, in the context of every partial


def month_names() -> tuple[str, ...]:
    """("", January, ..., December) in the active language, translated once per language. Each of Django's
    `MONTHS` is a lazy translation: written out, it looks up the active language (asgiref's `Local`) and the
    catalogue every time. Inside gunicorn such lookups took 8 % of a case list's time, 40 % of them the
    table's dates (docs/performance.md)."""
    language = get_language()
    names = _MONTH_NAMES.get(language)
    if names is None:
        names = _MONTH_NAMES[language] = ("", *(str(MONTHS[month]) for month in range(1, 13)))
    return names


def long_date(value: Any, names: tuple[str, ...] | None = None) -> str:
    """A date as Django's `date` filter writes it with "j F Y" ("5 maart 2026"), without its formatter
    object per call (15 µs, 0.75 ms for the two dates of 25 rows) and with the month names of `names` (a
    partial's render: `month_names()` once) or of the active language. Anything but a plain date (a datetime
    is shown in local time) goes to Django's filter."""
    if type(value) is not date:
        return local_date(value, "j F Y")
    return f"{value.day} {(names or month_names())[value.month]} {value.year:04d}"


@jinja2.pass_context
def _long_date_in_render(context: Any, value: Any) -> str:
    return long_date(value, context.get(_MONTHS_OF_RENDER))


def _moment(value: Any) -> datetime | None:
    """An aware datetime in local time (as Django's `date` filter shows it), or None for anything else."""
    return template_localtime(value) if type(value) is datetime and value.tzinfo is not None else None


@jinja2.pass_context
def _long_moment_in_render(context: Any, value: Any) -> str:
    """Django's `date` filter with "j F Y H:i:s" ("5 maart 2026 14:03:09") without its formatter per call: an
    audit page's 25 rows show one each."""
    moment = _moment(value)
    if moment is None:
        return local_date(value, "j F Y H:i:s")
    return f"{long_date(moment.date(), context.get(_MONTHS_OF_RENDER))} {moment:%H:%M:%S}"


def _iso_moment(value: Any) -> str:
    """Django's `date` filter with "c" (ISO 8601 in local time), for a `<time datetime>`."""
    moment = _moment(value)
    return local_date(value, "c") if moment is None else moment.isoformat()


def _linebreaksbr(value: Any) -> SafeString:
    """Django's `linebreaksbr` as a template applies it (autoescape on)."""
    return defaultfilters.linebreaksbr(value, autoescape=True)


def django_include(name: str, entry: Any) -> SafeString:
    """The Django template `name` rendered with `entry` only: a timeline entry's own template (a case type's or a
    component's, `TimelineEntry.template`), as the Django page included it. What a Django template renders is
    escaped: safe to place."""
    return mark_safe(get_template(name).render({"entry": entry}))  # noqa: S308


def _escaped(value: Any) -> Any:
    """Django's escaping of a value (`&quot;`, `&#x27;`), not markupsafe's (`&#34;`, `&#39;`): a partial
    writes byte for byte what the Django template did. Safe strings (Django's or Jinja2's) pass as they are."""
    return value if hasattr(value, "__html__") else conditional_escape(value)


def environment(**options: Any) -> jinja2.Environment:
    # keep_trailing_newline: a partial ends as its file does, like a Django template (the same markup)
    # autoescape always (Django's backend asks for it too; a partial is never rendered unescaped)
    options = {name: value for name, value in options.items() if name != "autoescape"}
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True, keep_trailing_newline=True,
                             finalize=_escaped, **options)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(url_for_each=url_for_each, django_include=django_include)
    env.filters.update(date=local_date, long_date=_long_date_in_render, linebreaksbr=_linebreaksbr,
                       capfirst=defaultfilters.capfirst, truncatechars=defaultfilters.truncatechars,
                       long_moment=_long_moment_in_render, iso_moment=_iso_moment)
    return env


@cache
def engine() -> Jinja2:
    return Jinja2({"APP_DIRS": False, "DIRS": [PARTIALS], "NAME": "partials",
                   "OPTIONS": {"environment": "config.partials.environment"}})


def render(name: str, context: dict[str, Any]) -> SafeString:
    """The partial `name` rendered with `context` (escaped by Jinja2's autoescape: safe to place in a page)."""
    context = {**context, _MONTHS_OF_RENDER: month_names()}
    return mark_safe(engine().get_template(name).render(context))  # noqa: S308 - autoescaped by Jinja2
