"""The live OpenAPI schema and Swagger UI: logged-in users only, valid without warnings, no inline script.
(The published document, readable by anyone: test_openapi.py.)"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from tests.casework.api.conftest import api_client

pytestmark = pytest.mark.django_db(databases="__all__")


def test_schema_and_docs_need_a_login():
    for url in ("/api/v1/schema", "/api/v1/docs", "/api/v1/docs?script="):
        assert APIClient().get(url).status_code == 401


def test_schema_served_to_logged_in_user(regisseur):
    response = api_client(regisseur).get("/api/v1/schema?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/cases", "/pga/cases/{case_id}/transitions", "/persons/{person_id}",
                 "/cases/{case_id}/shares/{share_id}/revocation", "/auth/token"):
        assert path in paths
    assert "/persons" not in paths  # no list of all persons


def test_schema_generation_has_no_errors_or_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    assert (tmp_path / "schema.yml").read_text().startswith("openapi:")


def test_swagger_ui_has_no_inline_script_or_style(regisseur):
    client = api_client(regisseur)
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    assert "<style" not in html and "style=" not in html
    assert "cdn" not in html.lower() and "drf_spectacular_sidecar" in html
    init = client.get("/api/v1/docs?script=")
    assert init.status_code == 200 and init["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema" in init.content.decode()
    assert "unsafe-inline" not in response.headers.get("Content-Security-Policy", "")
