"""The policy proposal (beleidsregels): which sanction the municipality's own table gives.

The table in force on the date of the finding decides, with the offence number counted over the
premises' earlier procedures within the table's look-back window (recidive). The officer may
deviate only with written reasons (casework/damocles/services/assessment.py); this module only proposes.

Counting rules, as the policy counts offences:
- an earlier procedure counts when it is at the same premises, its finding lies within the
  window — on or after the day `years` years before this finding and before this finding — and
  it ended in a warning or a closure decision (a besluit, or an urgent closure) that still stands:
  a decision revoked on objection or annulled on appeal does not count (casework/remedies/selectors.py
  `revoked_decisions`);
- the offence number is that count + 1, capped at 3 (the table has three columns);
- a finding falls in a tier when `min_amount < amount <= max_amount` (no max = no upper bound);
  the heaviest tier over all findings decides;
- a finding whose substance and unit the table does not cover at all (GHB and lid 1 sub b in the
  seeded example) gives no automatic proposal: the officer decides with reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db.models import Min
from django.utils.translation import gettext as _

from casework.damocles import workflow as wf
from casework.damocles.models import DamoclesCase, Finding, PoliceReport, PolicyTier, PolicyVersion, Premises, Sanction
from casework.models import Case, CaseStep
from casework.remedies.selectors import revoked_decisions

MAX_OFFENCE_NUMBER = 3
# A procedure "ended in a warning or a closure decision" once it reached one of these states.
COUNTING_STATES = (wf.WAARSCHUWING, wf.BESLUIT, wf.SPOEDEISENDE_SLUITING)
_SANCTION_RANK = {Sanction.NONE: 0, Sanction.WARNING: 1, Sanction.CLOSURE: 2}


@dataclass(frozen=True)
class Proposal:
    """What the policy gives; `sanction` is Sanction.NONE when the officer must decide with reasons."""

    policy_version: PolicyVersion
    offence_number: int
    sanction: str
    days: int | None
    tier: PolicyTier | None
    explanation: str


def policy_in_force(on: date) -> PolicyVersion:
    """The policy version with the latest date of effect on or before `on`."""
    version = PolicyVersion.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
    if version is None:
        raise ValidationError(
            _("No policy table was in force on %(date)s. A team lead must add one first.") % {"date": on.isoformat()},
            code="no_policy",
        )
    return version


def window_start(*, before: date, years: int) -> date:
    """First day of the look-back window: the same calendar day `years` years earlier (inclusive)."""
    return before - relativedelta(years=years)


def earlier_procedures(
    *, premises: Premises, before: date, years: int, exclude: Case | None = None,
) -> list[DamoclesCase]:
    """Earlier procedures at `premises` that count as an offence within the look-back window.

    The finding date of a procedure is the earliest finding date of its police reports.
    """
    counted = CaseStep.objects.filter(to_status__in=COUNTING_STATES).values("case_id")
    query = (
        DamoclesCase.objects.filter(premises=premises, case_id__in=counted)
        .annotate(found_on=Min("case__police_reports__found_on"))
        .filter(found_on__gte=window_start(before=before, years=years), found_on__lt=before)
        .select_related("case")
        .order_by("found_on")
    )
    if exclude is not None:
        query = query.exclude(case=exclude)
    procedures = list(query)
    revoked = revoked_decisions(DamoclesCase._meta.label, [p.pk for p in procedures])
    return [p for p in procedures if p.pk not in revoked]


def first_report(case: Case) -> PoliceReport:
    report = case.police_reports.order_by("found_on", "received_on").first()
    if report is None:
        raise ValidationError(_("This procedure has no police report yet."), code="no_report")
    return report


def _tier_for(finding: Finding, tiers: list[PolicyTier]) -> PolicyTier | None:
    amount = Decimal(finding.amount)
    for tier in tiers:
        if tier.substance == finding.substance and tier.unit == finding.unit and amount > tier.min_amount \
                and (tier.max_amount is None or amount <= tier.max_amount):
            return tier
    return None


def tier_sanction(tier: PolicyTier, offence_number: int) -> tuple[str, int | None]:
    column = ("first", "second", "third")[min(offence_number, MAX_OFFENCE_NUMBER) - 1]
    sanction = getattr(tier, f"{column}_sanction")
    return sanction, getattr(tier, f"{column}_days") if sanction == Sanction.CLOSURE else None


def _weight(tier: PolicyTier, offence_number: int) -> tuple[int, int]:
    sanction, days = tier_sanction(tier, offence_number)
    return _SANCTION_RANK[Sanction(sanction)], days or 0


def propose_sanction(*, case: Case) -> Proposal:
    """The policy's proposal for this procedure (see the module docstring for the rules)."""
    report = first_report(case)
    version = policy_in_force(report.found_on)
    earlier = earlier_procedures(
        premises=case.damocles.premises, before=report.found_on, years=version.lookback_years, exclude=case,
    )
    number = min(len(earlier) + 1, MAX_OFFENCE_NUMBER)
    tiers = list(version.tiers.all())
    findings = list(Finding.objects.filter(report__case=case))
    covered = {(tier.substance, tier.unit) for tier in tiers}
    uncovered = sorted({f.get_substance_display() for f in findings if (f.substance, f.unit) not in covered})
    context = {"policy": str(version), "number": number, "years": version.lookback_years}
    if uncovered:
        explanation = _(
            "Policy %(policy)s has no tier for: %(substances)s. No automatic proposal: decide with reasons "
            "(offence %(number)s within %(years)s years)."
        ) % {**context, "substances": ", ".join(uncovered)}
        return Proposal(version, number, Sanction.NONE, None, None, explanation)
    matched = [tier for tier in (_tier_for(f, tiers) for f in findings) if tier is not None]
    if not matched:
        explanation = _(
            "Policy %(policy)s: the findings stay below every threshold. No automatic proposal."
        ) % context
        return Proposal(version, number, Sanction.NONE, None, None, explanation)
    tier = max(matched, key=lambda t: _weight(t, number))
    sanction, days = tier_sanction(tier, number)
    explanation = _(
        "Policy %(policy)s, offence %(number)s within %(years)s years, tier “%(tier)s”."
    ) % {**context, "tier": tier.label}
    return Proposal(version, number, sanction, days, tier, explanation)
