"""Parsing of the values services receive from forms (Python objects) and from the API or step data
(strings), with Dutch field errors. Shared by the core (remedies, penalties) and the case types.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def parse_date(value: Any, field: str, *, required: bool = False, missing: str = "") -> date | None:
    """Dates arrive as date objects (forms) or ISO strings (API, step data). `missing` replaces the
    generic "Enter a date." when a required date is absent."""
    if value in (None, ""):
        if required:
            raise ValidationError({field: missing or _("Enter a date.")})
        return None
    if isinstance(value, date):
        return _plausible(value, field)
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError({field: _("Enter a valid date.")}) from None
    return _plausible(day, field)


# No date a service records lies outside these years (the hostile-input sweep sent the years 1 and 9999 and
# several were stored); the fields' own rules (not in the future, within a planning window) come on top.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100


def _plausible(day: date, field: str) -> date:
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise ValidationError({field: _("Enter a date between %(earliest)d and %(latest)d: check the year.") % {
            "earliest": EARLIEST_YEAR, "latest": LATEST_YEAR}})
    return day


def require_date(value: Any, field: str, *, missing: str = "") -> date:
    parsed = parse_date(value, field, required=True, missing=missing)
    assert parsed is not None  # noqa: S101 - required=True raises first
    return parsed
