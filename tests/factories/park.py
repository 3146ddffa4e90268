"""Builders for park enforcement test data, through the real services (synthetic data only).

`make_park(controller)`, `make_object(actor=..., park=...)`, `make_park_case(owner=...)`;
`walk_to_order(case, by=..., lead=..., decided_on=...)` takes a file from controle to an imposed
order (inspection, report, intention, four-eyes approval by `lead`, imposition);
`reinspect(order, by=..., on=..., compliant=...)` records a re-inspection, and
`forfeit(order, by=..., on=...)` a re-inspection that found no compliance plus its forfeiture
(moving the file to hercontrole first). Dates are in the past: services refuse future dates.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from casework import workflow
from casework.approvals import approval_decide
from casework.models import Case, Person
from casework.park import workflow as wf
from casework.park.casetype import PROCESSING_ACTIVITY as PARK_ENFORCEMENT
from casework.park.models import Forfeiture, Inspection, Park, PenaltyOrder, RecreationObject
from casework.park.services import (
    forfeiture_record,
    inspection_record,
    object_register,
    order_impose,
    order_request_approval,
    park_file_open,
)
from casework.persons import person_register
from tests.factories.casework import person_data

_numbers = itertools.count(1)

FINDINGS = "Bewoner verblijft permanent in chalet; auto met kenteken dagelijks aanwezig (testtekst)."
REMEDY = "Beëindig de permanente bewoning van het recreatieobject en houd die beëindigd (testtekst)."


def make_park(controller: Any, name: str | None = None) -> Park:
    return Park.objects.create(name=name or f"Testpark {next(_numbers)}", municipality="Demodorp",
                               controller=controller)


def make_person(actor: Any, **kwargs: Any) -> Person:
    person, _created = person_register(actor=actor, controller=actor.organisation,
                                       processing_activity=PARK_ENFORCEMENT, **person_data(**kwargs))
    return person


def make_object(*, actor: Any, park: Park | None = None, number: str | None = None, **kwargs: Any) -> RecreationObject:
    park = park or make_park(actor.organisation)
    return object_register(actor=actor, park=park, number=number or f"B-{next(_numbers):03d}",
                           kind=kwargs.pop("kind", "chalet"), **kwargs)


def make_park_case(*, owner: Any, obj: RecreationObject | None = None, person: Person | None = None) -> Case:
    obj = obj or make_object(actor=owner)
    return park_file_open(actor=owner, object=obj, person=person)


def step(case: Case, to: str, *, by: Any, **data: Any) -> Case:
    workflow.transition(case=case, to=to, by=by, reason=f"test: naar {to}", **data)
    case.refresh_from_db()
    return case


def inspect(case: Case, *, by: Any, on: date, **kwargs: Any) -> Inspection:
    arguments: dict[str, Any] = {"officers": [by], "sources": ["brp", "observation"], "findings": FINDINGS}
    arguments.update(kwargs)
    return inspection_record(actor=by, case=case, inspected_on=on, **arguments)


def to_intention(case: Case, *, by: Any, inspected_on: date = date(2024, 11, 4),
                 intention_sent_on: date = date(2024, 11, 18)) -> Case:
    """controle → constatering → voornemen (with an inspection on `inspected_on`)."""
    inspect(case, by=by, on=inspected_on)
    step(case, wf.CONSTATERING, by=by, reported_on=inspected_on, report_summary="Rapport van bevindingen (test).")
    return step(case, wf.VOORNEMEN, by=by, intention_sent_on=intention_sent_on)


def draft_order(case: Case, *, by: Any, addressees: list[Person] | None = None, **overrides: Any) -> PenaltyOrder:
    arguments: dict[str, Any] = {
        "addressees": addressees if addressees is not None else [case.person or make_person(by)],
        "remedy": REMEDY, "compliance_term_days": 14, "penalty_form": "per_time_unit", "amount": Decimal("500"),
        "time_unit": "week", "maximum": Decimal("5000"),
    }
    arguments.update(overrides)
    return order_request_approval(actor=by, case=case, **arguments)


def approve(order: PenaltyOrder, *, lead: Any) -> PenaltyOrder:
    order.refresh_from_db()
    approval_decide(approval=order.approval, approver=lead, approve=True, reason="")
    order.refresh_from_db()
    return order


def walk_to_order(case: Case, *, by: Any, lead: Any, decided_on: date = date(2025, 1, 6),
                  **order_kwargs: Any) -> PenaltyOrder:
    """From controle to an imposed order decided on `decided_on` (14-day compliance term by default)."""
    if case.status == wf.CONTROLE:
        to_intention(case, by=by)
    order = approve(draft_order(case, by=by, **order_kwargs), lead=lead)
    order = order_impose(actor=by, order=order, reason="test: last opgelegd", decided_on=decided_on)
    case.refresh_from_db()
    return order


def announce_all(order: PenaltyOrder, *, by: Any, on: date | None = None) -> None:
    """Announce the order to every addressee not announced yet (on the decision day by default): the
    compliance term runs from each announcement (casework/remedies/terms.py)."""
    from casework.park.services import announcement_register
    from casework.remedies.models import Announcement

    announced = set(Announcement.objects.filter(decision_type=order._meta.label, decision_id=order.pk)
                    .values_list("addressee_person_id", flat=True))
    for person in order.addressees.all():
        if person.pk not in announced:
            announcement_register(actor=by, order=order, addressee=person, method="registered_post",
                                  announced_on=on or order.decided_on)
    order.refresh_from_db()


def reinspect(order: PenaltyOrder, *, by: Any, on: date, compliant: bool) -> Inspection:
    """A re-inspection on `on`; the order is announced first (to whoever it was not announced to)."""
    announce_all(order, by=by)
    case = order.case
    if case.status == wf.LAST_ONDER_DWANGSOM:
        step(case, wf.HERCONTROLE, by=by)
    return inspect(case, by=by, on=on, order=order, compliant=compliant)


def forfeit(order: PenaltyOrder, *, by: Any, on: date, amount: Decimal | None = None) -> Forfeiture:
    """A re-inspection on `on` that found no compliance, and the penalty forfeited that day."""
    basis = reinspect(order, by=by, on=on, compliant=False)
    return forfeiture_record(actor=by, order=order, basis=basis, forfeited_on=on, amount=amount)


def days(n: int) -> timedelta:
    return timedelta(days=n)
