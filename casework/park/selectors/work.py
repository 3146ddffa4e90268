"""The park's part of "Mijn werk" (registry `work_queue`): limitation warnings of its forfeitures.

A forfeiture whose claim expires within three months (Awb 5:35) is listed as a limitation warning
from the core's penalties; it stands for the park's own `limitation_date` term of that case, which
is then not listed a second time.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from casework.contributions import WorkItem
from casework.models import Case
from casework.park.selectors.overview import LIMITATION_DATE
from casework.worklist import limitation_items


def work_queue(*, user: Any, cases: QuerySet[Case], today: date) -> list[WorkItem]:
    return limitation_items(cases=cases, today=today, replaces=(f"park_{LIMITATION_DATE}",))
