"""Applications (aanvragen) without a statutory decision term, in any case type: a request for
enforcement (handhavingsverzoek) or for tolerance (gedoogverzoek).

- Awb 4:13 lid 1-2: decided within a reasonable term, at most eight weeks after receipt when no
  statute sets a term. A statutory term, so the Atw applies (casework.deadlines.term_end).
- Awb 4:14 lid 1: when the decision cannot be given in time, the applicant is told so before the
  term ends, with a date as short as possible by which it will be given (`delayed_due_on`).

A case type calls these with its `RemedyRules` (who may act, whether future dates are refused).
The applicant's name is stored encrypted; the reasons live in the letters, not here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.history import save_with_reason
from casework.deadlines import term_end
from casework.models import Case
from casework.remedies.models import Application
from casework.remedies.rules import RemedyRules, not_future, required_day


def application_due_on(received_on: date) -> date:
    """Awb 4:13 lid 2: eight weeks after receipt, extended by the Atw."""
    return term_end(event=received_on, weeks=Application.DECISION_WEEKS, statutory=True)


def delay_notice_check(*, due_on: date, received_on: date, sent_on: Any, new_due_on: Any,
                       sent_field: str = "notice_sent_on", due_field: str = "new_due_on") -> tuple[date, date]:
    """Awb 4:14 lid 1: the notice goes out before the term ends and names a later date. Shared with
    the collection requests of casework/penalties (Awb 5:37 lid 3)."""
    sent = required_day(sent_on, sent_field, _("Enter the date the notice of delay was sent."))
    new_due = required_day(new_due_on, due_field, _("Enter the date by which the decision will be given."))
    if sent < received_on or sent > due_on:
        raise ValidationError({sent_field: _(
            "The applicant must be told before the decision term ends (%(date)s) (Awb 4:14 lid 1); after that "
            "the decision is simply late.") % {"date": due_on.strftime("%d-%m-%Y")}})
    if new_due <= due_on:
        raise ValidationError({due_field: _("The new date must lie after the decision term (%(date)s).") % {
            "date": due_on.strftime("%d-%m-%Y")}})
    return sent, new_due


@transaction.atomic
def application_register(*, actor: User, rules: RemedyRules, case: Case, kind: str, received_on: Any,
                         applicant_name: str = "") -> Application:
    """Record an application received in `case`; its decision is due eight weeks later (Awb 4:13 lid 2)."""
    rules.authorise(actor, case)
    if kind not in Application.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of application.")})
    day = required_day(received_on, "received_on", _("Enter the date the application was received."))
    not_future(rules, day, "received_on")
    application = Application(case=case, data_key_id=case.data_key_id, kind=kind, received_on=day,
                              applicant_name=applicant_name.strip() or None, decision_due_on=application_due_on(day))
    save_with_reason(application, reason=f"application registered ({kind})", user=actor)
    return application


@transaction.atomic
def application_delay(*, actor: User, rules: RemedyRules, application: Application, notice_sent_on: Any,
                      new_due_on: Any) -> Application:
    """Awb 4:14 lid 1: the notice that the decision cannot be given in time, with the new date."""
    rules.authorise(actor, application.case)
    if application.state != Application.State.PENDING:
        raise ValidationError(_("This application has already been decided."), code="decided")
    if application.delayed_due_on is not None:
        raise ValidationError(_("The applicant was already told of a delay; a later decision is simply late."),
                              code="delayed")
    sent, new_due = delay_notice_check(due_on=application.decision_due_on, received_on=application.received_on,
                                       sent_on=notice_sent_on, new_due_on=new_due_on)
    not_future(rules, sent, "notice_sent_on")
    application.delay_notice_sent_on, application.delayed_due_on = sent, new_due
    save_with_reason(application, reason=f"application delayed to {new_due.isoformat()} (Awb 4:14)", user=actor)
    return application


@transaction.atomic
def application_decide(*, actor: User, rules: RemedyRules, application: Application, state: str,
                       decided_on: Any) -> Application:
    """The decision on the application (or its withdrawal), with its date."""
    rules.authorise(actor, application.case)
    if application.state != Application.State.PENDING:
        raise ValidationError(_("This application has already been decided."), code="decided")
    if state not in (Application.State.DECIDED, Application.State.WITHDRAWN):
        raise ValidationError({"state": _("Choose decided or withdrawn.")})
    day = required_day(decided_on, "decided_on", _("Enter the date of the decision or the withdrawal."))
    if day < application.received_on:
        raise ValidationError({"decided_on": _("The decision cannot precede the application.")})
    not_future(rules, day, "decided_on")
    application.state, application.decided_on = state, day
    save_with_reason(application, reason=f"application {state}", user=actor)
    return application
