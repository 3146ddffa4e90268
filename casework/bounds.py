"""Plausible ranges and formats of input, checked in the services (so forms and API share them).

Each helper returns `{field: Dutch message}` (empty when fine), so a service can collect every
problem of one request and raise one ValidationError before it writes anything.
- birth dates: not in the future, not before 1900;
- planning dates (conferences, agreements): within a window around today — far enough back to
  record what happened late, far enough ahead to plan, not 1900 or 2999;
- sharing decisions: end on or after the start and at most `MAX_SHARE_DAYS` after it (a sharing
  decision is reviewed at least yearly: docs/privacy/dpia.md);
- Dutch postcodes ('1234 AB', no leading zero) and house numbers (1–99999);
- maximum lengths of free text, so a megabyte pasted into a field is refused with a message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

EARLIEST_BIRTH_DATE = date(1900, 1, 1)
PLANNING_DAYS_BACK = 2 * 366
PLANNING_DAYS_AHEAD = 5 * 366
MAX_SHARE_DAYS = 366
POSTCODE = re.compile(r"^[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}$", re.IGNORECASE)
HOUSE_NUMBER = re.compile(r"^[1-9]\d{0,4}$")
# Maximum lengths of free text by kind (characters).
NAME, LINE, SHORT_TEXT, LONG_TEXT = 200, 500, 5_000, 50_000


def birth_date(value: date | None, field: str = "date_of_birth") -> dict[str, str]:
    if value is None:
        return {}
    if value > timezone.localdate():
        return {field: _("A date of birth cannot be in the future.")}
    if value < EARLIEST_BIRTH_DATE:
        return {field: _("A date of birth before 1900 is not plausible: check the year.")}
    return {}


def planning_date(value: date | None, field: str) -> dict[str, str]:
    """Within PLANNING_DAYS_BACK before and PLANNING_DAYS_AHEAD after today."""
    if value is None:
        return {}
    today = timezone.localdate()
    earliest, latest = today - timedelta(days=PLANNING_DAYS_BACK), today + timedelta(days=PLANNING_DAYS_AHEAD)
    if not earliest <= value <= latest:
        return {field: _("Choose a date between %(earliest)s and %(latest)s.") % {
            "earliest": earliest.strftime("%d-%m-%Y"), "latest": latest.strftime("%d-%m-%Y")}}
    return {}


def share_period(starts_on: date, ends_on: date) -> dict[str, str]:
    errors = planning_date(starts_on, "starts_on")
    if ends_on < starts_on:
        errors["ends_on"] = _("The end date must be on or after the start date.")
    elif (ends_on - starts_on).days > MAX_SHARE_DAYS:
        errors["ends_on"] = _("A sharing decision lasts at most %(days)d days; decide again when it ends.") % {
            "days": MAX_SHARE_DAYS}
    return errors


def postcode(value: str | None, field: str = "postcode") -> dict[str, str]:
    if value and not POSTCODE.match(value.strip()):
        return {field: _("Enter a Dutch postcode such as 1234 AB.")}
    return {}


def house_number(value: str | int | None, field: str = "house_number") -> dict[str, str]:
    if value not in (None, "") and not HOUSE_NUMBER.match(str(value).strip()):
        return {field: _("Enter a house number of digits only (1 to 99999); a letter or addition goes in its own "
                         "field.")}
    return {}


def lengths(values: Mapping[str, str | None], limit: int) -> dict[str, str]:
    return {field: _("At most %(limit)d characters (now %(length)d).") % {"limit": limit, "length": len(value)}
            for field, value in values.items() if value is not None and len(value) > limit}


def raise_errors(*groups: Mapping[str, str]) -> None:
    errors: dict[str, str] = {}
    for group in groups:
        for field, message in group.items():
            errors.setdefault(field, message)
    if errors:
        raise ValidationError(errors)
