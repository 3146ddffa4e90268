"""Cases opened from a park inspection (domain.md §3, issue 7 item 5), through the registry.

- `refer_occupant_to_pga`: a care signal found at an inspection becomes a new PGA case for that
  occupant, with the sharing decision that lets a chain partner take part, in one transaction; the
  referral is recorded as a link from the park file to the PGA case.
- `open_damocles_from_finding`: a drugs finding at the park opens a Damocles procedure (art. 13b
  Opiumwet) through the Damocles registration rules, linked to the park file.

The park package names the other case types only by their registry code: the PGA and Damocles
rules live in their own packages and are reached through `casework.links.linked_case_create`.

The referring officer decides on the sharing of the new case as part of the referral: they do
not own the PGA case (a process director does) and get no access to it, so the sharing decision
is validated and recorded with the rules of casework/sharing.py, authorised by the referral (the
officer must be able to change the park file the inspection belongs to) instead of by a share
permission on the new case.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, Team, User
from audit.actions import Action
from audit.activities import CHAIN_SHARING
from audit.history import save_with_reason
from audit.models import ProcessingActivity
from casework import access
from casework import sharing as _sharing
from casework.links import link_create, linked_case_create
from casework.models import Case, CaseLink, SharingDecision

INSPECTION_LABEL = "park.Inspection"
PGA = "pga"  # registry codes of the case types a park file can lead to
DAMOCLES = "damocles"
REFERRAL_LINK = "referral_to_pga"
FROM_FINDING_LINK = "damocles_from_finding"


def _require_inspection_case(actor: User, inspection: Any) -> Case:
    """The park file of the inspection, after the check that `actor` may change it (403 recorded)."""
    case = inspection.case
    access.require(actor, access.CHANGE, case)
    return case


def _validate_occupant(*, park_case: Case, inspection: Any, occupant: Any) -> dict[str, str]:
    if occupant.object_id != inspection.object_id:
        return {"occupant": _("The occupant does not live in the object of this inspection.")}
    if occupant.person.controller_id != park_case.controller_id:
        return {"occupant": _("The person must be registered under the case's controller.")}
    return {}


def _referral_share(*, actor: User, case: Case, partner: Organisation, categories: list[str],
                    processing_activity: str, purpose: str, weighing: str, ends_on: date) -> SharingDecision:
    """The sharing decision of the new case, with the rules and the event of casework/sharing.py."""
    chosen = _sharing.validate_share(case=case, partner=partner, categories=categories,
                                     processing_activity=processing_activity, purpose=purpose, weighing=weighing,
                                     starts_on=timezone.localdate(), ends_on=ends_on)
    activity = ProcessingActivity.objects.filter(code=processing_activity).first()
    share = SharingDecision(
        case=case, data_key_id=case.data_key_id, partner=partner, categories=chosen,
        processing_activity=processing_activity, legal_basis=activity.legal_basis[:300] if activity else "",
        purpose=purpose.strip(), weighing=weighing.strip(), starts_on=timezone.localdate(), ends_on=ends_on,
        decided_by=actor, decided_at=timezone.now(),
    )
    save_with_reason(share, reason="sharing decision (referral from a park inspection)", user=actor)
    _sharing.record_share_event(Action.SHARE, share, actor)
    return share


def _share_errors(*, park_case: Case, partner: Organisation, categories: list[str], processing_activity: str,
                  purpose: str, weighing: str, ends_on: date) -> dict[str, str]:
    """The sharing rules, checked against the new case's type and controller before anything exists."""
    try:
        _sharing.validate_share(
            case=Case(case_type=PGA, controller_id=park_case.controller_id), partner=partner,
            categories=categories, processing_activity=processing_activity, purpose=purpose,
            weighing=weighing, starts_on=timezone.localdate(), ends_on=ends_on,
        )
    except ValidationError as exc:
        return {field: " ".join(str(m) for m in messages) for field, messages in exc.message_dict.items()}
    return {}


