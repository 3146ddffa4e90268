"""PGA services: the referral (aanmelding), and a PGA case opened from another case type's case."""

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
from casework.notifications.services import case_opened_announce
from casework.persons import person_register
from casework.pga.casetype import CASE_TYPE, PROCESSING_ACTIVITY
from casework.pga.models import InformedStatus, PgaCase
from casework.services import case_create


def _announce(case: Case, actor: User) -> None:
    """A new referral for the team: its owner and the team's members are notified (not the actor)."""
    case_opened_announce(case=case, actor=actor)


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
    _announce(case, actor)
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
                       referral_reason: str = "referred from another case type", address: str = "",
                       conference_goal: str = "", informed_status: str = InformedStatus.NOT_YET,
                       postponement_ground: str = "", team: Team | None = None, check_only: bool = False) -> Any:
    """The registry's `create_linked`: a PGA case for `person` referred from another case type's case
    (a care signal found at an inspection). `referral_reason` is the structured history reason; `address`
    is not used (the person's own address is what a PGA case keeps).

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
    return case  # announced to its owner and team by the core's linked_case_create (casework/links.py)


def open_cases_for_person(*, user: User, person_id) -> list[Case]:
    """Open PGA cases of this person record that `user` may see (to point at on re-registration)."""
    return list(access.visible_cases(user).filter(person_id=person_id, case_type=CASE_TYPE,
                                                   closed_on__isnull=True))
