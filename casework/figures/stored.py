"""The figures pages' numbers, computed ahead and stored (ADR 0058; model `StoredFigures`).

The annual figures aggregate every case of an organisation in the years shown: at 1,000,000 cases 3.5 s
per visit, growing with the database. Instead the numbers are computed by a nightly job
(`manage.py refresh_figures`), on request by a user who may see them, or on the first visit of a period
never computed, and each page reads them with the moment they were computed ("stand van ..."). A page
then costs the same at any number of cases; the price is that a change of today shows after the next
computation, which the page says.

What is stored is what the case types' `figures` providers return (casework/figures/indicators.py), per
calendar year, as plain numbers keyed by codes: never a person or a case, and no average that rests on 1 to 4
cases (no page may show one, `_never_published`).
The suppression rule is applied when the figures are read (casework/figures/selectors.py), exactly as
when they were counted on each visit. The labels, counting rules and categories come from the providers
asked for no years (which counts nothing), so a stored year shows the texts of the running release; a
year whose stored numbers lack an indicator the registry now lists (a new type or figure) is computed
anew on its visit.

Writes take no lock another writer waits for long: a computation upserts its rows (one statement), so two
users refreshing at once both succeed and the later one's numbers stay.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import router
from django.utils import timezone
from django.utils.module_loading import import_string

from casework import registry
from casework.figures import suppression
from casework.figures.indicators import Indicator, Number, TypeFigures
from casework.figures.models import StoredFigures
from config.parallel import parallel_query

ANNUAL = "annual"
YEARS_SHOWN = 4  # the annual figures page shows the four years up to the one asked
Encoded = dict[str, Any]
Refresher = Callable[[Any, Sequence[str]], datetime]  # (organisation id, stored periods) -> computed at
REFRESHERS: dict[str, Refresher | str] = {}  # report -> how to compute it anew (`register`)


def register(report: str, refresher: Refresher | str) -> None:
    """Name how a report is computed anew, for the nightly job: a function, or its dotted path (a case type's
    own figures page registers its selector's path when its app is ready, importing nothing then)."""
    REFRESHERS[report] = refresher


def refresh_stored() -> tuple[list[tuple[Any, str, datetime]], list[tuple[Any, str, Exception]]]:
    """The nightly job (`manage.py refresh_figures`): every report of every organisation that has stored
    figures computed anew, one organisation and report at a time (no transaction spans two, so a long night
    holds no lock for long, and one that fails leaves the others computed). Returns the computations
    (organisation id, report, computed at) and the failures (organisation id, report, error)."""
    inventory: dict[tuple[Any, str], list[str]] = {}
    for organisation_id, report, period in (StoredFigures.objects.order_by("organisation_id", "report", "period")
                                            .values_list("organisation_id", "report", "period")):
        inventory.setdefault((organisation_id, report), []).append(period)
    done, failed = [], []
    for (organisation_id, report), periods in inventory.items():
        refresher = REFRESHERS.get(report)
        if refresher is None:  # a report no longer registered is left as it was
            continue
        try:
            function = import_string(refresher) if isinstance(refresher, str) else refresher
            done.append((organisation_id, report, function(organisation_id, periods)))
        except Exception as error:  # noqa: BLE001 - reported by the job, which then fails
            failed.append((organisation_id, report, error))
    return done, failed


def _number(value: Number | None) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _decoded(value: Any) -> Number | None:
    return Decimal(value) if isinstance(value, str) else value


def _never_published(indicator: Indicator, basis: int | None) -> bool:
    """An average of an identifying figure resting on 1 to 4 cases: the primary suppression rule withholds it on
    every page and export (casework/figures/selectors.py `_primary`), so it is not stored either. The change in
    self-reliance is an average of health scores kept encrypted (ADR 0029): over one case, in a plain column, it
    would be that person's scores. Counts and amounts come from plain columns and are stored as counted."""
    return indicator.identifying and not indicator.additive and basis is not None and suppression.small(basis)


def _year_of(indicator: Indicator, year: int) -> Encoded:
    """One indicator's numbers of one year: only the keys the provider gave (a key left out is zero), less the
    averages no page may show."""
    basis: dict[str, int] = {}
    if year in indicator.basis:
        basis["year"] = indicator.basis[year]
    basis |= {str(q): n for (y, q), n in _pairs(indicator.basis) if y == year}
    shown_year = year in indicator.years and not _never_published(indicator, basis.get("year"))
    return {
        "year": [_number(indicator.years[year])] if shown_year else [],
        "quarters": {str(q): _number(v) for (y, q), v in indicator.quarters.items()
                     if y == year and not _never_published(indicator, basis.get(str(q)))},
        "basis": basis,
        "breakdowns": {b.code: {"values": {c: _number(v) for (y, c), v in b.values.items() if y == year},
                                "basis": {c: n for (y, c), n in b.basis.items() if y == year}}
                       for b in indicator.breakdowns},
    }


def _pairs(mapping: Mapping[Any, int]) -> Iterable[tuple[tuple[int, int], int]]:
    return ((key, value) for key, value in mapping.items() if isinstance(key, tuple))


def encode(figures: Sequence[TypeFigures], year: int) -> Encoded:
    """{type: {indicator: numbers of `year`}}: what one stored row holds."""
    return {item.case_type: {indicator.code: _year_of(indicator, year) for indicator in item.indicators}
            for item in figures}


def _merged(shape: Indicator, years: Mapping[int, Encoded]) -> Indicator:
    """The provider's empty indicator with the stored numbers of `years` ({year: encoded})."""
    values: dict[int, Number] = {}
    quarters: dict[tuple[int, int], Number] = {}
    basis: dict[int | tuple[int, int], int] = {}
    parts: dict[str, tuple[dict[tuple[int, str], Number], dict[tuple[int, str], int]]] = {
        b.code: ({}, {}) for b in shape.breakdowns}
    for year, numbers in years.items():
        if numbers["year"]:
            values[year] = _decoded(numbers["year"][0])  # type: ignore[assignment]  # a stored number
        quarters |= {(year, int(q)): _decoded(v) for q, v in numbers["quarters"].items()}  # type: ignore[misc]
        for key, n in numbers["basis"].items():
            basis[year if key == "year" else (year, int(key))] = n
        for code, stored in numbers["breakdowns"].items():
            if code in parts:
                parts[code][0].update({(year, c): _decoded(v) for c, v in stored["values"].items()})  # type: ignore[misc]
                parts[code][1].update({(year, c): n for c, n in stored["basis"].items()})
    breakdowns = tuple(dataclasses.replace(b, values=parts[b.code][0], basis=parts[b.code][1])
                       for b in shape.breakdowns)
    return dataclasses.replace(shape, years=values, quarters=quarters, basis=basis, breakdowns=breakdowns)


def _complete(stored: Encoded, shapes: Sequence[TypeFigures]) -> bool:
    """Whether a stored year holds every indicator (and breakdown) the registry lists now."""
    return all(indicator.code in stored.get(item.case_type, {})
               and all(b.code in stored[item.case_type][indicator.code]["breakdowns"] for b in indicator.breakdowns)
               for item in shapes for indicator in item.indicators if indicator.available)


def decode(shapes: Sequence[TypeFigures], rows: Mapping[int, Encoded]) -> list[TypeFigures]:
    """The providers' empty figures (`shapes`) filled with the stored numbers of each year in `rows`."""
    result = []
    for item in shapes:
        indicators = []
        for indicator in item.indicators:
            if not indicator.available:
                indicators.append(indicator)
                continue
            years = {year: stored[item.case_type][indicator.code] for year, stored in rows.items()}
            indicators.append(_merged(indicator, years))
        result.append(TypeFigures(item.case_type, item.label, tuple(indicators)))
    return result


def store(organisation_id: Any, report: str, rows: Mapping[str, Encoded]) -> datetime:
    """Upsert `rows` ({period: values}) of one report as computed now; returns the moment."""
    now = timezone.now()
    StoredFigures.objects.bulk_create(
        [StoredFigures(organisation_id=organisation_id, report=report, period=period, values=values,
                       computed_at=now) for period, values in rows.items()],
        update_conflicts=True, unique_fields=["organisation", "report", "period"],
        update_fields=["values", "computed_at"])
    return now


def read(organisation_id: Any, report: str, periods: Sequence[str]) -> dict[str, StoredFigures]:
    """The stored rows of `periods` of one report, by period (those never computed are absent)."""
    rows = StoredFigures.objects.filter(organisation_id=organisation_id, report=report, period__in=list(periods))
    return {row.period: row for row in rows}


def read_or_compute(organisation_id: Any, report: str, periods: Sequence[str],
                    compute: Callable[[list[str]], object],
                    usable: Callable[[Encoded], bool] = lambda values: True) -> dict[str, StoredFigures]:
    """The stored rows of `periods`, after `compute(missing)` has stored those never computed (or not `usable`)."""
    found = read(organisation_id, report, periods)
    missing = [period for period in periods if period not in found or not usable(found[period].values)]
    if missing:
        compute(missing)
        found |= read(organisation_id, report, missing)
    return found


# --- the annual figures --------------------------------------------------------------------------------

def type_figures(*, organisation_id: Any, years: Sequence[int]) -> list[TypeFigures]:
    """Every registered type's indicators, counted now (raw: not yet suppressed; never show these). Asked
    for no years, the providers count nothing and give the indicators' texts and categories only."""
    result = []
    for spec in registry.types():
        if spec.figures is None:
            continue
        indicators = spec.provider("figures")(organisation_id=organisation_id, years=list(years))
        result.append(TypeFigures(spec.code, spec.label, tuple(indicators)))
    return result


def refresh_annual(organisation_id: Any, years: Sequence[int]) -> datetime:
    """Count `years` for the organisation now (every provider, in one transaction with parallel workers on
    PostgreSQL, config/parallel.py) and store one row per year."""
    with parallel_query(router.db_for_read(StoredFigures)):
        figures = type_figures(organisation_id=organisation_id, years=list(years))
    return store(organisation_id, ANNUAL, {str(year): encode(figures, year) for year in years})


def _refresh_annual_stored(organisation_id: Any, periods: Sequence[str]) -> datetime:
    """The years stored, and the years the page shows by default (so a new year is computed from its first
    night on)."""
    this_year = timezone.localdate().year
    years = {int(period) for period in periods} | set(range(this_year - YEARS_SHOWN + 1, this_year + 1))
    return refresh_annual(organisation_id, sorted(years))


register(ANNUAL, _refresh_annual_stored)


def annual(organisation_id: Any, years: Sequence[int]) -> tuple[list[TypeFigures], datetime | None]:
    """The figures of `years` as last computed, and the oldest moment among them; a year not computed yet,
    or lacking an indicator the registry lists now, is computed first."""
    shapes = type_figures(organisation_id=organisation_id, years=[])
    found = read_or_compute(organisation_id, ANNUAL, [str(year) for year in years],
                            lambda missing: refresh_annual(organisation_id, [int(year) for year in missing]),
                            lambda values: _complete(values, shapes))
    rows = {year: found[str(year)].values for year in years}
    moments = [found[str(year)].computed_at for year in years]
    return decode(shapes, rows), min(moments) if moments else None
