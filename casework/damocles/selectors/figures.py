"""Management figures of the Damocles procedures: what municipal budgets report as
"Waarschuwing/sluiting panden (wet Damocles)".

Counted over the procedures whose controller is the user's organisation, aggregated in SQL (a
fixed number of queries however many procedures there are), with no personal data in the result:
- warnings and closures per year, as exact counts of distinct premises (a premises warned twice
  in one year counts once), in total, by kind of premises and by duration band (closures);
- objections per year of receipt, by outcome (pending until decided).

When a procedure counts, and in which year (the rules a budget report needs to be repeatable):
- a *warning* when its chosen sanction is a warning or the case reached the `waarschuwing` state;
- a *closure* when its chosen sanction is closure or it was an urgent closure (Awb 5:31);
- the year is that of the decision (`decided_on`), else of the sealing (`sealed_on`), else of the
  first step into `waarschuwing`, `besluit` or `spoedeisende_sluiting`. A procedure without any of
  these (still being assessed, intention only) is not counted yet.

What the steps say (the first such step's date, whether a warning was given) is kept on the details by
the step itself (`decisive_step_on`, `warned`; ADR 0052), so counting reads one row per procedure and
searches no steps (at 200,000 procedures the page's SQL 4.2 -> 0.23 s; docs/performance.md).

The page and its CSV read the figures as last computed (`stored_figures`; ADR 0058, casework/figures/stored.py):
by the nightly `refresh_figures`, on request (`refresh_figures` here), or on the first visit.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Case as CaseWhen
from django.db.models import Count, DateField, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import roles_with
from casework.damocles.casetype import CASE_TYPE
from casework.damocles.models import DamoclesCase, PremisesKind, Sanction
from casework.figures import stored
from casework.remedies.models import Objection

FIGURES_ROLES = roles_with("damocles_figures")  # the capability table in accounts/roles.py
WARNING, CLOSURE = "warning", "closure"
MEASURES = {WARNING: gettext_lazy("Warnings"), CLOSURE: gettext_lazy("Closures")}
KINDS = dict(PremisesKind.choices)
# Duration bands of closures: (code, label, upper bound in days inclusive; None = open-ended).
BANDS = (
    ("upto_4_weeks", gettext_lazy("up to 4 weeks"), 28),
    ("upto_3_months", gettext_lazy("more than 4 weeks, up to 3 months"), 92),
    ("upto_6_months", gettext_lazy("more than 3 months, up to 6 months"), 183),
    ("upto_12_months", gettext_lazy("more than 6 months, up to 12 months"), 366),
    ("longer", gettext_lazy("more than 12 months"), None),
    ("indefinite", gettext_lazy("indefinite or not recorded"), None),
)
BAND_LABELS = {code: label for code, label, _limit in BANDS}
PENDING, WITHDRAWN = "pending", "withdrawn"
OUTCOMES = {
    PENDING: gettext_lazy("Pending"),
    **dict(Objection.Outcome.choices),
    WITHDRAWN: gettext_lazy("Withdrawn"),
}


def require_figures_access(user) -> None:
    """Enforcement officers and team leads only; the 403 is recorded by the audit middleware."""
    if not getattr(user, "is_authenticated", False) or user.role not in FIGURES_ROLES \
            or user.organisation_id is None:
        raise PermissionDenied(_("Only enforcement officers and team leads see the Damocles figures."))


def _band_expression() -> CaseWhen:
    whens = [When(chosen_days__isnull=True, then=Value("indefinite"))]
    whens += [When(chosen_days__lte=limit, then=Value(code)) for code, _label, limit in BANDS if limit]
    return CaseWhen(*whens, default=Value("longer"))


def counted_on() -> Coalesce:
    """The date a procedure counts from: its decision, else its sealing, else its first decisive step."""
    return Coalesce("decided_on", "sealed_on", "decisive_step_on", output_field=DateField())


def counted_procedures(organisation_id) -> QuerySet[DamoclesCase]:
    """The procedures that count, annotated with `measure`, `year` and `band` (one SQL query)."""
    return DamoclesCase.objects.filter(
        case__controller_id=organisation_id, case__case_type=CASE_TYPE,
    ).annotate(
        measure=CaseWhen(
            When(Q(chosen_sanction=Sanction.CLOSURE) | Q(urgent=True), then=Value(CLOSURE)),
            When(Q(chosen_sanction=Sanction.WARNING) | Q(warned=True), then=Value(WARNING)),
            default=Value(""),
        ),
        year=ExtractYear(counted_on(), output_field=IntegerField()),
        band=_band_expression(),
    ).exclude(measure="").exclude(year__isnull=True)


@dataclass
class Figures:
    """Counts keyed by plain codes; labels are looked up when rendering."""

    years: list[int] = field(default_factory=list)
    totals: dict[tuple[int, str], int] = field(default_factory=dict)  # (year, measure) -> premises
    by_kind: dict[tuple[int, str, str], int] = field(default_factory=dict)  # (year, measure, kind)
    by_band: dict[tuple[int, str], int] = field(default_factory=dict)  # (year, band): closures
    objections: dict[tuple[int, str], int] = field(default_factory=dict)  # (year, outcome)

    def __post_init__(self) -> None:
        if not self.years:  # the years with a counted measure or objection, in order (the page's rows)
            self.years = sorted({key[0] for key in (*self.totals, *self.objections)})

    def total(self, year: int, measure: str) -> int:
        return self.totals.get((year, measure), 0)


def _grouped(queryset: QuerySet, *keys: str) -> dict[tuple, int]:
    rows = queryset.values(*keys).annotate(n=Count("premises_id", distinct=True)).order_by()
    return {tuple(row[key] for key in keys): row["n"] for row in rows}


def _objections(organisation_id) -> dict[tuple[int, str], int]:
    rows = Objection.objects.filter(
        case__controller_id=organisation_id, case__case_type=CASE_TYPE,
    ).annotate(
        year=ExtractYear("received_on"),
        result=CaseWhen(
            When(Q(state=Objection.State.DECIDED) & ~Q(outcome=""), then="outcome"),
            When(state=Objection.State.WITHDRAWN, then=Value(WITHDRAWN)),
            default=Value(PENDING),
        ),
    ).values("year", "result").annotate(n=Count("id")).order_by()
    return {(row["year"], row["result"]): row["n"] for row in rows}


def damocles_figures(*, organisation_id) -> Figures:
    """All figures for one organisation in three aggregate queries. A premises has one kind, so the
    distinct premises of a year and measure are the sum of those per kind: the totals are added up
    from the breakdown by kind rather than counted again."""
    procedures = counted_procedures(organisation_id)
    by_kind = _grouped(procedures, "year", "measure", "premises__kind")
    totals: dict[tuple[int, str], int] = {}
    for (year, measure, _kind), count in by_kind.items():
        totals[(year, measure)] = totals.get((year, measure), 0) + count
    return Figures(
        totals=totals,
        by_kind=by_kind,
        by_band={key: n for key, n in _grouped(procedures.filter(measure=CLOSURE),  # type: ignore[misc]  # an annotation
                                                "year", "band").items()},
        objections=_objections(organisation_id),
    )


# --- stored (ADR 0058): computed ahead, read with the moment they were computed ---------------------------
ALL_YEARS = "all"
_PARTS = ("totals", "by_kind", "by_band", "objections")


def _encoded(figures: Figures) -> dict[str, list[list]]:
    return {part: [[*key, count] for key, count in sorted(getattr(figures, part).items(), key=str)]
            for part in _PARTS}


def _decoded(values: dict[str, list[list]]) -> Figures:
    parts = {part: {tuple(row[:-1]): row[-1] for row in values[part]} for part in _PARTS}
    return Figures(totals=parts["totals"], by_kind=parts["by_kind"], by_band=parts["by_band"],
                   objections=parts["objections"])


def refresh_stored(organisation_id, periods=()) -> datetime:
    """Count the organisation's figures now and store them (the nightly job; the page's "Compute now"; the first
    visit). The one write here: a derived copy of this selector's own answer in the core's table of stored
    figures (casework/figures/stored.py), no case data; the view records who asked for it."""
    return stored.store(organisation_id, CASE_TYPE, {ALL_YEARS: _encoded(damocles_figures(
        organisation_id=organisation_id))})


def stored_figures(*, organisation_id) -> tuple[Figures, datetime]:
    """The figures as last computed, and when; computed first if they never were."""
    found = stored.read_or_compute(organisation_id, CASE_TYPE, [ALL_YEARS],
                                   lambda _missing: refresh_stored(organisation_id))[ALL_YEARS]
    return _decoded(found.values), found.computed_at


def figure_tables(figures: Figures) -> dict:
    """Rows for the page's tables (the accessible text version of the chart)."""
    return {
        "years": figures.years,
        "kinds": list(KINDS.items()),
        "bands": [(code, label) for code, label, _limit in BANDS],
        "outcomes": list(OUTCOMES.items()),
        "totals": [(year, figures.total(year, WARNING), figures.total(year, CLOSURE)) for year in figures.years],
        "by_kind": [(year, [figures.by_kind.get((year, measure, kind), 0) for measure in MEASURES for kind in KINDS])
                    for year in figures.years],
        "by_band": [(year, [figures.by_band.get((year, code), 0) for code, _label, _limit in BANDS])
                    for year in figures.years],
        "objections": [(year, [figures.objections.get((year, code), 0) for code in OUTCOMES])
                       for year in figures.years],
    }


