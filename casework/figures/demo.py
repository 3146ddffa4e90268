"""Annual figures demo data for `seed_demo`: goals of the demo team lead for the last four years and
the police and Veilig Thuis figures with their (fictitious) sources. Idempotent: a goal or figure
that exists is left as it is. The case types' demos provide the cases the figures count."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from casework.figures.models import ExternalFigure, ExternalKind, Goal
from casework.figures.services import external_figure_set, goal_set

LEAD = "teamleider"
# indicator key -> (comparison, goal); the keys of types that are not installed are skipped
GOALS = {
    "damocles.premises": ("gt", Decimal(4)),
    "pga.referrals": ("gte", Decimal(20)),
    "pga.days_to_conference": ("lte", Decimal(28)),
    "woonoverlast.orders": ("lte", Decimal(6)),
    "park.orders": ("gte", Decimal(5)),
    "external.confused_behaviour": ("lt", Decimal(300)),
}
EXTERNAL = {  # kind -> figure of the oldest year; later years change by a fixed step
    ExternalKind.CONFUSED_BEHAVIOUR: (318, -11),
    ExternalKind.YOUTH_NUISANCE: (142, 6),
    ExternalKind.VEILIG_THUIS: (205, 4),
}
SOURCES = {
    ExternalKind.CONFUSED_BEHAVIOUR: "Demo: Politie basisteam Demodorp, jaarcijfers E33 {year}",
    ExternalKind.YOUTH_NUISANCE: "Demo: Politie basisteam Demodorp, meldingen jeugdoverlast {year}",
    ExternalKind.VEILIG_THUIS: "Demo: Veilig Thuis regio Demodorp, jaarrapportage {year}",
}


def demo_lines() -> list[str]:
    lead = User.objects.filter(username=LEAD).first()
    if lead is None:
        return []
    from casework import registry

    known = {key for key in GOALS if key.partition(".")[0] in {*registry.codes(), "external"}}
    this_year = timezone.localdate().year
    years = range(this_year - 3, this_year + 1)
    goals = figures = 0
    for key, (comparison, value) in GOALS.items():
        for year in years:
            if key in known and not Goal.objects.filter(organisation=lead.organisation, indicator=key,
                                                        year=year).exists():
                goal_set(actor=lead, indicator=key, year=year, comparison=comparison, value=value,
                         known_indicators=frozenset(known))
                goals += 1
    for kind, (first, step) in EXTERNAL.items():
        for index, year in enumerate(years):
            if year == this_year:
                continue  # the police publish a year's figures after it ended
            if not ExternalFigure.objects.filter(organisation=lead.organisation, kind=kind, year=year).exists():
                external_figure_set(actor=lead, kind=kind, year=year, value=first + step * index,
                                    source=SOURCES[kind].format(year=year))
                figures += 1
    total_goals = Goal.objects.filter(organisation=lead.organisation).count()
    total_external = ExternalFigure.objects.filter(organisation=lead.organisation).count()
    return [f"Annual figures: {total_goals} goals ({goals} created), {total_external} figures from outside "
            f"({figures} created), {years[0]}–{years[-1]}"]

