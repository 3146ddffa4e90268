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
