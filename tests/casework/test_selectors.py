"""casework/selectors.py (list, search, deadlines), casework/dashboards.py, the bulk access
decision `access.case_access_many` and `deadlines.working_days_after` (concrete dates)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.roles import HANDHAVER, KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER
from casework import access, dashboards, selectors
from casework.breakglass import break_glass_open
from casework.categories import PERSONALIA
from casework.deadlines import Calendar, working_days_after
from casework.models import Case, EquatedDay
from casework.pga import selectors as pga_selectors
from casework.pga import workflow as pga
from casework.pga.casetype import PGA_PLAN
from casework.pga.services import agreement_record, agreement_update
from tests.casework.web.read_support import expire, share_with
from tests.conftest import count_queries
from tests.factories.casework import TEST_BSNS, make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")


# --- working days (Atw holidays, equated days) ---------------------------------------------------

@pytest.mark.parametrize("start, expected", [
    (date(2026, 4, 24), date(2026, 5, 4)),    # King's Day Mon 27 April is no working day
    (date(2025, 12, 22), date(2025, 12, 31)),  # Christmas and Boxing Day
    (date(2026, 4, 1), date(2026, 4, 10)),    # Good Friday 3 April, Easter Monday 6 April
    (date(2026, 3, 2), date(2026, 3, 9)),     # an ordinary week: Monday -> next Monday
    (date(2026, 3, 7), date(2026, 3, 13)),    # from a Saturday: Mon..Fri
])
def test_five_working_days_after(start, expected):
    assert working_days_after(start, 5) == expected


def test_an_equated_day_does_not_count():
    EquatedDay.objects.create(date=date(2026, 3, 4), description="Testdag bij KB")
    assert working_days_after(date(2026, 3, 2), 5, calendar=Calendar.for_years(2026)) == date(2026, 3, 10)


def test_working_days_needs_a_positive_count():
    with pytest.raises(ValueError):
        working_days_after(date(2026, 3, 2), 0)


# --- bulk access equals per-case access ---------------------------------------------------------

@pytest.fixture
def access_world(regisseur, colleague, other_team_user, other_org_user, lead, partner, partner_org, make_user,
                 organisation):
    own = make_pga_case(owner=regisseur)
    foreign = make_pga_case(owner=other_org_user)
    shared = make_pga_case(owner=other_team_user)
    share_with(shared, other_team_user, partner_org, [PGA_PLAN])
    expired = make_pga_case(owner=other_team_user)
    expire(share_with(expired, other_team_user, partner_org, [PERSONALIA]))
    glass = make_pga_case(owner=other_team_user)  # emergency access stays within the organisation
    users = [regisseur, colleague, other_team_user, other_org_user, lead, partner,
             make_user(role=HANDHAVER), make_user(role=PRIVACY_OFFICER, organisation=organisation)]
    break_glass_open(user=regisseur, case=glass, reason="Acute situatie, regisseur onbereikbaar (test).")
    return users, [own, foreign, shared, expired, glass]


def test_case_access_many_agrees_with_case_access(access_world):
    users, cases = access_world
    for user in users:
        bulk = access.case_access_many(user, cases)
        for case in cases:
            assert bulk[case.pk] == access.case_access(user, case), (user.role, case.reference)


def test_case_access_many_needs_at_most_three_queries(access_world, regisseur):
    _users, cases = access_world
    regisseur = type(regisseur).objects.get(pk=regisseur.pk)
    regisseur.role  # noqa: B018  (load the cached role outside the count)
    with count_queries() as queries:
        access.case_access_many(regisseur, cases)
    assert len(queries) <= 3


# --- list ---------------------------------------------------------------------------------------

def test_case_list_never_shows_invisible_cases(regisseur, other_team_user, other_org_user):
    own = make_pga_case(owner=regisseur)
    make_pga_case(owner=other_team_user)
    make_pga_case(owner=other_org_user)
    listed = selectors.case_list(user=regisseur, filters=selectors.CaseFilters())
    assert list(listed) == [own]
    assert list(selectors.case_list(user=regisseur, filters=selectors.CaseFilters(team_id=other_team_user.team_id))) \
        == []


def test_next_deadline_is_the_earliest_of_agreement_and_triage_term(regisseur, partner_org):
    today = timezone.localdate()
    case = make_pga_case(owner=regisseur)
    agreement_record(actor=regisseur, case=case, description="Testafspraak", owner_organisation=partner_org,
                     due_on=today + timedelta(days=30))
    done = agreement_record(actor=regisseur, case=case, description="Testafspraak klaar",
                            owner_organisation=partner_org, due_on=today - timedelta(days=30))
    agreement_update(actor=regisseur, agreement=done, status="done")
    (row,) = selectors.case_rows(user=regisseur, cases=list(selectors.case_list(
        user=regisseur, filters=selectors.CaseFilters())))
    assert row.next_deadline == pga_selectors.triage_contact_deadline(case.opened_on)
    assert not row.overdue and row.person_name.startswith("Testine Testpersoon")


def test_overdue_triage_term_boundary(regisseur):
    """Opened exactly 5 working days before today: due today, not yet overdue; one more day: overdue."""
    today = date(2026, 3, 13)  # a Friday
    calendar = Calendar.for_years(2026)
    due_today = make_pga_case(owner=regisseur)
    overdue = make_pga_case(owner=regisseur)
    Case.objects.filter(pk=due_today.pk).update(opened_on=date(2026, 3, 6))
    Case.objects.filter(pk=overdue.pk).update(opened_on=date(2026, 3, 5))
    found = selectors.case_list(user=regisseur, filters=selectors.CaseFilters(overdue=True), today=today,
                                calendar=calendar)
    assert list(found) == [Case.objects.get(pk=overdue.pk)]


def test_closed_cases_are_never_overdue(regisseur, partner_org):
    case = make_pga_case(owner=regisseur, status=pga.UITVOERING)
    agreement_record(actor=regisseur, case=case, description="Testafspraak", owner_organisation=partner_org,
                     due_on=timezone.localdate() - timedelta(days=3))
    assert list(selectors.case_list(user=regisseur, filters=selectors.CaseFilters(overdue=True))) == [case]
    Case.objects.filter(pk=case.pk).update(closed_on=timezone.localdate())
    assert list(selectors.case_list(user=regisseur, filters=selectors.CaseFilters(overdue=True))) == []


# --- search -------------------------------------------------------------------------------------

def test_search_by_bsn_stays_within_the_controller(regisseur, other_org_user):
    mine = make_pga_case(owner=regisseur, bsn=TEST_BSNS[0])
    make_pga_case(owner=other_org_user, bsn=TEST_BSNS[0])
    assert selectors.search_by_bsn(user=regisseur, bsn=TEST_BSNS[0]) == [mine]
    assert selectors.search_by_bsn(user=regisseur, bsn=TEST_BSNS[1]) == []


def test_search_by_name_and_birth_for_a_partner_needs_personalia(regisseur, partner, partner_org):
    case = make_pga_case(owner=regisseur, surname="Testpersoon-Partner", date_of_birth=date(1990, 2, 2))
    share_with(case, regisseur, partner_org, [PGA_PLAN])
    assert selectors.search_by_name_and_birth(user=partner, surname="Testpersoon-Partner",
                                              date_of_birth=date(1990, 2, 2)) == []
    share_with(case, regisseur, partner_org, [PERSONALIA])
    assert selectors.search_by_name_and_birth(user=partner, surname="Testpersoon-Partner",
                                              date_of_birth=date(1990, 2, 2)) == [case]


# --- deadlines and dashboards -------------------------------------------------------------------

def test_deadlines_due_covers_own_and_team_cases_only(regisseur, colleague, other_team_user, partner_org):
    today = timezone.localdate()
    mine = make_pga_case(owner=regisseur, status=pga.UITVOERING)
    team = make_pga_case(owner=colleague, status=pga.UITVOERING)
    other = make_pga_case(owner=other_team_user, status=pga.UITVOERING)
    for case, owner in ((mine, regisseur), (team, colleague), (other, other_team_user)):
        agreement_record(actor=owner, case=case, description="Testafspraak", owner_organisation=partner_org,
                         due_on=today + timedelta(days=3))
    agreement_record(actor=regisseur, case=mine, description="Later", owner_organisation=partner_org,
                     due_on=today + timedelta(days=60))
    found = selectors.deadlines_due(user=regisseur, until=today + timedelta(days=14))
    assert {(d.case.pk, d.kind) for d in found} == {(mine.pk, "agreement"), (team.pk, "agreement")}


def test_deadlines_due_keeps_the_soonest_terms_of_a_type_whatever_their_kind(regisseur, partner_org):
    """A type's terms come in kinds (PGA: agreements, plan interventions, triage contact); the ten soonest of the
    type are kept, not the first ten of its list: an overdue triage term behind eleven agreements due next week
    was left out of the dashboard's deadlines."""
    today = timezone.localdate()
    busy = make_pga_case(owner=regisseur, status=pga.UITVOERING)
    for day in range(11):
        agreement_record(actor=regisseur, case=busy, description="Testafspraak", owner_organisation=partner_org,
                         due_on=today + timedelta(days=3 + day % 5))
    referral = make_pga_case(owner=regisseur)
    Case.objects.filter(pk=referral.pk).update(opened_on=today - timedelta(days=30))  # triage term long past
    found = selectors.deadlines_due(user=regisseur, until=today + timedelta(days=14))
    assert len(found) == 10 and (found[0].case.pk, found[0].kind, found[0].overdue) == (referral.pk,
                                                                                      "triage_contact", True)
    assert found[0].responsible == regisseur.display_name  # who must make the contact: the case's owner
    assert [deadline.due_on for deadline in found] == sorted(deadline.due_on for deadline in found)



