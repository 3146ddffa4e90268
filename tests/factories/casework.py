"""Builders for casework test data, going through the real services (synthetic data only).

BSNs below pass the 11-test and are clearly test values; names are obviously fake.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from casework import workflow
from casework.models import Case
from casework.pga import workflow as pga_workflow
from casework.pga.services import referral_register

TEST_BSNS = ["111222333", "123456782", "999990019", "999990020", "999990032", "999990044", "999990056"]
_numbers = itertools.count(1)

# The happy path of a PGA case, with the data each step needs.
PGA_PATH = [
    (pga_workflow.TRIAGE, {}),
    (pga_workflow.IN_BEHANDELING, {}),
    (pga_workflow.CASUSOVERLEG, {}),
    (pga_workflow.PLAN, {}),
    (pga_workflow.UITVOERING, {}),
    (pga_workflow.AFGESLOTEN, {"closure_reason": "doelen_behaald"}),
]


def person_data(*, bsn: str | None = None, surname: str | None = None, date_of_birth: date | None = None) -> dict:
    number = next(_numbers)
    return {
        "first_names": "Testine",
        "surname": surname or f"Testpersoon{number}",
        "bsn": bsn,
        "date_of_birth": date_of_birth or date(1980, 1, 1 + number % 28),
        "address": f"Teststraat {number}, 9999 XX Demodorp",
        "phone": "0600000000",
    }


def make_pga_case(*, owner, actor=None, status: str = pga_workflow.AANGEMELD, bsn: str | None = None,
                  aanleiding: str = "Zorgen over woonsituatie en schulden (testcasus).", **person) -> Case:
    """A PGA case registered by `actor` (default: the owner) and walked to `status`."""
    actor = actor or owner
    case = referral_register(
        actor=actor, controller=owner.organisation, owner=owner,
        person=person_data(bsn=bsn, **person), aanleiding=aanleiding,
    )
    for target, data in PGA_PATH:
        if case.status == status:
            break
        workflow.transition(case=case, to=target, by=owner, reason=f"test: naar {target}", **data)
    assert case.status == status, f"cannot reach {status} on the happy path"
    return case


def clone_cases(case: Case, count: int, *, reference: str, **changes: Any) -> list[Case]:
    """`count` more cases like `case` in one insert, for a query-count test's many rows: its list row only (type,
    status, person, controller, owner, team, opening day, data key; no details, no steps), each under
    `reference.format(n=...)` (n from 0). `changes` set other values: a value, or a function of n."""
    row = {"case_type": case.case_type, "status": case.status, "person_id": case.person_id,
           "controller_id": case.controller_id, "owner_id": case.owner_id, "team_id": case.team_id,
           "opened_on": case.opened_on, "data_key_id": case.data_key_id}
    return Case.objects.bulk_create([
        Case(**{**row, **{name: value(n) if callable(value) else value for name, value in changes.items()},
                "reference": reference.format(n=n)})
        for n in range(count)])
