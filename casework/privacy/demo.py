"""Privacy officer's demo data for `seed_demo`: data-subject requests and retention work (issue 8).

Four dedicated cases of "Gemeente Demodorp" (of the first registered case type that offers a
`demo_case`: PGA), registered by the demo regisseur through the same services as real work, so the
privacy pages have something to show:
- "Testpersoon Inzageverzoek" (open case): an inzage request received 10 days ago (open, so the
  term runs) and a correctie request answered (granted);
- "Testpersoon Beperking" (open case): a beperking request granted, so the person record is
  restricted and its case is refused to everyone, the regisseur included;
- "Testpersoon Bewaartermijn" and "Testpersoon Bewaarplicht": cases closed in 2023 (backdated,
  with a history reason), past the PGA retention period of 2 years; the second is under an
  explicit legal hold. The retention page and `apply_retention` list one due case and one held.
Nothing is destroyed: proposing and approving a batch is left to the two demo privacy officers
("privacy" and "privacy2").

These cases are not part of the 30 PGA demo cases (the PGA demo leaves them out through
`privacy_demo_case_ids`). BSNs pass the 11-test and come from 9999 3xxx, clear of the PGA
(9999 0xxx), Damocles (9999 5xxx) and park (9999 7xxx) ranges. Idempotent: when the four cases
exist, nothing is added.
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
from accounts.models import Organisation
from casework import registry
from casework.models import Case
from casework.persons import persons_by_bsn
from casework.privacy import requests
from casework.privacy.holds import legal_hold_place
from casework.privacy.models import DataSubjectRequest, LegalHold
from casework.privacy.retention import retention_selection
from encryption.validators import is_valid_bsn

MUNICIPALITY = "Gemeente Demodorp"
OFFICER = "privacy"
REGISSEUR = "regisseur"
Kind = DataSubjectRequest.Kind


@dataclass(frozen=True)
class DemoPerson:
    key: str
    surname: str
    closed: tuple[date, date] | None = None  # (opened_on, closed_on) of a case past its retention


PERSONS = (
    DemoPerson("requests", "Testpersoon Inzageverzoek"),
    DemoPerson("restricted", "Testpersoon Beperking"),
    DemoPerson("due", "Testpersoon Bewaartermijn", closed=(date(2022, 9, 5), date(2023, 3, 14))),
    DemoPerson("held", "Testpersoon Bewaarplicht", closed=(date(2022, 11, 1), date(2023, 6, 20))),
)


@dataclass
class PrivacyDemoSummary:
    created: bool
    requests: Counter = field(default_factory=Counter)  # "kind status" -> count
    restricted: int = 0
    due: int = 0
    held: int = 0


def demo_bsns() -> Iterator[str]:
    """Valid (11-test) BSNs from 9999 3xxx, in a fixed order."""
    for number in itertools.count(1):
        base = f"99993{number:03d}"
        check = sum(int(d) * w for d, w in zip(base, range(9, 1, -1), strict=True)) % 11
        if check < 10 and is_valid_bsn(base + str(check)):
            yield base + str(check)


def _bsn_of() -> dict[str, str]:
    return dict(zip((person.key for person in PERSONS), demo_bsns(), strict=False))


def _cases(municipality: Organisation) -> dict[str, Case]:
    """The demo case per person key (only those that exist)."""
    found: dict[str, Case] = {}
    for key, bsn in _bsn_of().items():
        for person in persons_by_bsn(controller=municipality, bsn=bsn):
            case = Case.objects.filter(person=person, controller=municipality).order_by("opened_on").first()
            if case is not None:
                found[key] = case
    return found


def privacy_demo_case_ids(municipality: Organisation | None = None) -> list[Any]:
    """Ids of this demo's cases, so the PGA demo can leave them out of its own count."""
    municipality = municipality or Organisation.objects.filter(name=MUNICIPALITY).first()
    if municipality is None:
        return []
    return [case.pk for case in _cases(municipality).values()]


