"""Hostile input on every write operation of the API (issue 17 item 7): oversize text, NUL bytes, invalid
UTF-8, deeply nested JSON, wrong types, out-of-range dates and a duplicate submit, sent to each POST, PUT,
PATCH and DELETE of casework/api/openapi/openapi.json as a role that may use it, against the demo data.

Every answer must be below 500; a refusal must be problem+json whose explanations are Dutch; after a
refused write the row count of every table of the main database and the key store is unchanged (nothing
half-saved, no orphan data key) and the audit trail holds no write event for it. The operations come from
the published schema, so an endpoint added later is covered without editing this file; a test checks that
the covered operations are exactly the schema's write operations.

Each hostile body is a body the operation accepts with one thing changed: before the hostile bodies the sweep finds
one, at an address the role may write (an open case of its type the role owns, that case's own rows: see
hostile_bodies.py), trying VARIANTS (the day of the dates, optional members left out) in a transaction it rolls
back. A refusal for another reason (a closed case, an unknown id, a stale version) would hide a missing check of
the hostile part: the operations the demo refuses every plausible body for are listed in PLAUSIBLE_REFUSED with
why, and the test keeps that list exact (it fails on an unlisted operation that accepts none, and on a listed one
that accepts one; `make test` skips the search for the listed ones).

`make test` sends each operation a fixed, seeded choice of three kinds of hostile input; `make test-full`
sends every kind (tests/sweeps.py). An upload (`multipart/form-data`) gets its hostile text fields as multipart with a
small valid PDF in each file field; raw bytes that are no JSON object go to it as JSON (refused, 415).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from audit.actions import Action
from audit.models import AuditEvent
from casework.pga.models import Leefgebied
from tests.casework.api.hostile_bodies import (
    OMIT,
    Context,
    apv_article,
    contexts,
    fill_rows,
    forfeiture,
    free_object,
    occupant,
    park,
    pga_codes,
    received,
    regisseur,
)
from tests.casework.hostile_rows import add_missing_rows
from tests.casework.web.crawl_support import english_msgids, is_english_prose
from tests.casework.web.hostile_support import BY_NAME, rolled_back, table_counts
from tests.sweeps import FULL

pytestmark = [pytest.mark.django_db(databases="__all__")]

SCHEMA = json.loads((Path(django_settings.BASE_DIR) / "casework/api/openapi/openapi.json").read_text())
PREFIX = "/api/v1"
WRITES = ("post", "put", "patch", "delete")
OPERATIONS = sorted((path, method) for path, item in SCHEMA["paths"].items() for method in item if method in WRITES)
# The role that may use an operation, by the first segment of its path (the case type's API, or the core's).
ROLE_BY_PREFIX = {"damocles": "handhaver", "park": "handhaver", "woonoverlast": "handhaver", "pga": "regisseur",
                  "cases": "regisseur", "signals": "handhaver"}
# Operations whose every plausible body the demo refuses (every variant, at every address tried), with why: their
# hostile bodies are refused for that reason first, so the sweep shows only that the refusal is clean. The test
# fails when a listed operation accepts a body (remove it) or one not listed accepts none.
PLAUSIBLE_REFUSED: dict[str, str] = {
    "POST /auth/token":
        "issues a token to a two-factor web session; the sweep's clients hold tokens (tests/casework/api/test_auth.py)",
    "POST /brp/person-lookup": "the demo has no BRP connection (tests/casework/brp/ against the fake BRP)",
}
# The role that may use an operation, where it is not the path's (a team lead decides on an approval).
ROLE_BY_OPERATION: dict[str, str] = {
    "post /damocles/cases/{case_id}/approvals/{approval_id}/decision": "teamleider",
    "post /park/cases/{case_id}/orders/{order_id}/approval": "teamleider",
}
# Members no rule of the filler sets as the operation needs, by operation; a callable gets the address (Context),
# OMIT leaves the member out (hostile_bodies.py).
PLAUSIBLE_VALUES: dict[str, dict[str, Any]] = {
    # monitoring: the outcome that takes a date (no action ignores the review date, so a hostile one would be
    # accepted as ignored, not refused)
    "post /signals/cases/{case_id}/triage": {"outcome": "monitor"},
    # an objection is posted on or before the day it was received; lateness is excused only when it was late
    **{f"patch /{kind}/cases/{{case_id}}/objections/{{objection_id}}": {
        "posted_on": lambda c: received(c, "objection"), "lateness_excused": OMIT, "excuse_reasons": OMIT}
       for kind in ("damocles", "park")},
    "post /park/cases/{case_id}/orders": {"time_unit": "", "penalty_form": "lump_sum"},
    # an imposed order's amount per time unit, on the date of the re-inspection that found it broken
    "post /park/cases/{case_id}/forfeitures": {
        name: (lambda c, name=name: forfeiture(c).get(name, OMIT)) for name in ("order", "basis", "forfeited_on",
                                                                                  "amount")},
    "post /park/cases": {"object": lambda c: free_object(c)},  # a file is opened for an object without one
    # a legal entity owns it; numbered as on the park's map
    "post /park/objects": {"park": lambda c: park(c), "owner_person": OMIT, "bag_id": OMIT, "number": "T-901"},
    # the ground and a finding's substance and unit are codes of the Damocles case type, which the park's contract
    # does not enumerate (the types are independent of each other)
    "post /park/cases/{case_id}/inspections/{inspection_id}/damocles": {
        "ground": "sub_a", "findings": [{"substance": "harddrugs", "amount": "12", "unit": "g"}]},
    "post /pga/cases/{case_id}/self-reliance": {"scores": {Leefgebied.values[0]: 3}},  # one life domain, scored
    # premises without an owner entity (an owner is a person or a legal entity) and without a BAG id (16 digits)
    "post /damocles/cases": {"premises": {"kind": "woning", "street": "Teststraat", "house_number": "1",
                                          "postcode": "9999 ZZ", "city": "Demodorp"}},
    # an occupant of the inspected object referred to a process director, with a category of the PGA case shared
    "post /park/cases/{case_id}/inspections/{inspection_id}/referral": {
        "occupant": lambda c: occupant(c), "owner": lambda c: regisseur(c),
        "categories": lambda c: pga_codes()[0], "processing_activity": lambda c: pga_codes()[1]},
    # a gedragsaanwijzing under an APV article in force, as a last onder bestuursdwang (no penalty members)
    "post /woonoverlast/cases/{case_id}/orders": {
        "article": lambda c: apv_article(c), "enforcement": "bestuursdwang", "penalty_form": OMIT, "amount": OMIT,
        "time_unit": OMIT, "maximum": OMIT},
}
KINDS = ("oversize", "nul", "invalid_utf8", "deep_json", "wrong_types", "dates", "duplicate")
DEMO_PDF = b"%PDF-1.4\n% synthetic\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
WRITE_ACTIONS = {Action.CREATE, Action.UPDATE, Action.DELETE, Action.SHARE, Action.APPROVE}


def _kinds(path: str, method: str) -> tuple[str, ...]:
    if FULL:
        return KINDS
    start = int(hashlib.sha256(f"{method} {path}".encode()).hexdigest(), 16) % len(KINDS)
    return tuple(KINDS[(start + step) % len(KINDS)] for step in range(3))


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = SCHEMA["components"]["schemas"][name]
    for combined in ("allOf", "oneOf", "anyOf"):
        if combined in schema:
            merged: dict[str, Any] = {"type": "object", "properties": {}}
            for part in schema[combined]:
                part = _resolve(part)
                merged["properties"].update(part.get("properties", {}))
                merged.setdefault("type", part.get("type"))
                if part.get("type") and part.get("type") != "object" and not part.get("properties"):
                    return part
            return merged
    return schema


def _body_schema(path: str, method: str) -> tuple[dict[str, Any], str]:
    """The body's schema and media type: JSON, or `multipart/form-data` for an upload."""
    content = SCHEMA["paths"][path][method].get("requestBody", {}).get("content", {})
    for media in ("application/json", "multipart/form-data"):
        if media in content:
            return _resolve(content[media]["schema"]), media
    return {}, ""


