"""casework/breakglass.py: capability, reason, a four-hour window and a flagged event."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import HANDHAVER, KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER
from audit.actions import Action, Outcome
from casework import access
from casework.breakglass import GRANT_DURATION, break_glass_open
from casework.models import BreakGlassGrant
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.factories.accounts import OrganisationFactory, TeamFactory
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")

REASON = "Politie meldt acuut gevaar, regisseur onbereikbaar (test)."


@pytest.fixture
def case(make_user, organisation):
    return make_pga_case(owner=make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation)))



@pytest.mark.parametrize("role", [HANDHAVER, PROCESREGISSEUR])
def test_a_user_with_the_capability_gets_four_hours_and_a_flagged_event(make_user, case, role):
    user = make_user(role=role, team=TeamFactory(organisation=case.controller))
    grant = break_glass_open(user=user, case=case, reason=REASON)
    assert grant.expires_at - grant.granted_at == GRANT_DURATION == timedelta(hours=4)
    assert BreakGlassGrant.objects.get().reason == REASON
    event = events(action=Action.BREAK_GLASS).get()
    assert event.outcome == Outcome.OK and event.actor_id == str(user.pk)
    assert event.case_id == str(case.pk) and event.subject_pseudonym == subject_pseudonym(case.person_id)
    assert event.reason == f"grant:{grant.pk}"  # the user's own words stay encrypted in the grant
    assert access.case_access(user, case).via == "break_glass"
    assert not access.case_access(user, case, at=grant.expires_at)


@pytest.mark.parametrize("role", [TEAMLEIDER, PROCESREGISSEUR, HANDHAVER])
def test_another_organisation_has_no_emergency_path(make_user, case, role):
    stranger = make_user(role=role, organisation=OrganisationFactory(name="Testgemeente Buur"))
    with pytest.raises(PermissionDenied):
        break_glass_open(user=stranger, case=case, reason=REASON)
    assert not BreakGlassGrant.objects.exists()
    assert not access.case_access(stranger, case)
    assert events(action=Action.ACCESS_DENIED, actor_id=str(stranger.pk)).count() == 1


def test_a_joint_controller_colleague_may_break_the_glass(make_user, case):
    joint = OrganisationFactory(name="Testgemeente Samen")
    case.joint_controllers.add(joint)
    colleague = make_user(role=HANDHAVER, organisation=joint)
    break_glass_open(user=colleague, case=case, reason=REASON)
    assert access.case_access(colleague, case).via == "break_glass"


@pytest.mark.parametrize("role", [PRIVACY_OFFICER, KETENPARTNER])
def test_roles_without_the_capability_are_refused_with_an_event(make_user, case, other_organisation, role):
    user = make_user(role=role, organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        break_glass_open(user=user, case=case, reason=REASON)
    assert not BreakGlassGrant.objects.exists()
    denied = events(action=Action.ACCESS_DENIED).get()
    assert denied.case_id == str(case.pk) and denied.reason == "action:break_glass"
    assert not events(action=Action.BREAK_GLASS).exists()


@pytest.mark.parametrize("reason", ["", "   ", "nood"])
def test_a_reason_of_substance_is_required(make_user, case, reason):
    user = make_user(role=HANDHAVER)
    with pytest.raises(ValidationError) as caught:
        break_glass_open(user=user, case=case, reason=reason)
    assert "reason" in caught.value.message_dict
    assert not BreakGlassGrant.objects.exists() and not events(action=Action.BREAK_GLASS).exists()


def test_someone_who_already_has_access_needs_no_glass(case):
    with pytest.raises(ValidationError):
        break_glass_open(user=case.owner, case=case, reason=REASON)
    assert not BreakGlassGrant.objects.exists()
