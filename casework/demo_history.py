"""Demo history: move a demo case, and every row that points at it, whole years into the past, so the
annual figures (`/jaarcijfers/`) show earlier years for every case type.

Only the case types' demos call this (`seed_demo`, which refuses production). Their cases are built by
the same services as real work, at today's date (the services bound dates around today for real input),
and then shifted: the case's own dates and every date and time field of the rows with a foreign key to
the case (a conference, a forfeiture, an order, a sharing decision, ...). The core
walks `Case`'s reverse relations, so it needs no knowledge of any case type. Left as they are: the case
reference (it keeps the seeding year), the rows' change history and the audit trail (append-only; its
events keep the day the demo was seeded) — the demo says so in `seed_demo`'s output.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from casework.models import Case
from casework.privacy.retention import add_years

YEARS = (1, 2, 3)  # the earlier years the demos fill



def moved(today: date) -> models.Q:
    """The demo cases moved into earlier years (closed before this year began), for the demos' own counts."""
    return models.Q(closed_on__year__lt=today.year)


def _date_fields(model: type[models.Model]) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields
            if isinstance(field, models.DateField) and not field.primary_key]


def _shift_rows(queryset: models.QuerySet[Any], fields: list[str], delta: timedelta) -> int:
    shifted = 0
    for pk, *values in queryset.values_list("pk", *fields):
        changes = {name: value - delta for name, value in zip(fields, values, strict=True)
                   if isinstance(value, date | datetime)}
        if changes:
            shifted += queryset.model._default_manager.filter(pk=pk).update(**changes)
    return shifted


@transaction.atomic
def shift_into_past(case: Case, *, years: int) -> int:
    """Move `case` and the rows pointing at it `years` years back (what happened today lands on the same
    day `years` years ago); returns the number of rows moved."""
    today = timezone.localdate()
    delta = today - add_years(today, -years)
    moved = _shift_rows(Case.objects.filter(pk=case.pk), _date_fields(Case), delta)
    for relation in Case._meta.related_objects:
        if relation.many_to_many:
            continue
        model = relation.related_model
        if not isinstance(model, type):  # "self": no relation of Case to itself holds dates to move
            continue
        fields = _date_fields(model)
        if fields:
            moved += _shift_rows(model._default_manager.filter(**{relation.field.name: case}), fields, delta)
    return moved
