"""The woonoverlast use of the core's legal remedies (casework/remedies/services.py): announcements
per addressee, objections and appeals against a gedragsaanwijzing or a closure.

The Awb rules are the core's; what is woonoverlast's own is here: who may act (an enforcement
officer on an open file), that only an imposed decision is announced, only to an addressee named
in it and once each, and that no date lies in the future. The decision the remedies are about is
the gedragsaanwijzing (`woonoverlast.BehaviouralOrder`) or the closure (`woonoverlast.Closure`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from casework.models import Case, Person
from casework.penalties.dates import limitation_recompute
from casework.remedies import services as remedies
from casework.remedies.models import Announcement, AnnouncementMethod, Appeal, Objection
from casework.woonoverlast.models import BehaviouralOrder, Closure, DecisionState
from casework.woonoverlast.services.common import require_date, require_officer_on_open

METHODS = (AnnouncementMethod.REGISTERED_POST, AnnouncementMethod.HANDED_IN_PERSON, AnnouncementMethod.BAILIFF)
METHOD_CHOICES = [(value, label) for value, label in AnnouncementMethod.choices if value in METHODS]
ORDER = "woonoverlast.BehaviouralOrder"


def _recompute(*, actor: User, decision_type: str, decision_id: Any, because: str) -> None:
    if decision_type == ORDER:
        limitation_recompute(actor=actor, order=BehaviouralOrder.objects.get(pk=decision_id), because=because)


RULES = remedies.RemedyRules(authorise=require_officer_on_open, methods=METHODS, refuse_future=True,
                             dated_withdrawal=True, after_change=_recompute)


def decision_of(row: BehaviouralOrder | Closure) -> remedies.Decision:
    """The decided row, with the compliance term each announcement counts from (casework/remedies/terms.py):
    the begunstigingstermijn of a gedragsaanwijzing (Awb 5:24, 5:32a), or the term to end the
    disturbance of a closure (art. 174a lid 4; none when urgent)."""
    days = row.compliance_term_days if isinstance(row, BehaviouralOrder) else row.disturbance_term_days
    return remedies.Decision.of(row, case=row.case, decided_on=row.decided_on, compliance_term_days=days)


@transaction.atomic
def announcement_register(*, actor: User, decision: BehaviouralOrder | Closure | None, addressee: Person | None,
                          method: str, announced_on: Any, case: Any = None) -> Announcement:
    """Announce the imposed gedragsaanwijzing or closure to one of its addressees. Without a decision
    (or an addressee) it is refused as bad input, after the access check on `case` when given."""
    if decision is None:
        if case is not None:
            require_officer_on_open(actor, case)
        raise ValidationError({"decision": _("Choose the decision announced.")})
    require_officer_on_open(actor, decision.case)
    if addressee is None:
        raise ValidationError({"addressee": _("Choose an addressee named in the decision.")})
    decision = type(decision).objects.select_for_update().get(pk=decision.pk)  # once per addressee
    day = require_date(announced_on, "announced_on")
    if decision.state not in (DecisionState.IMPOSED, DecisionState.ENDED) or decision.decided_on is None:
        raise ValidationError(_("Only an imposed decision is announced."), code="not_imposed")
    if not decision.addressees.filter(pk=addressee.pk).exists():
        raise ValidationError({"addressee": _("Choose an addressee named in the decision.")})
    if method not in METHODS:
        raise ValidationError({"method": _("Choose how the decision was announced.")})
    reference = decision_of(decision)
    if Announcement.objects.filter(**reference.reference(), addressee_person=addressee).exists():
        raise ValidationError({"addressee": _("The decision was already announced to this addressee.")})
    return remedies.announcement_register(actor=actor, rules=RULES, decision=reference, method=method,
                                          announced_on=day, addressee_person=addressee,
                                          reason=f"decision announced ({method})")


def objection_register(*, actor: User, announcement: Announcement, received_on: date,
                       advisory_committee: bool = False) -> Objection:
    return remedies.objection_register(actor=actor, rules=RULES, announcement=announcement, received_on=received_on,
                                       advisory_committee=advisory_committee)


def objection_update(*, actor: User, objection: Objection, **changes: Any) -> Objection:
    return remedies.objection_update(actor=actor, rules=RULES, objection=objection, **changes)


def appeal_register(*, actor: User, decision: BehaviouralOrder | Closure, level: str, lodged_on: Any) -> Appeal:
    require_officer_on_open(actor, decision.case)
    if level not in Appeal.Level.values:
        raise ValidationError({"level": _("Choose appeal or higher appeal.")})
    day = require_date(lodged_on, "lodged_on")
    if decision.decided_on is None or day < decision.decided_on:
        raise ValidationError({"lodged_on": _("An appeal cannot precede the decision.")})
    return remedies.appeal_register(actor=actor, rules=RULES, decision=decision_of(decision), level=level,
                                    lodged_on=day)


def announcements_of(decision: BehaviouralOrder | Closure) -> list[Announcement]:
    return list(Announcement.objects.filter(**decision_of(decision).reference()).order_by("announced_on"))


__all__ = ["Case", "METHOD_CHOICES", "RULES", "announcement_register", "announcements_of", "appeal_register",
           "decision_of", "objection_register", "objection_update"]
