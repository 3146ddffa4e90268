"""Helpers every park service shares: who may act, and parsing of dates and amounts.

- On a case: `require_officer` (access via casework.access.require, which audits a refusal, then
  the enforcement officer's role) — the file's owner, team or a grant.
- On an object dossier (outside any case): `require_park_officer` — an enforcement officer (or,
  where allowed, a team lead) of the park's controlling organisation; a refusal is audited too.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import HANDHAVER
from audit import record
from audit.actions import Action, Outcome
from casework import access
from casework.models import Case, Person
from casework.park.casetype import CASE_TYPE
from casework.park.casetype import PROCESSING_ACTIVITY as PARK_ENFORCEMENT
from casework.park.models import ParkFile
from casework.park.models_objects import Park, RecreationObject


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


def field_error(field: str, message: str, code: str) -> ValidationError:
    """An error on one field that keeps its code: `error.error_dict[field][0].code`."""
    return ValidationError({field: ValidationError(message, code=code)})


def require_open(case: Case) -> None:
    if case.is_closed:
        raise ValidationError(_("This file is closed and read-only. Reopen it first."), code="closed")


def check_person(person: Person | None, controller_id: Any, field: str) -> None:
    if person is not None and person.controller_id != controller_id:
        raise ValidationError({field: _("The person must be registered under the same organisation.")})


def parse_date(value: Any, field: str, *, required: bool = False) -> date | None:
    """Dates arrive as date objects (forms) or ISO strings (API, step data)."""
    if value in (None, ""):
        if required:
            raise ValidationError({field: _("Enter a date.")})
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError({field: _("Enter a valid date.")}) from None


def require_date(value: Any, field: str) -> date:
    parsed = parse_date(value, field, required=True)
    assert parsed is not None  # noqa: S101 - required=True raises first
    return parsed


def parse_amount(value: Any, field: str) -> Decimal:
    """A positive amount in euros with at most two decimals."""
    try:
        amount = Decimal(str(value).replace(",", ".")) if value not in (None, "") else None
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount <= 0:
        raise ValidationError({field: _("Enter an amount in euros above zero.")})
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({field: _("Enter an amount in whole cents.")})
    return amount


def parse_positive_int(value: Any, field: str, message: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: message}) from None
    if isinstance(value, bool) or number <= 0 or str(number) != str(value).strip():
        raise ValidationError({field: message})
    return number


def text(value: Any) -> str:
    return str(value or "").strip()


def park_file(case: Case) -> ParkFile:
    """The park details of a case (the one-to-one `case.park`)."""
    return case.park  # type: ignore[attr-defined, no-any-return]


def object_of(case: Case) -> RecreationObject:
    return park_file(case).object
