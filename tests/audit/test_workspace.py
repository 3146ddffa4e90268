"""audit.views: the privacy officer's workspace (role check, searches, detail, status, exports)."""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import timedelta

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import audit
from audit.actions import Action, Outcome
from audit.activities import PRIVACY_SUPERVISION
from audit.checkpoints import checkpoint_create
from audit.models import AuditEvent, VerificationRun
from audit.services import Target
from casework.damocles.casetype import PROCESSING_ACTIVITY as DAMOCLES
from casework.pga.casetype import PROCESSING_ACTIVITY as PGA_PROCESREGIE
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import event_list as events

pytestmark = pytest.mark.django_db(databases="__all__")


def _views(user, subjects, action=Action.VIEW, activity=PGA_PROCESREGIE, case_id=""):
    audit.record_batch(action=action, processing_activity=activity, actor=user,
                       targets=[Target(object_type="testapp.DemoPerson", object_id=s, subject_id=s, case_id=case_id)
                                for s in subjects])


def test_procesregisseur_is_refused_and_the_refusal_is_an_event(worker_client, procesregisseur):
    for name in ("audit:search", "audit:user_subjects", "audit:status"):
        assert worker_client.get(reverse(name)).status_code == 403
    assert worker_client.get(reverse("audit:export", args=["csv"])).status_code == 403
    denied = events(action=Action.ACCESS_DENIED)
    assert len(denied) == 4
    assert {e.actor_id for e in denied} == {str(procesregisseur.pk)}
    assert denied[0].outcome == Outcome.DENIED and denied[0].object_type == "view:audit:search"
    assert not events(action=Action.SEARCH) and not events(action=Action.EXPORT)


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("audit:search"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_search_by_subject_records_the_search(officer_client, procesregisseur, privacy_officer):
    wanted, other = uuid.uuid4(), uuid.uuid4()
    _views(procesregisseur, [wanted, other])
    pseudonym = subject_pseudonym(wanted)
    response = officer_client.post(reverse("audit:search"), {"subject": pseudonym})
    assert response.status_code == 200
    page = response.context["page"]
    assert [e.subject_pseudonym for e in page.object_list] == [pseudonym]
    (search,) = events(action=Action.SEARCH)
    assert search.actor_id == str(privacy_officer.pk)
    assert search.subject_pseudonym == pseudonym and search.processing_activity == PRIVACY_SUPERVISION


def test_search_by_user_case_action_activity_and_period(officer_client, procesregisseur, make_user):
    other_user = make_user(role="handhaver")
    case = str(uuid.uuid4())
    _views(procesregisseur, [uuid.uuid4()], case_id=case)
    _views(other_user, [uuid.uuid4()], action=Action.EXPORT, activity=DAMOCLES)
    today = timezone.localdate()

    def found(**params):
        response = officer_client.post(reverse("audit:search"), params)
        assert response.status_code == 200, response.context["form"].errors
        return [e for e in response.context["page"].object_list if e.processing_activity != PRIVACY_SUPERVISION]

    assert {e.actor_id for e in found(username=procesregisseur.username)} >= {str(procesregisseur.pk)}
    assert [e.case_id for e in found(case_id=case)] == [case]
    assert [e.actor_id for e in found(action=Action.EXPORT)] == [str(other_user.pk)]
    assert [e.actor_id for e in found(processing_activity=DAMOCLES)] == [str(other_user.pk)]
    assert len(found(date_from=today.isoformat(), date_to=today.isoformat(), action=Action.VIEW)) == 1
    assert found(date_from=(today + timedelta(days=1)).isoformat(), action=Action.VIEW) == []


@pytest.mark.parametrize("params", [
    {"subject": "Testpersoon Jansen"}, {"username": "bestaat-niet"}, {"case_id": "Jansen, Piet"},
    {"date_from": "2026-02-02", "date_to": "2026-02-01"},
    # the ends of the date range: they overflowed the period's bounds in UTC (a 500, found by the hostile sweep)
    {"date_to": "9999-12-31"}, {"date_from": "0001-01-01"}, {"date_from": "1999-12-31"},
])
def test_invalid_searches_are_refused(officer_client, params):
    response = officer_client.post(reverse("audit:search"), params)
    assert response.status_code == 400
    assert not events(action=Action.SEARCH)


@pytest.mark.parametrize(("field", "day"), [("date_to", "9999-12-31"), ("date_from", "0001-01-01")])
def test_a_period_past_the_plausible_range_is_refused_on_its_field(officer_client, procesregisseur, field, day):
    today = timezone.localdate().isoformat()
    data = {"username": procesregisseur.username, "date_from": today, "date_to": today, field: day}
    response = officer_client.post(reverse("audit:user_subjects"), data)
    assert response.status_code == 400
    assert "Kies een datum tussen 01-01-2000 en" in str(response.context["form"].errors[field])
    assert not events(action=Action.SEARCH)
    far = (timezone.localdate() + timedelta(days=366)).isoformat()  # the last day accepted: a year ahead
    assert officer_client.post(reverse("audit:user_subjects"), {**data, "date_from": today, "date_to": far}) \
        .status_code == 200


def test_search_page_query_count_is_constant(officer_client, procesregisseur):
    officer_client.get(reverse("audit:search"))  # warm up (session, caches)

    def queries() -> int:
        contexts = [CaptureQueriesContext(connections[alias]) for alias in connections]
        for context in contexts:
            context.__enter__()
        try:
            assert officer_client.get(reverse("audit:search")).status_code == 200
        finally:
            for context in contexts:
                context.__exit__(None, None, None)
        return sum(len(context) for context in contexts)

    _views(procesregisseur, [uuid.uuid4() for _ in range(3)])
    few = queries()
    _views(procesregisseur, [uuid.uuid4() for _ in range(40)])
    many = queries()
    assert few == many


def test_filters_that_name_a_person_never_travel_in_urls(officer_client, procesregisseur):
    """Pseudonyms and usernames go in POST bodies (no access log, history or Referer holds them):
    a GET ignores them, and no link or pagination on the result page carries them."""
    wanted, other = uuid.uuid4(), uuid.uuid4()
    _views(procesregisseur, [wanted, other])
    pseudonym = subject_pseudonym(wanted)
    response = officer_client.get(reverse("audit:search"), {"subject": pseudonym})
    assert response.status_code == 200 and not response.context["form"].is_bound
    assert {e.subject_pseudonym for e in response.context["page"].object_list} >= {subject_pseudonym(other)}
    _views(procesregisseur, [wanted] * 30)
    html = officer_client.post(reverse("audit:search"), {"subject": pseudonym}).content.decode()
    assert 'name="older"' in html and f'value="{pseudonym}"' in html  # the next page is a POST form
    assert "subject=" not in html and procesregisseur.username + "&" not in html
    exported = officer_client.get(reverse("audit:export", args=["json"]), {"subject": pseudonym})
    assert {item["subject_pseudonym"] for item in json.loads(b"".join(exported.streaming_content))} != {pseudonym}


def test_subjects_opened_by_a_user_in_a_period(officer_client, procesregisseur, make_user):
    seen = [uuid.uuid4() for _ in range(3)]
    _views(procesregisseur, seen)
    _views(procesregisseur, seen[:1], action=Action.LIST)
    audit.record(action=Action.LOGIN, processing_activity="account-administration", actor=procesregisseur)
    _views(make_user(role="handhaver"), [uuid.uuid4()])
    today = timezone.localdate().isoformat()
    response = officer_client.post(reverse("audit:user_subjects"),
                                  {"username": procesregisseur.username, "date_from": today, "date_to": today})
    assert response.status_code == 200
    rows = list(response.context["page"].object_list)
    assert {row["subject_pseudonym"] for row in rows} == {subject_pseudonym(s) for s in seen}
    assert {row["events"] for row in rows if row["subject_pseudonym"] == subject_pseudonym(seen[0])} == {2}
    (search,) = events(action=Action.SEARCH)
    assert search.object_id == str(procesregisseur.pk)


def test_event_detail_shows_the_register_and_is_recorded(officer_client, procesregisseur):
    subject = uuid.uuid4()
    _views(procesregisseur, [subject])
    event = AuditEvent.objects.get(subject_pseudonym=subject_pseudonym(subject))
    response = officer_client.get(reverse("audit:event_detail", args=[event.sequence]))
    assert response.status_code == 200
    body = response.content.decode()
    assert event.hash in body and "Procesregie" in body and procesregisseur.display_name in body
    viewed = events(action=Action.VIEW, object_type="audit.AuditEvent")
    assert viewed[0].object_id == str(event.sequence) and viewed[0].subject_pseudonym == event.subject_pseudonym


def test_chain_status_shows_last_run_and_checkpoint(officer_client, procesregisseur):
    _views(procesregisseur, [uuid.uuid4()])
    checkpoint_create(actor=None)
    now = timezone.now()
    VerificationRun.objects.create(started_at=now, finished_at=now, intact=False, events_checked=3,
                                   checkpoints_checked=1, head_sequence=3, first_broken_sequence=2,
                                   message="event 2 was altered")
    response = officer_client.get(reverse("audit:status"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "event 2 was altered" in body
    assert response.context["status"].last_checkpoint.sequence == response.context["status"].head.sequence - 1


def test_exports_are_recorded_and_well_formed(officer_client, procesregisseur):
    subject = uuid.uuid4()
    _views(procesregisseur, [subject])
    audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=procesregisseur,
                 reason="=HYPERLINK(\"http://example.invalid\")")
    pseudonym = subject_pseudonym(subject)

    response = officer_client.get(reverse("audit:export", args=["csv"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert any(row["subject_pseudonym"] == pseudonym for row in rows)
    assert any(row["reason"].startswith("'=HYPERLINK") for row in rows)

    response = officer_client.post(reverse("audit:export", args=["json"]), {"subject": pseudonym})
    data = [item for item in json.loads(b"".join(response.streaming_content)) if item["action"] != "export"]
    assert [item["subject_pseudonym"] for item in data] == [pseudonym]
    assert data[0]["hash"] and data[0]["occurred_at"].endswith("+00:00")

    response = officer_client.post(reverse("audit:export", args=["logboek"]), {"subject": pseudonym})
    (line,) = [item for item in json.loads(b"".join(response.streaming_content)) if item["name"] != "export"]
    assert set(line) >= {"trace_id", "span_id", "status_code", "name", "start_time", "end_time", "attributes"}
    assert line["name"] == "view" and line["status_code"] == "Ok"
    assert len(line["trace_id"]) == 32 and len(line["span_id"]) == 16
    assert line["attributes"]["dpl.core.data_subject_id"] == pseudonym
    assert line["attributes"]["dpl.core.processing_activity_id"].endswith(PGA_PROCESREGIE)
    assert line["attributes"]["dpl.core.data_subject_id_type"]
    assert line["start_time"].endswith("Z")

    exported = events(action=Action.EXPORT)
    assert [e.object_id for e in exported] == ["csv", "json", "logboek"]
    assert exported[1].subject_pseudonym == pseudonym


def test_unknown_export_format_is_refused(officer_client):
    assert officer_client.get(reverse("audit:export", args=["xml"])).status_code == 400
    assert not events(action=Action.EXPORT)


def test_export_fails_closed(officer_client, broken_audit_db):
    response = officer_client.get(reverse("audit:export", args=["csv"]))
    assert response.status_code == 503


def test_navigation_shows_privacy_to_the_officer_only(officer_client):
    response = officer_client.get(reverse("dashboard"))
    assert reverse("audit:search") in response.content.decode()


def test_pages_have_labels_captions_and_no_inline_script_or_style(officer_client, procesregisseur):
    _views(procesregisseur, [uuid.uuid4()])
    body = officer_client.get(reverse("audit:search")).content.decode()
    for field in ("subject", "username", "case_id", "action", "outcome", "processing_activity", "date_from",
                  "date_to"):
        assert f'<label class="utrecht-form-label" for="id_{field}"' in body
    assert "<caption" in body and body.count("<h1") == 1
    for page in (reverse("audit:search"), reverse("audit:status"), reverse("audit:user_subjects")):
        html = officer_client.get(page).content.decode()
        assert "style=" not in html and "<style" not in html and "onclick" not in html
        assert "<script>" not in html
