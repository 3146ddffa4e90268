"""The woonoverlast indicators of the annual figures (registry `figures`, casework/figures/indicators.py).

Files opened, nuisance reports by source, gedragsaanwijzingen (art. 151d Gemeentewet) and closures
(art. 174a) imposed, counted over the files the organisation controls: one aggregate query per
figure on plain columns; nothing is decrypted, and no reporter is named (only the category of the
source is counted).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from casework.figures.counting import grouped, per_category, totals
from casework.figures.indicators import Breakdown, Indicator
from casework.models import Case
from casework.woonoverlast.casetype import CASE_TYPE
from casework.woonoverlast.models import BehaviouralOrder, Closure, DecisionState, Melding
from casework.woonoverlast.models.files import Source
from casework.woonoverlast.models.orders import Enforcement

IMPOSED = (DecisionState.IMPOSED, DecisionState.ENDED, DecisionState.REVOKED)


def _files(organisation_id: Any, years: Sequence[int]) -> Indicator:
    cases = Case.objects.filter(case_type=CASE_TYPE, controller_id=organisation_id)
    per_year, per_quarter = totals(grouped(cases, "opened_on", years=years))
    return Indicator(code="files", label=_("Woonoverlast files opened"), years=per_year, quarters=per_quarter,
                     rule=_("Woonoverlast files opened in the period, by the date the file was opened."))


def _reports(organisation_id: Any, years: Sequence[int]) -> Indicator:
    rows = grouped(Melding.objects.filter(case__case_type=CASE_TYPE, case__controller_id=organisation_id),
                   "reported_on", years=years, by=("source",))
    per_year, per_quarter = totals(rows)
    return Indicator(
        code="reports", label=_("Nuisance reports"), years=per_year, quarters=per_quarter,
        rule=_("Reports of nuisance recorded in a woonoverlast file, by the date of the report, broken down by "
               "the kind of source (never the reporter)."),
        breakdowns=(Breakdown("source", _("by source"), tuple(Source.choices), per_category(rows, "source")),),
    )


def _orders(organisation_id: Any, years: Sequence[int]) -> Indicator:
    orders = BehaviouralOrder.objects.filter(case__case_type=CASE_TYPE, case__controller_id=organisation_id,
                                             state__in=IMPOSED).exclude(decided_on=None)
    rows = grouped(orders, "decided_on", years=years, by=("enforcement",))
    per_year, per_quarter = totals(rows)
    return Indicator(
        code="orders", label=_("Gedragsaanwijzingen imposed"), years=per_year, quarters=per_quarter,
        rule=_("Behavioural orders (gedragsaanwijzing, art. 151d Gemeentewet) imposed after the team lead's "
               "approval, by the date of the decision; ended and revoked orders count in the period they were "
               "imposed."),
        breakdowns=(Breakdown("enforcement", _("by form of the order"), tuple(Enforcement.choices),
                              per_category(rows, "enforcement")),),
    )


def _closures(organisation_id: Any, years: Sequence[int]) -> Indicator:
    closures = Closure.objects.filter(case__case_type=CASE_TYPE, case__controller_id=organisation_id,
                                      state__in=IMPOSED).exclude(decided_on=None)
    per_year, per_quarter = totals(grouped(closures, "decided_on", years=years))
    return Indicator(
        code="closures", label=_("Dwellings closed (woonoverlast)"), years=per_year, quarters=per_quarter,
        rule=_("Closures of a dwelling (art. 174a Gemeentewet) imposed, by the date of the decision; an extension "
               "of a closure does not count again."),
    )


def figures(*, organisation_id: Any, years: Sequence[int]) -> list[Indicator]:
    """Four indicators in four aggregate queries."""
    return [_files(organisation_id, years), _reports(organisation_id, years), _orders(organisation_id, years),
            _closures(organisation_id, years)]
