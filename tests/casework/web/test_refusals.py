"""Refusals answered 404 are audited when the object exists (casework/refusals.py), and refusals
are limited per user (audit/refusals.py): past the limit 429, and nothing more is written."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from casework.pga import workflow as pga
from casework.pga.models import Agreement
from casework.pga.services import agreement_record, conference_plan
from casework.privacy.models.retention import RetentionBasis, Tombstone
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.casework.api.conftest import api_client

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


def _agreement(case, regisseur, partner_org) -> Agreement:
    conference = conference_plan(actor=regisseur, case=case, held_on=date(2026, 3, 2), invited=[partner_org],
                                 minutes="Notulen (test)")
    return agreement_record(actor=regisseur, case=case, description="Afspraak (test)",
                            owner_organisation=partner_org, due_on=date(2026, 4, 1), conference=conference)


def test_another_cases_object_addressed_through_ones_own_case_is_audited(client, login, regisseur, partner_org,
                                                                         case_factory):
    own, other = case_factory(status=pga.IN_BEHANDELING), case_factory(status=pga.IN_BEHANDELING)
    agreement = _agreement(other, regisseur, partner_org)
    login(client, regisseur)
    url = reverse("casework:agreement_update", kwargs={"case_id": own.pk, "agreement_id": agreement.pk})
    assert client.get(url).status_code == 404
    (event,) = events(action="access_denied")
    assert (event.outcome, event.object_type, event.object_id) == ("denied", "pga.Agreement", str(agreement.pk))
    assert event.case_id == str(other.pk)
    assert event.subject_pseudonym == subject_pseudonym(other.person_id)
    assert event.actor_id == str(regisseur.pk) and "answered 404" in event.reason


def test_unknown_ids_write_nothing(client, login, regisseur, case_factory):
    case = case_factory(status=pga.IN_BEHANDELING)
    login(client, regisseur)
    assert client.get(reverse("casework:plan_update", kwargs={"case_id": uuid.uuid4()})).status_code == 404
    url = reverse("casework:agreement_update", kwargs={"case_id": case.pk, "agreement_id": uuid.uuid4()})
    assert client.get(url).status_code == 404
    assert not events(action="access_denied").exists()


def test_a_destroyed_dossier_is_audited_without_a_subject(client, login, regisseur):
    case_id = uuid.uuid4()
    Tombstone.objects.create(case_id=case_id, case_type="pga", reference="PGA-2019-0001", opened_on=date(2019, 1, 2),
                             basis=RetentionBasis.CARE_AND_SAFETY, requested_by_name="Privacy Officer (test)",
                             destroyed_at=timezone.now())
    login(client, regisseur)
    assert client.get(reverse("casework:case_detail", kwargs={"case_id": case_id})).status_code == 404
    (event,) = events(action="access_denied")
    assert event.case_id == str(case_id) and event.subject_pseudonym == ""
    assert "case destroyed" in event.reason


def test_api_404_for_an_existing_case_is_audited(other_team_lead, regisseur, case_factory):
    case = case_factory(status=pga.IN_BEHANDELING)
    response = api_client(other_team_lead).get(f"/api/v1/damocles/cases/{case.pk}")
    assert response.status_code == 404  # a PGA case is not a Damocles procedure
    (event,) = events(action="access_denied", case_id=str(case.pk))
    assert event.subject_pseudonym == subject_pseudonym(case.person_id)


def test_refusals_beyond_the_limit_answer_429_and_write_nothing(settings, client, login, regisseur, partner_org,
                                                                case_factory):
    settings.AUDIT_REFUSAL_LIMIT = 2
    own, other = case_factory(status=pga.IN_BEHANDELING), case_factory(status=pga.IN_BEHANDELING)
    agreement = _agreement(other, regisseur, partner_org)
    login(client, regisseur)
    url = reverse("casework:agreement_update", kwargs={"case_id": own.pk, "agreement_id": agreement.pk})
    assert [client.get(url).status_code for _ in range(2)] == [404, 404]
    limited = client.get(url)
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert "Te vaak geweigerd" in limited.content.decode()
    assert client.get(url).status_code == 429
    unknown = reverse("casework:agreement_update", kwargs={"case_id": own.pk, "agreement_id": uuid.uuid4()})
    assert client.get(unknown).status_code == 429  # past the limit an unknown id looks the same
    denied = list(events(action="access_denied").order_by("sequence"))
    assert len(denied) == 3 and "refusal limit reached" in denied[-1].reason


def test_403_refusals_count_against_the_same_limit(settings, client, login, other_team_user, case_factory):
    settings.AUDIT_REFUSAL_LIMIT = 1
    case = case_factory(status=pga.IN_BEHANDELING)
    login(client, other_team_user)
    url = reverse("casework:case_detail", kwargs={"case_id": case.pk})
    assert client.get(url).status_code == 403
    assert client.get(url).status_code == 429
    assert client.get(url).status_code == 429
    assert events(action="access_denied", case_id=str(case.pk)).count() == 2


def test_api_refusals_beyond_the_limit_answer_problem_json(settings, other_team_lead, case_factory):
    settings.AUDIT_REFUSAL_LIMIT = 0
    case = case_factory(status=pga.IN_BEHANDELING)
    response = api_client(other_team_lead).get(f"/api/v1/damocles/cases/{case.pk}")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json" and response.json()["status"] == 429
