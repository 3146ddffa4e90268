"""Builders for Damocles test data, through the real services (synthetic data only).

`make_damocles_case(owner=..., found_on=..., findings=[...], premises=...)` registers a police
report; `walk(case, by=..., to=...)` takes it along the happy path with the data each step needs
(recording the assessment and the four-eyes approval where the path requires them).
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from casework import workflow
from casework.approvals import approval_decide, approval_request
from casework.damocles import workflow as wf
from casework.damocles.models import Sanction
from casework.damocles.services import APPROVAL_SUBJECT, announcement_register, assessment_record, procedure_register
from casework.models import Case

_numbers = itertools.count(1)

PROPORTIONALITY = {
    "geschikt": "Sluiting beëindigt de drugshandel op dit adres (testtekst).",
    "noodzakelijk": "Een lichter middel volstaat niet gezien de hoeveelheid (testtekst).",
    "evenwichtig": "Belangen van bewoners gewogen; geen kinderen in de woning (testtekst).",
}


def premises_data(*, number: int | None = None, addition: str = "", kind: str = "woning", bag_id: str = "",
                  postcode: str = "9999 XX") -> dict[str, Any]:
    number = number if number is not None else 100 + next(_numbers)
    return {
        "kind": kind, "street": "Teststraat", "house_number": str(number), "house_number_addition": addition,
        "postcode": postcode, "city": "Demodorp", "bag_id": bag_id, "owner_entity_name": "Testverhuur B.V.",
        "owner_kvk": "99999999",
    }


def report_data(*, found_on: date, ground: str = "sub_a", document: bytes | None = None) -> dict[str, Any]:
    data = {"received_on": found_on + timedelta(days=3), "found_on": found_on, "ground": ground,
            "police_reference": f"PL-TEST-{next(_numbers):04d}", "summary": "Testrapportage: handelsvoorraad."}
    if document is not None:
        data["document"] = document
    return data


def make_damocles_case(*, owner, found_on: date = date(2026, 3, 2), findings: list[dict[str, Any]] | None = None,
                       premises: dict[str, Any] | Any = None, ground: str = "sub_a", **kwargs: Any) -> Case:
    return procedure_register(
        actor=owner, controller=owner.organisation, owner=owner,
        premises=premises if premises is not None else premises_data(),
        police_report=report_data(found_on=found_on, ground=ground),
        findings=findings if findings is not None else [{"substance": "harddrugs", "amount": "12", "unit": "g"}],
        **kwargs,
    )


def step(case: Case, to: str, *, by, **data: Any) -> Case:
    workflow.transition(case=case, to=to, by=by, reason=f"test: naar {to}", **data)
    return case


def assess(case: Case, *, by, sanction: str | None = None, days: int | None = None, reasons: str = "") -> Case:
    """Record the assessment; without arguments, follow the policy's proposal."""
    from casework.damocles.policy import propose_sanction

    if sanction is None:
        proposal = propose_sanction(case=case)
        sanction, days = proposal.sanction, proposal.days
    assessment_record(actor=by, case=case, chosen_sanction=sanction, chosen_days=days,
                      deviation_reasons=reasons, **PROPORTIONALITY)
    return case


def approve(case: Case, *, by, lead) -> None:
    approval = approval_request(case=case, subject=APPROVAL_SUBJECT, requested_by=by,
                                payload={"chosen_days": case.damocles.chosen_days})
    approval_decide(approval=approval, approver=lead, approve=True, reason="")


def walk_to_decision(case: Case, *, by, lead, decided_on: date = date(2026, 4, 1),
                     compliance_term_days: int = 7) -> Case:
    """rapportage_ontvangen → beoordeling → voornemen → besluit (a closure, approved by `lead`)."""
    from casework.damocles.policy import propose_sanction

    if case.status == wf.RAPPORTAGE_ONTVANGEN:
        step(case, wf.BEOORDELING, by=by)
    proposal = propose_sanction(case=case)
    if proposal.sanction == Sanction.CLOSURE:
        assess(case, by=by)
    else:
        assess(case, by=by, sanction=Sanction.CLOSURE, days=28, reasons="Afwijking van het beleid (testtekst).")
    step(case, wf.VOORNEMEN_VERZONDEN, by=by,
         signatory="A. Testambtenaar (test)", intention_sent_on=decided_on - timedelta(days=21))
    approve(case, by=by, lead=lead)
    return step(case, wf.BESLUIT, by=by, decided_on=decided_on, signatory="T. Burgemeester (test)",
                compliance_term_days=compliance_term_days)


def announce(case: Case, *, by, announced_on: date, role: str = "owner", name: str = "Testverhuur B.V.") -> Any:
    return announcement_register(actor=by, case=case, role=role, method="registered_post", announced_on=announced_on,
                                 addressee_name=name)
