"""casework/services.case_handover: a team lead moves a case, with a reason, audited, versioned."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import KETENPARTNER, PROCESREGISSEUR, TEAMLEIDER
from audit.actions import Action
from casework import access
from casework.models import Case, Handover
from casework.services import case_handover
from casework.workflow import StaleEdit
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.factories.accounts import TeamFactory
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def setup(make_user, organisation, other_organisation):
    team, other_team = TeamFactory(organisation=organisation), TeamFactory(organisation=organisation)
    owner = make_user(role=PROCESREGISSEUR, team=team)
    return {
        "owner": owner, "case": make_pga_case(owner=owner), "lead": make_user(role=TEAMLEIDER, team=team),
        "successor": make_user(role=PROCESREGISSEUR, team=other_team),
        "foreign": make_user(role=PROCESREGISSEUR, organisation=other_organisation),
        "other_lead": make_user(role=TEAMLEIDER, organisation=other_organisation),
        "partner": make_user(role=KETENPARTNER, organisation=other_organisation),
    }



def test_a_team_lead_hands_over_with_a_reason_event_and_new_version(setup):
    case, successor = setup["case"], setup["successor"]
    version = case.version
    case_handover(actor=setup["lead"], case=case, new_owner=successor, reason="Verlof (test)",
                  expected_version=version)
    stored = Case.objects.get(pk=case.pk)
    assert stored.owner == successor and stored.team == successor.team and stored.version == version + 1
    event = events(action=Action.HANDOVER).get()
    assert event.actor_id == str(setup["lead"].pk) and event.case_id == str(case.pk)
    assert event.reason == f"from:{setup['owner'].pk} to:{successor.pk}"
    assert event.subject_pseudonym == subject_pseudonym(case.person_id)
    assert stored.history.latest("history_date").history_change_reason.startswith("handover ")
    assert access.case_access(successor, stored).via == "owner"
    assert not access.case_access(setup["owner"], stored)  # the old owner's team no longer holds it
    handover = Handover.objects.get(case=case)
    assert handover.reason == "Verlof (test)"  # kept, encrypted with the case key
    assert (handover.from_owner, handover.to_owner, handover.by) == (setup["owner"], successor, setup["lead"])
    assert "Verlof" not in (event.reason + stored.history.latest("history_date").history_change_reason)


def test_the_handover_and_its_reason_show_on_the_case_page_timeline(setup, client, login):
    case, successor = setup["case"], setup["successor"]
    case_handover(actor=setup["lead"], case=case, new_owner=successor, reason="Verlof (test)")
    login(client, successor)
    body = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Verlof (test)" in body and setup["owner"].display_name in body


@pytest.mark.parametrize("who", ["owner", "successor", "other_lead", "partner"])
def test_only_the_controllers_team_lead_may_hand_over(setup, who):
    with pytest.raises(PermissionDenied):
        case_handover(actor=setup[who], case=setup["case"], new_owner=setup["successor"], reason="test")
    assert Case.objects.get(pk=setup["case"].pk).owner == setup["owner"]
    assert events(action=Action.ACCESS_DENIED, actor_id=str(setup[who].pk)).count() == 1
    assert not events(action=Action.HANDOVER).exists()


@pytest.mark.parametrize(("new_owner", "reason", "field"), [
    ("successor", "  ", "reason"),
    ("foreign", "Verlof (test)", "new_owner"),
    ("partner", "Verlof (test)", "new_owner"),
    ("owner", "Verlof (test)", "new_owner"),
])
def test_bad_input_is_refused_and_nothing_changes(setup, new_owner, reason, field):
    with pytest.raises(ValidationError) as caught:
        case_handover(actor=setup["lead"], case=setup["case"], new_owner=setup[new_owner], reason=reason)
    assert field in caught.value.message_dict
    stored = Case.objects.get(pk=setup["case"].pk)
    assert stored.owner == setup["owner"] and stored.version == setup["case"].version
    assert not events(action=Action.HANDOVER).exists()


def test_a_stale_version_is_refused(setup):
    with pytest.raises(StaleEdit):
        case_handover(actor=setup["lead"], case=setup["case"], new_owner=setup["successor"], reason="Verlof",
                      expected_version=setup["case"].version - 1)
    assert Case.objects.get(pk=setup["case"].pk).owner == setup["owner"]
