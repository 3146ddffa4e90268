"""Parsing the values the penalty services receive (forms give Python values, the API and step
data ISO strings), and errors that keep their field and code. Used by the core's penalty services
and by the case types' own services (the park's services/common.py re-exports them)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from casework.models import Person
from casework.values import parse_date, require_date

__all__ = ["check_person", "field_error", "parse_amount", "parse_date", "parse_positive_int", "require_date", "text"]


def field_error(field: str, message: str, code: str) -> ValidationError:
    """An error on one field that keeps its code: `error.error_dict[field][0].code`."""
    return ValidationError({field: ValidationError(message, code=code)})


def check_person(person: Person | None, controller_id: Any, field: str) -> None:
    if person is not None and person.controller_id != controller_id:
        raise ValidationError({field: _("The person must be registered under the same organisation.")})


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
