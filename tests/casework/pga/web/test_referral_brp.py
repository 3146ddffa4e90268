"""The referral form's BRP lookup (casework/brp/forms.py): the step fills name and date of birth and saves nothing,
the saved person records the BRP as source only while the filled details are unchanged, and a chain partner is
refused before anything is sent."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.brp.prefill import source_label
from casework.models import Case, Person
from casework.pga.models import InformedStatus
from tests.auditlog import event_list

pytestmark = pytest.mark.django_db(databases="__all__")
URL = reverse("casework:referral_create")
BSN = "999999837"  # Daniel Doornenbal, an RvIG test person (tests/contracts/brp/)


def form_data(**overrides):
    data = {"first_names": "", "surname": "", "bsn": BSN, "date_of_birth": "", "address": "", "phone": "",
            "aanleiding": "Zorgen over overlast (testaanmelding).", "informed_status": InformedStatus.NOT_YET,
            "informed_on": "", "postponement_ground": ""}
    data.update(overrides)
    return data


def _looked_up(client, **overrides):
    response = client.post(URL, form_data(brp_action="lookup", **overrides))
    assert response.status_code == 200
    return response.context["form"]


def test_the_lookup_fills_the_person_and_the_saved_person_records_the_brp_as_source(client, login, regisseur, brp):
    login(client, regisseur)
    form = _looked_up(client)
    assert (form.initial["first_names"], form.initial["surname"], form.initial["date_of_birth"]) == (
        "Daniel", "Doornenbal", date(1973, 3, 1))
    assert Person.objects.count() == 0 and Case.objects.count() == 0  # a step saves nothing
    submitted = form_data(first_names="Daniel", surname="Doornenbal", date_of_birth="1973-03-01",
                          brp_token=form.initial["brp_token"])
    assert client.post(URL, submitted).status_code == 302
    person = Case.objects.get().person
    assert person.brp_verified_on == timezone.localdate()
    assert source_label(person.brp_verified_on).startswith("BRP, ")
    (lookup,) = event_list(object_type="brp.Persoon")
    assert (lookup.outcome, lookup.processing_activity) == ("ok", "pga-procesregie")


def test_details_changed_after_the_lookup_are_stored_as_not_verified(client, login, regisseur, brp):
    login(client, regisseur)
    token = _looked_up(client).initial["brp_token"]
    client.post(URL, form_data(first_names="Danny", surname="Doornenbal", date_of_birth="1973-03-01",
                               brp_token=token))
    assert Case.objects.get().person.brp_verified_on is None
    assert source_label(None) in ("not verified in the BRP", "niet geverifieerd in BRP")


def test_a_failing_brp_shows_a_clear_message_and_the_form_stays_usable(client, login, regisseur, brp):
    brp.mode = "error"
    login(client, regisseur)
    response = client.post(URL, form_data(brp_action="lookup"))
    assert response.context["person_step"].message and not response.context["person_step"].found
    assert Person.objects.count() == 0


def test_a_chain_partner_sees_no_lookup_and_a_forced_one_is_refused_before_sending(client, login, partner, brp):
    login(client, partner)
    assert client.get(URL).context["person_step"].enabled is False
    response = client.post(URL, form_data(brp_action="lookup"))
    assert response.context["person_step"].message
    assert brp.received == [] and Person.objects.count() == 0
    (refused,) = event_list(object_type="brp.Persoon")
    assert refused.outcome == "denied"


def test_a_lookup_of_a_person_already_held_names_them_by_pseudonym_in_the_audit_trail(client, login, regisseur,
                                                                                        brp):
    from encryption.pseudonyms import subject_pseudonym
    from tests.factories.casework import make_pga_case

    known = make_pga_case(owner=regisseur, bsn=BSN).person
    login(client, regisseur)
    _looked_up(client)
    (lookup,) = event_list(object_type="brp.Persoon")
    assert lookup.subject_pseudonym == subject_pseudonym(known.pk)
