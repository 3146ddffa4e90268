"""PGA services (write side): referral, conferences and agreements, plan versions, escalation.

Every service validates, runs in a transaction, writes history with a reason and its audit event.
"""

from casework.pga.services.conferences import agreement_record, agreement_update, conference_plan, conference_record
from casework.pga.services.monitoring import agreement_note_add, criteria_load, measurement_record
from casework.pga.services.partners import (
    partner_agreement_done,
    partner_agreement_note,
    partner_contribution_review,
)
from casework.pga.services.plan import escalation_set, plan_update
from casework.pga.services.referral import (
    linked_case_create,
    linked_check,
    open_cases_for_person,
    referral_register,
)

__all__ = [
    "agreement_note_add", "agreement_record", "agreement_update", "conference_plan", "conference_record",
    "criteria_load", "escalation_set", "linked_case_create", "linked_check", "measurement_record",
    "open_cases_for_person", "partner_agreement_done", "partner_agreement_note", "partner_contribution_review",
    "plan_update", "referral_register",
]
