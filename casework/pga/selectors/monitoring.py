"""Read side of PGA monitoring: the plan's open interventions as deadlines, zelfredzaamheid per life domain
(trend chart geometry, the closure comparison, the annual figure) and monitoring notes per agreement.

Scores are sealed per measurement (`SelfRelianceMeasurement.scores`); the annual figure
(`self_reliance_change`) opens only the scores of the cases closed in that year — never a name, address or
other field — in three queries whatever the number of cases, and returns aggregates only
(docs/adr/0029-plan-interventions-and-self-reliance.md).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from casework.contributions import Deadline
from casework.models import Case
from casework.pga.casetype import CASE_TYPE
from casework.pga.models import (
    SCORE_MAX,
    SCORE_MIN,
    AgreementNote,
    Leefgebied,
    PlanIntervention,
    SelfRelianceCriterion,
    SelfRelianceMeasurement,
)
from encryption.exceptions import EncryptionError
from encryption.preload import preload_keys
from encryption.scope import key_scope

INTERVENTION = "intervention"

# The product's neutral labels of the five scores; a municipality loads its own criteria per life domain
# (manage.py load_self_reliance_criteria), shown beside these.
SCORE_LABELS = {
    1: gettext_lazy("Acute problems"),
    2: gettext_lazy("Not self-reliant"),
    3: gettext_lazy("Partly self-reliant"),
    4: gettext_lazy("Sufficiently self-reliant"),
    5: gettext_lazy("Fully self-reliant"),
}


# --- interventions as deadlines -----------------------------------------------------------------

def intervention_deadline(row: PlanIntervention, today: date, label: str) -> Deadline:
    """`label`: the kind's label, translated once by the caller for all its terms (a translation costs more than
    the rest of a deadline; casework/pga/selectors `term_labels`)."""
    return Deadline(case=row.case, due_on=row.due_on, kind=INTERVENTION, overdue=row.due_on < today,
                    label=label, responsible=row.organisation.name, obj=row)


def open_interventions(cases: QuerySet[Case], until: date, limit: int | None = None) -> list[PlanIntervention]:
    """Open interventions of these cases due up to `until` (one query, whatever the number)."""
    return list(PlanIntervention.objects.filter(case__in=cases, done=False, due_on__lte=until)
                .select_related("case", "organisation").order_by("due_on", "case__reference")[:limit])


# --- zelfredzaamheid ------------------------------------------------------------------------------

def criteria_for(organisation_id: Any) -> dict[str, dict[int, str]]:
    """The municipality's own criteria texts: {leefgebied: {score: text}} (empty: neutral labels only)."""
    found: dict[str, dict[int, str]] = defaultdict(dict)
    for domain, score, text in SelfRelianceCriterion.objects.filter(organisation_id=organisation_id).values_list(
            "leefgebied", "score", "text"):
        found[domain][score] = text
    return dict(found)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    score: int
    label: str


@dataclass
class DomainTrend:
    """One life domain's measurements as a small line chart (SVG user units) and as table cells."""

    domain: str
    label: str
    points: list[Point] = field(default_factory=list)
    first: int | None = None
    last: int | None = None

    @property
    def change(self) -> int | None:
        return None if self.first is None or self.last is None else self.last - self.first

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.points)


@dataclass
class SelfReliance:
    """The measurements of one case: a trend per domain, the table (a row per measurement) and the axis."""

    measurements: list[SelfRelianceMeasurement]
    trends: list[DomainTrend]
    rows: list[tuple[date, list[int | None]]]
    width: int = 240
    height: int = 120
    left: int = 28
    right: int = 228
    top: int = 10
    bottom: int = 100
    ticks: list[tuple[int, float]] = field(default_factory=list)


def _y(score: int, top: int, bottom: int) -> float:
    return round(bottom - (score - SCORE_MIN) * (bottom - top) / (SCORE_MAX - SCORE_MIN), 1)