def _split_files(schema: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A multipart schema without its file fields (the hostile kinds change the text fields), and their names."""
    properties = schema.get("properties", {})
    files = [name for name, sub in properties.items() if _resolve(sub).get("format") == "binary"]
    return {**schema, "properties": {k: v for k, v in properties.items() if k not in files}}, files


def _send(client: Client, method: str, url: str, body: bytes, *, files: list[str], key: str) -> Any:
    """JSON as it is; for an upload the (hostile) fields as multipart with a small valid PDF per file field.
    Raw bytes that are no JSON object (invalid UTF-8, deep nesting) go to an upload as JSON: refused (415)."""
    if files:
        try:
            fields = json.loads(body)
        except (UnicodeDecodeError, ValueError, RecursionError):
            fields = None
        if isinstance(fields, dict):
            data = {**fields, **{name: SimpleUploadedFile("demo.pdf", DEMO_PDF, "application/pdf") for name in files}}
            return getattr(client, method)(url, data=data, HTTP_IDEMPOTENCY_KEY=key)
    return getattr(client, method)(url, data=body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)


_SCALARS: dict[str, Callable[[dict[str, Any], str], Any]] = {
    "array": lambda schema, name: [],
    "integer": lambda schema, name: max(int(schema.get("minimum", 1)), 1),
    "number": lambda schema, name: 1,
    "boolean": lambda schema, name: True,
}
_FORMATS: dict[str, Callable[[int], Any]] = {
    "date": lambda days: (date.today() + timedelta(days=days)).isoformat(),
    "date-time": lambda days: (datetime.now().astimezone() + timedelta(days=days)).isoformat(),
    "uuid": lambda days: str(uuid.UUID(int=0)),
    "email": lambda days: "test@example.invalid",
    "decimal": lambda days: "100.00",
}
# Ways of filling a body in plausibly, tried in order until the operation accepts one (rolled back): the day of
# its dates (days from today) and whether optional members are left out.
VARIANTS = tuple((days, required_only) for required_only in (False, True) for days in (0, 7, -7))
# Addresses (cases and their rows, hostile_bodies.contexts) tried for an operation until one accepts a body.
CONTEXTS_TRIED = 8


def _valid(schema: dict[str, Any], name: str = "", *, days: int = 7, required_only: bool = False) -> Any:
    """A plausible value for a schema: the hostile kinds replace one aspect of it at a time."""
    schema = _resolve(schema)
    if "enum" in schema:
        return next((value for value in schema["enum"] if value is not None), None)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    if kind == "object" or "properties" in schema:
        required = set(schema.get("required", []))
        return {key: _valid(value, key, days=days, required_only=required_only)
                for key, value in schema.get("properties", {}).items()
                if not _resolve(value).get("readOnly") and (not required_only or key in required)}
    if kind == "array":  # one plausible item (a list may not be empty)
        return [_valid(schema.get("items", {}), name, days=days, required_only=required_only)]
    if kind in _SCALARS:
        return _SCALARS[kind](schema, name)
    if schema.get("format") in _FORMATS:
        return _FORMATS[schema["format"]](days)
    prose = "Testwaarde: een zin die dit verzoek plausibel invult."[:int(schema.get("maxLength", 100))]
    return next((value for hint, value in BY_NAME if hint in name), prose)


def _leaves(value: Any, schema: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str, dict[str, Any]]]:
    """(parent object, key, schema) of every property, depth first."""
    schema = _resolve(schema)
    if isinstance(value, dict):
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                yield value, key, _resolve(sub)
                yield from _leaves(value[key], sub)


def _mutated(base: Any, schema: dict[str, Any], change: Callable[[dict[str, Any], Any], Any]) -> tuple[Any, bool]:
    body = json.loads(json.dumps(base))
    changed = False
    for parent, key, sub in list(_leaves(body, schema)):
        new = change(sub, parent[key])
        if new is not _KEEP:
            parent[key], changed = new, True
    return body, changed


_KEEP = object()


def _string_only(value: Callable[[dict[str, Any]], Any]) -> Callable[[dict[str, Any], Any], Any]:
    def change(schema: dict[str, Any], current: Any) -> Any:
        is_text = schema.get("type") in ("string", ["string", "null"]) and not schema.get("enum") \
            and schema.get("format") not in ("date", "date-time", "uuid")
        return value(schema) if is_text else _KEEP
    return change


def _wrong_type(schema: dict[str, Any], current: Any) -> Any:
    return {dict: 7, list: "geen lijst", bool: "misschien", int: "veel", float: "veel"}.get(type(current),
                                                                                          {"tekst": ["geen tekst"]})


def _out_of_range_date(schema: dict[str, Any], current: Any) -> Any:
    return {"date": "0001-01-01", "date-time": "9999-12-31T23:59:59+00:00"}.get(schema.get("format", ""), _KEEP)


def _requests(kind: str, base: Any, schema: dict[str, Any]) -> list[bytes]:
    """The raw bodies of one kind (empty: the kind does not apply to this operation's body)."""
    if kind == "invalid_utf8":
        return [b'{"tekst": "\xff\xfe\xfd"}']
    if kind == "deep_json":
        return [b'{"diep": ' + b"[" * 20_000 + b"]" * 20_000 + b"}"]
    if kind == "duplicate":
        return [json.dumps(base).encode()] * 2
    change = {
        "oversize": _string_only(lambda s: "x" * (int(s.get("maxLength", 100_000)) + 1)),
        "nul": _string_only(lambda s: "Test\x00waarde"),
        "wrong_types": _wrong_type,
        "dates": _out_of_range_date,
    }[kind]
    body, changed = _mutated(base, schema, change)
    return [json.dumps(body).encode()] if changed else []


def _path(path: str, role: str, demo_ids: Callable[[str, str, str], str]) -> str:
    for segment in path.split("/"):
        if segment.startswith("{"):
            path = path.replace(segment, demo_ids(segment.strip("{}"), path, role))
    return PREFIX + path


def _assert_refused_cleanly(response: Any, where: str, *, before: dict[str, int], last_event: tuple[int] | None,
                            english: set[str]) -> None:
    assert response["Content-Type"].startswith("application/problem+json"), where
    problem = response.json()
    details = [problem.get("detail", "")] + [error.get("detail", "") for error in problem.get("errors", [])]
    english_details = [d for d in details if " ".join(d.split()) in english or is_english_prose(d)]
    assert not english_details, f"{where}: {english_details}"
    after = table_counts()
    changed = {table: (count, after.get(table)) for table, count in before.items() if count != after.get(table)}
    assert not changed, f"{where}: a refused write changed {changed}"
    written = AuditEvent.objects.filter(sequence__gt=last_event[0] if last_event else 0, action__in=WRITE_ACTIONS)
    assert not written.exists(), f"{where}: a refused write left {list(written.values_list('action', 'object_type'))}"


@pytest.fixture(scope="module")
def demo_databases(demo_databases, django_db_blocker):
    """The demo data (the conftest's fixture of this name), with the rows the demo leaves out added through the
    services, as for the web sweep: an operation gets a row in the state it is for (tests/casework/hostile_rows.py).
    """
    with django_db_blocker.unblock():
        add_missing_rows()
    return demo_databases


@pytest.fixture(scope="module")
def english() -> set[str]:
    return english_msgids()


def test_the_sweep_covers_every_write_operation_of_the_schema():
    documented = {(path, method) for path, item in SCHEMA["paths"].items() for method in item if method in WRITES}
    assert set(OPERATIONS) == documented and len(OPERATIONS) >= 40
    assert all(_kinds(path, method) for path, method in OPERATIONS)


def _body(schema: dict[str, Any], context: Context, type_code: str, variant: tuple[int, bool],
          values: dict[str, Any]) -> Any:
    days, required_only = variant
    if not schema:
        return {}
    body = fill_rows(_valid(schema, days=days, required_only=required_only), schema, context, type_code, _resolve)
    body = {**body, **{name: value(context) if callable(value) else value for name, value in values.items()}}
    return {name: value for name, value in body.items() if value is not OMIT}


def _problem(response: Any) -> str:
    """What a refusal said: its detail and each error's place and detail."""
    try:
        problem = response.json()
    except ValueError:
        return f"HTTP {response.status_code}"
    errors = "; ".join(f"{e.get('location', '')} {e.get('detail', '')}".strip() for e in problem.get("errors", []))
    return f"HTTP {response.status_code}: {problem.get('detail', '')} {errors}"[:400]


def _plausible(path: str, method: str, role: str, client: Client, schema: dict[str, Any], files: list[str],
               demo_ids: Callable[[str, str, str], str]) -> tuple[str, Any, str]:
    """The address and a plausible body the operation accepts (sent and rolled back), over up to CONTEXTS_TRIED
    addresses and every variant; else the first address, the first variant's body and what the last refusal
    said."""
    type_code = path.strip("/").split("/")[0]
    first: tuple[str, Any] | None = None
    said = ""
    for context in contexts(path, role, CONTEXTS_TRIED):
        url = PREFIX + path.format(**context.parameters)
        for variant in VARIANTS:
            body = _body(schema, context, type_code, variant, PLAUSIBLE_VALUES.get(f"{method} {path}", {}))
            first = first or (url, body)
            with rolled_back():
                response = _send(client, method, url, json.dumps(body).encode(), files=files, key=str(uuid.uuid4()))
            if response.status_code < 400:
                return url, body, ""
            said = said or _problem(response)  # the first refusal: every member filled, the nearest to valid
    if first is None:  # no open case of the type: the demo's pick
        return _path(path, role, demo_ids), _valid(schema) if schema else {}, "no open case of this type"
    return first[0], first[1], said


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m.upper()} {p}" for p, m in OPERATIONS])
def test_hostile_input_is_refused_cleanly_and_changes_nothing(path, method, demo_ids, tokens, english):
    role = ROLE_BY_PREFIX.get(path.strip("/").split("/")[0], "regisseur")
    if path.endswith("/partner-contributions") and method == "post":
        role = "partner"  # a chain partner reports back (docs/adr/0031)
    role = ROLE_BY_OPERATION.get(f"{method} {path}", role)
    schema, media = _body_schema(path, method)
    schema, files = _split_files(schema) if media == "multipart/form-data" else (schema, [])
    client = Client(HTTP_AUTHORIZATION=f"Token {tokens[role]}", HTTP_ACCEPT_LANGUAGE="nl")
    operation = f"{method.upper()} {path}"
    if FULL or operation not in PLAUSIBLE_REFUSED:  # `make test` takes the list as it is for the listed ones
        url, base, said = _plausible(path, method, role, client, schema, files, demo_ids)
        assert not said or operation in PLAUSIBLE_REFUSED, (
            f"no plausible body is accepted by {operation} as {role} ({said}): the hostile bodies would be refused "
            "for that reason first. Fill the body in better (hostile_bodies.py) or list the operation in "
            "PLAUSIBLE_REFUSED with why")
        assert said or operation not in PLAUSIBLE_REFUSED, f"{operation} is listed in PLAUSIBLE_REFUSED, but " \
            f"accepts {base}: remove it from the list"
    else:
        url, base = _path(path, role, demo_ids), _valid(schema) if schema else {}
    sent = 0
    for kind in _kinds(path, method):
        bodies = _requests(kind, base, schema)
        key = str(uuid.uuid4())  # one Idempotency-Key per kind: a duplicate submit repeats it
        accepted: dict[str, int] | None = None
        for body in bodies:
            before, last = table_counts(), AuditEvent.objects.order_by("-sequence").values_list("sequence").first()
            response = _send(client, method, url, body, files=files, key=key)
            sent += 1
            where = f"{kind}: {method.upper()} {url} -> {response.status_code}"
            assert response.status_code < 500, f"{where}\n{response.content[:500]!r}"
            if kind == "duplicate" and response.status_code < 400:
                # A valid body: the second submit (same Idempotency-Key) repeats the answer and writes nothing.
                if accepted is not None:
                    assert table_counts() == accepted, f"{where}: the duplicate submit wrote again"
                accepted = table_counts()
                continue
            if not schema and response.status_code < 400:
                continue  # an operation without a body ignores one
            assert 400 <= response.status_code < 500, f"{where}: hostile input was accepted"
            _assert_refused_cleanly(response, where, before=before, last_event=last, english=english)
    if schema:
        assert sent, f"no hostile input applied to {method.upper()} {path}"