@transaction.atomic
def refer_occupant_to_pga(
    *,
    actor: User,
    inspection: Any,
    occupant: Any,
    reason: str,
    owner: User,
    partner: Organisation,
    categories: list[str],
    purpose: str,
    weighing: str,
    ends_on: date,
    processing_activity: str = CHAIN_SHARING,
    conference_goal: str = "",
    informed_status: str = "not_yet",
    postponement_ground: str = "",
    team: Team | None = None,
) -> CaseLink:
    """Refer an occupant found at `inspection` to a new PGA case, shared with `partner`.

    `owner`: the process director who gets the PGA case (controller: the park file's controller).
    `partner`, `categories` (of the PGA case), `processing_activity` (carries the legal basis),
    `purpose`, `weighing` and `ends_on`: the sharing decision, validated as any other.
    Everything is validated before anything is written; returns the link (`link.to_case` is the
    PGA case).
    """
    park_case = _require_inspection_case(actor, inspection)
    pga = {"actor": actor, "controller": park_case.controller, "person": occupant.person, "owner": owner,
           "reason": reason, "referral_reason": "referral from a park inspection", "conference_goal": conference_goal,
           "informed_status": informed_status, "postponement_ground": postponement_ground, "team": team}
    errors = _validate_occupant(park_case=park_case, inspection=inspection, occupant=occupant)
    errors.update(linked_case_create(PGA, **pga, check_only=True))
    errors.update(_share_errors(park_case=park_case, partner=partner, categories=categories,
                                processing_activity=processing_activity, purpose=purpose, weighing=weighing,
                                ends_on=ends_on))
    if errors:
        raise ValidationError(errors)
    case = linked_case_create(PGA, **pga)
    _referral_share(actor=actor, case=case, partner=partner, categories=categories,
                    processing_activity=processing_activity, purpose=purpose, weighing=weighing, ends_on=ends_on)
    return link_create(actor=actor, from_case=park_case, to_case=case, kind=REFERRAL_LINK,
                       source_type=INSPECTION_LABEL, source_id=inspection.pk)


def _premises_of_object(obj: Any) -> dict[str, Any]:
    """The Damocles premises of a recreation object: its BAG address, when one was assigned."""
    if not (obj.street and obj.house_number and obj.postcode and obj.city):
        raise ValidationError({"premises": _(
            "This object has no address; enter the address of the premises for the Damocles procedure.")})
    return {"kind": "woning", "street": obj.street, "house_number": obj.house_number,
            "house_number_addition": obj.house_number_addition or "", "postcode": obj.postcode, "city": obj.city,
            "bag_id": obj.bag_id or ""}


@transaction.atomic
def open_damocles_from_finding(
    *,
    actor: User,
    inspection: Any,
    findings: list[dict[str, Any]],
    ground: str = "sub_a",
    summary: str = "",
    police_reference: str = "",
    received_on: date | None = None,
    premises: dict[str, Any] | Any | None = None,
    main_person: Any = None,
    owner: User | None = None,
) -> CaseLink:
    """Open a Damocles procedure from a drugs finding at `inspection`, linked to the park file.

    The finding date is the inspection date; `premises` defaults to the object's BAG address.
    `findings`: dicts with substance, amount, unit (as for the Damocles registration).
    The Damocles registration rules apply (only an enforcement officer of the controller).
    """
    park_case = _require_inspection_case(actor, inspection)
    if not inspection.drugs_found:
        raise ValidationError({"inspection": _("This inspection recorded no drugs finding.")})
    case = linked_case_create(
        DAMOCLES, actor=actor, controller=park_case.controller, owner=owner or actor,
        premises=premises if premises is not None else _premises_of_object(inspection.object),
        police_report={"received_on": received_on or timezone.localdate(), "found_on": inspection.inspected_on,
                       "ground": ground, "police_reference": police_reference, "summary": summary},
        findings=findings, main_person=main_person,
    )
    return link_create(actor=actor, from_case=park_case, to_case=case, kind=FROM_FINDING_LINK,
                       source_type=INSPECTION_LABEL, source_id=inspection.pk)


__all__ = ["open_damocles_from_finding", "refer_occupant_to_pga"]
