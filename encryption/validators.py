"""The BSN (burgerservicenummer) check: nine digits that pass the 11-test (elfproef).

Reusable in model fields, forms and API serializers. The 11-test: the digits weighted 9..2,
minus the last digit, sum to a multiple of 11. It catches typos, not invented numbers.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def is_valid_bsn(value: object) -> bool:
    text = str(value) if value is not None else ""
    if len(text) != 9 or not text.isascii() or not text.isdigit() or text == "000000000":
        return False
    return sum(int(digit) * weight for digit, weight in zip(text, BSN_WEIGHTS, strict=True)) % 11 == 0


def validate_bsn(value: object) -> None:
    if not is_valid_bsn(value):
        raise ValidationError(_("Enter a valid BSN: 9 digits that pass the 11-test."), code="invalid_bsn")
