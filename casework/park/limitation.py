"""Limitation of the park's forfeited penalties.

The law and our reading of it, the computation (`compute_limitation`), the periods of the
remedies against an order (`order_periods`) and of the penalty rows, and storing the result on the
forfeitures are the core's: casework/penalties/limitation.py and dates.py, for every case type
that imposes an order under penalty (ADR 0011); re-exported here. The park adds the order and its
object to each warning (3 months and 1 month before each date, `limitation_warnings`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import QuerySet

from casework.park.models import PenaltyOrder
from casework.penalties import dates
from casework.penalties.dates import (  # noqa: F401 - re-exported for the park's modules and tests
    LimitationWarning,
    event_periods,
    interruptions_by_forfeiture,
    limitation_of,
    limitation_recompute,
    request_periods,
)
from casework.penalties.limitation import (  # noqa: F401 - re-exported for the park's modules and tests
    APPEAL_TERM_WEEKS,
    DURATION,
    ONE_MONTH,
    PASSED,
    TERM,
    THREE_MONTHS,
    UNTIL_RESOLVED,
    WARN_FIRST,
    WARN_SECOND,
    WARNING_LABELS,
    Limitation,
    Period,
    after_decision,
    compute_limitation,
    order_periods,
)


def limitation_warnings(cases: QuerySet[Any] | Iterable[Any], today: date) -> list[LimitationWarning]:
    """The core's warnings (casework/penalties/dates.py), each forfeiture with its order and the
    order's object loaded (one more query)."""
    warnings = dates.limitation_warnings(cases, today)
    ids = {w.forfeiture.order_id for w in warnings if w.forfeiture.order_type == PenaltyOrder._meta.label}
    orders = PenaltyOrder.objects.select_related("object").in_bulk(ids) if ids else {}
    for warning in warnings:
        if warning.forfeiture.order_id in orders:
            warning.forfeiture.order = orders[warning.forfeiture.order_id]
    return warnings
