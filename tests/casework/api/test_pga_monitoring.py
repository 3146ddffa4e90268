"""The PGA API's monitoring (casework/pga/api/views/monitoring.py): measurements of zelfredzaamheid and monitoring
notes per agreement, through the same services as the web pages. Reads are audited; a partner without the
category is refused and recorded; bad input is a Dutch 400 that saves nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from casework.pga.casetype import PGA_CONFERENCES
from casework.pga.models import AgreementNote, SelfRelianceMeasurement
from casework.pga.services import agreement_record
from tests.auditlog import events
from tests.casework.api.conftest import error_fields, share
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")


def _measurements(case) -> str:
    return f"/api/v1/pga/cases/{case.pk}/self-reliance"


def _notes(case, agreement) -> str:
    return f"/api/v1/pga/cases/{case.pk}/agreements/{agreement.pk}/notes"


@pytest.fixture
def agreement(case, regisseur, partner_org):
    return agreement_record(actor=regisseur, case=case, description="Budgetcoach inschakelen (test)",
                            owner_organisation=partner_org, due_on=timezone.localdate() + timedelta(days=7))


def test_the_process_director_records_and_reads_measurements(as_user, case, regisseur):
    client = as_user(regisseur)
    today = timezone.localdate()
    made = client.post(_measurements(case), {"measured_on": today.isoformat(), "scores": {"finances": 2, "housing": 4}},
                       format="json")
    assert made.status_code == 201, made.content
    assert made.json()["scores"] == {"finances": 2, "housing": 4}
    listed = client.get(_measurements(case))
    assert listed.status_code == 200 and [row["id"] for row in listed.json()] == [made.json()["id"]]
    assert events(action="list", object_type="pga.SelfRelianceMeasurement", case_id=str(case.pk)).count() == 1


@pytest.mark.parametrize("body, field", [
    ({"scores": {"finances": 6}}, "scores"),
    ({"scores": {}}, "scores"),
    ({"scores": {"onbekend": 3}}, "scores"),
    ({"measured_on": "2999-01-01"}, "measured_on"),
])
def test_bad_measurements_are_a_dutch_400_and_save_nothing(as_user, case, regisseur, body, field):
    payload = {"measured_on": timezone.localdate().isoformat(), "scores": {"finances": 3}, **body}
    response = as_user(regisseur).post(_measurements(case), payload, format="json")
    assert response.status_code == 400 and response["Content-Type"].startswith("application/problem+json")
    assert field in error_fields(response)
    assert not SelfRelianceMeasurement.objects.exists()


def test_notes_per_agreement_and_another_cases_agreement_is_404(as_user, case, regisseur, agreement):
    client = as_user(regisseur)
    made = client.post(_notes(case, agreement), {"text": "Eerste afspraak met de coach gemaakt (test)."},
                       format="json")
    assert made.status_code == 201 and made.json()["agreement"] == str(agreement.pk)
    assert [row["text"] for row in client.get(_notes(case, agreement)).json()] == [
        "Eerste afspraak met de coach gemaakt (test)."]
    empty = client.post(_notes(case, agreement), {"text": "   "}, format="json")
    assert empty.status_code == 400 and "text" in error_fields(empty)
    other = make_pga_case(owner=regisseur)
    assert client.get(_notes(other, agreement)).status_code == 404
    assert client.post(_notes(other, agreement), {"text": "Verkeerd (test)."}, format="json").status_code == 404
    assert AgreementNote.objects.count() == 1


def test_a_partner_sees_notes_only_with_the_category_and_never_writes(as_user, case, regisseur, agreement,
                                                                      partner, partner_org):
    share(case, by=regisseur, partner_org=partner_org, categories=("metadata",))
    client = as_user(partner)
    assert client.get(_measurements(case)).status_code == 403
    assert client.get(_notes(case, agreement)).status_code == 403
    assert events(action="access_denied", actor_id=str(partner.pk), case_id=str(case.pk)).count() >= 2
    share(case, by=regisseur, partner_org=partner_org, categories=(PGA_CONFERENCES,))
    assert client.get(_notes(case, agreement)).status_code == 200
    refused = client.post(_notes(case, agreement), {"text": "Door de partner (test)."}, format="json")
    assert refused.status_code == 403 and not AgreementNote.objects.exists()
