"""Damocles demo data for `seed_demo`: 15 synthetic procedures of the demo handhaver, built through
the services and the transition engine (so the demo shows real steps, history and audit events,
and breaks when a rule changes, which is the point).

The variety a demo needs: every stage from police report to closed; a second offence at the same
premises (the earlier procedure ended in a warning within the look-back window, so the policy
proposes the second-offence sanction); one urgent closure (Awb 5:31) awaiting its written
decision; a decision announced to two addressees (owner and tenant) on different dates, so each
has their own objection deadline; an objection with its computed decision date; every decision
approved by the team lead (four eyes). Addresses are "Teststraat N, 9999 XX Demodorp", names are
fake, BSNs pass the 11-test and come from 9999 5xxx, clear of the PGA demo's 9999 0xxx range.
Idempotent: when the demo municipality already has the procedures, nothing is added.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.demo import seed_accounts
from accounts.models import Organisation, User
from casework import selectors, workflow
from casework.approvals import approval_decide
from casework.damocles import workflow as wf
from casework.damocles.casetype import CASE_TYPE
from casework.damocles.models import Sanction
from casework.damocles.services import (
    announcement_register,
    assessment_record,
    interim_relief_register,
    objection_register,
    procedure_register,
    propose_sanction,
)
from casework.damocles.services.decisions import closure_registration_record, decision_approval_request
from casework.models import Case
from encryption.validators import is_valid_bsn

DEMO_PROCEDURE_COUNT = 24
MUNICIPALITY = "Gemeente Demodorp"
PROPORTIONALITY = {
    "geschikt": "Demo: sluiting beëindigt de drugshandel vanuit dit pand.",
    "noodzakelijk": "Demo: een waarschuwing volstaat niet gezien de handelsvoorraad.",
    "evenwichtig": "Demo: belangen van bewoners en buurt gewogen; geen minderjarigen in het pand.",
}
SOFT_45 = {"substance": "softdrugs", "amount": "45", "unit": "g"}
SOFT_20 = {"substance": "softdrugs", "amount": "20", "unit": "g"}
HEMP_12 = {"substance": "hemp_plants", "amount": "12", "unit": "plants"}
HEMP_40 = {"substance": "hemp_plants", "amount": "40", "unit": "plants"}
HARD_2 = {"substance": "harddrugs", "amount": "2", "unit": "g"}
HARD_12 = {"substance": "harddrugs", "amount": "12", "unit": "g"}
GHB_20 = {"substance": "ghb", "amount": "20", "unit": "ml"}

REPEAT_NUMBER = 12  # Teststraat 12: first a warning, then the second offence


@dataclass(frozen=True)
class Plan:
    """One demo procedure: where it ends, what was found, where, and how long ago it started."""

    target: str
    findings: tuple[dict[str, str], ...]
    number: int
    kind: str = "woning"
    age: int = 60  # days between the finding and today
    tenant: bool = False
    objection: bool = False
    two_addressees: bool = False
    urgent: bool = False
    closure: bool = True  # False: the policy's warning is followed
    wkpb_registered: bool = True


PLANS = (
    Plan(wf.RAPPORTAGE_ONTVANGEN, (SOFT_45,), 3, age=4),
    Plan(wf.BEOORDELING, (HARD_2,), 7, kind="lokaal", age=10, closure=False),
    Plan(wf.BEOORDELING, (GHB_20,), 9, kind="other", age=12),
    Plan(wf.WAARSCHUWING, (SOFT_20,), REPEAT_NUMBER, age=400, closure=False),
    Plan(wf.VOORNEMEN_VERZONDEN, (SOFT_20,), REPEAT_NUMBER, age=30, tenant=True),  # second offence
    Plan(wf.ZIENSWIJZE_ONTVANGEN, (SOFT_45,), 14, age=35),
    Plan(wf.HOORGESPREK, (HEMP_40,), 16, kind="lokaal", age=40),
    Plan(wf.BESLUIT, (HARD_12,), 18, age=50, tenant=True),
    Plan(wf.BEKENDGEMAAKT, (SOFT_45,), 20, age=60, tenant=True, two_addressees=True),
    Plan(wf.BEKENDGEMAAKT, (HEMP_40,), 22, kind="lokaal", age=70, objection=True),
    Plan(wf.SLUITING_UITGEVOERD, (SOFT_45,), 24, age=48, tenant=True, wkpb_registered=False),
    Plan(wf.SPOEDEISENDE_SLUITING, (HARD_12,), 26, kind="lokaal", age=3, urgent=True),
    Plan(wf.PAND_HEROPEND, (SOFT_45,), 28, age=160),
    Plan(wf.KOSTENVERHAAL, (HEMP_40,), 30, kind="other", age=300),
    Plan(wf.AFGESLOTEN, (HEMP_12,), 32, age=700, closure=False),
    # Earlier years, for the annual figures (casework/figures/): closures decided one to three years ago.
    *(Plan(wf.KOSTENVERHAAL, (SOFT_45 if n % 2 else HEMP_40,), 40 + 2 * n, kind="lokaal" if n % 3 == 0 else "woning",
           age=age) for n, age in enumerate((1420, 1370, 1290, 1200, 1130, 900, 800, 560, 470))),
)
MAIN_PATH = (
    wf.BEOORDELING, wf.VOORNEMEN_VERZONDEN, wf.ZIENSWIJZE_ONTVANGEN, wf.HOORGESPREK, wf.BESLUIT, wf.BEKENDGEMAAKT,
    wf.SLUITING_UITGEVOERD, wf.SLUITING_BEEINDIGD, wf.PAND_HEROPEND, wf.KOSTENVERHAAL,
)


@dataclass
class DamoclesDemoSummary:
    created: bool
    by_status: Counter = field(default_factory=Counter)


def demo_bsns() -> Iterator[str]:
    """Valid (11-test) BSNs from 9999 5000 upwards, in a fixed order."""
    for number in itertools.count(5000):
        base = f"9999{number:04d}"
        for check in range(10):
            if is_valid_bsn(base + str(check)):
                yield base + str(check)
                break


def _premises(plan: Plan) -> dict[str, Any]:
    entity = plan.number % 4 != 1  # most premises are let by a (fake) company, some owned by the occupant
    return {
        "kind": plan.kind, "street": "Teststraat", "house_number": str(plan.number), "postcode": "9999 XX",
        "city": "Demodorp", "owner_entity_name": "Demo Vastgoed B.V." if entity else "",
        "owner_kvk": "99990000" if entity else "",
    }


def _person(index: int, bsns: Iterator[str], role: str) -> dict[str, Any]:
    return {"first_names": "Demi", "surname": f"Testpersoon {role.capitalize()}{index + 1}", "bsn": next(bsns),
            "date_of_birth": date(1970 + index, 1 + index % 12, 1 + index % 28),
            "address": f"Teststraat {index + 1}, 9999 XX Demodorp"}


def _dates(plan: Plan, today: date) -> dict[str, date]:
    found = today - timedelta(days=plan.age)
    return {"found": found, "received": min(found + timedelta(days=2), today),
            "intention": min(found + timedelta(days=6), today), "decided": min(found + timedelta(days=25), today),
            "announced": min(found + timedelta(days=27), today), "sealed": min(found + timedelta(days=45), today),
            "reopened": min(found + timedelta(days=45 + 91), today)}


def _step(case: Case, to: str, by: User, **data: Any) -> None:
    reason = f"Demo: naar {selectors.status_label(case.case_type, to)}"  # the user's words: Dutch, no code
    workflow.transition(case=case, to=to, by=by, reason=reason, **data)


def _assess(case: Case, by: User, plan: Plan) -> None:
    proposal = propose_sanction(case=case)
    wanted = Sanction.CLOSURE if plan.closure else Sanction.WARNING
    if proposal.sanction == wanted:
        sanction, days, reasons = proposal.sanction, proposal.days, ""
    else:
        sanction, days = Sanction.CLOSURE, 28
        reasons = "Demo: afwijking van het beleid, de politie meldt structurele overlast en handel."
    assessment_record(actor=by, case=case, chosen_sanction=sanction, chosen_days=days, deviation_reasons=reasons,
                      **PROPORTIONALITY)


def _approve(case: Case, by: User, lead: User) -> None:
    approval = decision_approval_request(actor=by, case=case)
    approval_decide(approval=approval, approver=lead, approve=True, reason="")


def _announce(case: Case, by: User, plan: Plan, days: dict[str, date]) -> None:
    owner = announcement_register(actor=by, case=case, role="owner", method="registered_post",
                                  announced_on=days["announced"], addressee_name="Demo Vastgoed B.V.")
    tenant = case.damocles.premises.parties.filter(role="tenant").select_related("person").first()
    if plan.two_addressees and tenant is not None:
        announcement_register(actor=by, case=case, role="tenant", method="handed_by_police",
                              announced_on=days["announced"] + timedelta(days=4), addressee_person=tenant.person)
    if plan.objection:
        objection_register(actor=by, case=case, announcement=owner,
                           received_on=days["announced"] + timedelta(days=12), advisory_committee=True)
        interim_relief_register(actor=by, case=case, requested_on=days["announced"] + timedelta(days=13),
                                municipality_waits=True)


def _walk(case: Case, plan: Plan, by: User, lead: User, today: date) -> None:
    days = _dates(plan, today)
    if plan.target == wf.RAPPORTAGE_ONTVANGEN:
        return
    _step(case, wf.BEOORDELING, by)
    _assess(case, by, plan)
    if plan.urgent:
        return _step(case, wf.SPOEDEISENDE_SLUITING, by,
                     urgency_reason="Demo: acuut gevaar, wapens en harddrugs aangetroffen bij een woning met kinderen.")
    if not plan.closure:
        if plan.target != wf.BEOORDELING:
            _step(case, wf.WAARSCHUWING, by)
        return _step(case, wf.AFGESLOTEN, by) if plan.target == wf.AFGESLOTEN else None
    data: dict[str, dict[str, Any]] = {
        wf.VOORNEMEN_VERZONDEN: {"intention_sent_on": days["intention"],
                                 "signatory": "Demo: A. Testambtenaar, teamleider handhaving", "under_mandate": True},
        wf.BESLUIT: {"signatory": "Demo: J. Testburgemeester, burgemeester", "compliance_term_days": 14,
                     "decided_on": days["decided"]},
        wf.SLUITING_UITGEVOERD: {"sealed_on": days["sealed"], "order_posted": True},
        wf.PAND_HEROPEND: {"reopened_on": days["reopened"]},
        wf.KOSTENVERHAAL: {"costs_recovered": "1250.00"},
    }
    for state in MAIN_PATH[1:]:
        if case.status == plan.target:
            return None
        if state == wf.BESLUIT:
            _approve(case, by, lead)
        if state == wf.BEKENDGEMAAKT:
            _announce(case, by, plan, days)
        _step(case, state, by, **data.get(state, {}))
        if state == wf.SLUITING_UITGEVOERD and plan.wkpb_registered:
            closure_registration_record(actor=by, case=case, order_posted=True,
                                        wkpb_registered_on=days["sealed"] + timedelta(days=2))
    return None


def _summary(municipality: Organisation, created: bool) -> DamoclesDemoSummary:
    summary = DamoclesDemoSummary(created=created)
    summary.by_status.update(Case.objects.filter(case_type=CASE_TYPE, controller=municipality)
                             .values_list("status", flat=True))
    return summary


def seed_damocles_demo() -> DamoclesDemoSummary:
    """Create the Damocles demo procedures once; later runs only report what exists."""
    accounts = {user.username: user for user, _role in seed_accounts()}
    municipality = Organisation.objects.get(name=MUNICIPALITY)
    if Case.objects.filter(case_type=CASE_TYPE, controller=municipality).count() >= DEMO_PROCEDURE_COUNT:
        return _summary(municipality, False)
    handhaver, lead = accounts["handhaver"], accounts["teamleider"]
    today, bsns = timezone.localdate(), demo_bsns()
    with transaction.atomic():
        for index, plan in enumerate(PLANS):
            days = _dates(plan, today)
            parties = [{"role": "tenant", "person": _person(index, bsns, "huurder")}] if plan.tenant else []
            case = procedure_register(
                actor=handhaver, controller=municipality, owner=handhaver, premises=_premises(plan),
                police_report={"received_on": days["received"], "found_on": days["found"], "ground": "sub_a",
                               "police_reference": f"DEMO-PL-{index + 1:04d}",
                               "summary": "Demo: bestuurlijke rapportage van de politie."},
                findings=[dict(finding) for finding in plan.findings],
                main_person=_person(index, bsns, "bewoner") if index % 3 != 2 else None, parties=parties,
            )
            _walk(case, plan, handhaver, lead, today)
    return _summary(municipality, True)


def demo_lines() -> list[str]:
    """The registry's `demo`: seed the Damocles demo and say what exists."""
    summary = seed_damocles_demo()
    verb = "created" if summary.created else "already present"
    statuses = ", ".join(f"{status} {count}" for status, count in sorted(summary.by_status.items()))
    return [f"Damocles procedures ({verb}): {sum(summary.by_status.values())} — {statuses}"]
