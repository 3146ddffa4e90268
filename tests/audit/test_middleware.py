"""audit.middleware: request context, fail-closed 503, access_denied for every 403."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.actions import Action, Outcome
from audit.context import parse_traceparent
from audit.models import AuditEvent
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import event_list as events

pytestmark = [pytest.mark.django_db(databases="__all__"), pytest.mark.urls("tests.testapps.auditing.urls")]

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT = "00f067aa0ba902b7"


def test_view_records_with_request_context(worker_client, procesregisseur, person):
    response = worker_client.get(
        reverse("test_person_detail", args=[person.pk]),
        HTTP_TRACEPARENT=f"00-{TRACE}-{PARENT}-01", HTTP_USER_AGENT="Testbrowser/1.0", REMOTE_ADDR="192.0.2.7",
    )
    assert response.status_code == 200
    (event,) = events(action=Action.VIEW)
    assert event.subject_pseudonym == subject_pseudonym(person.pk)
    assert event.actor_id == str(procesregisseur.pk)
    assert event.trace_id == TRACE and event.parent_span_id == PARENT
    assert len(event.span_id) == 16 and event.span_id != PARENT
    assert event.client_address == "192.0.2.7"
    assert event.user_agent == "Testbrowser/1.0"
    assert event.request_id == response["X-Request-ID"]


def test_without_traceparent_a_trace_is_generated(worker_client, person):
    worker_client.get(reverse("test_person_detail", args=[person.pk]), HTTP_TRACEPARENT="garbage")
    (event,) = events(action=Action.VIEW)
    assert len(event.trace_id) == 32 and event.parent_span_id == ""


@pytest.mark.parametrize("header", [
    "00-00000000000000000000000000000000-00f067aa0ba902b7-01",  # all-zero trace id
    "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",  # all-zero parent
    "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",  # forbidden version
    "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",   # short
    "",
])
def test_invalid_traceparent_is_ignored(header):
    assert parse_traceparent(header) is None


def test_list_page_records_one_event_per_person(worker_client, people):
    worker_client.get(reverse("test_person_list"))
    listed = events(action=Action.LIST)
    assert sorted(e.subject_pseudonym for e in listed) == sorted(subject_pseudonym(p.pk) for p in people)
    assert len({e.request_id for e in listed}) == 1


def test_failing_audit_write_answers_503_without_the_data(worker_client, person, broken_audit_db):
    response = worker_client.get(reverse("test_person_detail", args=[person.pk]))
    assert response.status_code == 503
    body = response.content.decode()
    assert "Testpersoon" not in body and "Zeldzaamnaam" not in body and person.bsn not in body
    assert "Temporarily unavailable" in body or "Tijdelijk" in body


def test_rolled_back_business_transaction_keeps_the_read_event(worker_client, person):
    response = worker_client.get(reverse("test_person_rollback", args=[person.pk]))
    assert response.status_code == 409
    person.refresh_from_db()
    assert person.display_name == "Testpersoon Zeldzaamnaam"  # the business change was rolled back
    assert events(action=Action.VIEW, subject_pseudonym=subject_pseudonym(person.pk))


def test_permission_denied_records_access_denied(worker_client, procesregisseur):
    response = worker_client.get(reverse("accounts:user_list"))
    assert response.status_code == 403
    (event,) = events(action=Action.ACCESS_DENIED)
    assert event.outcome == Outcome.DENIED
    assert event.actor_id == str(procesregisseur.pk)
    assert event.object_type == "view:accounts:user_list"
    assert event.object_id == reverse("accounts:user_list")


def test_csrf_failure_is_an_access_denied_event(procesregisseur, login):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    login(client, procesregisseur)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 403
    assert events(action=Action.ACCESS_DENIED)


def test_failing_audit_write_on_403_still_refuses(worker_client, broken_audit_db):
    response = worker_client.get(reverse("accounts:user_list"))
    assert response.status_code == 503
    assert not AuditEvent.objects.filter(action=Action.ACCESS_DENIED).exists()