def _register(regisseur, municipality: Organisation, index: int, person: DemoPerson, bsn: str) -> Case:
    make = next(spec.provider("demo_case") for spec in registry.types() if spec.demo_case is not None)
    return make(
        actor=regisseur, controller=municipality, closed=person.closed,
        person={"first_names": "Demi", "surname": person.surname, "bsn": bsn,
                "date_of_birth": date(1970 + index, 2 + index, 10 + index),
                "address": f"Privacylaan {index + 1}, 9999 ZZ Demodorp", "phone": f"06000003{index:02d}"},
        reason="Demo: zorgen over woonsituatie (privacydemo).",
    )


def _requests(officer, cases: dict[str, Case], today: date) -> None:
    asker = cases["requests"].person
    requests.request_register(actor=officer, kind=Kind.INZAGE, received_on=today - timedelta(days=10), person=asker,
                              notes="Demo: verzoek per brief, kopie identiteitsbewijs gezien.")
    correctie = requests.request_register(actor=officer, kind=Kind.CORRECTIE, received_on=today - timedelta(days=30),
                                          person=asker, notes="Demo: telefoonnummer klopt niet.")
    requests.request_decide(actor=officer, request=correctie, outcome=DataSubjectRequest.Outcome.GRANTED,
                            motivation="Demo: het telefoonnummer is gecorrigeerd.",
                            decided_on=today - timedelta(days=12))
    beperking = requests.request_register(actor=officer, kind=Kind.BEPERKING, received_on=today - timedelta(days=20),
                                          person=cases["restricted"].person,
                                          notes="Demo: betrokkene betwist de juistheid van de gegevens.")
    requests.request_decide(actor=officer, request=beperking, outcome=DataSubjectRequest.Outcome.GRANTED,
                            motivation="Demo: verwerking beperkt zolang de juistheid wordt onderzocht.",
                            decided_on=today - timedelta(days=5))


def _summary(municipality: Organisation, created: bool) -> PrivacyDemoSummary:
    summary = PrivacyDemoSummary(created=created)
    rows = DataSubjectRequest.objects.filter(organisation=municipality)
    summary.requests.update(f"{kind} {status}" for kind, status in rows.values_list("kind", "status"))
    ids = privacy_demo_case_ids(municipality)
    cases = Case.objects.filter(pk__in=ids)
    summary.restricted = cases.filter(person__restricted=True).count()
    selection = retention_selection(controller_id=municipality.pk)
    summary.due, summary.held = len(selection.expired), len(selection.held)
    return summary


def seed_privacy_demo() -> PrivacyDemoSummary:
    """Create the privacy demo once; later runs only report what exists."""
    accounts = {user.username: user for user, _role in seed_accounts()}
    municipality = Organisation.objects.get(name=MUNICIPALITY)
    if len(_cases(municipality)) >= len(PERSONS):
        return _summary(municipality, False)
    officer, regisseur = accounts[OFFICER], accounts[REGISSEUR]
    today, bsns = timezone.localdate(), _bsn_of()
    with transaction.atomic():
        cases = {}
        for index, person in enumerate(PERSONS):
            cases[person.key] = _register(regisseur, municipality, index, person, bsns[person.key])
        legal_hold_place(actor=officer, reference=cases["held"].reference, ground=LegalHold.Ground.LITIGATION)
        _requests(officer, cases, today)
    return _summary(municipality, True)


def demo_lines() -> list[str]:
    """Seed the privacy demo and say what exists (run after every case type's demo)."""
    summary = seed_privacy_demo()
    verb = "created" if summary.created else "already present"
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(summary.requests.items()))
    return [f"Data-subject requests ({verb}): {sum(summary.requests.values())} — {kinds}; "
            f"restricted persons: {summary.restricted}; past retention: {summary.due} due, {summary.held} held"]
