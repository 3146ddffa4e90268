"""The published OpenAPI document (docs/adr/0010-api-rules.md): readable by anyone from any origin,
a file generated at build time that equals the live schema, with contact, version and servers, no
enums of database rows and no examples. The Logius API Design Rules ruleset (Spectral, 0 errors) runs on
the same file in `make lint`, part of `make test`."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from accounts.models import Organisation, Team
from audit.models import ProcessingActivity
from casework.api import openapi

pytestmark = pytest.mark.django_db(databases="__all__")


def test_the_document_is_public_and_readable_from_any_origin():
    for kind, media_type in (("json", "application/json"), ("yaml", "application/yaml")):
        response = APIClient().get(f"/api/v1/openapi.{kind}", HTTP_ORIGIN="https://elders.example")
        assert response.status_code == 200 and response["Content-Type"] == media_type
        assert response["Access-Control-Allow-Origin"] == "*" and response["API-Version"] == "1.0.0"
    assert APIClient().get("/api/v1/openapi.json").json() == openapi.published()
    assert openapi.published_yaml() == openapi.published()
    # Only that resource: the rest of the API gives no CORS header to an unknown origin.
    assert "Access-Control-Allow-Origin" not in APIClient().get("/api/v1/cases", HTTP_ORIGIN="https://elders.example")
    assert APIClient().post("/api/v1/openapi.json").status_code == 405


def test_the_published_file_equals_the_live_schema():
    """Fails when an endpoint changed without `make openapi` (which rewrites the file)."""
    assert openapi.live_schema() == openapi.published(), "run `make openapi` and commit the result"
    assert {kind: openapi.published_path(kind).read_bytes() for kind in ("json", "yaml")} == openapi.rendered(
        openapi.live_schema())


def test_contact_version_servers_and_no_examples_or_row_enums():
    document = openapi.published()
    assert document["info"]["version"] == settings.SPECTACULAR_SETTINGS["VERSION"]
    assert {"name", "email", "url"} <= set(document["info"]["contact"])
    assert [server["url"] for server in document["servers"]] == ["/api/v1"]
    assert all(not path.endswith("/") for path in document["paths"])
    text = json.dumps(document)
    assert '"example"' not in text and '"examples"' not in text

    def enums(node):
        if isinstance(node, dict):
            if "enum" in node:
                yield from node["enum"]
            for value in node.values():
                yield from enums(value)
        elif isinstance(node, list):
            for value in node:
                yield from enums(value)

    values = {str(value) for value in enums(document)}
    rows = {str(pk) for pk in Organisation.objects.values_list("pk", flat=True)}
    rows |= {str(pk) for pk in Team.objects.values_list("pk", flat=True)}
    rows |= set(ProcessingActivity.objects.values_list("code", flat=True))
    assert not values & rows
    assert not {"pga", "damocles", "park", "example"} & values  # installed case types are no enum either


UNBOUNDED_FORMATS = ("uuid", "date", "date-time", "binary", "decimal", "email", "uri")


def _is_unbounded(node: dict) -> bool:
    return node.get("type") == "string" and not {"maxLength", "enum"} & set(node) \
        and node.get("format") not in UNBOUNDED_FORMATS


def _walk(node: dict, where: str, schemas: dict, seen: set[str], found: list[str]) -> None:
    """Collect the unbounded strings under `node` (through references, combinations and arrays; each referenced
    schema once)."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return
        seen.add(name)
        node, where = schemas[name], name
    parts = [(part, where) for combined in ("allOf", "oneOf", "anyOf") for part in node.get(combined, [])]
    parts += [(prop, f"{where}.{name}") for name, prop in node.get("properties", {}).items()
              if not prop.get("readOnly")]
    if node.get("type") == "array" and "items" in node:
        parts.append((node["items"], f"{where}[]"))
    for part, part_where in parts:
        _walk(part, part_where, schemas, seen, found)
    if _is_unbounded(node):
        found.append(where)


def _unbounded_strings(document: dict) -> list[str]:
    """The writable strings of the request bodies that have no `maxLength`, no `enum` and no format that bounds
    them itself (a UUID, a date)."""
    seen: set[str] = set()
    found: list[str] = []
    bodies = [content.get("schema", {}) for operations in document["paths"].values()
              for method, operation in operations.items() if method in ("post", "put", "patch")
              for content in operation.get("requestBody", {}).get("content", {}).values()]
    for schema in bodies:
        _walk(schema, "request", document["components"]["schemas"], seen, found)
    return sorted(found)


def test_every_string_a_client_sends_has_a_maximum_length():
    """A request body's text has a `maxLength` (free text `bounds.LONG_TEXT` at most, codes 64): the serializer
    refuses more with a 400 before a service runs, and a client reads the bound in the contract (ADR 0035, the
    amendment of 6 December 2026: 58 strings had none)."""
    assert not _unbounded_strings(openapi.published())


def test_the_check_finds_an_unbounded_string():
    document = {"components": {"schemas": {"NoteIn": {"type": "object", "properties": {
        "text": {"type": "string"}, "code": {"type": "string", "maxLength": 40}, "when": {"type": "string",
                                                                                          "format": "date"},
        "tags": {"type": "array", "items": {"type": "string"}}, "id": {"type": "string", "readOnly": True}}}}},
        "paths": {"/notes": {"post": {"operationId": "note_create", "requestBody": {"content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/NoteIn"}}}}}}}}
    assert _unbounded_strings(document) == ["NoteIn.tags[]", "NoteIn.text"]


def test_a_file_a_client_uploads_is_binary_in_the_contract():
    """A multipart request's file part is `format: binary`: a plain FileField was published as a URI (what a
    response holds), so a client built from the contract sent a string and got a 400 or 415 (found by the
    hostile sweep starting from accepted bodies, 7 December 2026)."""
    document = openapi.published()
    schemas = document["components"]["schemas"]
    files = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "multipart/form-data" not in content:
                continue
            schema = content["multipart/form-data"]["schema"]
            schema = schemas[schema["$ref"].rsplit("/", 1)[-1]] if "$ref" in schema else schema
            for name, prop in schema.get("properties", {}).items():
                assert prop.get("format") != "uri", f"{method} {path}: {name} is published as a URI"
                files += [f"{method} {path} {name}"] if prop.get("format") == "binary" else []
    assert len(files) >= 2, files


def test_a_patch_body_requires_what_the_server_requires():
    """The API checks a PATCH body as a whole (`casework.api.base.validated_body`, not partial): the case's
    `version` and every other required member must be sent, and the contract says so. drf-spectacular's
    "Patched…" components left every member optional, so a client built from the contract left out `version` and
    got a 400 (found by the API hostile sweep starting from accepted bodies, 7 December 2026)."""
    document = openapi.published()
    schemas = document["components"]["schemas"]
    patches = 0
    for path, operations in document["paths"].items():
        operation = operations.get("patch")
        if operation is None:
            continue
        patches += 1
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        schema = schemas[schema["$ref"].rsplit("/", 1)[-1]] if "$ref" in schema else schema
        assert "version" in schema.get("required", []), f"PATCH {path}: version is optional in the contract"
    assert patches >= 5
