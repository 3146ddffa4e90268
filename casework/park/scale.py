"""What a park enforcement file seeded by `seed_scale` holds besides its steps (registry `scale_details` and
`scale_work`): what the services would have written along its steps. The texts are visibly synthetic
("Schaaltest").

On the details (`scale_details`), each from the last time its step was reached: the finding report
("constatering"); the intention with its term for a view, counted as the service counts it (`term_end`, Atw),
around today for a file still waiting for the view (spread by its opening date: a week overdue to two weeks
ahead); the day it was complied with.
As work rows (`scale_work`): every file the inspection of its object; one that reached "last_onder_dwangsom" the
imposed order (a lump sum, to the owner company the order names) and its announcement, with the objection and
compliance terms the announcement service stores (the order's `compliance_due_on` the announcement's end); one
that reached "hercontrole" the re-inspection of that order, compliant where the file was complied with.

Not seeded: approvals, the order's addressee persons, occupants, photos, forfeitures and collection, tolerance
decisions, objections and appeals (the case page reads their tables all the same).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from random import Random
from typing import Any

from django.utils import timezone

from casework.deadlines import objection_deadline, term_end
from casework.park import workflow as wf
from casework.park.models import Inspection, InspectionSource, PenaltyForm, PenaltyOrder
from casework.remedies.models import AddresseeRole, Announcement, AnnouncementMethod
from casework.remedies.terms import compliance_end
from casework.scale.builders import term_calendar
from casework.scale.synthetic import day_around

VIEW_TERM_WEEKS = 2
COMPLIANCE_DAYS = 56
PENALTY = Decimal(2500)


def scale_details(*, path: list[str], times: list[datetime], today: date | None = None) -> dict[str, Any]:
    """The details of a file that went through `path` at `times` (registry `scale_details`)."""
    today = today or timezone.localdate()
    reached = {state: timezone.localdate(at) for state, at in zip(path, times, strict=True)}
    values: dict[str, Any] = {}
    if wf.CONSTATERING in reached:
        values |= {"reported_on": reached[wf.CONSTATERING], "report_summary": "Schaaltest: rapport van bevindingen."}
    if wf.VOORNEMEN in reached:
        sent = reached[wf.VOORNEMEN]
        if path[-1] == wf.VOORNEMEN:  # still waiting for the view: sent two weeks before a day around today
            sent = day_around(today, reached[path[0]]) - timedelta(weeks=VIEW_TERM_WEEKS)
        values |= {"intention_sent_on": sent, "view_term_weeks": VIEW_TERM_WEEKS,
                   "view_due_on": term_end(event=sent, weeks=VIEW_TERM_WEEKS, calendar=term_calendar(today))}
    if wf.NAGELEEFD in reached:  # the day of the compliant re-inspection before it
        values["complied_on"] = reached[wf.HERCONTROLE]
    return values


def scale_work(*, case: Any, details: Any, path: list[str], times: list[datetime], today: date, rng: Random,
               add: Callable[..., Any]) -> None:
    """The inspection every file starts from; the order, its announcement and its re-inspection."""
    reached = {state: timezone.localdate(at) for state, at in zip(path, times, strict=True)}
    add(Inspection, case=case, object_id=details.object_id, inspected_on=reached[wf.CONTROLE],
        sources=[InspectionSource.OBSERVATION.value, InspectionSource.BRP.value],
        findings="Schaaltest: bevindingen van de controle.", drugs_found=False, created_by_id=case.owner_id)
    if wf.LAST_ONDER_DWANGSOM not in reached:
        return
    decided = reached[wf.LAST_ONDER_DWANGSOM]
    announced = decided + timedelta(days=1 + rng.randrange(3))
    ends = compliance_end(announced_on=announced, days=COMPLIANCE_DAYS)
    complied = wf.NAGELEEFD in reached
    order = add(PenaltyOrder, case=case, object_id=details.object_id, addressee_entity="Schaaltest Recreatie B.V.",
                remedy="Schaaltest: de woning niet langer permanent bewonen.", compliance_term_days=COMPLIANCE_DAYS,
                penalty_form=PenaltyForm.LUMP_SUM, amount=PENALTY, time_unit="", maximum=PENALTY,
                decided_on=decided, compliance_due_on=ends, created_by_id=case.owner_id,
                state=PenaltyOrder.State.COMPLIED if complied else PenaltyOrder.State.IMPOSED)
    add(Announcement, case=case, decision_type=PenaltyOrder._meta.label, decision_id=order.pk,
        addressee_name="Schaaltest Recreatie B.V.", role=AddresseeRole.OWNER, method=AnnouncementMethod.REGISTERED_POST,
        announced_on=announced, compliance_ends_on=ends,
        objection_deadline=objection_deadline(announced_on=announced, calendar=term_calendar(today)))
    if wf.HERCONTROLE in reached:
        add(Inspection, case=case, object_id=details.object_id, inspected_on=reached[wf.HERCONTROLE],
            sources=[InspectionSource.OBSERVATION.value], findings="Schaaltest: bevindingen van de hercontrole.",
            drugs_found=False, order=order, compliant=complied, created_by_id=case.owner_id)
