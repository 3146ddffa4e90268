"""The park indicators of the annual figures (registry `figures`, casework/figures/indicators.py).

Orders under penalty, forfeitures, amounts paid or collected, and forfeitures lost to limitation,
counted over the park files the organisation controls: one aggregate query per figure on plain
columns of `park.PenaltyOrder` and the core's penalties (`casework/penalties/`); nothing decrypted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from casework.figures.counting import grouped, per_category, totals
from casework.figures.indicators import AMOUNT, Breakdown, Indicator
from casework.park.casetype import CASE_TYPE
from casework.park.models import PenaltyOrder
from casework.penalties.models import Forfeiture, Payment


def _scope(organisation_id: Any) -> dict[str, Any]:
    return {"case__case_type": CASE_TYPE, "case__controller_id": organisation_id}


def _orders(organisation_id: Any, years: Sequence[int]) -> Indicator:
    orders = PenaltyOrder.objects.filter(**_scope(organisation_id)).exclude(state=PenaltyOrder.State.DRAFT)
    per_year, per_quarter = totals(grouped(orders.exclude(decided_on=None), "decided_on", years=years))
    return Indicator(code="orders", label=_("Orders under penalty imposed (holiday parks)"), years=per_year,
                     quarters=per_quarter,
                     rule=_("Orders under penalty (last onder dwangsom) imposed after the team lead's approval, by "
                            "the date of the decision; revoked orders count in the period they were imposed."))


def _forfeitures(organisation_id: Any, years: Sequence[int]) -> Indicator:
    rows = grouped(Forfeiture.objects.filter(**_scope(organisation_id)), "forfeited_on", years=years, by=("state",))
    per_year, per_quarter = totals(rows)
    return Indicator(
        code="forfeitures", label=_("Penalties forfeited (holiday parks)"), years=per_year, quarters=per_quarter,
        rule=_("Forfeitures of a penalty established in the period, by the date of forfeiture, broken down by what "
               "has become of them since (open, paid, collected, time-barred, waived)."),
        breakdowns=(Breakdown("state", _("by present state"), tuple(Forfeiture.State.choices),
                              per_category(rows, "state")),),
    )


def _counts(*mappings: Mapping[Any, Any]) -> dict[Any, int]:
    return {key: int(value) for mapping in mappings for key, value in mapping.items()}


def _collected(organisation_id: Any, years: Sequence[int]) -> Indicator:
    rows = grouped(Payment.objects.filter(**_scope(organisation_id)), "paid_on", years=years,
                   value=Sum("amount"), payments=Count("pk"))
    per_year, per_quarter = totals(rows)
    payments_year, payments_quarter = totals(rows, "payments")
    return Indicator(
        code="collected", label=_("Amounts of forfeited penalties received (holiday parks)"), unit=AMOUNT,
        years=per_year, quarters=per_quarter, basis=_counts(payments_year, payments_quarter),
        rule=_("Payments received on forfeited penalties, voluntary or after a collection decision, by the date of "
               "payment, in euro."),
    )


def _time_barred(organisation_id: Any, years: Sequence[int]) -> Indicator:
    expired = Forfeiture.objects.filter(**_scope(organisation_id), state=Forfeiture.State.EXPIRED).exclude(
        closed_on=None)
    per_year, per_quarter = totals(grouped(expired, "closed_on", years=years))
    return Indicator(
        code="time_barred", label=_("Forfeited penalties lost to limitation (holiday parks)"), years=per_year,
        quarters=per_quarter,
        rule=_("Forfeitures recorded as time-barred (verjaard, Awb 5:35) in the period, by the date that was "
               "recorded; they can no longer be collected."),
    )


def figures(*, organisation_id: Any, years: Sequence[int]) -> list[Indicator]:
    """Four indicators in four aggregate queries."""
    return [_orders(organisation_id, years), _forfeitures(organisation_id, years),
            _collected(organisation_id, years), _time_barred(organisation_id, years)]
