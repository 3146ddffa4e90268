"""Woonoverlast's part of "Mijn werk" (registry `work_queue`): limitation warnings of forfeitures
under its orders (the core's penalties, Awb 5:35), which its own terms do not list."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from casework.contributions import WorkItem
from casework.models import Case
from casework.worklist import limitation_items


def work_queue(*, user: Any, cases: QuerySet[Case], today: date) -> list[WorkItem]:
    return limitation_items(cases=cases, today=today)
