"""Health probes: /health/live and /health/ready answer probes from anywhere with a status code only;
details need the monitoring token. Ready is checked without writing to the audit chain."""

from __future__ import annotations

import json

import pytest
from django.db import OperationalError
from django.test import override_settings

from audit.models import AuditEvent
from ops import health

pytestmark = pytest.mark.django_db(databases="__all__")
TOKEN = "monitoring-token-for-tests-only-0123456789"


@pytest.fixture(autouse=True)
def fresh_migration_state(monkeypatch):
    monkeypatch.setattr(health, "_migrations_ok", False)
    monkeypatch.setattr(health, "_restore_ok", False)


def test_live_answers_without_login_session_or_known_host(client):
    response = client.get("/health/live", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200 and response.content == b"live"
    assert "sessionid" not in response.cookies and response["Cache-Control"] == "no-store"


@override_settings(SECURE_SSL_REDIRECT=True, MONITORING_TOKEN=TOKEN)
def test_ready_is_a_status_code_for_anyone_and_details_for_the_monitoring_token(client):
    events = AuditEvent.objects.count()
    public = client.get("/health/ready", HTTP_HOST="127.0.0.1")  # plain HTTP behind the proxy: no redirect
    assert public.status_code == 200 and public.content == b"ready"

    wrong = client.get("/health/ready", HTTP_AUTHORIZATION="Bearer not-the-token")
    assert wrong.content == b"ready"

    detailed = client.get("/health/ready", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert detailed.status_code == 200
    body = json.loads(detailed.content)
    assert body["status"] == "ready"
    assert set(body["checks"]) == {"database:default", "database:audit", "database:keys", "audit_append",
                                   "keyring", "key_store", "migrations", "destructions_replayed"}
    assert all(check["ok"] for check in body["checks"].values())
    assert "jobs" in body
    assert AuditEvent.objects.count() == events  # probing never writes to the chain


@override_settings(MONITORING_TOKEN="")
def test_without_a_configured_token_no_details_are_ever_shown(client):
    assert client.get("/health/ready", HTTP_AUTHORIZATION="Bearer ").content == b"ready"


@override_settings(MONITORING_TOKEN=TOKEN)
def test_a_failing_key_store_makes_the_process_unready_and_names_only_the_check(client, monkeypatch):
    def refuse():
        raise OperationalError("could not connect to server at 10.0.0.9 user=zorgveilig_app")

    monkeypatch.setattr(health, "_key_store", refuse)
    assert client.get("/health/ready").status_code == 503
    body = client.get("/health/ready", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").json()
    assert body["status"] == "not ready"
    assert body["checks"]["key_store"] == {"ok": False, "detail": "OperationalError",
                                          "ms": body["checks"]["key_store"]["ms"]}
    assert "10.0.0.9" not in json.dumps(body)


def test_unapplied_migrations_make_the_process_unready(client, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    class Pending:
        app_label, name = "casework", "9999_future"

    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [(Pending(), False)])
    assert client.get("/health/ready").status_code == 503


def test_a_ready_process_remembers_its_migrations_were_checked(client, monkeypatch):
    assert client.get("/health/ready").status_code == 200
    from django.db.migrations.executor import MigrationExecutor

    def explode(self, targets):
        raise AssertionError("computed again")

    monkeypatch.setattr(MigrationExecutor, "migration_plan", explode)
    assert client.get("/health/ready").status_code == 200


def test_other_methods_and_paths_are_refused(client):
    assert client.post("/health/ready").status_code == 405
    assert client.get("/health/other").status_code == 404
