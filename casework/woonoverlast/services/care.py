"""The care offer (zorgaanbod) as a lighter intervention through a linked PGA case (domain.md §1, §5).

`care_offer_refer` opens a PGA case for the person causing the nuisance through the registry
(`casework.links.linked_case_create`: woonoverlast never imports the PGA package), records the
sharing decision that lets the care partner take part in it — with its processing activity, which
carries the legal basis, its purpose, weighing and end date (the rules of casework/sharing.py) —
links the two cases (one audit event per side) and records the intervention pointing at the PGA
case, all in one transaction. Without a valid sharing decision nothing is written: no PGA case, no
link, no care signal. The PGA case gets only the care signal the officer writes for it (its
`reason`): no report, no reporter, no zwartboek passes, and the officer gets no access to the PGA
case (a process director of the controller owns it).

`intervention_record` refuses a linked case: a link to a care case comes only from here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from audit.activities import CHAIN_SHARING
from audit.history import save_with_reason
from casework import bounds
from casework import sharing as core_sharing
from casework.links import link_create, linked_case_create
from casework.models import Case, SharingDecision
from casework.woonoverlast.casetype import CARE_LINK
from casework.woonoverlast.models import Intervention, InterventionKind
from casework.woonoverlast.services.common import require_date, require_officer_on_open, text

PGA = "pga"  # the registry code of the case type a care offer goes through
INTERVENTION_LABEL = "woonoverlast.Intervention"


def _message(exc: ValidationError) -> dict[str, str]:
    return {field: " ".join(str(m) for m in messages) for field, messages in exc.message_dict.items()}


def _share_errors(*, case: Case, share: dict[str, Any]) -> dict[str, str]:
    """The sharing rules, checked against the PGA case to be opened (its type and controller)."""
    try:
        core_sharing.validate_share(case=Case(case_type=PGA, controller_id=case.controller_id),
                                    starts_on=timezone.localdate(), **share)
    except ValidationError as exc:
        return _message(exc)
    return {}


def _share_record(*, actor: User, case: Case, share: dict[str, Any]) -> SharingDecision:
    """The sharing decision of the new PGA case (casework/sharing.py `share_record`: its rules, row and audit
    event); the officer may not open that case, so `share_create`'s access check does not apply here."""
    return core_sharing.share_record(actor=actor, case=case, **share,
                                     history_reason="sharing decision (care offer from a woonoverlast file)")


def _intervention_errors(*, carried_out_on: Any, outcome: str) -> tuple[dict[str, str], date | None]:
    errors: dict[str, str] = {}
    day = None
    try:
        day = require_date(carried_out_on, "carried_out_on")
        if day > timezone.localdate():
            errors["carried_out_on"] = _("This date cannot lie in the future.")
    except ValidationError as exc:
        errors.update(_message(exc))
    if not text(outcome):
        errors["outcome"] = _("Describe the care offered and how it was received.")
    errors.update(bounds.lengths({"outcome": text(outcome)}, bounds.SHORT_TEXT))
    return errors, day


@transaction.atomic
def care_offer_refer(*, actor: User, case: Case, carried_out_on: Any, outcome: str, reason: str, owner: User,
                     partner: Organisation, categories: list[str], purpose: str, weighing: str, ends_on: date,
                     processing_activity: str = CHAIN_SHARING, informed_status: str = "not_yet",
                     postponement_ground: str = "") -> Intervention:
    """A care offer through a new PGA case for the file's person, shared with `partner`.

    `reason`: the care signal written for the PGA case (its only content from this file); `owner`: the
    process director who gets it. `partner`, `categories` (of the PGA case), `processing_activity`,
    `purpose`, `weighing`, `ends_on`: the sharing decision. Everything is validated before anything
    is written; returns the intervention (`intervention.linked_case` is the PGA case).
    """
    require_officer_on_open(actor, case)
    if case.person_id is None:
        raise ValidationError(_("The file names no person to offer care to."), code="no_person")
    errors, day = _intervention_errors(carried_out_on=carried_out_on, outcome=outcome)
    pga = {"actor": actor, "controller": case.controller, "person": case.person, "owner": owner,
           "reason": text(reason), "referral_reason": "care offer from a woonoverlast file",
           "informed_status": informed_status, "postponement_ground": postponement_ground}
    errors.update(bounds.lengths({"reason": text(reason)}, bounds.SHORT_TEXT))
    errors.update(linked_case_create(PGA, **pga, check_only=True))
    share = {"partner": partner, "categories": list(categories), "processing_activity": processing_activity,
             "purpose": purpose, "weighing": weighing, "ends_on": ends_on}
    errors.update(_share_errors(case=case, share=share))
    if errors:
        raise ValidationError(errors)
    assert day is not None  # noqa: S101 - no error, so the date parsed
    pga_case = linked_case_create(PGA, **pga)
    _share_record(actor=actor, case=pga_case, share=share)
    row = Intervention(case=case, data_key_id=case.data_key_id, kind=InterventionKind.CARE_OFFER,
                       carried_out_on=day, outcome=text(outcome), linked_case=pga_case, created_by=actor)
    save_with_reason(row, reason="intervention recorded (care_offer, linked care case)", user=actor)
    link_create(actor=actor, from_case=case, to_case=pga_case, kind=CARE_LINK, source_type=INTERVENTION_LABEL,
                source_id=row.pk)
    return row


__all__ = ["care_offer_refer"]
