"""Mijn werk's selector (casework/worklist.py): what waits for a user over every case type, in the
order of urgency, only of cases they may see; and the one-query count of the navigation."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import PROCESREGISSEUR, TEAMLEIDER
from audit.history import save_with_reason
from casework import dashboards, registry, worklist
from casework.approvals import approval_request
from casework.categories import PERSONALIA
from casework.contributions import WorkItem
from casework.models import Case
from casework.pga import workflow as pga
from casework.pga.services.conferences import agreement_record
from casework.services import case_create
from tests.casework.web.read_support import share_with
from tests.conftest import count_queries
from tests.factories.casework import make_pga_case
from tests.testapps.exampletype.models import ExampleObjection

pytestmark = pytest.mark.django_db(databases="__all__")


def today():
    return timezone.localdate()


def _opened_days_ago(case: Case, days: int) -> Case:
    Case.objects.filter(pk=case.pk).update(opened_on=today() - timedelta(days=days))
    case.refresh_from_db()
    return case


def _agreement(case, actor, partner_org, days: int):
    return agreement_record(actor=actor, case=case, description="Testafspraak", owner_organisation=partner_org,
                            due_on=today() + timedelta(days=days))


def _listed(items: list[WorkItem]) -> list[tuple[str, str]]:
    return [(item.case.reference, item.kind) for item in items]


def test_items_of_my_and_my_teams_cases_in_the_order_of_urgency(regisseur, colleague, other_team_user,
                                                                 other_org_user, partner_org):
    late_referral = _opened_days_ago(make_pga_case(owner=colleague), 14)
    working = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    _agreement(working, regisseur, partner_org, 3)
    idle = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    hidden = [make_pga_case(owner=other_team_user), make_pga_case(owner=other_org_user)]

    items = worklist.work_items(user=regisseur)

    assert _listed(items) == [(late_referral.reference, worklist.REFERRAL), (working.reference, worklist.DEADLINE),
                              (idle.reference, worklist.NO_NEXT_STEP)]
    referral, agreement, no_step = items
    assert referral.overdue and referral.due_on < today() and str(referral.label) == "Aanmelding wacht op triage"
    assert agreement.due_on == today() + timedelta(days=3) and not agreement.overdue
    assert no_step.due_on is None
    assert not {case.reference for case in hidden} & {item.case.reference for item in items}
    # The referral stands for the triage contact term: that term is not listed a second time.
    assert [item.case for item in items].count(late_referral) == 1


def test_a_colleagues_case_without_a_term_is_not_my_next_step(regisseur, colleague):
    make_pga_case(owner=colleague, status=pga.IN_BEHANDELING)
    assert worklist.work_items(user=regisseur) == []


def test_filters_by_case_type_kind_and_window(regisseur, partner_org):
    soon = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    _agreement(soon, regisseur, partner_org, 5)
    later = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    _agreement(later, regisseur, partner_org, 20)
    late = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    agreement = _agreement(late, regisseur, partner_org, 1)
    type(agreement).objects.filter(pk=agreement.pk).update(due_on=today() - timedelta(days=2))
    idle = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)

    def refs(**filters) -> list[str]:
        return [item.case.reference for item in worklist.work_items(user=regisseur,
                                                                    filters=worklist.WorkFilters(**filters))]

    assert refs() == [late.reference, soon.reference, later.reference, idle.reference]
    assert refs(window=worklist.OVERDUE) == [late.reference]
    assert refs(window="7") == [late.reference, soon.reference]
    assert refs(window="30") == [late.reference, soon.reference, later.reference]
    assert refs(kind=worklist.NO_NEXT_STEP) == [idle.reference]
    assert refs(case_type="example") == []


def test_approvals_wait_for_a_team_lead_of_the_organisation_not_for_the_requester(
        regisseur, lead, make_user, other_municipality):
    case = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    approval_request(case=case, subject="damocles.besluit", requested_by=regisseur)
    lead_elsewhere = make_user(role=TEAMLEIDER, organisation=other_municipality)

    waiting = [item for item in worklist.work_items(user=lead) if item.kind == worklist.APPROVAL]
    assert [(item.case, item.due_on) for item in waiting] == [(case, None)]
    assert worklist.APPROVAL not in {item.kind for item in worklist.work_items(user=regisseur)}
    assert worklist.work_items(user=lead_elsewhere) == []


def test_sharing_decisions_about_to_end_for_the_owner_and_the_partner(regisseur, partner, partner_org):
    ending = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    share_with(ending, regisseur, partner_org, [PERSONALIA], days=10)
    lasting = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    share_with(lasting, regisseur, partner_org, [PERSONALIA], days=60)

    mine = [item for item in worklist.work_items(user=regisseur) if item.kind == worklist.SHARE_EXPIRING]
    assert [(item.case, item.due_on) for item in mine] == [(ending, today() + timedelta(days=10))]
    theirs = worklist.work_items(user=partner)
    assert [(item.case, item.kind, item.label) for item in theirs] == [
        (ending, worklist.SHARE_EXPIRING, "De toegang van uw organisatie eindigt")]


def _example_case(owner, **objection) -> Case:
    case = case_create(case_type="example", owner=owner, controller=owner.organisation, person=None, by=owner,
                       reason="example registered")
    save_with_reason(ExampleObjection(case=case, data_key_id=case.data_key_id, **objection),
                     reason="objection", user=owner)
    return case


def test_a_registered_type_contributes_without_a_change_to_the_core(make_user):
    """The test-only example type appears through its `deadlines` and `work_queue` providers."""
    owner = make_user(role=PROCESREGISSEUR)
    due = _example_case(owner, due_on=today() + timedelta(days=1))
    undated = _example_case(owner, due_on=None)

    items = worklist.work_items(user=owner)
    assert [(item.case, item.kind, item.label) for item in items] == [
        (due, worklist.DEADLINE, "Example objection due"),
        (undated, worklist.DEADLINE, "Example objection awaiting a term")]
    assert items[0].legal_basis == "Awb 7:10"


def test_a_work_queue_item_replaces_the_term_it_stands_for(make_user, monkeypatch):
    owner = make_user(role=PROCESREGISSEUR)
    case = _example_case(owner, due_on=today() + timedelta(days=1))

    def work_queue(*, user, cases, today):
        return [WorkItem(case=c, kind=worklist.REFERRAL, label="Stands for the objection", due_on=today,
                         replaces=("example_objection",)) for c in cases]

    spec = registry.get("example")
    monkeypatch.setattr(registry, "_TYPES", {**registry._TYPES, "example": dataclasses.replace(
        spec, work_queue=work_queue)})
    assert [(item.case, item.label) for item in worklist.work_items(user=owner)] == [
        (case, "Stands for the objection")]


def test_the_overdue_count_is_one_query(regisseur, colleague, partner_org):
    _opened_days_ago(make_pga_case(owner=colleague), 14)
    late = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    agreement = _agreement(late, regisseur, partner_org, 1)
    type(agreement).objects.filter(pk=agreement.pk).update(due_on=today() - timedelta(days=1))
    make_pga_case(owner=regisseur)  # a fresh referral: not overdue
    worklist.overdue_count(regisseur)  # the calendar of equated days is kept between requests
    with count_queries() as queries:
        assert worklist.overdue_count(regisseur) == 2
    assert len(queries) == 1


def test_a_type_of_which_the_user_has_no_open_case_is_not_asked(make_user, monkeypatch):
    """A type's `deadlines` and `work_queue` find terms and items of the cases they are given only; asked for no
    case they still build and run their queries (4-25 ms a type at scale), so "Mijn werk" and the dashboards ask
    only the types among the user's open cases (`selectors.types_of`)."""
    owner = make_user(role=PROCESREGISSEUR)
    asked: list[tuple[str, str]] = []

    def spy(code: str, name: str, provider):
        def asking(**kwargs):
            asked.append((code, name))
            return provider(**kwargs)
        return asking

    monkeypatch.setattr(registry, "_TYPES", {code: dataclasses.replace(
        spec, deadlines=spy(code, "deadlines", spec.provider("deadlines")),
        work_queue=spy(code, "work_queue", spec.provider("work_queue")) if spec.work_queue else None)
        for code, spec in registry._TYPES.items()})
    referral = make_pga_case(owner=owner)
    assert [item.case for item in worklist.work_items(user=owner)] == [referral]
    assert sorted(set(asked)) == [("pga", "deadlines"), ("pga", "work_queue")]

    asked.clear()
    closed = _example_case(owner, due_on=today() + timedelta(days=1))
    Case.objects.filter(pk=closed.pk).update(closed_on=today())  # a closed case of a type: still not asked
    worklist.work_items(user=owner)
    assert {code for code, _name in asked} == {"pga"}

    asked.clear()
    due = _example_case(owner, due_on=today() + timedelta(days=1))
    assert [item.case for item in worklist.work_items(user=owner)][:1] == [due]
    assert {code for code, _name in asked} == {"pga", "example"}

    asked.clear()
    board = dashboards.procesregisseur_dashboard(user=owner)
    assert {code for code, name in asked if name == "deadlines"} == {"pga", "example"}
    assert [deadline.case for deadline in board.deadlines][:1] == [due]
