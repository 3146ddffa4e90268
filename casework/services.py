"""Services on the shared case core: creating a case shell, handover, case-level edits."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, Team, User
from audit import record
from audit.actions import Action
from audit.history import save_with_reason
from casework import access, bounds, workflow
from casework.models import Case, Handover, Person, processing_activity_of
from casework.notifications.kinds import Kind
from casework.notifications.services import notify
from casework.references import next_reference
from encryption.keystore import datakey_create


def case_create(
    *,
    case_type: str,
    owner: User,
    controller: Organisation,
    person: Person | None,
    team: Team | None = None,
    referring_organisation: Organisation | None = None,
    by: User,
    reason: str,
) -> Case:
    """A new case with its own data key, a reference and its first step (the initial state)."""
    if person is not None and person.controller_id != controller.pk:
        raise ValidationError(_("The person must be registered under the case's controller."))
    bounds.raise_errors(bounds.lengths({"reason": reason}, bounds.SHORT_TEXT))  # before its data key exists
    today = timezone.localdate()
    key = datakey_create()
    case = Case(
        data_key_id=key.id,
        case_type=case_type,
        reference=next_reference(case_type=case_type, year=today.year),
        status=workflow.WORKFLOWS[case_type].initial,
        person=person,
        controller=controller,
        owner=owner,
        team=team if team is not None else owner.team,
        referring_organisation=referring_organisation,
        opened_on=today,
    )
    save_with_reason(case, reason=f"case created ({case_type})", user=by)
    workflow.start(case=case, by=by, reason=reason)
    return case


@transaction.atomic
def case_handover(
    *, actor: User, case: Case, new_owner: User, reason: str, expected_version: int | None = None
) -> Case:
    """A team lead moves a case to another caseworker of the controlling organisation."""
    access.require(actor, access.HANDOVER, case)
    if not reason.strip():
        raise ValidationError({"reason": _("State the reason for the handover.")})
    bounds.raise_errors(bounds.lengths({"reason": reason}, bounds.SHORT_TEXT))
    if (
        not new_owner.is_active
        or new_owner.organisation_id != case.controller_id
        or new_owner.role not in access.CASEWORKER_ROLES
    ):
        raise ValidationError({"new_owner": _("Choose an active caseworker of the case's organisation.")})
    if new_owner.pk == case.owner_id:
        raise ValidationError({"new_owner": _("This user already owns the case.")})
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and locked.version != expected_version:
        raise workflow.StaleEdit(_("This case was changed by someone else in the meantime. Reload the page."))
    previous = locked.owner_id
    Handover.objects.create(
        case=locked, data_key_id=locked.data_key_id, from_owner_id=previous, to_owner=new_owner, by=actor,
        at=timezone.now(), reason=reason.strip(),
    )
    locked.owner, locked.team, locked.version = new_owner, new_owner.team or locked.team, locked.version + 1
    save_with_reason(locked, reason=f"handover {previous} -> {new_owner.pk}", user=actor)
    record(
        action=Action.HANDOVER,
        processing_activity=processing_activity_of(locked),
        object_type="casework.Case",
        object_id=locked.pk,
        case_id=locked.pk,
        subject_id=locked.person_id,
        reason=f"from:{previous} to:{new_owner.pk}",
        actor=actor,
    )
    notify(Kind.CASE_HANDED_OVER, case=locked, recipients=[new_owner], actor=actor)
    case.refresh_from_db()
    return case
