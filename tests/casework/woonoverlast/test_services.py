"""Woonoverlast services: permissions refused and audited, bad input refused with nothing half-saved,
and the audit trail of a report (no plaintext)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import HANDHAVER, KETENPARTNER, PROCESREGISSEUR
from audit.actions import Action
from audit.models import AuditEvent
from casework.models import Case, Person
from casework.woonoverlast import services
from casework.woonoverlast.models import Intervention, Melding, WoonoverlastFile
from tests.factories.casework import person_data

pytestmark = pytest.mark.django_db(databases="__all__")
SECRET = "Geheimmelder-Audit"


def test_a_report_is_audited_without_plaintext(case, officer):
    melding = services.melding_register(actor=officer, case=case, melder={**person_data(), "surname": SECRET},
                                        source="corporation", reported_on=datetime.date(2025, 4, 1), kind="filth",
                                        description="Stank uit de woning (testtekst Verklikker).")
    events = AuditEvent.objects.filter(object_type="woonoverlast.Melding", object_id=str(melding.pk))
    assert events.filter(action=Action.CREATE).exists()
    dumped = str(list(AuditEvent.objects.values()))
    assert SECRET not in dumped and "Verklikker" not in dumped
    assert melding.melder.controller_id == case.controller_id


@pytest.mark.parametrize("role", [PROCESREGISSEUR, KETENPARTNER])
def test_only_an_enforcement_officer_with_access_registers_a_report(case, make_user, other_organisation, role):
    user = make_user(role=role, organisation=other_organisation if role == KETENPARTNER else None)
    before = Person.objects.count()
    with pytest.raises(PermissionDenied):
        services.melding_register(actor=user, case=case, melder=person_data(), source="neighbour",
                                  reported_on=datetime.date(2025, 4, 1), kind="noise", description="x")
    assert Person.objects.count() == before and Melding.objects.filter(case=case).count() == 1
    assert AuditEvent.objects.filter(action=Action.ACCESS_DENIED, case_id=str(case.pk), actor_id=str(user.pk)).exists()


def test_bad_report_input_is_refused_per_field_and_nothing_is_saved(case, officer):
    before = (Person.objects.count(), Melding.objects.count())
    with pytest.raises(ValidationError) as refused:
        services.melding_register(actor=officer, case=case, melder=person_data(), source="ghost",
                                  reported_on=datetime.date.today() + datetime.timedelta(days=3), kind="x",
                                  description="   ")
    assert set(refused.value.message_dict) == {"source", "kind", "description", "reported_on"}
    assert (Person.objects.count(), Melding.objects.count()) == before


def test_the_veroorzaker_cannot_be_their_own_reporter(case, officer):
    with pytest.raises(ValidationError) as refused:
        services.melding_register(actor=officer, case=case, melder=case.person, source="neighbour",
                                  reported_on=datetime.date(2025, 4, 1), kind="noise", description="x (test)")
    assert "melder" in refused.value.message_dict


def test_opening_a_file_needs_an_officer_of_the_organisation_and_a_dwelling(make_user, organisation, officer):
    regisseur = make_user(role=PROCESREGISSEUR)
    with pytest.raises(PermissionDenied):
        services.woonoverlast_file_open(actor=regisseur, controller=organisation, person=person_data(),
                                        dwelling_address="Proeflaan 2")
    assert AuditEvent.objects.filter(action=Action.ACCESS_DENIED, reason="action:woonoverlast_file_open").exists()
    with pytest.raises(ValidationError) as refused:
        services.woonoverlast_file_open(actor=officer, controller=organisation, person=person_data(),
                                        dwelling_address=" ")
    assert "dwelling_address" in refused.value.message_dict
    assert not Case.objects.filter(case_type="woonoverlast").exists() and not WoonoverlastFile.objects.exists()
    case = services.woonoverlast_file_open(actor=officer, controller=organisation, person=person_data(),
                                           dwelling_address="Proeflaan 2")
    assert case.reference.startswith("WOV-") and case.woonoverlast.dwelling_address == "Proeflaan 2"


def test_an_intervention_in_the_future_or_without_outcome_is_refused(case, officer, make_user):
    with pytest.raises(ValidationError) as refused:
        services.intervention_record(actor=officer, case=case, kind="mediation", outcome="",
                                     carried_out_on=datetime.date.today() + datetime.timedelta(days=1))
    assert set(refused.value.message_dict) == {"outcome", "carried_out_on"}
    other = make_user(role=HANDHAVER)  # another officer of the organisation, not on the file
    with pytest.raises(PermissionDenied):
        services.intervention_record(actor=other, case=case, kind="mediation", outcome="x",
                                     carried_out_on=datetime.date(2025, 4, 1))
    assert not Intervention.objects.exists()
