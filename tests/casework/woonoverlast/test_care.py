"""casework/woonoverlast/services/care.py: the care offer through a linked PGA case. The PGA case,
the link and the intervention come into being only together with a valid sharing decision (its
processing activity carrying the legal basis); without one nothing is written and no data passes.
The woonoverlast package reaches the PGA rules only through the registry."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.roles import KETENPARTNER, PROCESREGISSEUR
from audit.activities import CHAIN_SHARING
from audit.models import AuditEvent
from casework import access
from casework import categories as case_categories
from casework.models import Case, CaseLink, SharingDecision
from casework.woonoverlast import services
from casework.woonoverlast.casetype import CARE_LINK
from casework.woonoverlast.models import Intervention
from tests.factories.woonoverlast import step

pytestmark = pytest.mark.django_db(databases="__all__")
WEIGHING = "Alleen de zorgpartner die het aanbod doet, en alleen wat nodig is om het aanbod te doen (test)."


@pytest.fixture
def director(make_user):
    return make_user(role=PROCESREGISSEUR)


@pytest.fixture
def shared_category():
    return next(code for code in case_categories.for_case_type("pga")
                if code != case_categories.METADATA and not case_categories.is_shielded(code))


def _offer(case, officer, director, partner, category, **over):
    values = {"carried_out_on": date(2025, 3, 20), "outcome": "Zorgaanbod besproken; bewoner staat ervoor open.",
              "reason": "Signaal: vermoedelijk verward gedrag, zorg nodig (testtekst).", "owner": director,
              "partner": partner, "categories": [case_categories.METADATA, category],
              "processing_activity": CHAIN_SHARING, "purpose": "Zorgaanbod bij woonoverlast (test).",
              "weighing": WEIGHING, "ends_on": timezone.localdate() + timedelta(days=90)}
    values.update(over)
    return services.care_offer_refer(actor=officer, case=case, **values)


def _nothing_written(case) -> bool:
    return (not Case.objects.filter(case_type="pga").exists() and not CaseLink.objects.exists()
            and not SharingDecision.objects.exists()
            and not Intervention.objects.filter(case=case, kind="care_offer").exists())


def test_a_care_offer_opens_a_shared_pga_case_and_links_it(case, officer, director, other_organisation,
                                                            make_user, shared_category):
    step(case, "interventies", by=officer)
    row = _offer(case, officer, director, other_organisation, shared_category)
    pga = row.linked_case
    assert (pga.case_type, pga.person_id, pga.controller_id, pga.owner_id) == (
        "pga", case.person_id, case.controller_id, director.pk)
    share = SharingDecision.objects.get(case=pga)
    assert (share.partner_id, share.processing_activity) == (other_organisation.pk, CHAIN_SHARING)
    assert share.legal_basis and shared_category in share.categories
    link = CaseLink.objects.get()
    assert (link.from_case_id, link.to_case_id, link.kind, link.source_id) == (case.pk, pga.pk, CARE_LINK, row.pk)
    assert AuditEvent.objects.filter(action="share", case_id=str(pga.pk)).exists()
    assert {e.case_id for e in AuditEvent.objects.filter(object_type="casework.CaseLink")} == {str(case.pk),
                                                                                              str(pga.pk)}
    partner = make_user(role=KETENPARTNER, organisation=other_organisation)
    visible = set(access.visible_cases(partner).values_list("pk", flat=True))
    assert pga.pk in visible and case.pk not in visible  # the woonoverlast file itself is not shared


@pytest.mark.parametrize("broken", [
    {"weighing": "te kort"},
    {"processing_activity": "unknown"},
    {"categories": []},
    {"ends_on": date(2020, 1, 1)},
])
def test_without_a_valid_sharing_decision_nothing_is_written(case, officer, director, other_organisation,
                                                             shared_category, broken):
    with pytest.raises(ValidationError) as refused:
        _offer(case, officer, director, other_organisation, shared_category, **broken)
    assert set(refused.value.message_dict) & {"weighing", "processing_activity", "categories", "ends_on"}
    assert _nothing_written(case)


def test_the_controller_itself_is_no_partner_and_the_owner_must_be_a_process_director(
        case, officer, director, organisation, other_organisation, shared_category):
    with pytest.raises(ValidationError) as own:
        _offer(case, officer, director, organisation, shared_category)
    assert "partner" in own.value.message_dict
    with pytest.raises(ValidationError) as owner:
        _offer(case, officer, officer, other_organisation, shared_category)
    assert "owner" in owner.value.message_dict
    assert _nothing_written(case)


def test_a_linked_case_never_comes_through_the_plain_intervention(case, officer, director):
    other = Case.objects.exclude(pk=case.pk).first() or case
    with pytest.raises(ValidationError) as refused:
        services.intervention_record(actor=officer, case=case, kind="care_offer", carried_out_on=date(2025, 3, 20),
                                     outcome="Zorg aangeboden (test).", linked_case=other)
    assert "linked_case" in refused.value.message_dict
    assert not Intervention.objects.filter(case=case, kind="care_offer").exists()


def test_only_the_enforcement_officer_offers_care_and_a_refusal_is_audited(case, director, other_organisation,
                                                                           shared_category):
    with pytest.raises(PermissionDenied):
        _offer(case, director, director, other_organisation, shared_category)
    assert AuditEvent.objects.filter(action="access_denied", case_id=str(case.pk)).exists()
    assert _nothing_written(case)


def test_the_care_offer_page(client, login, case, officer, director, other_organisation, shared_category):
    url = reverse("casework:woonoverlast_care_offer_create", args=[case.pk])
    login(client, officer)
    assert client.get(url).status_code == 200
    data = {"carried_out_on": "2025-03-20", "outcome": "Zorgaanbod besproken (test).",
            "reason": "Signaal: zorg nodig (testtekst).", "owner": str(director.pk),
            "partner": str(other_organisation.pk), "categories": [shared_category],
            "processing_activity": CHAIN_SHARING, "purpose": "Zorgaanbod (test).", "weighing": "kort",
            "ends_on": (timezone.localdate() + timedelta(days=30)).isoformat()}
    refused = client.post(url, data)
    assert refused.status_code == 400 and "weighing" in refused.context["form"].errors and _nothing_written(case)
    assert client.post(url, {**data, "weighing": WEIGHING}).status_code == 302
    assert Intervention.objects.get(case=case, kind="care_offer").linked_case.case_type == "pga"
