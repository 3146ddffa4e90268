"""Monitoring a gedragsaanwijzing: compliance checks. A check that finds the order not complied
with is what establishes a forfeiture (the core's penalties, `basis` = the check) or makes
bestuursdwang necessary (services/enforcement.py)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.history import save_with_reason
from casework import bounds
from casework.woonoverlast.models import BehaviouralOrder, ComplianceCheck, DecisionState
from casework.woonoverlast.services.common import require_date, require_officer_on_open, text


@transaction.atomic
def check_record(*, actor: User, order: BehaviouralOrder, checked_on: Any, complied: bool,
                 findings: str) -> ComplianceCheck:
    """A check of an imposed gedragsaanwijzing: complied with or not, with the findings."""
    require_officer_on_open(actor, order.case)
    errors: dict[str, Any] = {}
    if order.state != DecisionState.IMPOSED or order.decided_on is None:
        raise ValidationError(_("Only a gedragsaanwijzing in force is checked."), code="not_imposed")
    day = require_date(checked_on, "checked_on")
    if day < order.decided_on:
        errors["checked_on"] = _("A check cannot precede the gedragsaanwijzing.")
    elif day > timezone.localdate():
        errors["checked_on"] = _("This date cannot lie in the future.")
    if not isinstance(complied, bool):
        errors["complied"] = _("State whether the gedragsaanwijzing was complied with.")
    if not text(findings):
        errors["findings"] = _("Describe the findings.")
    errors.update(bounds.lengths({"findings": text(findings)}, bounds.SHORT_TEXT))
    if errors:
        raise ValidationError(errors)
    row = ComplianceCheck(case=order.case, data_key_id=order.case.data_key_id, order=order, checked_on=day,
                          complied=complied, findings=text(findings), created_by=actor)
    save_with_reason(row, reason=f"compliance check ({'complied' if complied else 'not complied'})", user=actor)
    return row
