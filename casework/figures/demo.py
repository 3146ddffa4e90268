"""Annual figures demo data for `seed_demo`: goals of the demo team lead for the last four years and
the police and Veilig Thuis figures with their (fictitious) sources. The goals are set on the first
count of each registered type (this module names no type) and on one figure from outside.
Idempotent: a goal or figure that exists is left as it is. The case types' demos provide the cases
the figures count."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from casework.figures.indicators import COUNT
from casework.figures.models import ExternalFigure, ExternalKind, Goal
from casework.figures.services import external_figure_set, goal_set
from casework.figures.stored import type_figures

LEAD = "teamleider"
TYPE_GOAL = ("gt", Decimal(4))  # the first count of every type: "more than 4", as the budgets state it
EXTERNAL_GOAL = ("external.confused_behaviour", "lt", Decimal(300))
EXTERNAL_FIGURES = {  # kind -> figure of the oldest year; later years change by a fixed step
    ExternalKind.CONFUSED_BEHAVIOUR: (318, -11),
    ExternalKind.YOUTH_NUISANCE: (142, 6),
    ExternalKind.VEILIG_THUIS: (205, 4),
}
SOURCES = {
    ExternalKind.CONFUSED_BEHAVIOUR: "Demo: Politie basisteam Demodorp, jaarcijfers E33 {year}",
    ExternalKind.YOUTH_NUISANCE: "Demo: Politie basisteam Demodorp, meldingen jeugdoverlast {year}",
    ExternalKind.VEILIG_THUIS: "Demo: Veilig Thuis regio Demodorp, jaarrapportage {year}",
}


def _goals(lead: User, years: range) -> int:
    goals = {EXTERNAL_GOAL[0]: EXTERNAL_GOAL[1:]}
    # No type is named here: the first count of each type; its indicators asked for no years count nothing
    # (and store nothing: the demo's figures are computed on the page's first visit, after every case exists).
    for figures in type_figures(organisation_id=lead.organisation_id, years=[]):
        item = next((item for item in figures.indicators if item.unit == COUNT and item.available), None)
        if item is not None:
            goals[f"{figures.case_type}.{item.code}"] = TYPE_GOAL
    created = 0
    for key, (comparison, value) in goals.items():
        for year in years:
            if not Goal.objects.filter(organisation=lead.organisation, indicator=key, year=year).exists():
                goal_set(actor=lead, indicator=key, year=year, comparison=comparison, value=value)
                created += 1
    return created


def _external_figures(lead: User, years: range) -> int:
    created = 0
    for kind, (oldest, step) in EXTERNAL_FIGURES.items():
        for index, year in enumerate(years[:-1]):  # the police publish a year's figures after it ended
            if not ExternalFigure.objects.filter(organisation=lead.organisation, kind=kind, year=year).exists():
                external_figure_set(actor=lead, kind=kind, year=year, value=oldest + step * index,
                                    source=SOURCES[kind].format(year=year))
                created += 1
    return created


def demo_lines() -> list[str]:
    lead = User.objects.filter(username=LEAD).first()
    if lead is None:
        return []
    this_year = timezone.localdate().year
    years = range(this_year - 3, this_year + 1)
    goals, figures = _goals(lead, years), _external_figures(lead, years)
    total_goals = Goal.objects.filter(organisation=lead.organisation).count()
    total_external = ExternalFigure.objects.filter(organisation=lead.organisation).count()
    return [f"Annual figures: {total_goals} goals ({goals} created), {total_external} figures from outside "
            f"({figures} created), {years[0]}–{years[-1]}"]
