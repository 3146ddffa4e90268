"""What the hostile-input sweep of the web forms (test_hostile_forms.py) needs besides the test: the POST views of
the URLconf, a reading of a rendered form (every control with its type, limits and choices), the hostile
bodies built from it, and the table counts a refused write must leave unchanged.

Kept apart from the test so the rules (which view accepts POST, what counts as a text field, what each kind
of hostile input changes) read in one place."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote_from_bytes

from django.db import connections, transaction
from django.urls import URLPattern, URLResolver, get_resolver

# --- the POST views of the URLconf ------------------------------------------------------------------------


@dataclass(frozen=True)
class PostView:
    name: str  # namespace:url_name
    route: str
    module: str


def _walk(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, Any]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace.strip(':')}:{pattern.name or ''}".lstrip(":")
            yield prefix + str(pattern.pattern), name, pattern.callback


def allowed_methods(callback: Any) -> list[str] | None:
    """The methods a view accepts: a class-based view's handlers, or the list Django's
    `require_http_methods` (and require_POST/GET/safe) keeps in its closure; None when the view says nothing."""
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return [name.upper() for name in view_class.http_method_names if hasattr(view_class, name)]
    function = callback
    while function is not None:
        code = getattr(function, "__code__", None)
        for name, cell in zip(code.co_freevars if code else (), function.__closure__ or (), strict=False):
            if name == "request_method_list":
                return [method.upper() for method in cell.cell_contents]
        function = getattr(function, "__wrapped__", None)
    return None


def post_views() -> list[PostView]:
    """Every web view (not the JSON API, which test_hostile.py sweeps) that accepts POST, or does not say."""
    views = []
    for route, name, callback in _walk(get_resolver().url_patterns):
        if route.startswith("api/"):
            continue
        methods = allowed_methods(callback)
        if methods is None or "POST" in methods:
            views.append(PostView(name=name, route=route, module=callback.__module__))
    return sorted(views, key=lambda view: view.name)


# --- a rendered form ------------------------------------------------------------------------------------

@dataclass
class Control:
    name: str
    tag: str  # input, textarea, select
    kind: str  # the input's type; "textarea"; "select"
    value: str = ""
    maxlength: int | None = None
    checked: bool = False
    options: list[str] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)
    multiple: bool = False
    required: bool = False
    accept: str = ""  # a file input's media types

    @property
    def is_text(self) -> bool:
        return self.kind in ("text", "textarea", "search", "email", "tel", "url") and self.name not in SKIPPED

    @property
    def is_uuid_choice(self) -> bool:
        return bool(self.options) and all(UUID.fullmatch(option) for option in self.options if option)


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
SKIPPED = {"csrfmiddlewaretoken", "submission_token"}


@dataclass
class Form:
    method: str
    action: str
    enctype: str
    controls: list[Control] = field(default_factory=list)

    def control(self, name: str) -> Control | None:
        return next((control for control in self.controls if control.name == name), None)


class FormReader(HTMLParser):
    """Every form of a page with its controls (html.parser, as the Dutch crawl uses)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: Control | None = None
        self._select: Control | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._form = Form(method=attributes.get("method", "get").lower(), action=attributes.get("action", ""),
                              enctype=attributes.get("enctype", ""))
            self.forms.append(self._form)
        if self._form is None or tag not in ("input", "textarea", "select", "option", "button"):
            return
        if "disabled" in attributes and tag != "option":  # a browser does not send a disabled control
            return
        name = attributes.get("name", "")
        limit = attributes.get("maxlength", "")
        maxlength = int(limit) if limit.isdigit() else None
        required = "required" in attributes
        if tag == "input" and name:
            self._form.controls.append(Control(
                name=name, tag=tag, kind=attributes.get("type", "text").lower(), value=attributes.get("value", ""),
                maxlength=maxlength, checked="checked" in attributes, required=required,
                accept=attributes.get("accept", "")))
        elif tag == "button" and name:
            self._form.controls.append(Control(name=name, tag=tag, kind="submit", value=attributes.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = Control(name=name, tag=tag, kind="textarea", maxlength=maxlength, required=required)
            self._form.controls.append(self._textarea)
        elif tag == "select" and name:
            self._select = Control(name=name, tag=tag, kind="select", multiple="multiple" in attributes,
                                   required=required)
            self._form.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append(attributes.get("value", ""))
            if "selected" in attributes:
                self._select.selected.append(attributes.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            if self._textarea is not None and self._textarea.value.startswith("\n"):
                # a browser drops the newline right after <textarea> (HTML: "newlines at the start of textarea
                # elements are ignored"), which Django writes before the value
                self._textarea.value = self._textarea.value[1:]
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data


def post_forms(html: str) -> list[Form]:
    return [form for form in FormReader(html).forms if form.method == "post"]


# --- the bodies ------------------------------------------------------------------------------------------

Fields = list[tuple[str, str]]


@dataclass(frozen=True)
class Variant:
    """One way of filling a form in plausibly: the day of its dates (days from today), which controls get a
    value (every one, or only those the page marks `required`), and whether every checkbox is ticked."""

    days: int = 0
    fill: str = "all"  # "all" | "required"
    tick: bool = False


# Tried in this order until the form accepts one (test_hostile_forms.py, rolled back): most forms take the
# first; a form whose dates must lie ahead or behind, whose optional fields would be looked up (a username, a
# filter) or whose confirmation must be ticked takes a later one.
VARIANTS = tuple(Variant(days, fill, tick) for tick in (False, True) for fill in ("all", "required")
                 for days in (0, 7, -7))
BIRTH_DATE = "1980-05-17"
# What a form checks the format of, by the field's name: an 11-proof BSN of the BRP's test persons (synthetic), a
# postcode, a KvK number.
BSN = "999993653"
BY_NAME = (("bsn", BSN), ("postcode", "1234 AB"), ("postal_code", "1234 AB"), ("kvk", "12345678"),
           ("house_number", "1"), ("phone", "0612345678"), ("email", "test@example.invalid"))


def plausible(form: Form, variant: Variant = VARIANTS[0], values: Mapping[str, str] | None = None) -> Fields:
    """The form as rendered, with an empty field filled in plausibly (text by its name and length, a date
    `variant.days` from today, a number, the first choice) — every empty one, or only the required ones.
    Checkboxes as rendered or ticked (`_to_tick`); radio buttons as rendered, or the first of a group. `values`
    gives a field a value of its own (a view whose form no rule here fills in plausibly)."""
    fields: Fields = []
    radios: dict[str, str] = {}
    for control in form.controls:
        if values and control.name in values:  # once for a group of radio buttons or checkboxes
            if all(name != control.name for name, _value in fields):
                fields.append((control.name, values[control.name]))
        elif control.kind == "radio":
            if control.checked or control.name not in radios:
                radios[control.name] = control.value
        else:
            fields += _values(form, control, variant)
    fields += list(radios.items())
    return fields


def _values(form: Form, control: Control, variant: Variant) -> Fields:
    """What a browser sends for one control (not a radio button) filled in as `plausible` does."""
    fill = variant.fill == "all" or control.required
    if control.kind in ("submit", "file", "button", "reset", "image"):
        return [(control.name, control.value)] if control.kind == "submit" and control.value else []
    if control.kind == "checkbox":
        ticked = control.checked or (variant.tick and _to_tick(form, control))
        return [(control.name, control.value or "on")] if ticked else []
    if control.kind == "select":
        chosen = [value for value in control.selected if value]
        if not chosen and fill:
            chosen = [next((option for option in control.options if option), "")]
        return [(control.name, value) for value in (chosen or [""])[:1 if not control.multiple else None]]
    return [(control.name, control.value if control.value.strip() or not fill else _filler(control, variant))]


def _to_tick(form: Form, control: Control) -> bool:
    """Ticked in a variant that ticks: a required checkbox (a confirmation) and the first option of a multiple
    choice (one with a value: a choice of at least one); not an optional flag (no value), which may ask for more
    (urgency asks for its reasons)."""
    group = [other for other in form.controls if other.kind == "checkbox" and other.name == control.name]
    return control.required or (bool(control.value) and group[0] is control)


def _filler(control: Control, variant: Variant) -> str:
    day = date.today() + timedelta(days=variant.days)
    if control.kind == "date":
        return BIRTH_DATE if "birth" in control.name else day.isoformat()
    if control.kind == "datetime-local":
        return day.isoformat() + "T10:00"
    if control.kind == "time":
        return "10:00"
    if control.kind == "number":
        return "1"
    if control.kind == "hidden":
        return ""
    if control.kind == "url":
        return "https://overleg.example.invalid/test"
    prose = "Testwaarde: een zin die dit formulier plausibel invult." if control.kind == "textarea" else "Testwaarde"
    value = next((value for hint, value in BY_NAME if hint in control.name), prose)
    return value[:control.maxlength] if control.maxlength else value


def replaced(fields: Fields, form: Form, change: Callable[[Control, str], str | None]) -> tuple[Fields, bool]:
    """The fields with each value `change` returns for its control (None: keep it)."""
    result: Fields = []
    changed = False
    for name, value in fields:
        control = form.control(name)
        new = change(control, value) if control is not None else None
        if new is None:
            result.append((name, value))
        else:
            result.append((name, new))
            changed = True
    return result, changed


def urlencoded(fields: list[tuple[str, str | bytes]]) -> bytes:
    """An application/x-www-form-urlencoded body; a bytes value goes in raw, not percent-encoded."""
    parts = []
    for name, value in fields:
        raw = value if isinstance(value, bytes) else quote_from_bytes(value.encode(), safe="").encode()
        parts.append(quote_from_bytes(name.encode(), safe="").encode() + b"=" + raw)
    return b"&".join(parts)


def unknown_uuid() -> str:
    return str(uuid.UUID(int=0x1234))


Body = list[tuple[str, str | bytes]]
MEGABYTE = 1_000_000
WRONG_TYPES = {"number": "veel", "date": "gisteren", "select": "onbekende-keuze", "radio": "onbekende-keuze",
               "datetime-local": "morgen", "time": "straks", "email": "geen adres"}


def _changed(fields: Fields, form: Form, change: Callable[[Control, str], str | None]) -> list[Body]:
    body, changed = replaced(fields, form, change)
    return [list(body)] if changed else []


def _oversize(form: Form, fields: Fields) -> list[Body]:
    """Each text field one character past its maximum (100,000 past none)."""
    return _changed(fields, form, lambda c, v: "x" * ((c.maxlength or 100_000) + 1) if c.is_text else None)


def _megabyte(form: Form, fields: Fields) -> list[Body]:
    """A megabyte in one text field: one without a maximum length in the page, if there is one."""
    texts = [control for control in form.controls if control.is_text]
    target = next((c for c in texts if c.maxlength is None), texts[0] if texts else None)
    return [[(n, "x" * MEGABYTE if n == target.name else v) for n, v in fields]] if target else []


def _nul(form: Form, fields: Fields) -> list[Body]:
    return _changed(fields, form, lambda c, v: "Test\x00waarde" if c.is_text else None)


def _invalid_utf8(form: Form, fields: Fields) -> list[Body]:
    """Raw bytes that are no UTF-8 in each text field (or the version), and a field of its own: applies always."""
    texts = {control.name for control in form.controls if control.is_text}
    raw: Body = [(n, b"Test\xff\xfe\xfdwaarde" if n in texts or (not texts and n == "version") else v)
                 for n, v in fields]
    return [[*raw, ("x", b"\xc3\x28")]]


def _dates(form: Form, fields: Fields) -> list[Body]:
    return [body for value in ("0001-01-01", "9999-12-31")
            for body in _changed(fields, form, lambda c, v, value=value: value if c.kind == "date" else None)]


def _wrong_types(form: Form, fields: Fields) -> list[Body]:
    return _changed(fields, form, lambda c, v: WRONG_TYPES.get(c.kind) if c.name != "version" else None)


def _foreign_ids(form: Form, fields: Fields) -> list[Body]:
    return _changed(fields, form, lambda c, v: foreign(c) if c.is_uuid_choice else None)


def _version(form: Form, fields: Fields) -> list[Body]:
    """Without the version, and with one older than the page showed (ADR 0017: 400 and 409)."""
    version = next((v for n, v in fields if n == "version"), None)
    if version is None or not version.lstrip("-").isdigit():
        return []
    return [[(n, v) for n, v in fields if n != "version"],
            [(n, str(int(v) - 1) if n == "version" else v) for n, v in fields]]


def _duplicate(form: Form, fields: Fields) -> list[Body]:
    return [list(fields), list(fields)]  # the same submission token twice


BODIES: dict[str, Callable[[Form, Fields], list[Body]]] = {
    "oversize": _oversize, "megabyte": _megabyte, "nul": _nul, "invalid_utf8": _invalid_utf8, "dates": _dates,
    "wrong_types": _wrong_types, "foreign_ids": _foreign_ids, "version": _version, "duplicate": _duplicate,
}
KINDS = tuple(BODIES)


def bodies(kind: str, form: Form, fields: Fields) -> list[Body]:
    """The bodies of one kind ([]: the kind does not apply to this form)."""
    return BODIES[kind](form, fields)


def applies(kind: str, form: Form) -> bool:
    if kind == "foreign_ids":  # without looking the ids up
        return any(control.is_uuid_choice for control in form.controls)
    return bool(bodies(kind, form, plausible(form)))


def foreign(control: Control) -> str:
    """An id of an existing object of the kind the choice offers, which the form does not offer (another
    organisation's, another case's); an unknown id when every object of that kind is offered."""
    from django.apps import apps

    offered = {option for option in control.options if option}
    for model in apps.get_models():
        if model._meta.pk.get_internal_type() != "UUIDField":
            continue
        ids = {str(pk) for pk in model.objects.values_list("pk", flat=True)[:5_000]}
        if offered & ids:
            other = sorted(ids - offered)
            return other[0] if other else unknown_uuid()
    return unknown_uuid()


# --- a plausible body sent without a trace -------------------------------------------------------------------

@contextmanager
def rolled_back() -> Iterator[None]:
    """What runs inside is undone in every database afterwards (the rows, the audit events, the data keys and
    the submission token's or Idempotency-Key's claim): a savepoint in the test's transaction per database."""
    with ExitStack() as stack:
        for alias in connections:
            stack.enter_context(transaction.atomic(using=alias))
        yield
        for alias in connections:
            transaction.set_rollback(True, using=alias)


# --- what a refused write must leave unchanged ---------------------------------------------------------------

def table_counts() -> dict[str, int]:
    """Rows per table of the main database and the key store (the audit trail is expected to grow)."""
    counts: dict[str, int] = {}
    for alias in ("default", "keys"):
        with connections[alias].cursor() as cursor:
            tables = connections[alias].introspection.table_names(cursor)
            cursor.execute("SELECT " + ", ".join(f'(SELECT COUNT(*) FROM "{table}")' for table in tables))
            counts.update({f"{alias}.{table}": count for table, count in zip(tables, cursor.fetchone(), strict=True)})
    return counts
