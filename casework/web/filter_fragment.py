"""A list page's filter form, and a search form's fields, rendered once per process for the same inputs (issue 15).

The filter form of a list page (`includes/list_filter.html`: the fields in the NL Design System form pattern)
took 2.7 ms of a 25 ms case list at 1,000,000 cases, more than half of the page's rendering: seven selects of
up to 55 colleagues and 38 statuses, each through Django's form rendering. What it renders depends only on its
inputs: the language, the form's fields (label, description, required, widget and its attributes, choices), the
value each field holds (the URL's filter codes), and the page's heading, action and "clear" link. The same
inputs give the same markup, so it is kept per worker process in a small least-recently-used store, keyed by a
hash of all those inputs: a new colleague or team (other choices), another filter value or language gives
another key, never a stale form.

Not stored: a form with a field whose choices come from a query (a `ModelChoiceField` would query to build the
key), or with an error (a filter form drops invalid values, `ListFilterForm`; rendered as it is if one shows).
What is stored is what the page shows anyway (filter codes, the organisation's team and colleague names): no
data of a case or person, kept in the worker's memory only. A search form's fields (`form_fields`) hold what the
searcher typed, shown back on the page: on the privacy officer's audit search a pseudonym, a username, a case id,
dates; never a name or a BSN (the case search, whose form holds those, does not use the store).

Why not Django's `{% cache %}`: it keys on the values it is given, and the key would have to be built from the
same inputs; and the configured cache may be a shared server (refusal counting), where a fragment of every
filter combination does not belong.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, cast

from django import forms
from django.template.loader import get_template, render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

TEMPLATE = "includes/list_filter.html"
FIELD_TEMPLATE = "includes/field.html"
MAX_ENTRIES = 256  # about 15 KB each: at most some 4 MB per worker

_store: OrderedDict[str, str] = OrderedDict()
_lock = threading.Lock()  # the development server serves requests on threads


def filter_form(form: forms.Form, *, clear_url: str = "", heading: str = "", action: str = "") -> SafeString:
    """`includes/list_filter.html` for `form`, from the store when the same inputs were rendered before."""
    context = {"form": form, "clear_url": clear_url, "heading": heading, "action": action}
    key = fragment_key(form, clear_url=clear_url, heading=heading, action=action)
    return _stored(key, lambda: render_to_string(TEMPLATE, context))


def form_fields(form: forms.Form) -> SafeString:
    """Every field of `form` in the NL Design System form pattern (`includes/field.html`, as `{% for field in form
    %}{% form_field field %}{% endfor %}` writes them), from the store when the same inputs were rendered before:
    a search form whose page is asked for again (the privacy officer's audit search, 3.5 ms of its 15)."""
    def render() -> str:
        field_template = get_template(FIELD_TEMPLATE)
        return "".join(field_template.render({"field": field}) for field in form)

    return _stored(fragment_key(form, template=FIELD_TEMPLATE), render)


def _stored(key: str | None, render: Callable[[], str]) -> SafeString:
    if key is None:
        return mark_safe(render())  # noqa: S308 - a template's output, escaped
    with _lock:
        html = _store.get(key)
        if html is not None:
            _store.move_to_end(key)
    if html is None:
        html = render()
        with _lock:
            _store[key] = html
            while len(_store) > MAX_ENTRIES:
                _store.popitem(last=False)
    return mark_safe(html)  # noqa: S308 - a template's output, escaped when it was rendered


def fragment_key(form: forms.Form, *, template: str = TEMPLATE, clear_url: str = "", heading: str = "",
                 action: str = "") -> str | None:
    """A hash of everything the form's markup depends on; None when it cannot be stored (see the module)."""
    parts: list[Any] = [template, get_language(), str(clear_url), str(heading), str(action), form.prefix,
                        str(form.auto_id), type(form).__qualname__]
    for name, field in form.fields.items():
        if isinstance(field, forms.ModelChoiceField):
            return None
        bound = form[name]
        if bound.errors:
            return None
        widget = field.widget
        parts.append((
            name, type(field).__qualname__, str(field.label), str(field.help_text), field.required,
            field.disabled, type(widget).__qualname__, sorted((str(k), str(v)) for k, v in widget.attrs.items()),
            repr(bound.value()),
            [(str(value), str(label)) for value, label in cast(Iterable[tuple[Any, Any]], field.choices)]
            if isinstance(field, forms.ChoiceField) else None,
        ))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def clear() -> None:
    """Empty the store (tests)."""
    with _lock:
        _store.clear()
