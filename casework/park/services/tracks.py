"""The park type's use of the core's legal remedies (casework/remedies/services.py): announcements
per addressee, objections, appeals against a penalty order.

The Awb rules (objection deadline, the 7:10 decision term, appeals) are the core's; what is the
park's own is here: who may act (an enforcement officer on an open file), the three ways an order
is announced, that only an imposed order is announced and only to an addressee named in it (once
each), that no date lies in the future, and that every change recomputes the limitation dates of
the order's forfeitures (Awb 5:35 lid 2; casework/park/limitation.py). The decision the remedies
are about is the order (`park.PenaltyOrder`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.history import save_with_reason
from casework.models import Case, Person
from casework.park.limitation import limitation_recompute
from casework.park.models import PenaltyOrder
from casework.park.services.common import parse_date, require_officer, require_open
from casework.remedies import applications
from casework.remedies import services as remedies
from casework.remedies.models import Announcement, AnnouncementMethod, Appeal, Application, Objection
from casework.remedies.terms import latest_compliance_end

METHODS = (AnnouncementMethod.REGISTERED_POST, AnnouncementMethod.HANDED_IN_PERSON, AnnouncementMethod.BAILIFF)
METHOD_CHOICES = [(value, label) for value, label in AnnouncementMethod.choices if value in METHODS]
DECISION = "park.PenaltyOrder"


def _authorise(actor: User, case: Case) -> None:
    require_officer(actor, case)
    require_open(case)


def _recompute(*, actor: User, decision_type: str, decision_id: Any, because: str) -> None:
    if decision_type == DECISION:
        limitation_recompute(actor=actor, order=PenaltyOrder.objects.get(pk=decision_id), because=because)


RULES = remedies.RemedyRules(authorise=_authorise, methods=METHODS, refuse_future=True, dated_withdrawal=True,
                             after_change=_recompute)


def decision_of(order: PenaltyOrder) -> remedies.Decision:
    """The order as the remedies' decision; its compliance term runs per addressee from their announcement."""
    return remedies.Decision.of(order, case=order.case, decided_on=order.decided_on,
                                compliance_term_days=order.compliance_term_days)


def objection_decision_due(*, objection_deadline: date, advisory_committee: bool, extension_weeks: int = 0) -> date:
    """Awb 7:10: from the day after the objection window ends; 6 or 12 weeks, plus any extension."""
    return remedies.objection_decision_due(objection_deadline=objection_deadline,
                                           advisory_committee=advisory_committee, extension_weeks=extension_weeks)


@transaction.atomic
def announcement_register(*, actor: User, order: PenaltyOrder, addressee: Person | None = None, method: str,
                          announced_on: date, owner_entity: bool = False) -> Announcement:
    """Record the announcement of the imposed order to one of its addressees, with their objection deadline
    and the end of their compliance term (counted from this announcement; the order's `compliance_due_on`
    is the latest end over its addressees). `owner_entity`: the addressee is the owner company the order
    names (`addressee_entity`) rather than a person."""
    _authorise(actor, order.case)
    order = PenaltyOrder.objects.select_for_update().get(pk=order.pk)  # one announcement per addressee
    day = parse_date(announced_on, "announced_on", required=True)
    assert day is not None  # noqa: S101
    if order.state not in (PenaltyOrder.State.IMPOSED, PenaltyOrder.State.COMPLIED) or order.decided_on is None:
        raise ValidationError(_("Only an imposed order is announced."), code="not_imposed")
    if owner_entity and not order.addressee_entity or not owner_entity and (
            addressee is None or not order.addressees.filter(pk=addressee.pk).exists()):
        raise ValidationError({"addressee": _("Choose an addressee named in the order.")})
    if method not in METHODS:
        raise ValidationError({"method": _("Choose how the order was announced.")})
    if day < order.decided_on:
        raise ValidationError({"announced_on": _("An order cannot be announced before it was decided.")})
    decision = decision_of(order)
    person = None if owner_entity else addressee
    # The owner company is the order's only addressee that is not a person.
    if Announcement.objects.filter(**decision.reference(), addressee_person=person).exists():
        raise ValidationError({"addressee": _("The order was already announced to this addressee.")})
    announcement = remedies.announcement_register(
        actor=actor, rules=RULES, decision=decision, method=method, announced_on=day, addressee_person=person,
        addressee_name=(order.addressee_entity or "") if owner_entity else "", reason=f"order announced ({method})")
    order.compliance_due_on = latest_compliance_end(decision)  # derived: the last addressee's end
    save_with_reason(order, reason="compliance term of an addressee started (announcement)", user=actor)
    return announcement


def objection_register(*, actor: User, announcement: Announcement, received_on: date,
                       advisory_committee: bool = False, posted_on: date | None = None) -> Objection:
    """An objection against the order as announced to one addressee (late ones are flagged, Awb 6:9)."""
    return remedies.objection_register(actor=actor, rules=RULES, announcement=announcement, received_on=received_on,
                                       advisory_committee=advisory_committee, posted_on=posted_on)


def objection_update(*, actor: User, objection: Objection, **changes: Any) -> Objection:
    """State (decided with outcome and date, or withdrawn with its date), posting date and admissibility
    (Awb 6:9, 6:11), suspension (7:10 lid 2), extension and postponement with their notice (lid 3-5)."""
    return remedies.objection_update(actor=actor, rules=RULES, objection=objection, **changes)


def appeal_register(*, actor: User, order: PenaltyOrder, level: str, lodged_on: date) -> Appeal:
    """Beroep (court) or hoger beroep (Council of State) about the order."""
    _authorise(actor, order.case)
    if level not in Appeal.Level.values:
        raise ValidationError({"level": _("Choose appeal or higher appeal.")})
    day = parse_date(lodged_on, "lodged_on", required=True)
    assert day is not None  # noqa: S101
    if order.decided_on is None or day < order.decided_on:
        raise ValidationError({"lodged_on": _("An appeal cannot precede the order.")})
    return remedies.appeal_register(actor=actor, rules=RULES, decision=decision_of(order), level=level, lodged_on=day)


def appeal_update(*, actor: User, appeal: Appeal, ruled_on: date | None = None,
                  outcome: str | None = None, annulled: bool | None = None) -> Appeal:
    """The ruling (date and outcome, encrypted; whether the order stands annulled after it)."""
    return remedies.appeal_update(actor=actor, rules=RULES, appeal=appeal, ruled_on=ruled_on, outcome=outcome,
                                  annulled=annulled)


def application_register(*, actor: User, case: Case, kind: str, received_on: date,
                         applicant_name: str = "") -> Application:
    """A request for enforcement or tolerance in the file: decided within eight weeks (Awb 4:13 lid 2)."""
    return applications.application_register(actor=actor, rules=RULES, case=case, kind=kind,
                                             received_on=received_on, applicant_name=applicant_name)


def application_delay(*, actor: User, application: Application, notice_sent_on: date,
                      new_due_on: date) -> Application:
    """Awb 4:14 lid 1: the applicant is told in time that the decision comes later, and by when."""
    return applications.application_delay(actor=actor, rules=RULES, application=application,
                                          notice_sent_on=notice_sent_on, new_due_on=new_due_on)


def application_decide(*, actor: User, application: Application, state: str, decided_on: date) -> Application:
    return applications.application_decide(actor=actor, rules=RULES, application=application, state=state,
                                           decided_on=decided_on)
