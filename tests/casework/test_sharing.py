"""casework/sharing.py: validated sharing decisions, revocation, and the expiry events."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.roles import KETENPARTNER, PROCESREGISSEUR
from audit.actions import Action
from audit.activities import CHAIN_SHARING
from casework import access
from casework.categories import METADATA, PERSONALIA
from casework.models import SharingDecision
from casework.pga.casetype import PGA_CONFERENCES
from casework.sharing import expire_shares, share_create, share_revoke
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")

WEIGHING = "Alleen de afspraken zijn nodig; minder ingrijpende middelen volstaan niet (testafweging)."


@pytest.fixture
def owner(make_user):
    return make_user(role=PROCESREGISSEUR)


@pytest.fixture
def case(owner):
    return make_pga_case(owner=owner)


def valid(**overrides):
    data = {
        "categories": [PGA_CONFERENCES], "processing_activity": CHAIN_SHARING,
        "purpose": "Uitvoering van de afspraken (test).", "weighing": WEIGHING,
        "ends_on": timezone.localdate() + timedelta(days=30),
    }
    return {**data, **overrides}



def test_a_valid_share_stores_the_decision_adds_metadata_and_records_an_event(owner, case, other_organisation):
    share = share_create(actor=owner, case=case, partner=other_organisation, **valid())
    assert share.categories == [METADATA, PGA_CONFERENCES]
    assert share.decided_by == owner and share.starts_on == timezone.localdate()
    assert SharingDecision.objects.get().weighing == WEIGHING
    event = events(action=Action.SHARE).get()
    assert event.case_id == str(case.pk) and event.object_id == str(share.pk)
    assert event.subject_pseudonym == subject_pseudonym(case.person_id)
    assert event.processing_activity == CHAIN_SHARING
    assert event.reason == f"partner:{other_organisation.pk} categories:metadata,pga_conferences"


@pytest.mark.parametrize(("overrides", "field"), [
    ({"categories": []}, "categories"),
    ({"categories": ["damocles_findings"]}, "categories"),
    ({"processing_activity": "not-in-register"}, "processing_activity"),
    ({"purpose": "  "}, "purpose"),
    ({"weighing": ""}, "weighing"),
    ({"weighing": "nodig"}, "weighing"),
    ({"ends_on": timezone.localdate() - timedelta(days=1)}, "ends_on"),
])
def test_invalid_decisions_are_refused_per_field_and_nothing_is_saved(owner, case, other_organisation, overrides,
                                                                     field):
    with pytest.raises(ValidationError) as caught:
        share_create(actor=owner, case=case, partner=other_organisation, **valid(**overrides))
    assert field in caught.value.message_dict
    assert not SharingDecision.objects.exists()
    assert not events(action=Action.SHARE).exists()


def test_sharing_with_the_controller_itself_is_refused(owner, case, organisation):
    with pytest.raises(ValidationError) as caught:
        share_create(actor=owner, case=case, partner=organisation, **valid())
    assert "partner" in caught.value.message_dict


def test_only_someone_who_may_share_the_case_can(make_user, case, other_organisation):
    partner = make_user(role=KETENPARTNER, organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        share_create(actor=partner, case=case, partner=other_organisation, **valid())
    assert events(action=Action.ACCESS_DENIED, case_id=str(case.pk)).count() == 1
    assert not SharingDecision.objects.exists()


def test_revocation_ends_access_at_once_and_is_recorded(owner, case, make_user, other_organisation):
    partner = make_user(role=KETENPARTNER, organisation=other_organisation)
    share = share_create(actor=owner, case=case, partner=other_organisation, **valid(categories=[PERSONALIA]))
    assert access.case_access(partner, case).sees(PERSONALIA)
    with pytest.raises(ValidationError):
        share_revoke(actor=owner, share=share, reason=" ")
    share_revoke(actor=owner, share=share, reason="Doel bereikt (test).")
    assert not access.case_access(partner, case)
    assert not access.visible_cases(partner).exists()
    assert events(action=Action.SHARE_REVOKED, object_id=str(share.pk)).count() == 1
    with pytest.raises(ValidationError):
        share_revoke(actor=owner, share=share, reason="nog eens")


def test_expire_shares_records_one_event_per_expired_decision_only_once(owner, case, other_organisation, make_user):
    today = timezone.localdate()
    partner = make_user(role=KETENPARTNER, organisation=other_organisation)
    short = share_create(actor=owner, case=case, partner=other_organisation, **valid(ends_on=today))
    long = share_create(actor=owner, case=case, partner=other_organisation, **valid(ends_on=today + timedelta(9)))
    revoked = share_create(actor=owner, case=case, partner=other_organisation, **valid(ends_on=today))
    share_revoke(actor=owner, share=revoked, reason="Niet meer nodig (test).")

    assert expire_shares(today=today) == 0  # the end date itself still counts
    assert expire_shares(today=today + timedelta(days=1)) == 1
    assert expire_shares(today=today + timedelta(days=1)) == 0
    expired = events(action=Action.SHARE_EXPIRED)
    assert [e.object_id for e in expired] == [str(short.pk)]
    assert expired.get().subject_pseudonym == subject_pseudonym(case.person_id)
    assert SharingDecision.objects.get(pk=short.pk).expiry_recorded_at is not None
    # Access already ended by the date itself; the event only documents it.
    assert not access.case_access(partner, case, at=timezone.now() + timedelta(days=10))
    assert expire_shares(today=today + timedelta(days=10)) == 1
    assert {e.object_id for e in events(action=Action.SHARE_EXPIRED)} == {str(short.pk), str(long.pk)}