def self_reliance(measurements: list[SelfRelianceMeasurement]) -> SelfReliance:
    """Trend and table of a case's measurements, oldest first (scores already decrypted by the caller)."""
    ordered = sorted(measurements, key=lambda row: (row.measured_on, row.created_at))
    result = SelfReliance(measurements=ordered, trends=[], rows=[])
    result.ticks = [(score, _y(score, result.top, result.bottom)) for score in range(SCORE_MIN, SCORE_MAX + 1)]
    labels = dict(Leefgebied.choices)
    domains = [domain for domain in Leefgebied.values if any(domain in (row.scores or {}) for row in ordered)]
    step = (result.right - result.left) / max(len(ordered) - 1, 1)
    for domain in domains:
        trend = DomainTrend(domain=domain, label=str(labels[domain]))
        for index, row in enumerate(ordered):
            score = (row.scores or {}).get(domain)
            if score is None:
                continue
            x = round(result.left + step * index if len(ordered) > 1 else (result.left + result.right) / 2, 1)
            trend.points.append(Point(x=x, y=_y(score, result.top, result.bottom), score=score,
                                      label=f"{row.measured_on.strftime('%d-%m-%Y')}: {score}"))
            trend.first = score if trend.first is None else trend.first
            trend.last = score
        result.trends.append(trend)
    result.rows = [(row.measured_on, [(row.scores or {}).get(domain) for domain in domains]) for row in ordered]
    return result


def measurements_of(case: Case) -> list[SelfRelianceMeasurement]:
    rows = list(case.self_reliance_measurements.order_by("measured_on", "created_at"))
    preload_keys(rows)
    return rows


@dataclass(frozen=True)
class SelfRelianceChange:
    """The annual figure: over the PGA cases closed in `year` with at least two measurements of a domain,
    the average change from the first to the last score, per domain and over all (case, domain) pairs."""

    year: int
    cases: int
    pairs: int
    average: float | None
    per_domain: dict[str, tuple[int, float]]  # leefgebied -> (cases, average change)


def self_reliance_change(*, year: int, organisation_id: Any = None) -> SelfRelianceChange:
    """"Change in zelfredzaamheid" for the annual figures (docs/adr/0029): two queries (closed cases
    by the indexed `closed_on`, their measurements, their keys); only the scores are opened, and
    only aggregates leave this function. Cases whose key was shredded have no scores left and count
    as not measured."""
    cases = Case.objects.filter(case_type=CASE_TYPE, closed_on__year=year)
    if organisation_id is not None:
        cases = cases.filter(controller_id=organisation_id)
    first: dict[tuple[Any, str], int] = {}
    last: dict[tuple[Any, str], int] = {}
    counted: dict[tuple[Any, str], int] = defaultdict(int)
    with key_scope():  # the keys are checked once, also outside a request
        rows = list(SelfRelianceMeasurement.objects.filter(case__in=cases).only(
            "case_id", "data_key_id", "measured_on", "created_at", "scores").order_by("case_id", "measured_on",
                                                                                   "created_at"))
        preload_keys(rows)
        for row in rows:
            try:
                scores = row.scores or {}
            except EncryptionError:  # a shredded key: nothing to count for this case
                continue
            for domain, score in scores.items():
                first.setdefault((row.case_id, domain), score)
                last[(row.case_id, domain)] = score
                counted[(row.case_id, domain)] += 1
    changes: dict[str, list[int]] = defaultdict(list)
    for pair, number in counted.items():
        if number >= 2:
            changes[pair[1]].append(last[pair] - first[pair])
    every = [change for values in changes.values() for change in values]
    cases_counted = {pair[0] for pair, number in counted.items() if number >= 2}
    return SelfRelianceChange(
        year=year, cases=len(cases_counted), pairs=len(every),
        average=round(sum(every) / len(every), 2) if every else None,
        per_domain={domain: (len(values), round(sum(values) / len(values), 2))
                    for domain, values in sorted(changes.items())},
    )


# --- monitoring notes ---------------------------------------------------------------------------

def notes_by_agreement(case: Case) -> dict[Any, list[AgreementNote]]:
    notes: dict[Any, list[AgreementNote]] = defaultdict(list)
    rows = list(case.agreement_notes.select_related("written_by", "agreement").order_by("written_at"))
    preload_keys(rows)
    for note in rows:
        notes[note.agreement_id].append(note)
    return dict(notes)
