"""The days equated with holidays by royal decree (Atw art. 3 lid 3), kept as data by a team lead.

A decree names the days for some years ahead; a team lead enters them with the decree as their
source (`equated_day_add`) and can remove a mistaken entry before its day (`equated_day_remove`).
A day that is already a Saturday, Sunday or holiday adds nothing and is refused. Changes are
audited (they move legal terms). `missing_years` feeds the scheduled check that warns when the
coming year has no equated day yet (`manage.py check_equated_days`).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import require_capability
from audit import record
from audit.actions import Action
from audit.activities import INFORMATION_SECURITY
from casework import bounds
from casework.deadlines import statutory_holidays
from casework.models import EquatedDay

CAPABILITY = "manage_calendar"


def equated_day_add(*, actor, day: date, description: str, source: str) -> EquatedDay:
    require_capability(actor, CAPABILITY)
    errors: dict[str, str] = {}
    if day.weekday() >= 5 or day in statutory_holidays(day.year):
        errors["date"] = _("This day is already a Saturday, Sunday or holiday: equating it changes nothing.")
    errors.update(bounds.planning_date(day, "date"))
    errors.update(bounds.lengths({"description": description, "source": source}, bounds.NAME))
    if not description.strip():
        errors["description"] = _("Describe the day, e.g. “Friday after Ascension Day”.")
    if not source.strip():
        errors["source"] = _("Name the decree that equates this day (title and publication).")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            equated = EquatedDay.objects.create(date=day, description=description.strip(), source=source.strip())
    except IntegrityError as exc:
        raise ValidationError({"date": _("This day is already in the table.")}) from exc
    record(action=Action.CREATE, processing_activity=INFORMATION_SECURITY, actor=actor,
           object_type="casework.EquatedDay", object_id=equated.pk, reason=f"equated day {day.isoformat()} added")
    return equated


def equated_day_remove(*, actor, equated: EquatedDay) -> None:
    require_capability(actor, CAPABILITY)
    if equated.date < timezone.localdate():
        raise ValidationError(_("A day in the past may have counted in terms already: it stays in the table."))
    record(action=Action.DELETE, processing_activity=INFORMATION_SECURITY, actor=actor,
           object_type="casework.EquatedDay", object_id=equated.pk,
           reason=f"equated day {equated.date.isoformat()} removed")
    equated.delete()


def missing_years(*, today: date | None = None, ahead: int = 1) -> list[int]:
    """The coming years (this year + 1 .. + `ahead`) without any equated day in the table."""
    today = today or timezone.localdate()
    years = list(range(today.year + 1, today.year + ahead + 1))
    present = set(EquatedDay.objects.filter(date__year__in=years).values_list("date__year", flat=True))
    return [year for year in years if year not in present]