def csv_rows(figures: Figures) -> list[list[str]]:
    """The CSV: one line per figure, machine codes plus a label; no personal data."""
    rows = [["section", "year", "measure", "category", "label", "count"]]
    for year in figures.years:
        for measure, label in MEASURES.items():
            rows.append(["premises", str(year), measure, "", str(label), str(figures.total(year, measure))])
            for kind, kind_label in KINDS.items():
                count = figures.by_kind.get((year, measure, kind), 0)
                rows.append(["premises_by_kind", str(year), measure, kind, str(kind_label), str(count)])
        for code, band_label, _limit in BANDS:
            count = figures.by_band.get((year, code), 0)
            rows.append(["closures_by_duration", str(year), CLOSURE, code, str(band_label), str(count)])
        for code, outcome_label in OUTCOMES.items():
            count = figures.objections.get((year, code), 0)
            rows.append(["objections", str(year), "", code, str(outcome_label), str(count)])
    return rows


# --- the chart: grouped bars per year, drawn by the server as SVG (no script, no inline style) ---
CHART_WIDTH, CHART_HEIGHT = 640, 300
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 48, 624, 24, 256


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    measure: str
    label: str

    @property
    def text_x(self) -> str:
        return str(round(self.x + self.width / 2, 1))


def _scale_max(peak: int) -> int:
    """A round upper bound for the value axis (at least 4, so ticks are whole numbers)."""
    top = max(peak, 4)
    step = 1 if top <= 10 else 5 if top <= 50 else 10 ** (len(str(top)) - 1)
    return -(-top // step) * step


def chart(figures: Figures) -> dict:
    """Geometry of the chart: bars, ticks and year labels, in SVG user units."""
    years = figures.years
    peak = max([figures.total(y, m) for y in years for m in MEASURES] or [0])
    top = _scale_max(peak)
    plot_height = PLOT_BOTTOM - PLOT_TOP
    slot = (PLOT_RIGHT - PLOT_LEFT) / max(len(years), 1)
    bar_width = min(32.0, slot / 3)
    bars, labels = [], []
    for index, year in enumerate(years):
        centre = PLOT_LEFT + slot * index + slot / 2
        labels.append({"x": round(centre, 1), "text": str(year)})
        for offset, measure in ((-1, WARNING), (0, CLOSURE)):
            value = figures.total(year, measure)
            height = plot_height * value / top
            bars.append(Bar(
                x=round(centre + offset * bar_width, 1), y=round(PLOT_BOTTOM - height, 1), width=round(bar_width, 1),
                height=round(height, 1), value=value, measure=measure,
                label=f"{year}: {value} {MEASURES[measure].lower()}",
            ))
    tick_step = max(top // 4, 1)
    ticks = [{"y": round(PLOT_BOTTOM - plot_height * v / top, 1), "value": v} for v in range(0, top + 1, tick_step)]
    return {
        "width": CHART_WIDTH, "height": CHART_HEIGHT, "left": PLOT_LEFT, "right": PLOT_RIGHT, "top": PLOT_TOP,
        "bottom": PLOT_BOTTOM, "bars": bars, "labels": labels, "ticks": ticks, "label_y": PLOT_BOTTOM + 20,
    }


def measures_by_year(figures: Figures) -> dict[int, dict[str, int]]:
    """{year: {measure: premises}}: handy for tests and summaries."""
    result: dict[int, dict[str, int]] = defaultdict(dict)
    for (year, measure), count in figures.totals.items():
        result[year][measure] = count
    return dict(result)
