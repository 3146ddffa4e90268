"""Helpers every park service shares: who may act, and parsing of dates and amounts.

- On a case: `require_officer` (access via casework.access.require, which audits a refusal, then
  the enforcement officer's role) — the file's owner, team or a grant.
- On an object dossier (outside any case): `require_park_officer` — an enforcement officer (or,
  where allowed, a team lead) of the park's controlling organisation; a refusal is audited too.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import HANDHAVER
from audit import record
from audit.actions import Action, Outcome
from casework import access
from casework.models import Case
from casework.park.casetype import CASE_TYPE
from casework.park.casetype import PROCESSING_ACTIVITY as PARK_ENFORCEMENT
from casework.park.models import ParkFile
from casework.park.models.objects import Park, RecreationObject
from casework.penalties.values import (  # noqa: F401 - the park's services import them from here
    check_person,
    field_error,
    parse_amount,
    parse_date,
    parse_positive_int,
    require_date,
    text,
)


def require_officer(actor: User, case: Case, action: str = access.CHANGE) -> None:
    """Access to the park file (403 + audit event otherwise) and the enforcement officer's role."""
    if case.case_type != CASE_TYPE:
        raise ValidationError(_("This is not a park enforcement file."), code="not_park")
    access.require(actor, action, case)
    if actor.role != HANDHAVER:
        access.record_denial(actor, case, action)
        raise PermissionDenied(_("Only an enforcement officer may do this."))


def require_park_officer(actor: User, park: Park, *, what: str, roles: Collection[str] = (HANDHAVER,),
                         subject_id: Any = None) -> None:
    """An active officer (of `roles`) of the park's controlling organisation; otherwise audit and refuse."""
    if actor.is_active and actor.role in roles and actor.organisation_id == park.controller_id:
        return
    record(
        action=Action.ACCESS_DENIED, outcome=Outcome.DENIED, processing_activity=PARK_ENFORCEMENT,
        object_type="park.Park", object_id=park.pk, subject_id=subject_id, reason=f"action:{what}", actor=actor,
    )
    raise PermissionDenied(_("Only enforcement officers of the park's organisation may do this."))


def require_open(case: Case) -> None:
    if case.is_closed:
        raise ValidationError(_("This file is closed and read-only. Reopen it first."), code="closed")


def park_file(case: Case) -> ParkFile:
    """The park details of a case (the one-to-one `case.park`)."""
    return case.park  # type: ignore[attr-defined, no-any-return]


def object_of(case: Case) -> RecreationObject:
    return park_file(case).object
