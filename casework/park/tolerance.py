"""Personal tolerance decisions (persoonsgebonden gedoogbeschikkingen) and the reference date.

National policy (2003) tolerates permanent residence in a recreation object for a named person
who already lived there before the reference date, 31 October 2003; a municipality may set
another date. The date is data with a date of effect (`TolerancePolicy`, seeded by migration
0002): the version in force on the day a decision is granted applies, and the decision stores
both the version and the date it used, so a later policy change never rewrites an old decision.

The decision is personal and not transferable: it names one person and one object, ends when
that person leaves (occupant_leave ends it automatically) and is otherwise ended with a reason.
While it is in force (granted and not ended on a given day) no penalty order naming that person
for that object may be requested or imposed (casework/park/services/orders.py).

Here: the policy in force and which decisions are in force (read); granting and ending them are
services (casework/park/services/tolerance.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.park.models import RecreationObject, ToleranceDecision, TolerancePolicy

NATIONAL_REFERENCE_DATE = date(2003, 10, 31)


def policy_in_force(on: date) -> TolerancePolicy:
    """The tolerance policy version in force on `on` (the latest with effective_from <= on)."""
    policy = TolerancePolicy.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
    if policy is None:
        raise ValidationError(_("No tolerance policy is in force on this date."), code="no_policy")
    return policy


def tolerances_in_force(*, object: RecreationObject, persons: Iterable[Any] | None = None,  # noqa: A002
                        on: date | None = None) -> QuerySet[ToleranceDecision]:
    """Decisions for `object` in force on `on` (default today): granted by then and not ended by then."""
    day = on or timezone.localdate()
    decisions = ToleranceDecision.objects.filter(object=object, granted_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day),
    )
    if persons is not None:
        decisions = decisions.filter(person__in=[getattr(person, "pk", person) for person in persons])
    return decisions
