"""Damocles services: the one import for the web UI, the API, letters and demo data.

The rules live in small modules, each with one job:
- registration.py: premises (found again by BAG id or address) and the procedure with its report;
- casework/damocles/policy.py (a domain module): the policy in force, earlier procedures within
  the window, the proposal;
- assessment.py: the officer's choice, deviation reasons and the proportionality test;
- decisions.py: the legal preconditions of each step (`guard_and_apply`, called by the workflow),
  the four-eyes approval request of the decision and the closure registration (Wkpb);
- tracks.py: announcements per addressee, objections, interim relief, appeals;
- policy_table.py: a team lead adds a version of the policy table.
"""

from __future__ import annotations

from casework.damocles.policy import Proposal, earlier_procedures, policy_in_force, propose_sanction
from casework.damocles.services.assessment import assessment_record, is_deviation
from casework.damocles.services.decisions import APPROVAL_SUBJECT, decision_announced, guard_and_apply
from casework.damocles.services.registration import premises_find, premises_find_or_create, procedure_register
from casework.damocles.services.tracks import (
    announcement_register,
    appeal_register,
    appeal_update,
    decision_suspended,
    interim_relief_register,
    interim_relief_update,
    objection_decision_due,
    objection_register,
    objection_update,
)

__all__ = [
    "APPROVAL_SUBJECT", "Proposal", "announcement_register", "appeal_register", "appeal_update",
    "assessment_record", "decision_announced", "decision_suspended", "earlier_procedures", "guard_and_apply",
    "interim_relief_register", "interim_relief_update", "is_deviation", "objection_decision_due",
    "objection_register", "objection_update", "policy_in_force", "premises_find", "premises_find_or_create",
    "procedure_register", "propose_sanction",
]
