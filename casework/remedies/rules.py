"""What every remedy service shares: the decided row a remedy is about (`Decision`), how one case
type uses the remedies (`RemedyRules`), and the small date checks all of them make."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from casework.models import Case
from casework.remedies.models import Announcement
from casework.values import require_date


@dataclass(frozen=True)
class Decision:
    """The decided row of a case type a remedy is about (a closure decision, a penalty order)."""

    case: Case
    model: str  # its model label, e.g. "park.PenaltyOrder"
    pk: Any
    decided_on: date | None = None
    # The compliance term (begunstigingstermijn) the decision sets, in days (0: none); None when
    # this decision sets no such term. Each announcement stores its own end (casework/remedies/terms.py).
    compliance_term_days: int | None = None

    @classmethod
    def of(cls, row: Any, *, case: Case, decided_on: date | None = None,
           compliance_term_days: int | None = None) -> Decision:
        return cls(case=case, model=row._meta.label, pk=row.pk, decided_on=decided_on,
                   compliance_term_days=compliance_term_days)

    def reference(self) -> dict[str, Any]:
        return {"decision_type": self.model, "decision_id": self.pk}


@dataclass(frozen=True)
class RemedyRules:
    """How one case type uses the remedies.

    `authorise(actor, case)` raises PermissionDenied (and records the refusal) for whoever may not
    act, and ValidationError when the case does not allow it (closed); `after_change(actor=,
    decision_type=, decision_id=, because=)` runs in the same transaction after every change.
    """

    authorise: Callable[[User, Case], None]
    methods: tuple[str, ...] = tuple(Announcement.Method.values)
    roles: tuple[str, ...] = ()  # addressee roles the type asks for; empty: none
    refuse_future: bool = False  # a date after today is refused
    dated_withdrawal: bool = False  # a withdrawal needs its date; an open objection has no decision date
    after_change: Callable[..., None] | None = None

    def changed(self, *, actor: User, decision_type: str, decision_id: Any, because: str) -> None:
        if self.after_change is not None:
            self.after_change(actor=actor, decision_type=decision_type, decision_id=decision_id, because=because)



def changed_about(rules: RemedyRules, actor: User, row: Any, because: str) -> None:
    rules.changed(actor=actor, decision_type=row.decision_type, decision_id=row.decision_id, because=because)


def required_day(value: Any, field: str, missing: str) -> date:
    return require_date(value, field, missing=missing)


# The Algemene wet bestuursrecht took effect on 1 January 1994: no objection, appeal or request for
# interim relief under it is older (the hostile-input sweep sent the year 1 and it was stored).
AWB_IN_FORCE = date(1994, 1, 1)


def not_future(rules: RemedyRules, day: date | None, field: str) -> None:
    """A remedy's date: not in the future (where the type's rules say so), and not before the Awb."""
    if day is not None and day < AWB_IN_FORCE:
        raise ValidationError({field: _("Enter a date on or after 1 January 1994: check the year.")})
    if rules.refuse_future and day is not None and day > timezone.localdate():
        raise ValidationError({field: _("Enter a date that is not in the future.")})
