"""Park enforcement demo data for `seed_demo`: the park "Rhederlaagse Meren" with 40 recreation
objects and 12 files of the demo handhaver, built through the park services, the transition
engine and the case-link service (so the demo shows real steps, history and audit events, and
breaks when a rule changes, which is the point).

The variety a demo needs: files in every state from inspection to closed; two personal tolerance
decisions (residents from before the reference date of 31 October 2003); orders approved by the
team lead (four eyes), one announced to its addressee with an objection; forfeitures, of which
exactly one is close to its limitation date (inside the 3-month warning window); a collection
intention; one occupant referred from an inspection to a new PGA case, shared with the GGZ
(through casework/park/services/links.py). Names are fake ("Testbewoner ..."), addresses "Recreatiepad N,
9999 RM Demodorp", BSNs pass the 11-test and come from 9999 7xxx, clear of the PGA (9999 0xxx)
and Damocles (9999 5xxx) ranges. Idempotent: when the park already has its files, nothing is added.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, cast

from django.db import transaction
from django.utils import timezone

from accounts.demo import seed_accounts
from accounts.models import Organisation, User
from casework import demo_history, selectors, workflow
from casework.approvals import approval_decide
from casework.categories import PERSONALIA
from casework.models import Approval, Case, CaseLink, Person
from casework.park import workflow as wf
from casework.park.casetype import CASE_TYPE
from casework.park.casetype import PROCESSING_ACTIVITY as PARK_ENFORCEMENT
from casework.park.limitation import limitation_warnings
from casework.park.models import Forfeiture, Inspection, Park, PenaltyOrder, RecreationObject, ToleranceDecision
from casework.park.services import (
    announcement_register,
    collection_intention_record,
    forfeiture_record,
    inspection_record,
    object_register,
    objection_register,
    occupant_register,
    order_impose,
    order_request_approval,
    park_file_open,
    payment_record,
    tolerance_grant,
)
from casework.park.services.links import REFERRAL_LINK, refer_occupant_to_pga
from casework.persons import person_register
from encryption.validators import is_valid_bsn

PARK_NAME = "Rhederlaagse Meren"
MUNICIPALITY = "Gemeente Demodorp"
PGA_REFERRAL = "pga_referral"  # the PGA type's sharing category of the referral, by its registry code
OBJECT_COUNT = 40
FILE_COUNT = 12
FINDINGS = "Demo: chalet wordt permanent bewoond; auto dagelijks aanwezig, post op dit adres, BRP-inschrijving elders."
REMEDY = "Demo: beëindig de permanente bewoning van dit recreatieobject en houd die beëindigd."
WEIGHING = ("Alleen personalia en de aanleiding worden gedeeld, zodat de GGZ contact kan leggen; zonder deling "
            "kan de zorg niet worden ingezet (demo-afweging).")


@dataclass(frozen=True)
class FilePlan:
    """One demo file: where it ends and what it carries on the way."""

    target: str
    age: int  # days between the first inspection and today
    forfeitures: tuple[int, ...] = ()  # days ago each penalty was forfeited
    objection: bool = False
    referral: bool = False
    nothing_found: bool = False


PLANS = (
    FilePlan(wf.CONTROLE, age=3, referral=True),
    FilePlan(wf.CONTROLE, age=6),
    FilePlan(wf.CONSTATERING, age=20),
    FilePlan(wf.VOORNEMEN, age=30),
    FilePlan(wf.VOORNEMEN, age=45),
    FilePlan(wf.LAST_ONDER_DWANGSOM, age=90, objection=True),
    FilePlan(wf.LAST_ONDER_DWANGSOM, age=100),
    FilePlan(wf.HERCONTROLE, age=150, forfeitures=(30,)),
    FilePlan(wf.INVORDERING, age=420, forfeitures=(320,)),  # limitation date within the warning window
    FilePlan(wf.INVORDERING, age=200, forfeitures=(90, 60)),
    FilePlan(wf.NAGELEEFD, age=180),
    FilePlan(wf.AFGESLOTEN, age=10, nothing_found=True),
)
TOLERATED = (("A-031", date(1998, 5, 1)), ("A-032", date(2001, 9, 15)))  # objects and residence since


@dataclass
class ParkDemoSummary:
    created: bool
    objects: int = 0
    by_status: Counter = field(default_factory=Counter)
    earlier_years: int = 0
    tolerance_decisions: int = 0
    forfeitures: int = 0
    limitation_warnings: int = 0
    referrals: int = 0


def demo_bsns() -> Iterator[str]:
    """Valid (11-test) BSNs from 9999 7000 upwards, in a fixed order."""
    for number in itertools.count(7000):
        base = f"9999{number:04d}"
        for check in range(10):
            if is_valid_bsn(base + str(check)):
                yield base + str(check)
                break


def _object_data(index: int) -> dict[str, Any]:
    """A-001..A-032 chalets, P-001..P-006 pitches, O-001..O-002 other; every other one has a BAG address."""
    if index < 32:
        number, kind = f"A-{index + 1:03d}", "chalet"
    elif index < 38:
        number, kind = f"P-{index - 31:03d}", "pitch"
    else:
        number, kind = f"O-{index - 37:03d}", "other"
    data: dict[str, Any] = {"number": number, "kind": kind, "owner_entity": "Demo Recreatie B.V."}
    if index % 2 == 0:
        data.update(street="Recreatiepad", house_number=str(index + 1), postcode="9999 RM", city="Demodorp",
                    bag_id=f"99990100{index + 1:08d}")
    return data


def _resident(actor: User, controller: Organisation, bsns: Iterator[str], index: int) -> Person:
    person, _created = person_register(
        actor=actor, controller=controller, first_names="Demi", surname=f"Testbewoner Meren{index + 1}",
        bsn=next(bsns), date_of_birth=date(1940 + index % 50, 1 + index % 12, 1 + index % 28),
        address=f"Recreatiepad {index + 1}, 9999 RM Demodorp", processing_activity=PARK_ENFORCEMENT,
    )
    return person


def _objects(actor: User, park: Park) -> dict[str, RecreationObject]:
    """The park's objects by number: the existing ones, and the missing ones registered."""
    found = {obj.number: obj for obj in RecreationObject.objects.filter(park=park)}
    for index in range(OBJECT_COUNT):
        data = _object_data(index)
        if data["number"] not in found:
            found[data["number"]] = object_register(actor=actor, park=park, **data)
    return found


