"""casework/access.py: who reaches a case, by which path, with which categories, and the refusals.

Each path (owner, team, guardian grant, team lead, share, break-the-glass) is tested on both
`visible_cases` (the SQL filter every list uses) and `case_access` (one case), so the two can
never disagree without a test failing.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from guardian.shortcuts import assign_perm

from accounts.models import User
from accounts.roles import HANDHAVER, KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER
from audit.actions import Action, Outcome
from audit.activities import CHAIN_SHARING
from audit.models import AuditEvent
from casework import access
from casework.breakglass import break_glass_open
from casework.categories import METADATA, PERSONALIA
from casework.pga.casetype import PGA_PLAN
from casework.sharing import share_create, share_revoke
from encryption.pseudonyms import subject_pseudonym
from tests.factories.accounts import OrganisationFactory, TeamFactory
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")

WEIGHING = "Proportioneel en subsidiair: alleen wat het overleg nodig heeft (testafweging)."


def visible(user, **kwargs) -> set:
    return set(access.visible_cases(user, **kwargs).values_list("pk", flat=True))


def share(case, actor, partner, categories=(PERSONALIA,), days=30):
    return share_create(
        actor=actor, case=case, partner=partner, categories=list(categories), processing_activity=CHAIN_SHARING,
        purpose="Afstemming in het casusoverleg (test).", weighing=WEIGHING,
        ends_on=timezone.localdate() + timedelta(days=days),
    )


@pytest.fixture
def world(make_user, organisation, other_organisation):
    team, other_team = TeamFactory(organisation=organisation), TeamFactory(organisation=organisation)
    owner = make_user(role=PROCESREGISSEUR, team=team)
    case = make_pga_case(owner=owner)
    return {
        "case": case, "owner": owner, "team": team,
        "colleague": make_user(role=PROCESREGISSEUR, team=team),
        "other_team": make_user(role=PROCESREGISSEUR, team=other_team),
        "lead": make_user(role=TEAMLEIDER, team=team),
        "other_lead": make_user(role=TEAMLEIDER, organisation=other_organisation),
        "partner": make_user(role=KETENPARTNER, organisation=other_organisation),
        "handhaver": make_user(role=HANDHAVER, team=other_team),
        "privacy": make_user(role=PRIVACY_OFFICER),
        "other_org": make_user(role=PROCESREGISSEUR, organisation=OrganisationFactory(name="Testgemeente Oost")),
    }


def test_owner_and_team_member_reach_the_case_with_every_category(world):
    case = world["case"]
    for name, via in (("owner", "owner"), ("colleague", "team")):
        found = access.case_access(world[name], case)
        assert found.via == via
        assert found.sees(PERSONALIA) and found.allows(access.CHANGE) and found.allows(access.TRANSITION)
        assert case.pk in visible(world[name])


@pytest.mark.parametrize("name", ["other_team", "other_lead", "partner", "handhaver", "privacy", "other_org"])
def test_users_without_a_path_see_nothing(world, name):
    assert not access.case_access(world[name], world["case"])
    assert visible(world[name]) == set()


def test_a_guardian_view_grant_gives_read_only_access(world):
    user, case = world["other_team"], world["case"]
    assign_perm("view_case", user, case)
    found = access.case_access(user, case)
    assert found.via == "grant" and found.allows(access.VIEW) and not found.allows(access.CHANGE)
    assert visible(user) == {case.pk}


def test_a_guardian_change_grant_lets_the_user_work_on_the_case(world):
    user, case = world["other_team"], world["case"]
    assign_perm("change_case", user, case)
    assert access.case_access(user, case).allows(access.TRANSITION)
    assert visible(user) == {case.pk}


def test_a_model_level_permission_grants_no_rows(world):
    """Pitfall 4: a global view_case permission must not open every case."""
    user = world["other_team"]
    for codename in ("view_case", "change_case"):
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="casework"))
    user = User.objects.get(pk=user.pk)  # drop the permission cache
    assert user.has_perm("casework.view_case")
    assert visible(user) == set()
    assert not access.case_access(user, world["case"])


def test_the_team_lead_of_the_controller_supervises_but_does_not_edit(world):
    lead, case = world["lead"], world["case"]
    found = access.case_access(lead, case)
    assert found.via == "supervision"
    assert found.allows(access.HANDOVER) and found.allows(access.APPROVE) and not found.allows(access.CHANGE)
    assert case.pk in visible(lead)


def test_a_partner_sees_only_the_shared_categories_while_the_share_runs(world):
    partner, case = world["partner"], world["case"]
    decision = share(case, world["owner"], partner.organisation, categories=[PGA_PLAN], days=10)
    found = access.case_access(partner, case)
    assert found.via == "share" and found.allows(access.VIEW) and not found.allows(access.CHANGE)
    assert found.categories == {METADATA, PGA_PLAN}
    assert not found.sees(PERSONALIA)
    assert visible(partner) == {case.pk}
    assert decision.ends_on == timezone.localdate() + timedelta(days=10)
    # The end date is inclusive; the day after, the share no longer counts (checked on every access).
    last_day = timezone.now() + timedelta(days=10)
    assert visible(partner, at=last_day) == {case.pk}
    after = timezone.now() + timedelta(days=11)
    assert visible(partner, at=after) == set()
    assert not access.case_access(partner, case, at=after)


def test_a_share_with_another_organisation_gives_this_partner_nothing(world):
    share(world["case"], world["owner"], OrganisationFactory(name="Testggz West"))
    assert visible(world["partner"]) == set()


def test_revocation_ends_partner_access_at_once(world):
    partner, case = world["partner"], world["case"]
    decision = share(case, world["owner"], partner.organisation)
    assert visible(partner) == {case.pk}
    share_revoke(actor=world["owner"], share=decision, reason="Niet langer nodig (test).")
    assert visible(partner) == set()
    assert not access.case_access(partner, case)


def test_break_the_glass_gives_read_access_for_four_hours(world):
    user, case = world["handhaver"], world["case"]
    grant = break_glass_open(user=user, case=case, reason="Acute dreiging gemeld door de politie (test).")
    assert access.case_access(user, case).via == "break_glass"
    assert not access.case_access(user, case).allows(access.CHANGE)
    assert visible(user, at=grant.granted_at + timedelta(hours=3, minutes=59)) == {case.pk}
    assert access.case_access(user, case, at=grant.granted_at + timedelta(hours=3, minutes=59))
    assert visible(user, at=grant.granted_at + timedelta(hours=4)) == set()
    assert not access.case_access(user, case, at=grant.granted_at + timedelta(hours=4, minutes=1))


def test_a_privacy_officer_reaches_no_case_content_even_of_their_own_organisation(world):
    privacy, case = world["privacy"], world["case"]
    assert privacy.organisation_id == case.controller_id
    assert not access.case_access(privacy, case)
    assert visible(privacy) == set()
    share(case, world["owner"], OrganisationFactory(name="Testreclassering"))
    assert visible(privacy) == set()


def test_an_inactive_user_sees_nothing(world):
    owner, case = world["owner"], world["case"]
    owner.is_active = False
    owner.save(update_fields=["is_active"])
    assert visible(owner) == set()
    assert not access.case_access(owner, case)


def test_require_refuses_with_an_access_denied_event_naming_the_case_and_subject(world):
    user, case = world["other_team"], world["case"]
    with pytest.raises(PermissionDenied):
        access.require(user, access.VIEW, case)
    event = AuditEvent.objects.using("audit").filter(action=Action.ACCESS_DENIED).get()
    assert event.outcome == Outcome.DENIED
    assert event.case_id == str(case.pk)
    assert event.subject_pseudonym == subject_pseudonym(case.person_id)
    assert event.actor_id == str(user.pk)
    assert event.reason == "action:view"


def test_require_refuses_an_action_the_path_does_not_allow(world):
    partner, case = world["partner"], world["case"]
    share(case, world["owner"], partner.organisation)
    assert access.require(partner, access.VIEW, case).via == "share"
    with pytest.raises(PermissionDenied):
        access.require(partner, access.CHANGE, case)
    assert AuditEvent.objects.using("audit").filter(action=Action.ACCESS_DENIED, case_id=str(case.pk)).count() == 1


def test_require_rejects_an_unknown_action(world):
    with pytest.raises(ValueError):
        access.require(world["owner"], "delete_everything", world["case"])
