"""Links between cases (domain.md §3, issue 7 item 5): services that open a linked case, and the
one selector that decides which links a user sees.

- `refer_occupant_to_pga`: a care signal found at a park inspection becomes a new PGA case for
  that occupant, with the sharing decision that lets a chain partner take part, in one
  transaction; the referral is recorded as a link from the park file to the PGA case.
- `open_damocles_from_finding`: a drugs finding at the park opens a Damocles procedure (art. 13b
  Opiumwet) through the Damocles registration service, linked to the park file.
- `links_for(user, case)`: only links whose both cases the user may see (one query), so a link
  never reveals the existence of a case to someone who cannot see it.

The referring officer decides on the sharing of the new case as part of the referral: they do
not own the PGA case (a process director does) and get no access to it, so the sharing decision
is validated and recorded with the rules of casework/sharing.py, authorised by the referral
(the officer must be able to change the park file the inspection belongs to) instead of by a
share permission on the new case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, Team, User
from accounts.roles import PROCESREGISSEUR
from audit import record
from audit.actions import Action
from audit.activities import CHAIN_SHARING
from audit.history import save_with_reason
from audit.models import ProcessingActivity
from casework import access
from casework import sharing as _sharing
from casework.damocles.registration import procedure_register
from casework.models import Case, CaseLink, CaseLinkKind, CaseType, SharingDecision, processing_activity_of
from casework.pga.models import InformedStatus, PgaCase
from casework.services import case_create

INSPECTION_LABEL = "park.Inspection"


@dataclass(frozen=True)
class LinkView:
    """A link as one side of it sees it: the other case and whether it points away from this one."""

    link: CaseLink
    other: Case
    outgoing: bool

    @property
    def kind_label(self) -> str:
        return str(CaseLinkKind(self.link.kind).label)


def _link_events(link: CaseLink, actor: User) -> None:
    """One event per side of the link (each names its own case and data subject)."""
    for case, other in ((link.from_case, link.to_case), (link.to_case, link.from_case)):
        record(
            action=Action.CREATE, processing_activity=processing_activity_of(case), object_type="casework.CaseLink",
            object_id=link.pk, case_id=case.pk, subject_id=case.person_id,
            reason=f"link:{link.kind} other:{other.pk}", actor=actor,
        )


def _link_create(*, actor: User, from_case: Case, to_case: Case, kind: str, source_id: Any = None,
                 source_type: str = "") -> CaseLink:
    link = CaseLink.objects.create(from_case=from_case, to_case=to_case, kind=kind, source_type=source_type,
                                   source_id=source_id, created_by=actor, at=timezone.now())
    _link_events(link, actor)
    return link


def _require_inspection_case(actor: User, inspection: Any) -> Case:
    """The park file of the inspection, after the check that `actor` may change it (403 recorded)."""
    case = inspection.case
    access.require(actor, access.CHANGE, case)
    return case


def _validate_referral(*, park_case: Case, inspection: Any, occupant: Any, reason: str, owner: User,
                       informed_status: str, postponement_ground: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if occupant.object_id != inspection.object_id:
        errors["occupant"] = _("The occupant does not live in the object of this inspection.")
    elif occupant.person.controller_id != park_case.controller_id:
        errors["occupant"] = _("The person must be registered under the case's controller.")
    if not reason.strip():
        errors["reason"] = _("Describe the care signal that leads to the referral.")
    if owner.organisation_id != park_case.controller_id or owner.role != PROCESREGISSEUR or not owner.is_active:
        errors["owner"] = _("The owner must be an active process director of the controller.")
    if informed_status not in InformedStatus.values:
        errors["informed_status"] = _("Unknown status.")
    elif informed_status == InformedStatus.POSTPONED and not postponement_ground.strip():
        errors["postponement_ground"] = _("State the ground for postponing informing the person.")
    return errors


def _referral_share(*, actor: User, case: Case, partner: Organisation, categories: list[str],
                    processing_activity: str, purpose: str, weighing: str, ends_on: date) -> SharingDecision:
    """The sharing decision of the new PGA case, with the rules and the event of casework/sharing.py."""
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
    informed_status: str = InformedStatus.NOT_YET,
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
    errors = _validate_referral(park_case=park_case, inspection=inspection, occupant=occupant, reason=reason,
                                owner=owner, informed_status=informed_status,
                                postponement_ground=postponement_ground)
    try:  # the sharing rules, checked against the case type and controller before anything exists
        _sharing.validate_share(
            case=Case(case_type=CaseType.PGA, controller_id=park_case.controller_id), partner=partner,
            categories=categories, processing_activity=processing_activity, purpose=purpose,
            weighing=weighing, starts_on=timezone.localdate(), ends_on=ends_on,
        )
    except ValidationError as exc:
        errors.update({field: " ".join(str(m) for m in messages) for field, messages in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    case = case_create(case_type=CaseType.PGA, owner=owner, controller=park_case.controller, person=occupant.person,
                       team=team, referring_organisation=actor.organisation, by=actor,
                       reason="referral from a park inspection")
    save_with_reason(PgaCase(
        case=case, data_key_id=case.data_key_id, aanleiding=reason.strip(), conference_goal=conference_goal.strip()
        or None, informed_status=informed_status,
        postponement_ground=postponement_ground.strip() or None,
    ), reason="referral from a park inspection", user=actor)
    _referral_share(actor=actor, case=case, partner=partner, categories=categories,
                    processing_activity=processing_activity, purpose=purpose, weighing=weighing, ends_on=ends_on)
    return _link_create(actor=actor, from_case=park_case, to_case=case, kind=CaseLinkKind.REFERRAL_TO_PGA,
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
    `findings`: dicts with substance, amount, unit (as for casework.damocles.registration).
    The Damocles registration rules apply (only an enforcement officer of the controller).
    """
    park_case = _require_inspection_case(actor, inspection)
    if not inspection.drugs_found:
        raise ValidationError({"inspection": _("This inspection recorded no drugs finding.")})
    case = procedure_register(
        actor=actor, controller=park_case.controller, owner=owner or actor,
        premises=premises if premises is not None else _premises_of_object(inspection.object),
        police_report={"received_on": received_on or timezone.localdate(), "found_on": inspection.inspected_on,
                       "ground": ground, "police_reference": police_reference, "summary": summary},
        findings=findings, main_person=main_person,
    )
    return _link_create(actor=actor, from_case=park_case, to_case=case, kind=CaseLinkKind.DAMOCLES_FROM_FINDING,
                        source_type=INSPECTION_LABEL, source_id=inspection.pk)


def links_for(user: User, case: Case) -> list[LinkView]:
    """The links of `case` whose both cases `user` may see now, oldest first, in one query."""
    visible = access.visible_cases(user).values("pk")
    links = (
        CaseLink.objects.filter(Q(from_case=case) | Q(to_case=case))
        .filter(from_case__in=visible, to_case__in=visible)
        .select_related("from_case", "to_case", "created_by")
        .order_by("at")
    )
    return [LinkView(link=link, other=link.to_case if link.from_case_id == case.pk else link.from_case,
                     outgoing=link.from_case_id == case.pk) for link in links]


__all__ = ["LinkView", "links_for", "open_damocles_from_finding", "refer_occupant_to_pga"]
