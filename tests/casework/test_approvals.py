"""casework/approvals.py: four eyes — another user, a team lead, of the controlling organisation."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import PROCESREGISSEUR, TEAMLEIDER
from audit.actions import Action
from casework.approvals import approval_decide, approval_request, is_approved
from casework.models import Approval
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")

SUBJECT = "closure_order"


@pytest.fixture
def setup(make_user, other_organisation):
    owner = make_user(role=PROCESREGISSEUR)
    case = make_pga_case(owner=owner)
    approval = approval_request(case=case, subject=SUBJECT, requested_by=owner, payload={"weeks": 4})
    return {
        "owner": owner, "case": case, "approval": approval,
        "lead": make_user(role=TEAMLEIDER), "colleague": make_user(role=PROCESREGISSEUR, team=owner.team),
        "other_lead": make_user(role=TEAMLEIDER, organisation=other_organisation),
    }



def test_a_team_lead_approves_and_the_event_is_recorded(setup):
    approval = approval_decide(approval=setup["approval"], approver=setup["lead"], approve=True, reason="")
    assert approval.decision == Approval.Decision.APPROVED and approval.decided_by == setup["lead"]
    assert is_approved(case=setup["case"], subject=SUBJECT)
    event = events(action=Action.APPROVE).get()
    assert event.reason == f"{SUBJECT}:approved" and event.actor_id == str(setup["lead"].pk)
    assert event.case_id == str(setup["case"].pk)
    assert event.subject_pseudonym == subject_pseudonym(setup["case"].person_id)


def test_a_rejection_needs_a_reason_and_is_recorded(setup):
    with pytest.raises(ValidationError):
        approval_decide(approval=setup["approval"], approver=setup["lead"], approve=False, reason="")
    assert Approval.objects.get().decision == Approval.Decision.PENDING
    approval_decide(approval=setup["approval"], approver=setup["lead"], approve=False, reason="Onvoldoende (test)")
    assert Approval.objects.get().decision == Approval.Decision.REJECTED
    assert not is_approved(case=setup["case"], subject=SUBJECT)
    assert events(action=Action.APPROVE).get().reason == f"{SUBJECT}:rejected"


@pytest.mark.parametrize("approve", [True, False])
def test_a_reason_past_the_maximum_length_is_refused_and_nothing_is_decided(setup, approve):
    """Found by the full hostile-form sweep: 100,001 characters were saved as an approval's reason."""
    with pytest.raises(ValidationError) as refused:
        approval_decide(approval=setup["approval"], approver=setup["lead"], approve=approve, reason="x" * 5_001)
    assert "reason" in refused.value.message_dict
    assert Approval.objects.get().decision == Approval.Decision.PENDING
    assert not events(action=Action.APPROVE).exists()
    approval = approval_decide(approval=setup["approval"], approver=setup["lead"], approve=approve,
                               reason="x" * 5_000)
    assert approval.decision != Approval.Decision.PENDING and approval.reason == "x" * 5_000


@pytest.mark.parametrize("who", ["owner", "colleague", "other_lead"])
def test_the_requester_a_non_lead_and_a_lead_of_another_organisation_are_refused(setup, who):
    with pytest.raises(PermissionDenied):
        approval_decide(approval=setup["approval"], approver=setup[who], approve=True, reason="")
    assert Approval.objects.get().decision == Approval.Decision.PENDING
    denied = events(action=Action.ACCESS_DENIED).get()
    assert denied.actor_id == str(setup[who].pk) and denied.case_id == str(setup["case"].pk)
    assert not events(action=Action.APPROVE).exists()


def test_a_team_lead_cannot_approve_their_own_request(make_user):
    """The database constraint backs the service: requested_by and decided_by differ."""
    owner = make_user(role=PROCESREGISSEUR)
    case = make_pga_case(owner=owner)
    approval = approval_request(case=case, subject=SUBJECT, requested_by=owner)
    approval.requested_by = make_user(role=TEAMLEIDER)
    approval.save()
    with pytest.raises(PermissionDenied):
        approval_decide(approval=approval, approver=approval.requested_by, approve=True, reason="")


def test_a_decided_approval_cannot_be_decided_again_and_duplicates_are_refused(setup):
    with pytest.raises(ValidationError):
        approval_request(case=setup["case"], subject=SUBJECT, requested_by=setup["owner"])
    approval_decide(approval=setup["approval"], approver=setup["lead"], approve=True, reason="")
    with pytest.raises(ValidationError):
        approval_decide(approval=setup["approval"], approver=setup["lead"], approve=False, reason="toch niet")
    assert events(action=Action.APPROVE).count() == 1
