"""PGA services: referral, conferences, agreements, plan versions, escalation."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation, Team, User
from accounts.roles import KETENPARTNER, PROCESREGISSEUR
from audit.history import save_with_reason
from casework import access
from casework.models import Case
from casework.persons import person_register
from casework.pga.casetype import CASE_TYPE, PROCESSING_ACTIVITY
from casework.pga.models import Agreement, Conference, InformedStatus, Leefgebied, PgaCase, PlanVersion
from casework.services import case_create


def _validate_informing(informed_status: str, informed_on: date | None, postponement_ground: str) -> None:
    if informed_status == InformedStatus.POSTPONED and not postponement_ground.strip():
        raise ValidationError({"postponement_ground": _("State the ground for postponing informing the person.")})
    if informed_status == InformedStatus.INFORMED and informed_on is None:
        raise ValidationError({"informed_on": _("State when the person was informed.")})


@transaction.atomic
def referral_register(
    *,
    actor: User,
    controller: Organisation,
    owner: User,
    person: dict[str, Any],
    aanleiding: str,
    conference_goal: str = "",
    partners_to_invite: list[Organisation] | None = None,
    informed_status: str = InformedStatus.NOT_YET,
    informed_on: date | None = None,
    postponement_ground: str = "",
    team: Team | None = None,
) -> Case:
    """Register a referral (aanmelding): the person (reused within this controller), the case, its details.

    A procesregisseur registers for their own organisation; a chain partner submits one for the
    controller, which then arrives for triage with the controller's procesregisseur as owner.
    """
    if actor.role == PROCESREGISSEUR:
        if controller.pk != actor.organisation_id:
            raise PermissionDenied(_("You can only register referrals for your own organisation."))
    elif actor.role != KETENPARTNER:
        raise PermissionDenied(_("Your role cannot register referrals."))
    if owner.organisation_id != controller.pk or owner.role != PROCESREGISSEUR or not owner.is_active:
        raise ValidationError({"owner": _("The owner must be an active process director of the controller.")})
    if not aanleiding.strip():
        raise ValidationError({"aanleiding": _("Describe the reason for the referral.")})
    _validate_informing(informed_status, informed_on, postponement_ground)
    subject, _created = person_register(actor=actor, controller=controller, processing_activity=PROCESSING_ACTIVITY,
                                        **person)
    case = case_create(
        case_type=CASE_TYPE, owner=owner, controller=controller, person=subject, team=team,
        referring_organisation=actor.organisation, by=actor, reason="referral registered",
    )
    details = PgaCase(
        case=case, data_key_id=case.data_key_id, aanleiding=aanleiding.strip(),
        conference_goal=conference_goal.strip() or None, informed_status=informed_status, informed_on=informed_on,
        postponement_ground=postponement_ground.strip() or None,
    )
    save_with_reason(details, reason="referral registered", user=actor)
    if partners_to_invite:
        details.partners_to_invite.set(partners_to_invite)
    return case


def linked_check(*, controller: Organisation, owner: User, reason: str, informed_status: str = InformedStatus.NOT_YET,
                 postponement_ground: str = "", **_ignored: Any) -> dict[str, str]:
    """What would stop `linked_case_create` (field -> message), checked before anything is written."""
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = _("Describe the care signal that leads to the referral.")
    if owner.organisation_id != controller.pk or owner.role != PROCESREGISSEUR or not owner.is_active:
        errors["owner"] = _("The owner must be an active process director of the controller.")
    if informed_status not in InformedStatus.values:
        errors["informed_status"] = _("Unknown status.")
    elif informed_status == InformedStatus.POSTPONED and not postponement_ground.strip():
        errors["postponement_ground"] = _("State the ground for postponing informing the person.")
    return errors


def linked_case_create(*, actor: User, controller: Organisation, person: Any, owner: User, reason: str,
                       referral_reason: str, conference_goal: str = "", informed_status: str = InformedStatus.NOT_YET,
                       postponement_ground: str = "", team: Team | None = None, check_only: bool = False) -> Any:
    """The registry's `create_linked`: a PGA case for `person` referred from another case type's case
    (a care signal found at an inspection). `referral_reason` is the structured history reason.

    With `check_only=True` nothing is written and the errors (field -> message) are returned.
    """
    errors = linked_check(controller=controller, owner=owner, reason=reason, informed_status=informed_status,
                          postponement_ground=postponement_ground)
    if check_only:
        return errors
    if errors:
        raise ValidationError(errors)
    case = case_create(case_type=CASE_TYPE, owner=owner, controller=controller, person=person, team=team,
                       referring_organisation=actor.organisation, by=actor, reason=referral_reason)
    save_with_reason(PgaCase(
        case=case, data_key_id=case.data_key_id, aanleiding=reason.strip(), conference_goal=conference_goal.strip()
        or None, informed_status=informed_status, postponement_ground=postponement_ground.strip() or None,
    ), reason=referral_reason, user=actor)
    return case


def open_cases_for_person(*, user: User, person_id) -> list[Case]:
    """Open PGA cases of this person record that `user` may see (to point at on re-registration)."""
    return list(access.visible_cases(user).filter(person_id=person_id, case_type=CASE_TYPE,
                                                   closed_on__isnull=True))


@transaction.atomic
def conference_plan(
    *, actor: User, case: Case, held_on: date, invited: list[Organisation], minutes: str = "",
    attending: list[Organisation] | None = None,
) -> Conference:
    access.require(actor, access.CHANGE, case)
    conference = Conference(case=case, data_key_id=case.data_key_id, held_on=held_on, minutes=minutes.strip() or None,
                            created_by=actor)
    save_with_reason(conference, reason="conference planned", user=actor)
    conference.invited.set(invited)
    if attending:
        conference.attending.set(attending)
    return conference


@transaction.atomic
def conference_record(
    *, actor: User, conference: Conference, attending: list[Organisation], minutes: str,
    held_on: date | None = None, invited: list[Organisation] | None = None,
) -> Conference:
    """Record attendance and minutes; the edit form may also move the date or change the invitations."""
    access.require(actor, access.CHANGE, conference.case)
    conference.minutes = minutes.strip() or None
    if held_on is not None:
        conference.held_on = held_on
    save_with_reason(conference, reason="conference minutes recorded", user=actor)
    conference.attending.set(attending)
    if invited is not None:
        conference.invited.set(invited)
    return conference


@transaction.atomic
def agreement_record(
    *, actor: User, case: Case, description: str, owner_organisation: Organisation, due_on: date,
    conference: Conference | None = None,
) -> Agreement:
    access.require(actor, access.CHANGE, case)
    if not description.strip():
        raise ValidationError({"description": _("Describe the agreement.")})
    if conference is not None and conference.case_id != case.pk:
        raise ValidationError({"conference": _("The conference belongs to another case.")})
    agreement = Agreement(case=case, data_key_id=case.data_key_id, conference=conference,
                          description=description.strip(), owner_organisation=owner_organisation, due_on=due_on)
    save_with_reason(agreement, reason="agreement recorded", user=actor)
    return agreement


@transaction.atomic
def agreement_update(*, actor: User, agreement: Agreement, status: str, due_on: date | None = None) -> Agreement:
    access.require(actor, access.CHANGE, agreement.case)
    if status not in Agreement.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    agreement.status = status
    if due_on is not None:
        agreement.due_on = due_on
    save_with_reason(agreement, reason=f"agreement status {status}", user=actor)
    return agreement


def _clean_goals(goals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    cleaned = []
    for goal in goals:
        if goal.get("leefgebied") not in Leefgebied.values or not str(goal.get("goal", "")).strip():
            raise ValidationError({"goals": _("Every goal needs a life domain and a description.")})
        interventions = [
            {"description": str(item.get("description", "")).strip(), "partner_id": str(item.get("partner_id") or ""),
             "due_on": str(item.get("due_on") or "")}
            for item in goal.get("interventions", []) if str(item.get("description", "")).strip()
        ]
        cleaned.append({"leefgebied": goal["leefgebied"], "goal": str(goal["goal"]).strip(),
                        "interventions": interventions})
    if not cleaned:
        raise ValidationError({"goals": _("The plan needs at least one goal.")})
    return cleaned


@transaction.atomic
def plan_update(*, actor: User, case: Case, goals: list[dict[str, Any]]) -> PlanVersion:
    """Append a new version of the plan of approach; earlier versions stay as they were."""
    access.require(actor, access.CHANGE, case)
    last = case.plan_versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = PlanVersion(case=case, data_key_id=case.data_key_id, number=last + 1, goals=_clean_goals(goals),
                          created_by=actor)
    save_with_reason(version, reason=f"plan version {last + 1}", user=actor)
    return version


@transaction.atomic
def escalation_set(*, actor: User, case: Case, escalated: bool, reason: str) -> PgaCase:
    """Bestuurlijk opschalen: a flag with a reason, not a state."""
    access.require(actor, access.CHANGE, case)
    if escalated and not reason.strip():
        raise ValidationError({"reason": _("State why the case is escalated.")})
    details = case.pga
    details.escalated = escalated
    details.escalation_reason = reason.strip() or None
    save_with_reason(details, reason="escalation set" if escalated else "escalation lifted", user=actor)
    return details