def _step(case: Case, to: str, by: User, **data: Any) -> None:
    reason = f"Demo: naar {selectors.status_label(case.case_type, to)}"  # the user's words: Dutch, no code
    workflow.transition(case=case, to=to, by=by, reason=reason, **data)
    case.refresh_from_db()


def _inspect(case: Case, by: User, on: date, **kwargs: Any) -> Inspection:
    return inspection_record(actor=by, case=case, inspected_on=on, officers=[by],
                             sources=["brp", "licence_plates", "observation"], findings=FINDINGS, **kwargs)


def _order(case: Case, by: User, lead: User, person: Person, plan: FilePlan, start: date) -> PenaltyOrder:
    per_week = bool(plan.forfeitures and len(plan.forfeitures) > 1)
    order = order_request_approval(
        actor=by, case=case, addressees=[person], remedy=REMEDY, compliance_term_days=28,
        penalty_form="per_time_unit" if per_week else "lump_sum", time_unit="week" if per_week else "",
        amount="1000.00" if per_week else "7500.00", maximum="10000.00" if per_week else "7500.00",
    )
    order.refresh_from_db()
    approval_decide(approval=cast(Approval, order.approval), approver=lead, approve=True, reason="")
    order.refresh_from_db()
    return order_impose(actor=by, order=order, reason="demo: last onder dwangsom opgelegd",
                        decided_on=start + timedelta(days=40))


def _remedies(order: PenaltyOrder, by: User, person: Person, *, objection: bool) -> None:
    """The announcement (the compliance term runs from it) and, for some files, an objection."""
    announced = cast(date, order.decided_on) + timedelta(days=2)
    announcement = announcement_register(actor=by, order=order, addressee=person, method="registered_post",
                                         announced_on=announced)
    order.refresh_from_db()
    if not objection:
        return
    objection_register(actor=by, announcement=announcement, received_on=announced + timedelta(days=20),
                       advisory_committee=True)


