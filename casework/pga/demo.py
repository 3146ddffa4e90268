"""PGA demo data for `seed_demo`: 30 synthetic cases across every state, built through the services.

Everything goes through the same services and the transition engine as real work, so the demo
shows real steps, history rows and audit events (and breaks when a rule changes, which is the
point). All persons are fake ("Testpersoon ..."); BSNs come from the 999 9x test range and pass
the 11-test. Idempotent: when the demo municipality already controls the demo cases, nothing is
added (the count is the marker).
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
from audit.activities import CHAIN_SHARING
from audit.history import save_with_reason
from casework import demo_history, selectors, workflow
from casework.breakglass import break_glass_open
from casework.categories import PERSONALIA
from casework.models import BreakGlassGrant, Case, SharingDecision
from casework.pga import workflow as pga
from casework.pga.casetype import CASE_TYPE, PGA_CONFERENCES, PGA_PLAN
from casework.pga.models import Agreement, ClosureReason, InformedStatus, Leefgebied
from casework.pga.services import (
    agreement_record,
    agreement_update,
    conference_plan,
    measurement_record,
    plan_update,
    referral_register,
)
from casework.sharing import expire_shares, share_create, share_revoke
from encryption.validators import is_valid_bsn

DEMO_CASE_COUNT = 30
MUNICIPALITY = "Gemeente Demodorp"
SECOND_REGISSEUR = "regisseur2"  # accounts.demo: a procesregisseur in another team
PARTNER_AGREEMENT = "Demo: meldplicht en toezicht door de reclassering."  # the demo partner reports back on it

# Target state -> how many demo cases end there (sums to DEMO_CASE_COUNT).
STATE_PLAN = [
    (pga.AANGEMELD, 3), (pga.TRIAGE, 3), (pga.NIET_VOOR_ZVH, 3), (pga.IN_BEHANDELING, 4),
    (pga.CASUSOVERLEG, 4), (pga.PLAN, 4), (pga.UITVOERING, 5), (pga.AFGESLOTEN, 4),
]
MAIN_PATH = [pga.TRIAGE, pga.IN_BEHANDELING, pga.CASUSOVERLEG, pga.PLAN, pga.UITVOERING]
PAST_CONFERENCE = {pga.CASUSOVERLEG, pga.PLAN, pga.UITVOERING, pga.AFGESLOTEN}
PAST_PLAN = {pga.PLAN, pga.UITVOERING, pga.AFGESLOTEN}
SURNAMES = ["Appel", "Beuk", "Citroen", "Duin", "Eik", "Fazant", "Gerst", "Haver", "Iep", "Jasmijn"]
FIRST_NAMES = ["Testine", "Testan", "Demi", "Demo", "Proefje"]
WEIGHING = ("Alleen de voor het overleg nodige gegevens worden gedeeld; een minder ingrijpende weg "
            "(geen deling) zou de afstemming tussen de partners onmogelijk maken (demo-afweging).")


@dataclass
class DemoSummary:
    created: bool
    cases_by_status: Counter = field(default_factory=Counter)
    shares: Counter = field(default_factory=Counter)
    break_glass: int = 0
    earlier_years: int = 0


def demo_bsns() -> Iterator[str]:
    """Valid (11-test) BSNs from the 9999xxxxx test range, in a fixed order."""
    for number in itertools.count(1):
        base = f"9999{number:04d}"
        check = sum(int(d) * w for d, w in zip(base, range(9, 1, -1), strict=True)) % 11
        if check < 10 and is_valid_bsn(base + str(check)):
            yield base + str(check)


def _person(index: int, bsns: Iterator[str]) -> dict:
    has_bsn = index % 3 != 2  # every third person is known without a BSN (found by name and birth date)
    return {
        "first_names": FIRST_NAMES[index % len(FIRST_NAMES)],
        "surname": f"Testpersoon {SURNAMES[index % len(SURNAMES)]}{index + 1}",
        "bsn": next(bsns) if has_bsn else None,
        "date_of_birth": date(1960 + index, 1 + index % 12, 1 + index % 28),
        "address": f"Demostraat {index + 1}, 9999 ZZ Demodorp",
        "phone": f"06000000{index:02d}",
    }


def _step(case: Case, to: str, by: User, **data) -> None:
    reason = f"Demo: naar {selectors.status_label(case.case_type, to)}"  # the user's words: Dutch, no code
    workflow.transition(case=case, to=to, by=by, reason=reason, **data)


def _conference_with_agreements(case: Case, by: User, partners: dict[str, Organisation], index: int,
                                today: date) -> None:
    invited = [partners["Politie Eenheid Demo"], partners["Reclassering Demo"], partners["GGZ Demo"]]
    conference = conference_plan(actor=by, case=case, held_on=today - timedelta(days=21 - index % 7),
                                 invited=invited, attending=invited[:2],
                                 minutes="Demo-verslag: afspraken over wonen en schulden.")
    overdue = index % 2 == 0  # half the cases have an overdue agreement
    agreement_record(actor=by, case=case, conference=conference, description="Demo: budgetcoach inschakelen.",
                     owner_organisation=partners["GGZ Demo"],
                     due_on=today - timedelta(days=5) if overdue else today + timedelta(days=3 + index % 10))
    later = agreement_record(actor=by, case=case, conference=conference, description="Demo: huisbezoek wijkagent.",
                             owner_organisation=partners["Politie Eenheid Demo"],
                             due_on=today + timedelta(days=20 + index))
    if index % 3 == 0:
        agreement_update(actor=by, agreement=later, status=Agreement.Status.DONE)


def _plan(case: Case, by: User, versions: int, partner: Organisation, today: date) -> None:
    goals = [{"leefgebied": Leefgebied.HOUSING, "goal": "Demo: woning behouden",
              "interventions": [{"description": "Demo: betalingsregeling", "partner_id": str(partner.pk),
                                 "due_on": (today + timedelta(days=14)).isoformat()}]}]
    for number in range(versions):
        if number:
            goals = [*goals, {"leefgebied": Leefgebied.FINANCES, "goal": f"Demo: schulden stabiel (v{number + 1})"}]
        goals = plan_update(actor=by, case=case, goals=goals).goals
    first = {Leefgebied.HOUSING.value: 2, Leefgebied.FINANCES.value: 1}
    last = {Leefgebied.HOUSING.value: 3, Leefgebied.FINANCES.value: 3}
    measurement_record(actor=by, case=case, measured_on=today - timedelta(days=30), scores=first)
    measurement_record(actor=by, case=case, measured_on=today, scores=last)


def _walk(case: Case, target: str, by: User, partners: dict[str, Organisation], index: int, today: date) -> None:
    if target == pga.AANGEMELD:
        return
    _step(case, pga.TRIAGE, by)
    if target == pga.NIET_VOOR_ZVH:
        _step(case, pga.NIET_VOOR_ZVH, by, triage_advice="Demo-advies: wijkteam en huisarts.")
        return
    for state in MAIN_PATH[1:]:
        if case.status == target:
            return
        _step(case, state, by)
        if state == pga.CASUSOVERLEG:
            _conference_with_agreements(case, by, partners, index, today)
        if state == pga.PLAN:
            _plan(case, by, versions=1 + index % 2, partner=partners["GGZ Demo"], today=today)
    if target == pga.AFGESLOTEN:
        reasons = list(ClosureReason)
        _step(case, pga.AFGESLOTEN, by, closure_reason=reasons[index % len(reasons)].value,
              aftercare_check_on=today + timedelta(days=90))


def _share(case: Case, by: User, partner: Organisation, categories: list[str]) -> SharingDecision:
    return share_create(actor=by, case=case, partner=partner, categories=categories,
                        processing_activity=CHAIN_SHARING, purpose="Demo: afstemming in het casusoverleg.",
                        weighing=WEIGHING, ends_on=timezone.localdate() + timedelta(days=60))


def _shares(cases: list[Case], partners: dict[str, Organisation]) -> None:
    """One active, one expired and one revoked decision with partners of the demo; on the active one an open
    agreement of the partner's own organisation, so the demo partner has something to report back on
    (docs/adr/0031)."""
    active, expired, revoked = cases[:3]
    _share(active, active.owner, partners["Reclassering Demo"], [PERSONALIA, PGA_CONFERENCES, PGA_PLAN])
    agreement_record(actor=active.owner, case=active, conference=active.conferences.order_by("held_on").first(),
                     description=PARTNER_AGREEMENT, owner_organisation=partners["Reclassering Demo"],
                     due_on=timezone.localdate() + timedelta(days=7))
    old = _share(expired, expired.owner, partners["Reclassering Demo"], [PGA_CONFERENCES])
    # Backdated so the demo shows an expired decision (share_create refuses an end date in the past).
    today = timezone.localdate()
    old.starts_on, old.ends_on = today - timedelta(days=40), today - timedelta(days=1)
    save_with_reason(old, reason="demo data: backdated decision", user=expired.owner)
    expire_shares(today=today)
    gone = _share(revoked, revoked.owner, partners["GGZ Demo"], [PGA_CONFERENCES])
    share_revoke(actor=revoked.owner, share=gone, reason="Demo: doel van de deling bereikt.")


def _own_cases(municipality: Organisation):
    """The PGA demo's own cases: not the one the park demo refers, nor the privacy demo's cases."""
    from casework.privacy.demo import privacy_demo_case_ids

    return Case.objects.filter(case_type=CASE_TYPE, controller=municipality, links_in__isnull=True).exclude(
        pk__in=privacy_demo_case_ids(municipality)).exclude(demo_history.moved(timezone.localdate()))


def _summary(municipality: Organisation, created: bool) -> DemoSummary:
    cases = _own_cases(municipality)
    summary = DemoSummary(created=created)
    summary.cases_by_status.update(cases.values_list("status", flat=True))
    today = timezone.localdate()
    for share in SharingDecision.objects.filter(case__in=cases):
        state = "revoked" if share.revoked_at else ("expired" if share.ends_on < today else "active")
        summary.shares[state] += 1
    summary.break_glass = BreakGlassGrant.objects.filter(case__in=cases).count()
    summary.earlier_years = Case.objects.filter(case_type=CASE_TYPE, controller=municipality).filter(
        demo_history.moved(today)).exclude(pk__in=_privacy_ids(municipality)).count()
    return summary


def _privacy_ids(municipality: Organisation) -> Any:
    from casework.privacy.demo import privacy_demo_case_ids

    return privacy_demo_case_ids(municipality)


def seed_pga_demo() -> DemoSummary:
    """Create the PGA demo cases once; later runs only report what exists."""
    accounts = {user.username: user for user, _role in seed_accounts()}
    municipality = Organisation.objects.get(name=MUNICIPALITY)
    second = accounts[SECOND_REGISSEUR]
    if _own_cases(municipality).count() >= DEMO_CASE_COUNT:
        return _summary(municipality, False)
    partners = {org.name: org for org in Organisation.objects.exclude(pk=municipality.pk)}
    owners = [accounts["regisseur"], second]
    today, bsns, built = timezone.localdate(), demo_bsns(), []
    targets = [state for state, count in STATE_PLAN for _ in range(count)]
    with transaction.atomic():
        for index, target in enumerate(targets):
            owner = owners[index % 2]
            actor = accounts["partner"] if index % 5 == 4 else owner  # some referrals come from a partner
            informed = InformedStatus.POSTPONED if index % 7 == 3 else InformedStatus.NOT_YET
            case = referral_register(
                actor=actor, controller=municipality, owner=owner, person=_person(index, bsns),
                aanleiding="Demo: zorgen over woonsituatie, schulden en overlast.",
                conference_goal="Demo: afspraken tussen zorg en veiligheid.",
                partners_to_invite=[partners["Politie Eenheid Demo"], partners["Reclassering Demo"]],
                informed_status=informed,
                postponement_ground="Demo: lopend strafrechtelijk onderzoek." if informed == "postponed" else "",
            )
            _walk(case, target, owner, partners, index, today)
            built.append(case)
        running = [case for case in built if case.status == pga.UITVOERING]
        _shares(running, partners)
        handhaver = accounts["handhaver"]
        break_glass_open(user=handhaver, case=running[3],
                         reason="Demo: melding van acuut gevaar bij een huisbezoek, regisseur onbereikbaar.")
        _earlier_years(owners, partners, municipality, bsns, today, start=len(targets))
    return _summary(municipality, True)


HISTORY_PER_YEAR = 5
# PGA files are kept two years after closure: only the last year can still hold closed cases (older ones are
# past retention; their counts leave the annual figures with them, docs/privacy/retention-schedule.md).
HISTORY_YEARS = demo_history.YEARS[:1]


def _earlier_years(owners: list[User], partners: dict[str, Organisation], municipality: Organisation,
                   bsns: Iterator[str], today: date, *, start: int) -> None:
    """Closed cases in each of the earlier demo years (the annual figures' trends): walked today, then moved."""
    index = start
    for years in HISTORY_YEARS:
        for _number in range(HISTORY_PER_YEAR):
            owner = owners[index % 2]
            case = referral_register(
                actor=owner, controller=municipality, owner=owner, person=_person(index, bsns),
                aanleiding="Demo: zorgen over woonsituatie en schulden (eerder jaar).",
                conference_goal="Demo: afspraken tussen zorg en veiligheid.",
            )
            _walk(case, pga.AFGESLOTEN, owner, partners, index, today)
            # referred some weeks before its first conference (the walk holds that three weeks ago)
            Case.objects.filter(pk=case.pk).update(opened_on=today - timedelta(days=56 + index % 14))
            demo_history.shift_into_past(case, years=years)
            index += 1


def _close_in_the_past(case: Case, actor: User, opened_on: date, closed_on: date) -> None:
    workflow.transition(case=case, to=pga.TRIAGE, by=actor,
                        reason=f"Demo: naar {selectors.status_label(case.case_type, pga.TRIAGE)}")
    workflow.transition(case=case, to=pga.NIET_VOOR_ZVH, by=actor, reason="Demo: niet voor het ZVH.",
                        triage_advice="Demo-advies: wijkteam.")
    case.refresh_from_db()
    # Backdated (with a history reason) so a retention period can have ended.
    case.opened_on, case.closed_on = opened_on, closed_on
    save_with_reason(case, reason="demo data: backdated closure", user=actor)


def demo_case(*, actor: User, controller: Organisation, person: dict[str, Any], reason: str,
              closed: tuple[date, date] | None = None) -> Case:
    """The registry's `demo_case`: one simple PGA case for `person` (open, or closed on a past day),
    registered by `actor` (a process director of `controller`) through the same services as real work."""
    case = referral_register(actor=actor, controller=controller, owner=actor, person=person, aanleiding=reason,
                             conference_goal="Demo: afstemming.")
    if closed:
        _close_in_the_past(case, actor, *closed)
    return case


def demo_lines() -> list[str]:
    """The registry's `demo`: seed the PGA demo and say what exists."""
    summary = seed_pga_demo()
    verb = "created" if summary.created else "already present"
    statuses = ", ".join(f"{status} {count}" for status, count in sorted(summary.cases_by_status.items()))
    shares = ", ".join(f"{state} {count}" for state, count in sorted(summary.shares.items()))
    return [f"PGA cases ({verb}): {sum(summary.cases_by_status.values())} — {statuses}",
            f"Sharing decisions: {shares or 'none'}; break-the-glass grants: {summary.break_glass}",
            f"PGA cases closed in earlier years (annual figures, moved back from today): {summary.earlier_years}"]
