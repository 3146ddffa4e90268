"""Writes of the annual figures: goals per indicator and year, and external figures (team leads).

Each service checks the capability, validates, writes in a transaction and records an audit event
(the figures hold no personal data, so the event names no subject). Setting a goal or an external
figure for a year that already has one replaces it (one per organisation, indicator and year).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit import record
from audit.actions import Action
from casework.figures import stored
from casework.figures.access import MANAGE, PROCESSING_ACTIVITY, VIEW, require
from casework.figures.models import FIRST_YEAR, LAST_YEAR, Comparison, ExternalFigure, ExternalKind, Goal


def _check_year(year: Any, errors: dict[str, str]) -> None:
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        errors["year"] = _("Enter a year between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}


@transaction.atomic
def goal_set(*, actor, indicator: str, year: int, comparison: str, value: Decimal) -> Goal:
    """Set (or replace) the goal of `indicator` in `year` for the actor's organisation."""
    from casework.figures.selectors import indicator_choices

    require(actor, MANAGE)
    errors: dict[str, str] = {}
    if indicator not in {key for key, _label in indicator_choices(actor.organisation_id)}:
        errors["indicator"] = _("Choose one of the indicators on the figures page.")
    _check_year(year, errors)
    if comparison not in Comparison.values:
        errors["comparison"] = _("Choose how the figure is compared with the goal.")
    if not isinstance(value, Decimal) or value < 0 or not value.is_finite():
        errors["value"] = _("Enter a goal of zero or more.")
    if errors:
        raise ValidationError(errors)
    goal, created = Goal.objects.update_or_create(
        organisation_id=actor.organisation_id, indicator=indicator, year=year,
        defaults={"comparison": comparison, "value": value, "set_by": actor},
    )
    record(action=Action.CREATE if created else Action.UPDATE, processing_activity=PROCESSING_ACTIVITY, actor=actor,
           object_type="figures.Goal", object_id=goal.pk, reason=f"goal {indicator} {year} set to {goal.text}")
    return goal


@transaction.atomic
def goal_remove(*, actor, goal: Goal) -> None:
    require(actor, MANAGE)
    if goal.organisation_id != actor.organisation_id:
        raise ValidationError(_("This goal belongs to another organisation."))
    record(action=Action.DELETE, processing_activity=PROCESSING_ACTIVITY, actor=actor, object_type="figures.Goal",
           object_id=goal.pk, reason=f"goal {goal.indicator} {goal.year} removed")
    goal.delete()


@transaction.atomic
def external_figure_set(*, actor, kind: str, year: int, value: int, source: str) -> ExternalFigure:
    """Enter (or correct) an external figure of `year` with the publication it comes from."""
    require(actor, MANAGE)
    errors: dict[str, str] = {}
    if kind not in ExternalKind.values:
        errors["kind"] = _("Choose one of the external figures.")
    _check_year(year, errors)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        errors["value"] = _("Enter a whole number of zero or more.")
    source = (source or "").strip()
    if not source:
        errors["source"] = _("Name the source: who published the figure, and where.")
    elif len(source) > 200:
        errors["source"] = _("Keep the source to 200 characters.")
    if errors:
        raise ValidationError(errors)
    figure, created = ExternalFigure.objects.update_or_create(
        organisation_id=actor.organisation_id, kind=kind, year=year,
        defaults={"value": value, "source": source, "entered_by": actor},
    )
    record(action=Action.CREATE if created else Action.UPDATE, processing_activity=PROCESSING_ACTIVITY, actor=actor,
           object_type="figures.ExternalFigure", object_id=figure.pk,
           reason=f"external figure {kind} {year} set to {value}")
    return figure


def figures_refresh(*, actor, years: list[int]) -> datetime:
    """Compute the annual figures of `years` for the actor's organisation now, instead of at the next night
    (casework/figures/stored.py). Anyone who may see them may ask; the event says who asked for which years."""
    require(actor, VIEW)
    errors: dict[str, str] = {}
    for year in years:
        _check_year(year, errors)
    if not years or errors:
        raise ValidationError(errors or {"year": _("Choose the years to compute.")})
    computed_at = stored.refresh_annual(actor.organisation_id, years)
    record(action=Action.UPDATE, processing_activity=PROCESSING_ACTIVITY, actor=actor,
           object_type="figures.StoredFigures", object_id=str(actor.organisation_id),
           reason=f"annual figures {min(years)}-{max(years)} computed on request")
    return computed_at