def _enforce(case: Case, order: PenaltyOrder, by: User, plan: FilePlan, today: date) -> None:
    """hercontrole, the forfeitures (one re-inspection each) or compliance, and collection."""
    _step(case, wf.HERCONTROLE, by)
    if plan.target == wf.NAGELEEFD:
        _inspect(case, by, cast(date, order.compliance_due_on) + timedelta(days=3), order=order, compliant=True)
        return _step(case, wf.NAGELEEFD, by)
    forfeited = []
    for days_ago in plan.forfeitures:
        day = today - timedelta(days=days_ago)
        basis = _inspect(case, by, day, order=order, compliant=False)
        forfeited.append(forfeiture_record(actor=by, order=order, basis=basis, forfeited_on=day))
    if plan.target == wf.INVORDERING:
        _step(case, wf.INVORDERING, by)
        collection_intention_record(actor=by, order=order, forfeitures=forfeited,
                                    sent_on=min(today, forfeited[-1].forfeited_on + timedelta(days=14)))
    return None


def _walk(case: Case, plan: FilePlan, by: User, lead: User, person: Person, today: date) -> None:
    start = today - timedelta(days=plan.age)
    _inspect(case, by, start)
    if plan.nothing_found:
        return _step(case, wf.AFGESLOTEN, by)
    if plan.target == wf.CONTROLE:
        return None
    _step(case, wf.CONSTATERING, by, reported_on=min(today, start + timedelta(days=2)),
          report_summary="Demo: rapport van bevindingen, permanente bewoning vastgesteld.")
    if plan.target == wf.CONSTATERING:
        return None
    _step(case, wf.VOORNEMEN, by, intention_sent_on=min(today, start + timedelta(days=7)))
    if plan.target == wf.VOORNEMEN:
        return None
    order = _order(case, by, lead, person, plan, start)
    case.refresh_from_db()  # imposing moved the order's own copy of the case
    _remedies(order, by, person, objection=plan.objection)
    if plan.target == wf.LAST_ONDER_DWANGSOM:
        return None
    return _enforce(case, order, by, plan, today)


def _refer(case: Case, by: User, accounts: dict[str, User], partners: dict[str, Organisation]) -> None:
    inspection = Inspection.objects.filter(case=case).order_by("inspected_on").first()
    if inspection is None:
        return
    occupant = inspection.object.occupants.filter(left_on__isnull=True).first()
    refer_occupant_to_pga(
        actor=by, inspection=inspection, occupant=occupant, owner=accounts["regisseur"],
        reason="Demo: oudere bewoner vereenzaamd en verward aangetroffen; geen hulp in beeld.",
        partner=partners["GGZ Demo"], categories=[PERSONALIA, PGA_REFERRAL],
        purpose="Demo: de GGZ legt contact na het zorgsignaal van de controle.", weighing=WEIGHING,
        ends_on=timezone.localdate() + timedelta(days=90),
    )


def _tolerance(by: User, controller: Organisation, objects: dict[str, RecreationObject], bsns: Iterator[str]) -> None:
    for index, (number, since) in enumerate(TOLERATED):
        person = _resident(by, controller, bsns, 100 + index)
        occupant_register(actor=by, object=objects[number], person=person, brp_status="registered",
                          brp_checked_on=timezone.localdate() - timedelta(days=30), since=since)
        tolerance_grant(actor=by, object=objects[number], person=person, resident_since=since,
                        notes="Demo: woont er aantoonbaar sinds voor de peildatum.")


def _summary(park: Park | None, created: bool) -> ParkDemoSummary:
    summary = ParkDemoSummary(created=created)
    if park is None:
        return summary
    cases = Case.objects.filter(case_type=CASE_TYPE, park__object__park=park).exclude(
        demo_history.moved(timezone.localdate()))
    summary.earlier_years = Case.objects.filter(case_type=CASE_TYPE, park__object__park=park).filter(
        demo_history.moved(timezone.localdate())).count()
    summary.objects = RecreationObject.objects.filter(park=park).count()
    summary.by_status.update(cases.values_list("status", flat=True))
    summary.tolerance_decisions = ToleranceDecision.objects.filter(object__park=park).count()
    summary.forfeitures = Forfeiture.objects.filter(case__in=cases).count()
    summary.limitation_warnings = len(limitation_warnings(cases, timezone.localdate()))
    summary.referrals = CaseLink.objects.filter(from_case__in=cases, kind=REFERRAL_LINK).count()
    return summary