def test_a_limit_gives_the_soonest_terms_of_every_kind_as_all_terms_would(regisseur, partner_org):
    """The dashboard and the reminder mail ask a type for its soonest terms only (`limit`); PGA then reads the
    soonest rows of each kind (agreements, plan interventions, triage contact) instead of all of them: the
    soonest `limit` are those of the full list, whichever kind they are."""
    from tests.casework.pga.test_monitoring import plan_with

    today = timezone.localdate()
    busy = make_pga_case(owner=regisseur, status=pga.UITVOERING)
    for day in (9, 2, 12, 5, 7):
        agreement_record(actor=regisseur, case=busy, description="Testafspraak", owner_organisation=partner_org,
                         due_on=today + timedelta(days=day))
    plan_with(busy, regisseur, partner_org, 4, 11, -3, 8)
    for weeks in (1, 6, 3):  # triage contact terms: one in days to come, two passed
        referral = make_pga_case(owner=regisseur)
        Case.objects.filter(pk=referral.pk).update(opened_on=today - timedelta(weeks=weeks))
    cases = Case.objects.filter(owner=regisseur)
    every = pga_selectors.deadlines(cases=cases, until=today + timedelta(days=60), today=today)
    assert {deadline.kind for deadline in every} == {"agreement", "intervention", "triage_contact"}
    for limit in (1, 3, 6, 20):
        found = pga_selectors.deadlines(cases=cases, until=today + timedelta(days=60), today=today, limit=limit)
        assert [d.due_on for d in found] == sorted(d.due_on for d in every)[:limit]  # soonest first
        assert {(d.kind, d.obj or d.case) for d in found} <= {(d.kind, d.obj or d.case) for d in every}


