"""Maintaining the policy table (beleidsregels): a team lead adds a new version with a date of effect.

A version is never edited. One already in force, or one a decision used (the decision stores it),
must stay as it was, so that every proposal can be explained afterwards; a change of the
municipality's policy is a new version with its own date of effect, and `policy_in_force`
(casework/damocles/policy.py) picks the version in force on the date of the finding.

Errors on a tier are keyed `tiers.<index>.<field>` (index into the `tiers` list passed in), so a
form can show them on its row. The maximum closure of a dwelling (1 year) is a decision rule
(casework/damocles/services/assessment.py), not a rule of the table. Reading the table is
casework/damocles/selectors/policy_table.py. Policy data holds no personal data.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import roles_with
from audit import record
from audit.actions import Action
from casework import bounds
from casework.damocles.casetype import PROCESSING_ACTIVITY as DAMOCLES_ACTIVITY
from casework.damocles.models import PolicyTier, PolicyVersion, Sanction, Substance, Unit
from casework.damocles.services.registration import UNITS

EDIT_ROLES = roles_with("damocles_policy_edit")
COLUMNS = ("first", "second", "third")
MAX_LOOKBACK_YEARS = 20
MAX_AMOUNT = Decimal(10) ** 8


def require_policy_edit(user) -> None:
    """Only a team lead adds a policy version; the 403 is recorded by the audit middleware."""
    if not getattr(user, "is_authenticated", False) or user.role not in EDIT_ROLES:
        raise PermissionDenied(_("Only a team lead may add a version of the policy rules."))


def tier_key(index: int, field: str) -> str:
    return f"tiers.{index}.{field}"


def _amount(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return Decimal("NaN")
    if not amount.is_finite() or cast(int, amount.as_tuple().exponent) < -2 or abs(amount) >= MAX_AMOUNT:
        return Decimal("NaN")  # the column holds 10 digits, 2 after the point
    return amount


def _whole(value: Any) -> int | None:
    """A whole number, None when empty, -1 when it is not a whole number (always refused)."""
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def _clean_tier(index: int, tier: dict[str, Any], errors: dict[str, list[str]]) -> dict[str, Any]:
    def error(field: str, message: str) -> None:
        errors.setdefault(tier_key(index, field), []).append(message)

    substance, unit = tier.get("substance") or "", tier.get("unit") or ""
    if substance not in Substance.values:
        error("substance", _("Choose a substance."))
    if unit not in Unit.values:
        error("unit", _("Choose a unit."))
    elif substance in Substance.values and unit not in UNITS[Substance(substance)]:
        error("unit", _("This unit does not fit the substance."))
    low, high = _amount(tier.get("min_amount")), _amount(tier.get("max_amount"))
    if low is None or low.is_nan() or low < 0:
        error("min_amount", _("Enter an amount of 0 or more."))
    if high is not None and (high.is_nan() or (low is not None and not low.is_nan() and high <= low)):
        error("max_amount", _("The upper limit must be more than the lower limit (or empty: no upper limit)."))
    label = (tier.get("label") or "").strip()
    if not label or len(label) > 200:
        error("label", _("Describe the tier (at most 200 characters)."))
    cleaned = {"substance": substance, "unit": unit, "min_amount": low, "max_amount": high, "label": label}
    for column in COLUMNS:
        cleaned.update(_clean_column(column, tier, error))
    return cleaned


def _clean_column(column: str, tier: dict[str, Any], error) -> dict[str, Any]:
    """One offence column: a closure needs its days; a warning or "no proposal" has none."""
    sanction, days = tier.get(f"{column}_sanction") or "", _whole(tier.get(f"{column}_days"))
    if sanction not in Sanction.values:
        error(f"{column}_sanction", _("Choose a sanction."))
    elif sanction == Sanction.CLOSURE and (days is None or days < 1):
        error(f"{column}_days", _("A closure needs its duration in days."))
    elif sanction != Sanction.CLOSURE and days is not None:
        error(f"{column}_days", _("Only a closure has a duration: leave the days empty."))
    return {f"{column}_sanction": sanction, f"{column}_days": days if sanction == Sanction.CLOSURE else None}


def _check_overlap(tiers: list[dict[str, Any]], errors: dict[str, list[str]]) -> None:
    """Two tiers for the same substance and unit must not cover the same amount."""
    infinity = Decimal("Infinity")
    for i, one in enumerate(tiers):
        for j in range(i):
            other = tiers[j]
            if (one["substance"], one["unit"]) != (other["substance"], other["unit"]):
                continue
            one_max = infinity if one["max_amount"] is None else one["max_amount"]
            other_max = infinity if other["max_amount"] is None else other["max_amount"]
            if one["min_amount"] < other_max and other["min_amount"] < one_max:
                errors.setdefault(tier_key(i, "min_amount"), []).append(
                    _("This range overlaps tier %(n)s for the same substance and unit.") % {"n": j + 1})


def _effective_from_error(effective_from: date | None) -> str:
    if effective_from is None:
        return _("Enter the date of effect.")
    if effective_from < timezone.localdate():
        return _("The date of effect cannot be in the past: a version in force is never changed. Choose today or "
                 "a later date.")
    if too_far := bounds.planning_date(effective_from, "effective_from"):  # a typo in the year: 2207 for 2027
        return too_far["effective_from"]
    if PolicyVersion.objects.filter(effective_from=effective_from).exists():
        return _("A version with this date of effect already exists.")
    return ""


def _validate(*, name: str, effective_from: date | None, lookback_years: Any, source: str,
              tiers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    errors: dict[str, list[str]] = {}
    if not (name or "").strip() or len(name.strip()) > 200:
        errors["name"] = [_("Enter a name (at most 200 characters).")]
    if len((source or "").strip()) > 300:
        errors["source"] = [_("At most 300 characters.")]
    if problem := _effective_from_error(effective_from):
        errors["effective_from"] = [problem]
    years = _whole(lookback_years)
    if years is None or not 1 <= years <= MAX_LOOKBACK_YEARS:
        errors["lookback_years"] = [_("Enter a look-back window of 1 to %(max)s years.") % {"max": MAX_LOOKBACK_YEARS}]
    if not tiers:
        errors["tiers"] = [_("Enter at least one tier.")]
    cleaned = [_clean_tier(index, tier, errors) for index, tier in enumerate(tiers)]
    if not errors:
        _check_overlap(cleaned, errors)
    if errors:
        raise ValidationError(errors)
    return cleaned


def policy_version_create(*, actor, name: str, effective_from: date, lookback_years: int, source: str,
                          tiers: list[dict[str, Any]]) -> PolicyVersion:
    """Add a policy version (team lead only) with its tiers, in one transaction, and audit it.

    `tiers`: dicts with substance, unit, min_amount, max_amount (None: no upper limit), label and
    first/second/third_sanction with first/second/third_days (a closure needs days, a warning or
    "no automatic proposal" has none). The date of effect must be today or later and unique.
    Existing versions are never edited: one in force, or one a decision used, stays as it is; a
    change is a new version. Raises PermissionDenied or ValidationError (nothing is saved).
    """
    require_policy_edit(actor)
    cleaned = _validate(name=name, effective_from=effective_from, lookback_years=lookback_years, source=source,
                        tiers=tiers)
    try:
        with transaction.atomic():
            version = PolicyVersion.objects.create(name=name.strip(), effective_from=effective_from,
                                                   lookback_years=int(lookback_years), source=(source or "").strip())
            PolicyTier.objects.bulk_create([PolicyTier(version=version, **tier) for tier in cleaned])
            record(action=Action.CREATE, processing_activity=DAMOCLES_ACTIVITY, object_type="damocles.PolicyVersion",
                   object_id=version.pk, reason=f"policy version in force from {effective_from.isoformat()}",
                   actor=actor)
    except IntegrityError as exc:  # two team leads chose the same date at the same moment
        raise ValidationError({"effective_from": [_("A version with this date of effect already exists.")]}) from exc
    return version