def seed_park_demo() -> ParkDemoSummary:
    """Create the park demo once; later runs only report what exists."""
    accounts = {user.username: user for user, _role in seed_accounts()}
    municipality = Organisation.objects.get(name=MUNICIPALITY)
    park = Park.objects.filter(name=PARK_NAME).first()
    if park is not None and Case.objects.filter(case_type=CASE_TYPE, park__object__park=park).count() >= FILE_COUNT:
        return _summary(park, False)
    handhaver, lead = accounts["handhaver"], accounts["teamleider"]
    partners = {org.name: org for org in Organisation.objects.exclude(pk=municipality.pk)}
    today, bsns = timezone.localdate(), demo_bsns()
    with transaction.atomic():
        park = park or Park.objects.create(name=PARK_NAME, municipality="Demodorp", controller=municipality)
        objects = _objects(handhaver, park)
        for index, plan in enumerate(PLANS):
            obj = objects[f"A-{index + 1:03d}"]
            person = _resident(handhaver, municipality, bsns, index)
            occupant_register(actor=handhaver, object=obj, person=person, brp_status="not_registered",
                              brp_checked_on=today - timedelta(days=plan.age), since=today - timedelta(days=700))
            case = park_file_open(actor=handhaver, object=obj, person=person)
            _walk(case, plan, handhaver, lead, person, today)
            if plan.referral:
                _refer(case, handhaver, accounts, partners)
        _tolerance(handhaver, municipality, objects, bsns)
        _earlier_years(handhaver, lead, municipality, objects, bsns, today)
    return _summary(park, True)


# Files of each earlier demo year (the annual figures' trends): walked today, paid, closed,
# then moved back. They use objects A-013 onwards (the current files use ).
HISTORY = (
    FilePlan(wf.INVORDERING, age=200, forfeitures=(90, 60)),
    FilePlan(wf.INVORDERING, age=250, forfeitures=(120,)),
    FilePlan(wf.NAGELEEFD, age=180),
    FilePlan(wf.LAST_ONDER_DWANGSOM, age=100),
    FilePlan(wf.AFGESLOTEN, age=10, nothing_found=True),
)


def _earlier_years(handhaver: User, lead: User, municipality: Organisation, objects: dict[str, RecreationObject],
                   bsns: Iterator[str], today: date) -> None:
    number = len(PLANS)
    for years in demo_history.YEARS:
        for plan in HISTORY:
            obj = objects[f"A-{number + 1:03d}"]
            person = _resident(handhaver, municipality, bsns, number)
            occupant_register(actor=handhaver, object=obj, person=person, brp_status="not_registered",
                              brp_checked_on=today - timedelta(days=plan.age), since=today - timedelta(days=700))
            case = park_file_open(actor=handhaver, object=obj, person=person)
            _walk(case, plan, handhaver, lead, person, today)
            for forfeiture in Forfeiture.objects.filter(case=case).order_by("forfeited_on"):
                payment_record(actor=handhaver, forfeiture=forfeiture, paid_on=today, amount=forfeiture.amount)
            if case.status not in wf.CLOSED_STATES:
                _step(case, wf.AFGESLOTEN, handhaver)
            demo_history.shift_into_past(case, years=years)
            number += 1


def demo_lines() -> list[str]:
    """The registry's `demo`: seed the park demo and say what exists."""
    park = seed_park_demo()
    verb = "created" if park.created else "already present"
    statuses = ", ".join(f"{status} {count}" for status, count in sorted(park.by_status.items()))
    return [f"Park files ({verb}): {sum(park.by_status.values())} — {statuses}",
            f"Park objects: {park.objects}; tolerance decisions: {park.tolerance_decisions}; "
            f"forfeitures: {park.forfeitures} ({park.limitation_warnings} near their limitation date); "
            f"referrals to PGA: {park.referrals}",
            f"Park files closed in earlier years (annual figures, moved back from today): {park.earlier_years}"]
