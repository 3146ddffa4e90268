"""Data-subject requests: register, extension rule, status flow, decision (UAVG 34), restriction and
erasure on a granted request, permissions, audit, and the list page (filters, pagination, queries)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.roles import PRIVACY_OFFICER, PROCESREGISSEUR
from audit.actions import Action
from audit.activities import PRIVACY_SUPERVISION
from casework import access
from casework.deadlines import objection_deadline
from casework.privacy import requests as svc
from casework.privacy.models import DataSubjectRequest
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.conftest import count_queries
from tests.factories.casework import TEST_BSNS, make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")

Kind, Status, Outcome = DataSubjectRequest.Kind, DataSubjectRequest.Status, DataSubjectRequest.Outcome
NOTES = "Verzoek per brief ontvangen, identiteit gecontroleerd (test)."



@pytest.fixture
def case(make_user):
    return make_pga_case(owner=make_user(role=PROCESREGISSEUR), status="in_behandeling", bsn=TEST_BSNS[5])


def register(officer, case, kind=Kind.INZAGE, received_on=None, **kwargs):
    return svc.request_register(actor=officer, kind=kind, received_on=received_on or timezone.localdate(),
                                person=case.person, notes=NOTES, **kwargs)


def test_registering_sets_the_due_date_and_is_audited_by_pseudonym(officer, case):
    received = timezone.localdate() - timedelta(days=3)
    row = register(officer, case, received_on=received)
    assert row.due_on == svc.answer_due_on(received) and row.status == Status.RECEIVED and row.is_open
    assert row.subject_pseudonym == subject_pseudonym(case.person_id)
    event = events(action=Action.CREATE, object_id=str(row.pk)).get()
    assert event.processing_activity == PRIVACY_SUPERVISION and event.subject_pseudonym == row.subject_pseudonym
    assert NOTES not in event.reason


def test_a_future_date_of_receipt_is_refused_and_nothing_is_saved(officer, case):
    with pytest.raises(ValidationError):
        register(officer, case, received_on=timezone.localdate() + timedelta(days=1))
    assert not DataSubjectRequest.objects.exists()


def test_other_roles_cannot_register(make_user, case):
    with pytest.raises(PermissionDenied):
        register(make_user(role=PROCESREGISSEUR), case)
    assert not DataSubjectRequest.objects.exists()


def test_an_extension_announced_within_the_first_month_adds_two_months(officer, case):
    received = timezone.localdate() - timedelta(days=40)
    row = register(officer, case, received_on=received)
    row = svc.request_extend(actor=officer, request=row, announced_on=row.due_on,
                             reason="Complex verzoek over meerdere dossiers (test).")
    assert row.extended_due_on == svc.extended_due_on(received) and row.answer_due_on == row.extended_due_on
    with pytest.raises(ValidationError):  # AVG 12(3) allows one extension
        svc.request_extend(actor=officer, request=row, announced_on=row.due_on, reason="Nog een keer verlengen.")


def test_an_extension_announced_after_the_first_month_is_refused(officer, case):
    received = timezone.localdate() - timedelta(days=40)
    row = register(officer, case, received_on=received)
    with pytest.raises(ValidationError) as refused:
        svc.request_extend(actor=officer, request=row, announced_on=row.due_on + timedelta(days=1),
                           reason="Te laat aangekondigde verlenging (test).")
    assert "announced_on" in refused.value.error_dict
    row.refresh_from_db()
    assert row.extended_due_on is None and row.extension_announced_on is None


def test_implausible_input_is_refused_and_nothing_is_saved(officer, case):
    """Found by the hostile-input sweep of the web forms (tests/casework/web/test_hostile_forms.py)."""
    with pytest.raises(ValidationError) as refused:
        register(officer, case, received_on=date(2018, 5, 24))  # before the AVG applied
    assert "received_on" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        svc.request_register(actor=officer, kind=Kind.INZAGE, received_on=timezone.localdate(), person=case.person,
                             notes="x" * 1_000_000)
    assert "notes" in refused.value.error_dict
    assert not DataSubjectRequest.objects.exists()
    row = register(officer, case)
    with pytest.raises(ValidationError):
        svc.request_update(actor=officer, request=row, notes="x" * 1_000_000)
    with pytest.raises(ValidationError):
        svc.request_extend(actor=officer, request=row, announced_on=timezone.localdate(), reason="x" * 1_000_000)
    row.refresh_from_db()
    assert row.notes == NOTES and row.extended_due_on is None


def test_the_status_flow_refuses_an_illegal_step(officer, case):
    row = register(officer, case)
    row = svc.request_transition(actor=officer, request=row, to=Status.IN_PROGRESS)
    with pytest.raises(ValidationError):
        svc.request_transition(actor=officer, request=row, to=Status.RECEIVED)
    with pytest.raises(ValidationError):
        svc.request_transition(actor=officer, request=row, to=Status.DECIDED)  # only through request_decide


def test_the_decision_is_open_to_objection_for_six_weeks(officer, case):
    row = register(officer, case)
    decided_on = timezone.localdate()
    row = svc.request_decide(actor=officer, request=row, outcome=Outcome.GRANTED, decided_on=decided_on,
                             motivation="Afschrift van de gegevens verstrekt (test).")
    assert row.status == Status.DECIDED and row.objection_deadline == objection_deadline(announced_on=decided_on)
    assert not row.is_open
    with pytest.raises(ValidationError):
        svc.request_decide(actor=officer, request=row, outcome=Outcome.REFUSED, motivation="Nogmaals beslissen.")


def test_a_decision_needs_a_motivation(officer, case):
    row = register(officer, case)
    with pytest.raises(ValidationError) as refused:
        svc.request_decide(actor=officer, request=row, outcome=Outcome.GRANTED, motivation="")
    assert "motivation" in refused.value.error_dict
    row.refresh_from_db()
    assert row.status == Status.RECEIVED


def test_a_granted_restriction_restricts_the_person_and_can_be_lifted(officer, case):
    row = register(officer, case, kind=Kind.BEPERKING)
    svc.request_decide(actor=officer, request=row, outcome=Outcome.GRANTED,
                       motivation="Juistheid wordt betwist; beperking tot de controle (test).")
    case.person.refresh_from_db()
    assert case.person.restricted and case not in access.visible_cases(case.owner)
    assert events(action=Action.RESTRICT, subject_pseudonym=subject_pseudonym(case.person_id)).exists()
    row = svc.request_get(user=officer, request_id=row.pk)
    svc.request_lift_restriction(actor=officer, request=row, reason="Controle afgerond, betrokkene geïnformeerd.")
    case.person.refresh_from_db()
    assert not case.person.restricted and case in access.visible_cases(case.owner)


def test_erasure_with_a_legal_duty_to_keep_is_refused_with_the_reason(officer, case):
    row = register(officer, case, kind=Kind.VERWIJDERING)
    row = svc.request_update(actor=officer, request=row, legal_duty_to_keep="Archiefwet, selectielijst 2020 cat. 1")
    with pytest.raises(ValidationError) as refused:
        svc.request_decide(actor=officer, request=row, outcome=Outcome.GRANTED, motivation="Verwijderen (test).")
    assert "Archiefwet" in str(refused.value)
    case.refresh_from_db()  # still there
    row = svc.request_decide(actor=officer, request=DataSubjectRequest.objects.get(pk=row.pk),
                             outcome=Outcome.REFUSED, motivation="Wettelijke bewaarplicht (Archiefwet).")
    assert row.outcome == Outcome.REFUSED


def test_granted_erasure_calls_the_retention_machinery(officer, case, monkeypatch):
    import casework.privacy.destruction as destruction

    called = {}
    monkeypatch.setattr(destruction, "erase_person", lambda **kwargs: called.update(kwargs))
    row = register(officer, case, kind=Kind.VERWIJDERING)
    row = svc.request_decide(actor=officer, request=row, outcome=Outcome.GRANTED,
                             motivation="Geen grond meer om te bewaren (test).")
    assert called["person"] == case.person and called["request"].pk == row.pk and row.status == Status.DECIDED


def test_requests_of_another_organisation_are_refused(officer, case, make_user, other_organisation):
    row = register(officer, case)
    stranger = make_user(role=PRIVACY_OFFICER, organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        svc.request_get(user=stranger, request_id=row.pk)
    assert list(svc.requests_for(user=stranger)) == []


# --- pages ---------------------------------------------------------------------------------------

def test_the_pages_work_for_a_privacy_officer(officer, case, client, login):
    login(client, officer)
    assert client.get("/privacy/requests/").status_code == 200
    response = client.post("/privacy/requests/new/", {
        "kind": Kind.INZAGE, "received_on": timezone.localdate().isoformat(), "bsn": TEST_BSNS[5], "notes": NOTES})
    assert response.status_code == 302
    row = DataSubjectRequest.objects.get()
    assert row.person_id == case.person_id and TEST_BSNS[5] not in response["Location"]
    for path in ("", "edit/", "extend/", "decide/"):
        assert client.get(f"/privacy/requests/{row.pk}/{path}").status_code == 200, path
    assert client.post(f"/privacy/requests/{row.pk}/status/", {"to": Status.IN_PROGRESS}).status_code == 302
    response = client.post(f"/privacy/requests/{row.pk}/decide/", {
        "outcome": Outcome.GRANTED, "decided_on": timezone.localdate().isoformat(), "motivation": "x"})
    assert response.status_code == 400  # motivation too short: the form shows it, nothing saved
    row.refresh_from_db()
    assert row.status == Status.IN_PROGRESS


def test_a_too_late_extension_shows_the_reason_on_the_page(officer, case, client, login):
    row = register(officer, case, received_on=timezone.localdate() - timedelta(days=45))
    login(client, officer)
    response = client.post(f"/privacy/requests/{row.pk}/extend/", {
        "announced_on": timezone.localdate().isoformat(), "reason": "Te laat aangekondigd (test)."})
    assert response.status_code == 400 and response.context["form"].errors["announced_on"]


def test_other_roles_are_refused_and_audited(make_user, client, login, officer, case):
    row = register(officer, case)
    user = make_user(role=PROCESREGISSEUR)
    login(client, user)
    for path in ("/privacy/requests/", "/privacy/requests/new/", f"/privacy/requests/{row.pk}/", "/privacy/inzage/"):
        assert client.get(path).status_code == 403, path
    assert events(action=Action.ACCESS_DENIED, actor_id=str(user.pk)).count() == 4


def test_the_list_filters_paginates_and_costs_the_same_queries_per_page(officer, case, client, login, make_user):
    login(client, officer)
    register(officer, case, kind=Kind.BEPERKING)
    client.get("/privacy/requests/")
    with count_queries() as few:
        client.get("/privacy/requests/")
    for number in range(30):
        other = make_pga_case(owner=case.owner, status="in_behandeling")
        register(officer, other, received_on=date.today() - timedelta(days=number % 10))
    with count_queries() as many:
        response = client.get("/privacy/requests/")
    assert len(many) == len(few)
    assert len(response.context["page"].object_list) == 25 and response.context["page"].paginator.count == 31
    listed = events(action=Action.LIST, processing_activity=PRIVACY_SUPERVISION)
    assert listed.count() == 1 + 1 + 25  # one event per request shown, per page view
    response = client.get("/privacy/requests/", {"kind": Kind.BEPERKING})
    assert [row.kind for row in response.context["page"].object_list] == [Kind.BEPERKING]
    assert client.get("/privacy/requests/", {"status": "nonsense"}).status_code == 400


def test_granted_erasure_really_erases_the_person_and_keeps_the_request(officer, case):
    from casework.models import Case, Person

    row = register(officer, case, kind=Kind.VERWIJDERING)
    row = svc.request_decide(actor=officer, request=row, outcome=Outcome.GRANTED,
                             motivation="Geen grond meer om te bewaren (test).")
    assert not Person.objects.filter(pk=case.person_id).exists() and not Case.objects.filter(pk=case.pk).exists()
    row = DataSubjectRequest.objects.get(pk=row.pk)
    assert row.person_id is None and row.subject_pseudonym == subject_pseudonym(case.person_id)
    assert row.status == Status.DECIDED and row.notes == NOTES  # its own data key survives the erasure


def test_an_extension_announced_on_day_31_of_a_30_day_month_is_refused_and_may_be_shorter(officer, case):
    """Received Monday 1 June 2026: the first month ends on Wednesday 1 July (Reg. 1182/71 art. 3(2)(c));
    an announcement on 2 July (day 31) is too late, one on 1 July is in time (AVG 12(3))."""
    row = register(officer, case, received_on=date(2026, 6, 1))
    assert row.due_on == date(2026, 7, 1)
    with pytest.raises(ValidationError) as refused:
        svc.request_extend(actor=officer, request=row, announced_on=date(2026, 7, 2),
                           reason="Te laat aangekondigde verlenging (test).")
    assert "announced_on" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        svc.request_extend(actor=officer, request=DataSubjectRequest.objects.get(pk=row.pk),
                           announced_on=date(2026, 7, 1), reason="Drie maanden verlengen (test).", months=3)
    assert "months" in refused.value.error_dict
    row = svc.request_extend(actor=officer, request=DataSubjectRequest.objects.get(pk=row.pk),
                             announced_on=date(2026, 7, 1), reason="Eén maand is genoeg (test).", months=1)
    assert row.extended_due_on == date(2026, 8, 3)  # 1 August is a Saturday
