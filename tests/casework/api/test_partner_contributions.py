"""The PGA API's partner contributions (casework/pga/api/views/partners.py, docs/adr/0031): a chain partner
reports its organisation's agreement done (with the case `version`) or adds a monitoring note; the process
director lists them and marks one seen. Problem details in Dutch, 403 recorded, 409 when stale, an
Idempotency-Key repeat writes nothing, and after the share ends the partner gets nothing of the case."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from casework.pga.casetype import PGA_CONFERENCES
from casework.pga.models import Agreement, PartnerContribution
from casework.pga.services import agreement_record
from tests.auditlog import events
from tests.casework.api.conftest import current_version, error_messages, expire, share
from tests.factories.accounts import OrganisationFactory

pytestmark = pytest.mark.django_db(databases="__all__")
NOTE = "Eerste gesprek met de budgetcoach gevoerd (test)."


def _url(case, row=None):
    base = f"/api/v1/pga/cases/{case.pk}/partner-contributions"
    return f"{base}/{row}" if row else base


@pytest.fixture
def agreement(case, regisseur, partner_org):
    return agreement_record(actor=regisseur, case=case, description="Budgetcoach inschakelen (test)",
                            owner_organisation=partner_org, due_on=timezone.localdate() + timedelta(days=7))


@pytest.fixture
def decision(case, regisseur, partner_org):
    return share(case, by=regisseur, partner_org=partner_org, categories=(PGA_CONFERENCES,))


def test_a_partner_reports_done_and_the_process_director_marks_it_seen(as_user, case, agreement, decision, partner,
                                                                      partner_org, regisseur):
    client = as_user(partner)
    body = {"agreement": str(agreement.pk), "kind": "agreement_done", "text": NOTE}
    missing = client.post(_url(case), body, format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert missing.status_code == 400 and error_messages(missing) == {
        "version": ["Stuur de versie van de casus mee die u hebt gelezen."]}
    stale = client.post(_url(case), {**body, "version": current_version(case) - 1}, format="json")
    assert stale.status_code == 409 and not PartnerContribution.objects.exists()
    made = client.post(_url(case), {**body, "version": current_version(case)}, format="json",
                       HTTP_IDEMPOTENCY_KEY="b2a1c3d4-0000-4000-8000-000000000001")
    assert made.status_code == 201, made.content
    assert made.json()["organisation"]["name"] == partner_org.name and made.json()["processing_activity"]
    assert Agreement.objects.get(pk=agreement.pk).status == Agreement.Status.DONE
    again = client.post(_url(case), {**body, "version": current_version(case) - 1}, format="json",
                        HTTP_IDEMPOTENCY_KEY="b2a1c3d4-0000-4000-8000-000000000001")
    assert again.status_code in (200, 422) and PartnerContribution.objects.count() == 1
    assert [row["text"] for row in client.get(_url(case)).json()] == [NOTE]

    director = as_user(regisseur)
    row = made.json()["id"]
    unseen = director.patch(_url(case, row), {"seen": False, "version": current_version(case)}, format="json")
    assert unseen.status_code == 400 and list(error_messages(unseen)) == ["seen"]
    assert PartnerContribution.objects.get(pk=row).reviewed_at is None
    seen = director.patch(_url(case, row), {"seen": True, "version": current_version(case)}, format="json")
    assert seen.status_code == 200 and seen.json()["reviewed_at"]


def test_another_organisations_agreement_is_403_and_recorded(as_user, case, regisseur, decision, partner):
    theirs = agreement_record(actor=regisseur, case=case, description="Huisbezoek (test)",
                              owner_organisation=OrganisationFactory(name="Testpolitie API"),
                              due_on=timezone.localdate() + timedelta(days=7))
    response = as_user(partner).post(_url(case), {"agreement": str(theirs.pk), "kind": "agreement_note",
                                                  "text": NOTE}, format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 403 and response["Content-Type"].startswith("application/problem+json")
    assert events(action="access_denied", actor_id=str(partner.pk), reason__contains="other_organisation").exists()
    assert not PartnerContribution.objects.exists()


def test_an_overlong_note_is_a_dutch_400_and_nothing_is_saved(as_user, case, agreement, decision, partner):
    response = as_user(partner).post(_url(case), {"agreement": str(agreement.pk), "kind": "agreement_note",
                                                  "text": "x" * 5001}, format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400 and "text" in error_messages(response)
    assert not PartnerContribution.objects.exists()


def test_after_the_share_ends_the_partner_gets_nothing_of_the_case(as_user, case, agreement, decision, partner):
    client = as_user(partner)
    made = client.post(_url(case), {"agreement": str(agreement.pk), "kind": "agreement_note", "text": NOTE},
                       format="json")
    assert made.status_code == 201
    assert len(client.get(_url(case)).json()) == 1
    expire(decision)
    assert client.get(_url(case)).status_code == 403
    assert client.get(_url(case, made.json()["id"])).status_code == 403
    assert client.post(_url(case), {"agreement": str(agreement.pk), "kind": "agreement_note", "text": NOTE},
                       format="json").status_code == 403
    assert PartnerContribution.objects.count() == 1


def test_a_partner_cannot_mark_a_report_seen(as_user, case, agreement, decision, partner):
    client = as_user(partner)
    made = client.post(_url(case), {"agreement": str(agreement.pk), "kind": "agreement_note", "text": NOTE},
                       format="json")
    refused = client.patch(_url(case, made.json()["id"]), {"seen": True, "version": current_version(case)},
                           format="json")
    assert refused.status_code == 403 and PartnerContribution.objects.get().reviewed_at is None
