"""Conferences, agreements, the plan of approach and escalation through the web UI."""

from __future__ import annotations

from datetime import date
from unittest import mock

import pytest
from django.urls import reverse

from audit.errors import AuditWriteError
from casework.pga import workflow as pga
from casework.pga.models import Agreement, Conference
from casework.pga.services import agreement_record, conference_plan
from encryption.pseudonyms import subject_pseudonym
from tests.casework.versions_support import with_version
from tests.casework.web.actions_support import events

pytestmark = pytest.mark.django_db(databases="__all__")


def url(name, case, **kwargs):
    return reverse(f"casework:{name}", kwargs={"case_id": case.pk, **kwargs})


@pytest.fixture
def case(case_factory):
    return case_factory(status=pga.IN_BEHANDELING)


@pytest.fixture
def logged_in(client, login, regisseur):
    login(client, regisseur)
    return client


# --- conferences --------------------------------------------------------------------------------


def test_plan_a_conference(logged_in, regisseur, case, partner_org, other_organisation):
    response = logged_in.get(url("conference_create", case))
    assert response.status_code == 200
    response = logged_in.post(url("conference_create", case), {
        "held_on": "2026-03-09", "invited": [partner_org.pk, other_organisation.pk], "attending": [partner_org.pk],
        "minutes": "Afspraken over huisvesting (test)"})
    assert response.status_code == 302
    conference = Conference.objects.get(case=case)
    assert conference.held_on == date(2026, 3, 9) and conference.created_by == regisseur
    assert set(conference.invited.all()) == {partner_org, other_organisation}
    assert list(conference.attending.all()) == [partner_org]
    assert conference.minutes == "Afspraken over huisvesting (test)"
    event = events(action="create", object_type="pga.Conference", object_id=str(conference.pk)).get()
    assert event.case_id == str(case.pk) and event.subject_pseudonym == subject_pseudonym(case.person_id)


def test_a_conference_without_a_date_saves_nothing(logged_in, case, partner_org):
    response = logged_in.post(url("conference_create", case), {"held_on": "", "invited": [partner_org.pk]})
    assert response.status_code == 200 and "held_on" in response.context["form"].errors
    response = logged_in.post(url("conference_create", case), {"held_on": "31-02-2026"})
    assert "held_on" in response.context["form"].errors
    assert not Conference.objects.filter(case=case).exists()


def test_editing_a_conference_records_the_view_before_showing_minutes(logged_in, regisseur, case, partner_org):
    conference = conference_plan(actor=regisseur, case=case, held_on=date(2026, 3, 2), invited=[partner_org],
                                 minutes="Notulen versie 1 (test)")
    response = logged_in.get(url("conference_edit", case, conference_id=conference.pk))
    assert response.status_code == 200 and "Notulen versie 1 (test)" in response.content.decode()
    view = events(action="view", object_type="pga.Conference", object_id=str(conference.pk)).get()
    assert view.case_id == str(case.pk) and view.actor_id == str(regisseur.pk)
    response = logged_in.post(url("conference_edit", case, conference_id=conference.pk), with_version(case, {
        "held_on": "2026-03-03", "invited": [partner_org.pk], "attending": [partner_org.pk],
        "minutes": "Notulen versie 2 (test)"}))
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.minutes == "Notulen versie 2 (test)" and conference.held_on == date(2026, 3, 3)
    assert list(conference.attending.all()) == [partner_org]
    assert events(action="update", object_type="pga.Conference", object_id=str(conference.pk)).exists()


def test_a_failing_audit_write_shows_no_minutes(logged_in, regisseur, case):
    conference = conference_plan(actor=regisseur, case=case, held_on=date(2026, 3, 2), invited=[],
                                 minutes="Geheime notulen (test)")
    with mock.patch("casework.web.common.record", side_effect=AuditWriteError("down")):
        response = logged_in.get(url("conference_edit", case, conference_id=conference.pk))
    assert response.status_code == 503
    assert "Geheime notulen" not in response.content.decode()


# --- agreements ---------------------------------------------------------------------------------