def test_every_case_type_answers_a_limit():
    """The registry's `deadlines` contract: every type takes `limit` (the dashboard passes it to each)."""
    from casework import registry

    today = timezone.localdate()
    for spec in registry.types():
        assert spec.provider("deadlines")(cases=Case.objects.none(), until=today, today=today, limit=1) == []

def test_procesregisseur_dashboard(regisseur, colleague, other_team_user):
    mine = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    referral = make_pga_case(owner=colleague)
    make_pga_case(owner=other_team_user)
    board = dashboards.procesregisseur_dashboard(user=regisseur)
    assert [row.case for row in board.sections["mine"]] == [mine]
    assert [row.case for row in board.contribution("triage").rows] == [referral]
    assert {case.pk for case in board.cases_shown()} == {mine.pk, referral.pk}


def test_teamleider_dashboard(lead, regisseur, other_org_user, make_user, organisation):
    from casework.approvals import approval_request

    case = make_pga_case(owner=regisseur, status=pga.UITVOERING)
    make_pga_case(owner=other_org_user)
    approval_request(case=case, subject="closure", requested_by=regisseur)
    own_request_case = make_pga_case(owner=regisseur)
    board = dashboards.teamleider_dashboard(user=lead)
    assert {row.case for row in board.sections["organisation"]} == {case, own_request_case}
    assert [approval.case for approval in board.approvals] == [case]
    assert sum(count for _label, count in board.status_counts) == board.totals["organisation"] == 2


def test_ketenpartner_dashboard(regisseur, partner, partner_org):
    shared = make_pga_case(owner=regisseur)
    share_with(shared, regisseur, partner_org, [PGA_PLAN], days=10)
    expired = make_pga_case(owner=regisseur)
    expire(share_with(expired, regisseur, partner_org, [PGA_PLAN]))
    board = dashboards.ketenpartner_dashboard(user=partner)
    assert [(row.case, until) for row, until in board.shared_until] == [
        (shared, timezone.localdate() + timedelta(days=10))]
    assert board.sections["shared"][0].person_name is None


def test_referral_owner_is_the_least_busy_active_process_director(make_user, organisation):
    busy = make_user(role=PROCESREGISSEUR, organisation=organisation)
    make_pga_case(owner=busy)
    idle = make_user(role=PROCESREGISSEUR, organisation=organisation)
    make_user(role=TEAMLEIDER, organisation=organisation)
    make_user(role=KETENPARTNER, organisation=organisation)
    assert pga_selectors.referral_owner_for(organisation) == idle
    idle.is_active = False
    idle.save()
    assert pga_selectors.referral_owner_for(organisation) == busy
