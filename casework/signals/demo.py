"""Signals demo data for `seed_demo`: 16 undermining signals of Gemeente Demodorp over every category and
every triage outcome, built through the signals services (intake by staff and by the chain partner,
triage by the demo handhaver and team lead), so the demo shows real steps, sharing decisions, linked
cases, history and audit events. Names are fake ("Testgenoemde ...", "Testbron ..."), addresses
"Signaalstraat N, 9999 SG Demodorp", BSNs pass the 11-test and come from 9999 6xxx, clear of the other
demos' ranges (0xxx, 3xxx, 5xxx, 7xxx, 8xxx). Idempotent: when the signals exist, nothing is added.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.demo import seed_accounts
from accounts.models import Organisation, User
from casework.models import Case
from casework.signals.casetype import CASE_TYPE
from casework.signals.categories import INTAKE
from casework.signals.models import Outcome, Signal, SignalCategory
from casework.signals.services import signal_register, signal_triage
from casework.signals.services.triage import routable_types
from encryption.validators import is_valid_bsn

MUNICIPALITY = "Gemeente Demodorp"
POLICE = "Politie Eenheid Demo"
RIEC = "RIEC Demo"
CARE = "GGZ Demo"
SIGNAL_COUNT = 16
WEIGHING = ("Demo: alleen wat de partner voor zijn taak in de aanpak van ondermijning nodig heeft; de bron en de "
            "beoordeling blijven buiten het deelbesluit.")


@dataclass(frozen=True)
class Plan:
    category: str
    outcomes: tuple[str, ...] = ()  # the triages in order (empty: awaiting triage)
    by_partner: bool = False
    postponed: bool = False
    routed_to: str = ""


PLANS = (
    Plan(SignalCategory.DRUGS),
    Plan(SignalCategory.HUMAN_TRAFFICKING, by_partner=True),
    Plan(SignalCategory.MONEY_LAUNDERING, postponed=True),
    Plan(SignalCategory.DRUGS, (Outcome.NO_ACTION,)),
    Plan(SignalCategory.OTHER, (Outcome.NO_ACTION,)),
    Plan(SignalCategory.REAL_ESTATE, (Outcome.MONITOR,), postponed=True),
    Plan(SignalCategory.HOLIDAY_PARK, (Outcome.MONITOR,)),
    Plan(SignalCategory.MONEY_LAUNDERING, (Outcome.MONITOR, Outcome.NO_ACTION)),
    Plan(SignalCategory.DRUGS, (Outcome.POLICE,)),
    Plan(SignalCategory.HUMAN_TRAFFICKING, (Outcome.POLICE,), by_partner=True),
    Plan(SignalCategory.MONEY_LAUNDERING, (Outcome.RIEC,), postponed=True),
    Plan(SignalCategory.HOLIDAY_PARK, (Outcome.MONITOR, Outcome.RIEC)),
    Plan(SignalCategory.REAL_ESTATE, (Outcome.BIBOB,)),
    Plan(SignalCategory.REAL_ESTATE, (Outcome.BIBOB,)),
    Plan(SignalCategory.HUMAN_TRAFFICKING, (Outcome.CASE,), routed_to="pga"),
    Plan(SignalCategory.OTHER, (Outcome.MONITOR, Outcome.CASE), routed_to="pga"),
)
DESCRIPTIONS: dict[str, str] = {
    SignalCategory.DRUGS: "Demo: veel kortstondig bezoek, dichtgeplakte ramen en een sterke wietlucht bij de woning.",
    SignalCategory.HUMAN_TRAFFICKING: "Demo: wisselende bewoners die niet zelf naar buiten gaan en worden opgehaald "
                                      "met een busje.",
    SignalCategory.MONEY_LAUNDERING: "Demo: een winkel zonder klanten die contant betaalde panden in de straat koopt.",
    SignalCategory.REAL_ESTATE: "Demo: een pand wisselt binnen een jaar drie keer van eigenaar tegen stijgende "
                                "prijzen.",
    SignalCategory.HOLIDAY_PARK: "Demo: een chalet dat permanent wordt bewoond door steeds andere personen.",
    SignalCategory.OTHER: "Demo: een bedrijfspand waar 's nachts veel verkeer is, zonder zichtbare bedrijvigheid.",
}


def demo_bsns() -> Iterator[str]:
    """Valid (11-test) BSNs from 9999 6000 upwards, in a fixed order."""
    for number in itertools.count(6000):
        base = f"9999{number:04d}"
        for check in range(10):
            if is_valid_bsn(base + str(check)):
                yield base + str(check)
                break


def _partners() -> dict[str, Organisation]:
    riec, _created = Organisation.objects.get_or_create(name=RIEC, defaults={"kind": Organisation.Kind.OTHER})
    return {POLICE: Organisation.objects.get(name=POLICE), RIEC: riec, CARE: Organisation.objects.get(name=CARE)}


def _register(plan: Plan, index: int, accounts: dict[str, User], municipality: Organisation,
              bsns: Iterator[str]) -> Case:
    today = timezone.localdate()
    person: dict[str, Any] = {"person": {"first_names": "Noah", "surname": f"Testgenoemde-{index + 1}",
                                         "bsn": next(bsns), "date_of_birth": date(1975 + index, 1 + index % 12, 3)},
                              "involvement": "Demo: bewoner of gebruiker van het pand."}
    if plan.postponed:
        person |= {"informing": "postponed", "postponement_ground": "avg23_1_d",
                   "postponement_review_on": today + timedelta(days=60 + index)}
    actor = accounts["partner"] if plan.by_partner else accounts["handhaver" if index % 2 else "regisseur"]
    source: dict[str, Any] = {"source_kind": "partner"} if plan.by_partner else {
        "source_kind": "citizen", "source_person": {"first_names": "Bo", "surname": f"Testbron-{index + 1}",
                                                    "bsn": next(bsns), "date_of_birth": date(1960 + index, 6, 1)}}
    return signal_register(
        actor=actor, controller=municipality, category=plan.category, received_on=today - timedelta(days=90 - index),
        description=DESCRIPTIONS[plan.category], legal_ground="avg10_law" if index % 3 else "uavg33_1a",
        address=f"Signaalstraat {index + 1}, 9999 SG Demodorp", persons=[person], **source)


def _triage(case: Case, outcome: str, plan: Plan, accounts: dict[str, User], partners: dict[str, Organisation],
            index: int) -> None:
    today = timezone.localdate()
    by = accounts["teamleider"] if index % 4 == 0 else accounts["handhaver"]
    share = {"categories": [INTAKE], "weighing": WEIGHING, "ends_on": today + timedelta(days=120)}
    data: dict[str, Any] = {"reason": f"Demo: beoordeling van het signaal ({Outcome(outcome).label})."}
    if outcome == Outcome.MONITOR:
        data["review_on"] = today + timedelta(days=20 + index)
    elif outcome == Outcome.BIBOB:
        data = {}
    elif outcome in (Outcome.POLICE, Outcome.RIEC):
        data |= {"purpose": "Demo: opsporing en integrale aanpak van ondermijning.", "share": share,
                 "partner": partners[POLICE if outcome == Outcome.POLICE else RIEC]}
    elif outcome == Outcome.CASE:
        data |= {"purpose": "Demo: zorg en veiligheid voor een mogelijk slachtoffer.", "routed_to": plan.routed_to,
                 "linked_reason": "Demo: zorgen over uitbuiting en de woonsituatie; hulp nodig.",
                 "owner": accounts["regisseur"], "partner": partners[CARE],
                 "share": {**share, "categories": ["metadata"]}}
    signal_triage(actor=by, case=case, outcome=outcome, **data)
    case.refresh_from_db()


def seed_signals_demo() -> tuple[bool, Counter]:
    """Create the demo once; later runs only report what exists."""
    accounts = {user.username: user for user, _role in seed_accounts()}
    municipality = Organisation.objects.get(name=MUNICIPALITY)
    created = False
    routable = dict(routable_types())
    if Case.objects.filter(case_type=CASE_TYPE, controller=municipality).count() < SIGNAL_COUNT:
        partners, bsns = _partners(), demo_bsns()
        with transaction.atomic():
            for index, plan in enumerate(PLANS):
                case = _register(plan, index, accounts, municipality, bsns)
                for outcome in plan.outcomes:
                    if outcome == Outcome.CASE and plan.routed_to not in routable:
                        continue
                    _triage(case, outcome, plan, accounts, partners, index)
        created = True
    counts = Counter(Signal.objects.filter(case__controller=municipality).values_list("outcome", flat=True))
    return created, counts


def demo_lines() -> list[str]:
    """The registry's `demo`: seed the signals demo and say what exists."""
    created, counts = seed_signals_demo()
    verb = "created" if created else "already present"
    outcomes = ", ".join(f"{outcome or 'awaiting triage'} {count}" for outcome, count in sorted(counts.items()))
    return [f"Undermining signals ({verb}): {sum(counts.values())} — {outcomes}"]
