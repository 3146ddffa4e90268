"""Hostile input on every write operation of the API (issue 17 item 7): oversize text, NUL bytes, invalid
UTF-8, deeply nested JSON, wrong types, out-of-range dates and a duplicate submit, sent to each POST, PUT,
PATCH and DELETE of casework/api/openapi/openapi.json as a role that may use it, against the demo data.

Every answer must be below 500; a refusal must be problem+json whose explanations are Dutch; after a
refused write the row count of every table of the main database and the key store is unchanged (nothing
half-saved, no orphan data key) and the audit trail holds no write event for it. The operations come from
the published schema, so an endpoint added later is covered without editing this file; a test checks that
the covered operations are exactly the schema's write operations.

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
from tests.casework.web.crawl_support import english_msgids, is_english_prose
from tests.casework.web.hostile_support import table_counts
from tests.sweeps import FULL

pytestmark = [pytest.mark.django_db(databases="__all__")]

SCHEMA = json.loads((Path(django_settings.BASE_DIR) / "casework/api/openapi/openapi.json").read_text())
PREFIX = "/api/v1"
WRITES = ("post", "put", "patch", "delete")
OPERATIONS = sorted((path, method) for path, item in SCHEMA["paths"].items() for method in item if method in WRITES)
# The role that may use an operation, by the first segment of its path (the case type's API, or the core's).
ROLE_BY_PREFIX = {"damocles": "handhaver", "park": "handhaver", "woonoverlast": "handhaver", "pga": "regisseur",
                  "cases": "regisseur"}
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
_FORMATS: dict[str, Callable[[], Any]] = {
    "date": lambda: (date.today() + timedelta(days=7)).isoformat(),
    "date-time": lambda: (datetime.now().astimezone() + timedelta(days=7)).isoformat(),
    "uuid": lambda: str(uuid.UUID(int=0)),
    "email": lambda: "test@example.invalid",
}


def _valid(schema: dict[str, Any], name: str = "") -> Any:
    """A plausible value for a schema: the hostile kinds replace one aspect of it at a time."""
    schema = _resolve(schema)
    if "enum" in schema:
        return next((value for value in schema["enum"] if value is not None), None)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    if kind == "object" or "properties" in schema:
        return {key: _valid(value, key) for key, value in schema.get("properties", {}).items()
                if not _resolve(value).get("readOnly")}
    if kind in _SCALARS:
        return _SCALARS[kind](schema, name)
    if schema.get("format") in _FORMATS:
        return _FORMATS[schema["format"]]()
    return "111222333" if name.endswith("bsn") else "Testwaarde"


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
def english() -> set[str]:
    return english_msgids()


def test_the_sweep_covers_every_write_operation_of_the_schema():
    documented = {(path, method) for path, item in SCHEMA["paths"].items() for method in item if method in WRITES}
    assert set(OPERATIONS) == documented and len(OPERATIONS) >= 40
    assert all(_kinds(path, method) for path, method in OPERATIONS)


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m.upper()} {p}" for p, m in OPERATIONS])
def test_hostile_input_is_refused_cleanly_and_changes_nothing(path, method, demo_ids, tokens, english):
    role = ROLE_BY_PREFIX.get(path.strip("/").split("/")[0], "regisseur")
    if path.endswith("/partner-contributions") and method == "post":
        role = "partner"  # a chain partner reports back (docs/adr/0031)
    schema, media = _body_schema(path, method)
    schema, files = _split_files(schema) if media == "multipart/form-data" else (schema, [])
    base = _valid(schema) if schema else {}
    client = Client(HTTP_AUTHORIZATION=f"Token {tokens[role]}", HTTP_ACCEPT_LANGUAGE="nl")
    url = _path(path, role, demo_ids)
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
