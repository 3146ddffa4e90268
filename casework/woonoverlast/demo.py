"""Woonoverlast demo data for `seed_demo`: two municipalities' APV texts on woonoverlast (as data
with a date of effect) and 12 files of the demo handhaver spread over every state, built through
the woonoverlast services, the four-eyes approval and the transition engine; one file has a care
offer through a linked PGA case (shared with the GGZ), the urgent closure a cost recovery and an
approved extension (so the demo shows real
steps, history and audit events, and breaks when a rule changes, which is the point).

Names are fake ("Testveroorzaker ...", "Testmelder ..."), dwellings "Overlastlaan N, 9999 WO
Demodorp", BSNs pass the 11-test and come from 9999 8xxx, clear of the PGA (0xxx), privacy demo
(3xxx), Damocles (5xxx) and park (7xxx) ranges. Idempotent: when the files exist, nothing is added.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from django.db import transaction
from django.utils import timezone

from accounts.demo import seed_accounts
from accounts.models import Organisation, User
from casework import categories, demo_history, selectors, workflow
from casework.approvals import approval_decide
from casework.models import Approval, Case, Person
from casework.persons import person_register
from casework.woonoverlast import services
from casework.woonoverlast import workflow as wf
from casework.woonoverlast.casetype import CASE_TYPE, PROCESSING_ACTIVITY
from casework.woonoverlast.models import ApvArticle, BehaviouralOrder, Closure, DecisionState, Intention
from casework.woonoverlast.services.care import PGA
from encryption.validators import is_valid_bsn

MUNICIPALITY = "Gemeente Demodorp"
SECOND_MUNICIPALITY = "Gemeente Proefstad"
FILE_COUNT = 12

APV_TEXT = (
    "1. De burgemeester kan een gedragsaanwijzing geven aan een persoon die in of vanaf een woning of een bij die "
    "woning behorend erf, dan wel in de onmiddellijke nabijheid van die woning of dat erf, door gedragingen "
    "ernstige en herhaaldelijke hinder veroorzaakt voor omwonenden of voor anderen. {lid2}"
    "3. De gedragsaanwijzing geldt voor de duur die de burgemeester vaststelt{max}. (Demotekst.)"
)
LANDLORD = ("2. De burgemeester kan ook een gedragsaanwijzing geven aan degene die een woning in gebruik geeft, "
            "indien deze ernstige en herhaaldelijke hinder door gebruikers van die woning onvoldoende voorkomt. ")
# organisation, article, title, in force from, maximum weeks, landlord addressable
APV = (
    (MUNICIPALITY, "art. 2:79 APV", "Woonoverlast", date(2018, 1, 1), None, False),
    (MUNICIPALITY, "art. 2:79 APV", "Woonoverlast", date(2024, 7, 1), 26, True),
    (SECOND_MUNICIPALITY, "art. 2:79a APV", "Gedragsaanwijzing bij woonoverlast", date(2019, 3, 1), 12, False),
)


@dataclass(frozen=True)
class Plan:
    target: str
    age: int  # days between the first report and today
    enforcement: str = "bestuursdwang"
    view: bool = False
    draft_only: bool = False
    objection: bool = False
    breach: bool = False
    care: bool = False  # a care offer through a linked PGA case


PLANS = (
    Plan(wf.MELDINGEN, age=4),
    Plan(wf.MELDINGEN, age=12),
    Plan(wf.INTERVENTIES, age=40),
    Plan(wf.INTERVENTIES, age=60, care=True),
    Plan(wf.VOORNEMEN, age=80),
    Plan(wf.VOORNEMEN, age=120, view=True, draft_only=True),
    Plan(wf.GEDRAGSAANWIJZING, age=150),
    Plan(wf.GEDRAGSAANWIJZING, age=170, enforcement="dwangsom", objection=True),
    Plan(wf.HANDHAVING, age=200, enforcement="dwangsom", breach=True),
    Plan(wf.VOORNEMEN_SLUITING, age=220, breach=True),
    Plan(wf.SLUITING, age=90),  # urgent closure
    Plan(wf.AFGESLOTEN, age=100),
)
SOURCES = ("neighbour", "police", "corporation")
KINDS = ("noise", "threats", "aggression", "filth")
STATEMENTS = ("Demo: verklaring A (buurtbewoner) — dagelijks harde muziek na middernacht, geschreeuw in het "
              "trappenhuis. Verklaring B (buurtbewoner) — bedreigd bij de voordeur. Verklaring C (politie) — "
              "vier meldingen van geluidsoverlast in twee maanden.")


def demo_bsns() -> Iterator[str]:
    """Valid (11-test) BSNs from 9999 8000 upwards, in a fixed order."""
    for number in itertools.count(8000):
        base = f"9999{number:04d}"
        for check in range(10):
            if is_valid_bsn(base + str(check)):
                yield base + str(check)
                break


def seed_apv() -> int:
    second, _created = Organisation.objects.get_or_create(name=SECOND_MUNICIPALITY,
                                                         defaults={"kind": Organisation.Kind.GEMEENTE})
    organisations = {MUNICIPALITY: Organisation.objects.get(name=MUNICIPALITY), SECOND_MUNICIPALITY: second}
    for name, article, title, since, weeks, landlord in APV:
        maximum = f", ten hoogste {weeks} weken" if weeks else ""
        ApvArticle.objects.get_or_create(
            organisation=organisations[name], article=article, effective_from=since,
            defaults={"title": title, "max_duration_weeks": weeks, "landlord_addressable": landlord,
                      "text": APV_TEXT.format(lid2=LANDLORD if landlord else "", max=maximum)})
    return ApvArticle.objects.count()


SIGNATORY = "H. Testhandhaver, teamleider handhaving"
SIGNED: dict[str, Any] = {"signatory": SIGNATORY, "under_mandate": True}
SIGNED_STEPS = frozenset({wf.VOORNEMEN, wf.VOORNEMEN_SLUITING, wf.GEDRAGSAANWIJZING, wf.SLUITING})


def _step(case: Case, to: str, by: User, **data: Any) -> None:
    """A status step; the letter-bearing ones are signed in mandate ("namens deze")."""
    signed: dict[str, Any] = SIGNED if to in SIGNED_STEPS else {}
    reason = f"Demo: naar {selectors.status_label(case.case_type, to)}"  # the user's words: Dutch, no code
    workflow.transition(case=case, to=to, by=by, reason=reason, **signed, **data)


def _reports(case: Case, by: User, index: int, start: date, bsns: Iterator[str]) -> None:
    for number in range(2 + index % 2):
        services.melding_register(
            actor=by, case=case, source=SOURCES[(index + number) % 3], reported_on=start + timedelta(days=number * 3),
            kind=KINDS[(index + number) % 4], description=f"Demo: melding {number + 1} over overlast uit de woning.",
            melder={"first_names": "Mila", "surname": f"Testmelder-{index + 1}{'abc'[number]}", "bsn": next(bsns),
                    "address": f"Overlastlaan {index + 101}, 9999 WO Demodorp"})


def _intervene(case: Case, by: User, start: date) -> None:
    services.intervention_record(actor=by, case=case, kind="mediation", carried_out_on=start + timedelta(days=10),
                                 outcome="Demo: buurtbemiddeling aangeboden; de veroorzaker weigerde deel te nemen.")
    services.intervention_record(actor=by, case=case, kind="warning_corporation",
                                 carried_out_on=start + timedelta(days=15),
                                 outcome="Demo: schriftelijke waarschuwing door de woningcorporatie.")


def _decide_order(case: Case, by: User, lead: User, plan: Plan, decided_on: date, draft_only: bool) -> None:
    penalty: dict[str, Any] = {"penalty_form": "per_violation", "amount": "250.00", "maximum": "2500.00"} \
        if plan.enforcement == "dwangsom" else {}
    person = cast(Person, case.person)
    order = services.order_request_approval(
        actor=by, case=case, article="art. 2:79 APV", addressees=[person], addressee_capacity="occupant",
        behaviour="Demo: u betreedt de woning en de galerij niet tussen 23.00 en 07.00 uur en veroorzaakt geen "
                  "geluidsoverlast.", enforcement=plan.enforcement, duration_weeks=12, compliance_term_days=7,
        **penalty)
    if draft_only:
        return
    approval_decide(approval=cast(Approval, order.approval), approver=lead, approve=True, reason="")
    _step(case, wf.GEDRAGSAANWIJZING, by, decided_on=decided_on.isoformat())
    services.announcement_register(actor=by, decision=BehaviouralOrder.objects.get(pk=order.pk),
                                   addressee=person, method="registered_post",
                                   announced_on=decided_on + timedelta(days=1))


def _walk(case: Case, plan: Plan, by: User, lead: User, today: date, index: int, bsns: Iterator[str]) -> None:
    start = today - timedelta(days=plan.age)
    _reports(case, by, index, start, bsns)
    if plan.target == wf.MELDINGEN:
        return
    if plan.target == wf.SLUITING:
        _urgent_closure(case, by, lead, start)
        return
    _step(case, wf.INTERVENTIES, by)
    _intervene(case, by, start)
    if plan.care:
        _care_offer(case, by, start)
    if plan.target == wf.INTERVENTIES:
        return
    if plan.target == wf.AFGESLOTEN:
        _step(case, wf.AFGESLOTEN, by)
        return
    services.zwartboek_record(actor=by, case=case, compiled_on=start + timedelta(days=20), statements=STATEMENTS,
                              verified_on=start + timedelta(days=20))
    sent_on = min(start + timedelta(days=25), today)
    _step(case, wf.VOORNEMEN, by, intention_sent_on=sent_on.isoformat(), view_term_weeks=2)
    if plan.view:
        services.view_record(actor=by, intention=Intention.objects.get(case=case), received_on=sent_on + timedelta(
            days=7), summary="Demo: de veroorzaker erkent de overlast deels en belooft beterschap.")
    if plan.target == wf.VOORNEMEN:
        if plan.draft_only:
            _decide_order(case, by, lead, plan, sent_on, draft_only=True)
        return
    decided_on = sent_on + timedelta(days=30)
    _decide_order(case, by, lead, plan, decided_on, draft_only=False)
    _after_order(case, plan, by, decided_on, today)


def _urgent_closure(case: Case, by: User, lead: User, start: date) -> None:
    """An urgent closure straight after the reports (art. 174a; no intention, no term)."""
    _step(case, wf.INTERVENTIES, by)
    person = cast(Person, case.person)
    closure = services.closure_request_approval(
        actor=by, case=case, addressees=[person], duration_weeks=12, urgent=True,
        grounds="Demo: wapens en drugs aangetroffen; ernstige verstoring van de openbare orde vanuit de woning.",
        urgency_reason="Demo: direct gevaar voor omwonenden na een schietincident bij de woning.")
    approval_decide(approval=cast(Approval, closure.approval), approver=lead, approve=True, reason="")
    _step(case, wf.SLUITING, by, decided_on=(start + timedelta(days=8)).isoformat())
    closure.refresh_from_db()
    services.announcement_register(actor=by, decision=closure, addressee=person, method="handed_in_person",
                                   announced_on=start + timedelta(days=8))
    services.enforcement_act_record(actor=by, closure=closure, carried_out_on=start + timedelta(days=8),
                                    description="Demo: woning gesloten en verzegeld; sluitingsbevel aangeplakt.",
                                    urgent=True, urgency_reason="Demo: direct gevaar voor omwonenden na een "
                                                                "schietincident bij de woning.", costs="1850.00")
    services.closure_costs_record(actor=by, closure=closure, amount="1850.00", decided_on=start + timedelta(days=30),
                                  specification="Demo: slotenmaker en verzegeling (€ 650,00), afsluiten van ramen en "
                                                "deuren met platen (€ 1.200,00).", signatory=SIGNATORY,
                                  under_mandate=True)
    extension = services.closure_extension_request(
        actor=by, closure=closure, weeks=4,
        ground="Demo: na de sluiting zijn opnieuw drugs bij de woning aangetroffen; de openbare orde is nog niet "
               "hersteld.")
    approval_decide(approval=cast(Approval, extension.approval), approver=lead, approve=True, reason="")
    closure.refresh_from_db()
    last_day = cast(date, closure.ends_on)
    services.closure_extend(actor=by, extension=extension, decided_on=min(timezone.localdate(), last_day),
                            signatory=SIGNATORY, under_mandate=True)


def _care_offer(case: Case, by: User, start: date) -> None:
    """A care offer through a linked PGA case, shared with the GGZ by a sharing decision."""
    shared = next(code for code in categories.for_case_type(PGA)
                  if code != categories.METADATA and not categories.is_shielded(code))
    services.care_offer_refer(
        actor=by, case=case, carried_out_on=start + timedelta(days=20), owner=User.objects.get(username="regisseur"),
        outcome="Demo: zorgaanbod via de GGZ besproken; de bewoner staat ervoor open.",
        reason="Demo: signaal van verward gedrag; zorg lijkt nodig om de overlast te beëindigen.",
        partner=Organisation.objects.get(name="GGZ Demo"), categories=[categories.METADATA, shared],
        purpose="Demo: zorgaanbod door de GGZ bij woonoverlast.",
        weighing="Demo: alleen de GGZ, en alleen wat nodig is om het zorgaanbod te doen; lichtere middelen "
                 "(buurtbemiddeling, waarschuwing) hielpen niet.", ends_on=timezone.localdate() + timedelta(days=90))


def _after_order(case: Case, plan: Plan, by: User, decided_on: date, today: date) -> None:
    order = BehaviouralOrder.objects.get(case=case, state=DecisionState.IMPOSED)
    if plan.objection:
        announcement = services.tracks.announcements_of(order)[0]
        services.objection_register(actor=by, announcement=announcement, received_on=decided_on + timedelta(days=20))
    if plan.breach:
        services.check_record(actor=by, order=order, checked_on=decided_on + timedelta(days=14), complied=False,
                              findings="Demo: bij controle om 01.00 uur harde muziek vanuit de woning.")
    if plan.target == wf.HANDHAVING:
        _step(case, wf.HANDHAVING, by)
        services.forfeiture_record(actor=by, order=order, basis=order.checks.get(),
                                   forfeited_on=decided_on + timedelta(days=14))
    if plan.target == wf.VOORNEMEN_SLUITING:
        _step(case, wf.VOORNEMEN_SLUITING, by, intention_sent_on=today.isoformat())


def _veroorzaker(actor: User, controller: Organisation, index: int, bsns: Iterator[str]) -> Person:
    person, _created = person_register(actor=actor, controller=controller, first_names="Vera",
                                       surname=f"Testveroorzaker-{index + 1}", bsn=next(bsns),
                                       date_of_birth=date(1980 + index, 1 + index % 12, 1 + index),
                                       processing_activity=PROCESSING_ACTIVITY)
    return person


def seed_woonoverlast_demo() -> tuple[bool, Counter]:
    """Create the demo once; later runs only report what exists."""
    accounts = {user.username: user for user, _role in seed_accounts()}
    municipality = Organisation.objects.get(name=MUNICIPALITY)
    created = False
    if Case.objects.filter(case_type=CASE_TYPE, controller=municipality).count() < FILE_COUNT:
        handhaver, lead = accounts["handhaver"], accounts["teamleider"]
        today, bsns = timezone.localdate(), demo_bsns()
        with transaction.atomic():
            seed_apv()
            for index, plan in enumerate(PLANS):
                person = _veroorzaker(handhaver, municipality, index, bsns)
                case = services.woonoverlast_file_open(
                    actor=handhaver, controller=municipality, person=person,
                    dwelling_address=f"Overlastlaan {index + 1}, 9999 WO Demodorp",
                    summary="Demo: ernstige en herhaaldelijke overlast uit de woning.")
                _walk(case, plan, handhaver, lead, today, index, bsns)
            _earlier_years(handhaver, lead, municipality, today, bsns, start=len(PLANS))
        created = True
    counts = Counter(Case.objects.filter(case_type=CASE_TYPE).exclude(demo_history.moved(timezone.localdate()))
                     .values_list("status", flat=True))
    return created, counts


# Files of each earlier demo year (the annual figures' trends): walked today, closed, then moved back.
HISTORY = (Plan(wf.GEDRAGSAANWIJZING, age=150), Plan(wf.GEDRAGSAANWIJZING, age=170, enforcement="dwangsom"),
           Plan(wf.SLUITING, age=90), Plan(wf.MELDINGEN, age=30))


def _earlier_years(handhaver: User, lead: User, municipality: Organisation, today: date, bsns: Iterator[str], *,
                   start: int) -> None:
    index = start
    for years in demo_history.YEARS:
        for plan in HISTORY:
            case = services.woonoverlast_file_open(
                actor=handhaver, controller=municipality, person=_veroorzaker(handhaver, municipality, index, bsns),
                dwelling_address=f"Overlastlaan {index + 1}, 9999 WO Demodorp",
                summary="Demo: ernstige en herhaaldelijke overlast uit de woning (eerder jaar).")
            _walk(case, plan, handhaver, lead, today, index, bsns)
            _step(case, wf.AFGESLOTEN, handhaver)
            demo_history.shift_into_past(case, years=years)
            index += 1


def demo_lines() -> list[str]:
    """The registry's `demo`: seed the woonoverlast demo and say what exists."""
    created, counts = seed_woonoverlast_demo()
    verb = "created" if created else "already present"
    statuses = ", ".join(f"{status} {count}" for status, count in sorted(counts.items()))
    earlier = Case.objects.filter(case_type=CASE_TYPE).filter(demo_history.moved(timezone.localdate())).count()
    return [f"Woonoverlast files ({verb}): {sum(counts.values())} — {statuses}",
            f"Woonoverlast files closed in earlier years (annual figures, moved back from today): {earlier}",
            f"APV texts on woonoverlast: {ApvArticle.objects.count()} "
            f"(closures: {Closure.objects.filter(case__case_type=CASE_TYPE).count()})"]