def test_record_an_agreement_linked_to_a_conference(logged_in, regisseur, case, partner_org):
    conference = conference_plan(actor=regisseur, case=case, held_on=date(2026, 3, 2), invited=[partner_org])
    response = logged_in.get(url("agreement_create", case) + f"?conference={conference.pk}")
    assert response.context["form"].initial["conference"] == str(conference.pk)
    response = logged_in.post(url("agreement_create", case), {
        "description": "Reclassering plant huisbezoek (test)", "owner_organisation": partner_org.pk,
        "due_on": "2026-03-20", "conference": conference.pk})
    assert response.status_code == 302
    agreement = Agreement.objects.get(case=case)
    assert (agreement.conference, agreement.owner_organisation, agreement.status) == (conference, partner_org, "open")
    assert events(action="create", object_type="pga.Agreement", case_id=str(case.pk)).count() == 1


def test_an_agreement_needs_a_description_and_a_conference_of_this_case(logged_in, regisseur, case, partner_org,
                                                                        case_factory):
    foreign = conference_plan(actor=regisseur, case=case_factory(status=pga.IN_BEHANDELING),
                              held_on=date(2026, 3, 2), invited=[])
    response = logged_in.post(url("agreement_create", case), {
        "description": "   ", "owner_organisation": partner_org.pk, "due_on": "2026-03-20"})
    assert response.status_code == 200 and "description" in response.context["form"].errors
    response = logged_in.post(url("agreement_create", case), {
        "description": "Iets (test)", "owner_organisation": partner_org.pk, "due_on": "2026-03-20",
        "conference": foreign.pk})
    assert response.status_code == 200 and "conference" in response.context["form"].errors
    assert not Agreement.objects.filter(case=case).exists()


def test_update_an_agreement(logged_in, regisseur, case, partner_org):
    agreement = agreement_record(actor=regisseur, case=case, description="Schuldhulp starten (test)",
                                 owner_organisation=partner_org, due_on=date(2026, 3, 20))
    response = logged_in.get(url("agreement_update", case, agreement_id=agreement.pk))
    assert "Schuldhulp starten (test)" in response.content.decode()
    assert events(action="view", object_type="pga.Agreement", object_id=str(agreement.pk)).count() == 1
    bad = logged_in.post(url("agreement_update", case, agreement_id=agreement.pk),
                         with_version(case, {"status": "vergeten", "due_on": "2026-03-20"}))
    assert bad.status_code == 400 and "status" in bad.context["form"].errors
    ok = logged_in.post(url("agreement_update", case, agreement_id=agreement.pk),
                        with_version(case, {"status": "late", "due_on": "2026-04-03"}))
    assert ok.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.status, agreement.due_on) == ("late", date(2026, 4, 3))
    assert events(action="update", object_type="pga.Agreement", reason="agreement status late").count() == 1


# --- plan of approach (the editor: tests/casework/pga/web/test_plan_editor.py) ------------------------


# --- escalation ---------------------------------------------------------------------------------


def test_escalation_needs_a_reason_and_is_audited(logged_in, regisseur, case):
    response = logged_in.get(url("escalation", case))
    assert response.status_code == 200
    assert events(action="view", object_type="pga.PgaCase", case_id=str(case.pk)).count() == 1
    bad = logged_in.post(url("escalation", case), with_version(case, {"escalated": "on", "reason": " "}))
    assert bad.status_code == 400 and "reason" in bad.context["form"].errors
    case.pga.refresh_from_db()
    assert case.pga.escalated is False
    ok = logged_in.post(url("escalation", case), with_version(case, {"escalated": "on",
                                                                     "reason": "Partners lopen vast (test)"}))
    assert ok.status_code == 302
    case.pga.refresh_from_db()
    assert case.pga.escalated is True and case.pga.escalation_reason == "Partners lopen vast (test)"
    assert events(action="update", object_type="pga.PgaCase", reason="escalation set").count() == 1
    lifted = logged_in.post(url("escalation", case), with_version(case, {"reason": ""}))
    assert lifted.status_code == 302
    case.pga.refresh_from_db()
    assert case.pga.escalated is False
