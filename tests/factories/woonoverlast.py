"""Builders for woonoverlast test data, through the real services (synthetic data only).

`make_apv(organisation)` an APV text; `make_file(owner=...)` a file with one report;
`to_intention(case, by=..., sent_on=...)` adds a zwartboek and an intervention and sends the
intention; `draft_order(case, by=...)` and `approve(row, lead)`; `impose(case, by=..., decided_on=...)`
takes the gedragsaanwijzing step; `walk_to_order(...)` does all of it. Dates lie in the past.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from casework import workflow
from casework.approvals import approval_decide
from casework.models import Case
from casework.woonoverlast import services
from casework.woonoverlast import workflow as wf
from casework.woonoverlast.models import ApvArticle, BehaviouralOrder, Closure
from tests.factories.casework import person_data

ARTICLE = "art. 2:79 APV"
BEHAVIOUR = "U betreedt de galerij van het complex niet tussen 23.00 en 07.00 uur (testtekst)."
START = date(2025, 3, 3)


def make_apv(organisation: Any, *, article: str = ARTICLE, since: date = date(2020, 1, 1),
             max_weeks: int | None = 26, landlord: bool = False) -> ApvArticle:
    return ApvArticle.objects.create(organisation=organisation, article=article, title="Woonoverlast",
                                     text="1. De burgemeester kan een gedragsaanwijzing geven (testtekst).",
                                     effective_from=since, max_duration_weeks=max_weeks,
                                     landlord_addressable=landlord)


def make_file(*, owner: Any, surname: str | None = None, reports: int = 1, melder: dict | None = None) -> Case:
    case = services.woonoverlast_file_open(actor=owner, controller=owner.organisation,
                                           person=person_data(surname=surname), dwelling_address="Proeflaan 1")
    for number in range(reports):
        services.melding_register(actor=owner, case=case, melder=melder or person_data(), source="neighbour",
                                  reported_on=START + timedelta(days=number), kind="noise",
                                  description="Harde muziek na middernacht (testtekst).")
    return case


# Who signs the letters (a clearly fake official, in mandate of the mayor: "namens deze").
SIGNATORY = "T. Testambtenaar, teamleider handhaving"
SIGNED = {"signatory": SIGNATORY, "under_mandate": True}


def step(case: Case, to: str, *, by: Any, **data: Any) -> None:
    workflow.transition(case=case, to=to, by=by, reason="test", **data)
    case.refresh_from_db()


def prepare(case: Case, *, by: Any) -> None:
    services.zwartboek_record(actor=by, case=case, compiled_on=START + timedelta(days=5),
                              statements="Verklaring A: geluidsoverlast (geanonimiseerd).",
                              verified_on=START + timedelta(days=5))
    services.intervention_record(actor=by, case=case, kind="mediation", carried_out_on=START + timedelta(days=6),
                                 outcome="Buurtbemiddeling geweigerd (testtekst).")


def to_intention(case: Case, *, by: Any, sent_on: date = START + timedelta(days=10)) -> None:
    step(case, wf.INTERVENTIES, by=by)
    prepare(case, by=by)
    step(case, wf.VOORNEMEN, by=by, intention_sent_on=sent_on.isoformat(), **SIGNED)


def draft_order(case: Case, *, by: Any, **over: Any) -> BehaviouralOrder:
    values: dict[str, Any] = {"article": ARTICLE, "addressees": [case.person], "addressee_capacity": "occupant",
                              "behaviour": BEHAVIOUR, "enforcement": "bestuursdwang", "duration_weeks": 12,
                              "compliance_term_days": 7, "on": START + timedelta(days=40)}
    values.update(over)
    return services.order_request_approval(actor=by, case=case, **values)


def approve(row: BehaviouralOrder | Closure, lead: Any) -> None:
    approval_decide(approval=row.approval, approver=lead, approve=True, reason="")


def impose(case: Case, *, by: Any, decided_on: date = START + timedelta(days=40), to: str = wf.GEDRAGSAANWIJZING
           ) -> None:
    step(case, to, by=by, decided_on=decided_on.isoformat(), **SIGNED)


def walk_to_order(case: Case, *, by: Any, lead: Any, decided_on: date = START + timedelta(days=40),
                  **over: Any) -> BehaviouralOrder:
    to_intention(case, by=by)
    order = draft_order(case, by=by, **over)
    approve(order, lead)
    impose(case, by=by, decided_on=decided_on)
    order.refresh_from_db()
    return order


GROUNDS = "Vanuit de woning wordt herhaaldelijk gevochten en gedreigd in het portiek (testtekst)."
URGENCY = "Acuut gevaar voor omwonenden na een schietincident in het portiek (testtekst)."


def walk_to_closure(case: Case, *, by: Any, lead: Any, urgent: bool = False, weeks: int = 12,
                    term_days: int = 3, sent_on: date = START + timedelta(days=10)) -> Closure:
    """A closure under art. 174a imposed: urgent straight from the interventions, otherwise after its
    intention (with the zwartboek) and the term for a view."""
    step(case, wf.INTERVENTIES, by=by)
    prepare(case, by=by)
    if urgent:
        closure = services.closure_request_approval(actor=by, case=case, addressees=[case.person],
                                                    duration_weeks=weeks, grounds=GROUNDS, urgent=True,
                                                    urgency_reason=URGENCY)
        approve(closure, lead)
        impose(case, by=by, decided_on=START + timedelta(days=8), to=wf.SLUITING)
    else:
        step(case, wf.VOORNEMEN_SLUITING, by=by, intention_sent_on=sent_on.isoformat(), **SIGNED)
        closure = services.closure_request_approval(actor=by, case=case, addressees=[case.person],
                                                    duration_weeks=weeks, disturbance_term_days=term_days,
                                                    grounds=GROUNDS)
        approve(closure, lead)
        due = case.woonoverlast_intentions.get(decision="closure").view_due_on  # type: ignore[attr-defined]
        impose(case, by=by, decided_on=due + timedelta(days=1), to=wf.SLUITING)
    closure.refresh_from_db()
    return closure
