"""Fixture rows for the letter and figure tests, written directly as model rows (synthetic data).

Kept independent of the Damocles services (built in parallel): a premises with its own data key,
a case through `casework.services.case_create`, the DamoclesCase detail, a police report with
findings, announcements whose objection deadline comes from `casework.deadlines`, objections.
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from audit.history import save_with_reason
from casework.damocles.models import DamoclesCase, Finding, PoliceReport, PolicyVersion, Premises
from casework.deadlines import objection_deadline
from casework.models import Case
from casework.persons import person_register
from casework.remedies.models import Announcement, Objection
from casework.services import case_create
from encryption.keystore import datakey_create

_numbers = itertools.count(1)

PROPORTIONALITY = {
    "geschikt": "Sluiting maakt een einde aan de handel vanuit deze woning (testtekst geschikt).",
    "noodzakelijk": "Een waarschuwing volstaat niet bij deze hoeveelheid harddrugs (testtekst noodzakelijk).",
    "evenwichtig": "De bewoner kan tijdelijk bij familie terecht; geen kinderen (testtekst evenwichtig).",
}


def make_premises(*, actor, kind: str = "woning", house_number: str | None = None) -> Premises:
    premises = Premises(
        data_key_id=datakey_create().id, kind=kind, street="Teststraat",
        house_number=house_number or str(200 + next(_numbers)), postcode="9999 XX", city="Demodorp",
    )
    return save_with_reason(premises, reason="test premises", user=actor)


def make_person(*, actor, surname: str = "Testpersoon"):
    person, _created = person_register(
        actor=actor, controller=actor.organisation, first_names="Testine", surname=f"{surname}{next(_numbers)}",
        date_of_birth=date(1980, 1, 1),
    )
    return person


def policy_version() -> PolicyVersion:
    policy, _created = PolicyVersion.objects.get_or_create(
        effective_from=date(2023, 7, 1), defaults={"name": "Damoclesbeleid Testgemeente 2023", "lookback_years": 5},
    )
    return policy


def make_procedure(*, owner, premises: Premises | None = None, with_person: bool = True, status: str | None = None,
                   **details) -> DamoclesCase:
    """A Damocles case (status: police report received, or `status`) with its detail row."""
    person = make_person(actor=owner) if with_person else None
    case = case_create(case_type="damocles", owner=owner, controller=owner.organisation, person=person,
                       by=owner, reason="test: rapportage ontvangen")
    detail = DamoclesCase(data_key_id=case.data_key_id, case=case,
                          premises=premises or make_premises(actor=owner), **details)
    detail = save_with_reason(detail, reason="test damocles details", user=owner)
    if status is not None:
        put_in_status(detail, status)
    return detail


def put_in_status(detail: DamoclesCase, status: str) -> None:
    """Fixture shortcut: the case's cached status, as if the workflow had reached `status` (the
    letter rules read only the status; the workflow's own tests walk the real transitions)."""
    Case.objects.filter(pk=detail.case_id).update(status=status)
    detail.case.status = status


def add_report(detail: DamoclesCase, *, by, found_on: date = date(2026, 10, 1),
               findings=(("harddrugs", "6", "g"), ("softdrugs", "42.5", "g"))) -> PoliceReport:
    report = PoliceReport(data_key_id=detail.case.data_key_id, case=detail.case, received_on=found_on,
                          found_on=found_on, ground="sub_a", police_reference="PL-TEST-0001", created_by=by)
    save_with_reason(report, reason="test police report", user=by)
    for substance, amount, unit in findings:
        Finding.objects.create(report=report, substance=substance, amount=Decimal(amount), unit=unit)
    return report


def decided_closure(*, owner, days: int = 91, decided_on: date = date(2026, 11, 13), status: str = "besluit",
                    **extra) -> DamoclesCase:
    """A closure decision with everything a decision letter needs, signed in mandate (status: besluit)."""
    detail = make_procedure(
        owner=owner, policy_version=policy_version(), offence_number=1, proposed_sanction="closure",
        proposed_days=days, chosen_sanction="closure", chosen_days=days, decided_on=decided_on,
        signatory="T. Testambtenaar, teamleider handhaving", under_mandate=True, compliance_term_days=7,
        status=status, **PROPORTIONALITY, **extra,
    )
    add_report(detail, by=owner)
    return detail


def announce(detail: DamoclesCase, *, by, announced_on: date, role: str = "owner", person=None,
             name: str | None = None) -> Announcement:
    announcement = Announcement(
        data_key_id=detail.case.data_key_id, case=detail.case, decision_type="damocles.DamoclesCase",
        decision_id=detail.pk, addressee_person=person,
        addressee_name=name if person is None else None, role=role, method="registered_post",
        announced_on=announced_on, objection_deadline=objection_deadline(announced_on=announced_on),
    )
    return save_with_reason(announcement, reason="test announcement", user=by)


def add_objection(detail: DamoclesCase, announcement: Announcement, *, by, received_on: date, state: str = "received",
                  outcome: str = "") -> Objection:
    objection = Objection(data_key_id=detail.case.data_key_id, case=detail.case, announcement=announcement,
                          received_on=received_on, state=state, outcome=outcome,
                          decided_on=received_on if state == "decided" else None)
    return save_with_reason(objection, reason="test objection", user=by)
