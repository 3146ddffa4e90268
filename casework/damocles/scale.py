"""What a Damocles procedure seeded by `seed_scale` holds besides its steps (registry `scale_details` and
`scale_work`): what the services would have written along its steps. The texts are visibly synthetic
("Schaaltest").

On the details (`scale_details`), each from the last time its step was reached, as the step's service keeps it
(services/decisions.py):
- the first decisive step and the warning the figures count by (ADR 0052);
- the assessment that chose a closure of CLOSURE_DAYS days, once the intention, an urgent closure or the
  decision was reached;
- the intention with its term for a view, counted as the service counts it (`term_end`, Atw); a procedure still
  waiting for the view has its term around today (spread by its opening date: a week overdue to two weeks
  ahead), as the deadline overview would show it;
- the urgent closure's reason; the decision (signatory, compliance term); the sealing with its Wkpb term (the
  registration recorded once the procedure went on) and the end of the closure; the reopening.
As work rows (`scale_work`): every procedure its police report with one or two findings; one whose decision
was announced, the announcement to the owner with the objection term and compliance term the announcement
service stores; an urgent closure carried out before any decision, the urgent enforcement the sealing records
(`_record_urgent`: the written decision due from the day of the sealing, and taken on the day of a decision that
followed).

Not seeded: approvals, letters, objections, interim relief and appeals (the case page reads their tables all the
same).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from random import Random
from typing import Any

from django.utils import timezone

from casework.damocles import workflow as wf
from casework.damocles.models import DamoclesCase, Finding, Ground, PoliceReport, Sanction, Substance, Unit
from casework.damocles.services.decisions import URGENT_MEASURE, mark_decisive
from casework.deadlines import objection_deadline, term_end, wkpb_deadline
from casework.remedies.models import AddresseeRole, Announcement, AnnouncementMethod, UrgentEnforcement
from casework.remedies.terms import compliance_end
from casework.scale.builders import term_calendar
from casework.scale.synthetic import day_around

CLOSURE_DAYS = 90
COMPLIANCE_DAYS = 14
VIEW_TERM_WEEKS = 2
CLOSURE_STATES = frozenset({wf.VOORNEMEN_VERZONDEN, wf.SPOEDEISENDE_SLUITING, wf.BESLUIT})
FINDINGS = {Substance.SOFTDRUGS: Unit.GRAM, Substance.HEMP_PLANTS: Unit.PLANTS, Substance.HARDDRUGS: Unit.GRAM,
            Substance.GHB: Unit.MILLILITRE}
SIGNATORY = "Schaaltest burgemeester"


def scale_details(*, path: list[str], times: list[datetime], today: date | None = None) -> dict[str, Any]:
    """The details of a procedure that went through `path` at `times` (registry `scale_details`)."""
    details = DamoclesCase()
    for state, at in zip(path, times, strict=True):
        mark_decisive(details, state, at)
    today = today or timezone.localdate()
    values: dict[str, Any] = {"decisive_step_on": details.decisive_step_on, "warned": details.warned}
    reached = {state: timezone.localdate(at) for state, at in zip(path, times, strict=True)}
    if CLOSURE_STATES & reached.keys():
        values |= {"proposed_sanction": Sanction.CLOSURE, "proposed_days": CLOSURE_DAYS,
                   "chosen_sanction": Sanction.CLOSURE, "chosen_days": CLOSURE_DAYS}
    elif wf.WAARSCHUWING in reached:
        values |= {"proposed_sanction": Sanction.WARNING, "chosen_sanction": Sanction.WARNING}
    if wf.VOORNEMEN_VERZONDEN in reached:
        values |= _intention(reached[wf.VOORNEMEN_VERZONDEN], waiting=path[-1] == wf.VOORNEMEN_VERZONDEN,
                             opened=reached[path[0]], today=today)
    if wf.SPOEDEISENDE_SLUITING in reached:
        values |= {"urgent": True, "urgency_reason": "Schaaltest: reden van de spoedeisende sluiting."}
    if wf.BESLUIT in reached:
        values |= {"decided_on": reached[wf.BESLUIT], "signatory": SIGNATORY, "compliance_term_days": COMPLIANCE_DAYS}
    if wf.SLUITING_UITGEVOERD in reached:
        sealed = reached[wf.SLUITING_UITGEVOERD]
        values |= {"sealed_on": sealed, "order_posted": True, "closure_ends_on": sealed + timedelta(days=CLOSURE_DAYS),
                   "wkpb_due_on": wkpb_deadline(effective_on=sealed, calendar=term_calendar(today))}
        if path[-1] != wf.SLUITING_UITGEVOERD:
            values["wkpb_registered_on"] = sealed + timedelta(days=1)
    if wf.PAND_HEROPEND in reached:
        values["reopened_on"] = reached[wf.PAND_HEROPEND]
    return values


def _intention(sent: date, *, waiting: bool, opened: date, today: date) -> dict[str, Any]:
    """The intention sent on `sent`; one still `waiting` for the view was sent two weeks before a day around
    today (which day follows from the opening date: the seed's draws stay as they were)."""
    if waiting:
        sent = day_around(today, opened) - timedelta(weeks=VIEW_TERM_WEEKS)
    return {"intention_sent_on": sent, "view_term_weeks": VIEW_TERM_WEEKS,
            "view_due_on": term_end(event=sent, weeks=VIEW_TERM_WEEKS, calendar=term_calendar(today)),
            "intention_signatory": SIGNATORY}


def scale_work(*, case: Any, details: Any, path: list[str], times: list[datetime], today: date, rng: Random,
               add: Callable[..., Any]) -> None:
    """The police report every procedure starts from; the announcement of an announced decision; the urgent
    enforcement of an urgent closure carried out before a decision."""
    opened = case.opened_on
    report = add(PoliceReport, case=case, received_on=opened, found_on=opened - timedelta(days=1 + rng.randrange(14)),
                 ground=Ground.SUB_A, police_reference=f"Schaaltest PL-{rng.randrange(10**8):08d}",
                 summary="Schaaltest: bevindingen van de politie.", created_by_id=case.owner_id)
    for substance in rng.sample(sorted(FINDINGS), 1 + rng.randrange(2)):
        add(Finding, report=report, substance=substance, unit=FINDINGS[substance],
            amount=Decimal(1 + rng.randrange(500)))
    reached = {state: timezone.localdate(at) for state, at in zip(path, times, strict=True)}
    if wf.BEKENDGEMAAKT in reached and details.decided_on is not None:
        announced = max(reached[wf.BEKENDGEMAAKT], details.decided_on)
        add(Announcement, case=case, decision_type=DamoclesCase._meta.label, decision_id=details.pk,
            addressee_name="Schaaltest eigenaar", role=AddresseeRole.OWNER, method=AnnouncementMethod.REGISTERED_POST,
            announced_on=announced, objection_deadline=objection_deadline(announced_on=announced,
                                                                         calendar=term_calendar(today)),
            compliance_ends_on=compliance_end(announced_on=announced, days=details.compliance_term_days))
    urgent = _urgent_sealing(path, times)
    if urgent is not None:
        sealed_on, decided_on = urgent
        add(UrgentEnforcement, case=case, decision_type=DamoclesCase._meta.label, decision_id=details.pk,
            acted_at=timezone.make_aware(datetime.combine(sealed_on, time.min)), what=URGENT_MEASURE,
            reasons=details.urgency_reason, written_decision_due_on=sealed_on, written_decision_on=decided_on)


def _urgent_sealing(path: list[str], times: list[datetime]) -> tuple[date, date | None] | None:
    """The day an urgent closure was carried out before any decision (`_sealed` records the urgent enforcement
    then), and the day of the decision that followed; None for any other procedure."""
    days = [timezone.localdate(at) for at in times]
    urgent = False
    for number, state in enumerate(path):
        if state == wf.BESLUIT:
            return None
        urgent = urgent or state == wf.SPOEDEISENDE_SLUITING
        if urgent and state == wf.SLUITING_UITGEVOERD:
            decided = [day for later, day in zip(path[number:], days[number:], strict=True) if later == wf.BESLUIT]
            return days[number], decided[0] if decided else None
    return None
