"""Helpers every woonoverlast service shares: who may act, and the file of a case."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import HANDHAVER
from casework import access
from casework.models import Case
from casework.penalties.values import (  # noqa: F401 - the woonoverlast services import them from here
    check_person,
    field_error,
    parse_amount,
    parse_date,
    parse_positive_int,
    require_date,
    text,
)
from casework.woonoverlast.casetype import CASE_TYPE
from casework.woonoverlast.models import WoonoverlastFile


def require_officer(actor: User, case: Case, action: str = access.CHANGE) -> None:
    """Access to the file (403 + audit event otherwise) and the enforcement officer's role."""
    if case.case_type != CASE_TYPE:
        raise ValidationError(_("This is not a woonoverlast file."), code="not_woonoverlast")
    access.require(actor, action, case)
    if actor.role != HANDHAVER:
        access.record_denial(actor, case, action)
        raise PermissionDenied(_("Only an enforcement officer may do this."))


def require_open(case: Case) -> None:
    if case.is_closed:
        raise ValidationError(_("This file is closed and read-only. Reopen it first."), code="closed")


def require_officer_on_open(actor: User, case: Case) -> None:
    require_officer(actor, case)
    require_open(case)


def file_of(case: Case) -> WoonoverlastFile:
    return case.woonoverlast  # type: ignore[attr-defined, no-any-return]


SIGNATORY_MAX = 200


def signatory_of(data: dict, missing: str) -> tuple[str, bool]:
    """(signatory, under mandate) of a letter-bearing decision, as Damocles records them: the name is
    required (the letter is signed by a person, never by the office alone); "namens deze" only when
    the official signs in mandate of the mayor."""
    signatory = text(data.get("signatory"))
    if not signatory:
        raise ValidationError({"signatory": missing})
    if len(signatory) > SIGNATORY_MAX:
        raise ValidationError({"signatory": _("At most %(max)d characters.") % {"max": SIGNATORY_MAX}})
    return signatory, data.get("under_mandate") in (True, "true", "True", "on", "1", 1)
