"""The Damocles deadline overview (selector and page), deadlines_due/reminders and the dashboard."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.roles import HANDHAVER
from casework import selectors
from casework.access import visible_cases
from casework.damocles import workflow as wf
from casework.damocles.selectors import deadlines as overview
from casework.damocles.services import objection_register
from casework.models import Case
from casework.reminders import deadline_reminders_send
from casework.selectors import deadlines_due
from tests.casework.damocles.web.support import events
from tests.conftest import count_queries
from tests.factories.damocles import announce, assess, make_damocles_case, step, walk_to_decision

pytestmark = pytest.mark.django_db(databases="__all__")
URL = reverse("casework:damocles_deadlines")


def kinds(found):
    return {(d.case.pk, d.kind, d.due_on, d.overdue) for d in found}


def intention_sent(owner, sent_on):
    case = make_damocles_case(owner=owner, team=owner.team, found_on=sent_on - timedelta(days=20))
    step(case, wf.BEOORDELING, by=owner)
    assess(case, by=owner)
    return step(case, wf.VOORNEMEN_VERZONDEN, by=owner, signatory="A. Testambtenaar (test)", intention_sent_on=sent_on)


def sealed(owner, lead, *, decided_on, sealed_on):
    """A closure decision without a compliance term, announced the next day and sealed on `sealed_on`."""
    case = make_damocles_case(owner=owner, team=owner.team, found_on=decided_on - timedelta(days=40))
    walk_to_decision(case, by=owner, lead=lead, decided_on=decided_on, compliance_term_days=0)
    announce(case, by=owner, announced_on=decided_on + timedelta(days=1))
    step(case, wf.BEKENDGEMAAKT, by=owner)
    return step(case, wf.SLUITING_UITGEVOERD, by=owner, sealed_on=sealed_on, order_posted=True)


def test_each_kind_with_its_date_and_legal_basis(handhaver, lead):
    viewing = intention_sent(handhaver, date(2026, 3, 11))  # view term ends Wed 25 Mar 2026
    closed = sealed(handhaver, lead, decided_on=date(2026, 4, 1), sealed_on=date(2026, 4, 6))
    owner_announcement = closed.announcements.get()
    objection_register(actor=handhaver, case=closed, announcement=owner_announcement, received_on=date(2026, 4, 20))
    found = overview.damocles_deadlines(cases=Case.objects.all(), until=date(2026, 12, 31), today=date(2026, 4, 6))
    assert kinds(found) == {
        (viewing.pk, overview.VIEW_DUE, date(2026, 3, 25), True),
        (closed.pk, overview.WKPB_REGISTRATION, date(2026, 4, 10), False),
        (closed.pk, overview.CLOSURE_END, date(2026, 4, 6) + timedelta(days=91), False),
        # 2 Apr + 6 weeks = Thu 14 May 2026, Ascension Day; Fri 15 May is equated by decree → Mon 18 May
        (closed.pk, overview.OBJECTION_WINDOW, date(2026, 5, 18), False),
        (closed.pk, overview.OBJECTION_DECISION, date(2026, 6, 29), False),
    }
    basis = {d.kind: d.legal_basis for d in found}
    assert basis[overview.VIEW_DUE] == "Awb 4:8" and basis[overview.OBJECTION_DECISION] == "Awb 7:10"
    assert basis[overview.WKPB_REGISTRATION] == "Wkpb art. 5" and basis[overview.OBJECTION_WINDOW] == "Awb 6:7/6:8"


def test_a_passed_objection_window_is_not_overdue_and_is_left_out(handhaver, lead):
    closed = sealed(handhaver, lead, decided_on=date(2026, 4, 1), sealed_on=date(2026, 4, 6))
    found = overview.damocles_deadlines(cases=Case.objects.all(), until=date(2026, 12, 31), today=date(2026, 6, 1))
    assert overview.OBJECTION_WINDOW not in {d.kind for d in found}
    assert closed.damocles.wkpb_registered_on is None
    assert (closed.pk, overview.WKPB_REGISTRATION, date(2026, 4, 10), True) in kinds(found)


def test_compliance_term_and_urgent_follow_up(handhaver, lead):
    today = timezone.localdate()
    announced = make_damocles_case(owner=handhaver, found_on=today - timedelta(days=40))
    walk_to_decision(announced, by=handhaver, lead=lead, decided_on=today - timedelta(days=2))
    announce(announced, by=handhaver, announced_on=today - timedelta(days=1))
    step(announced, wf.BEKENDGEMAAKT, by=handhaver)
    urgent = make_damocles_case(owner=handhaver)
    step(urgent, wf.BEOORDELING, by=handhaver)
    step(urgent, wf.SPOEDEISENDE_SLUITING, by=handhaver, urgency_reason="Acuut gevaar (testtekst).")
    found = kinds(overview.damocles_deadlines(cases=Case.objects.all(), until=today + timedelta(days=30),
                                              today=today))
    # 7 days from the day after the announcement (not from the decision): the date the letter states
    assert (announced.pk, overview.COMPLIANCE_TERM, today + timedelta(days=6), False) in found
    assert (urgent.pk, overview.URGENT_FOLLOW_UP, today, False) in found


def test_registering_the_wkpb_and_closing_remove_deadlines(handhaver, lead):
    from casework.damocles.services.decisions import closure_registration_record

    closed = sealed(handhaver, lead, decided_on=date(2026, 4, 1), sealed_on=date(2026, 4, 6))
    closure_registration_record(actor=handhaver, case=closed, order_posted=True, wkpb_registered_on=date(2026, 4, 8))
    found = overview.damocles_deadlines(cases=Case.objects.all(), until=date(2026, 12, 31), today=date(2026, 4, 6))
    assert overview.WKPB_REGISTRATION not in {d.kind for d in found}


def test_the_week_ends_on_sunday():
    assert overview.week_end(date(2026, 11, 23)) == date(2026, 11, 29)
    assert overview.week_end(date(2026, 11, 29)) == date(2026, 11, 29)


def test_page_lists_overdue_and_this_week_for_visible_cases_only(client, login, handhaver, other_org_handhaver):
    today = timezone.localdate()
    mine = intention_sent(handhaver, today - timedelta(days=30))
    theirs = intention_sent(other_org_handhaver, today - timedelta(days=30))
    login(client, handhaver)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert mine.reference in html and "Awb 4:8" in html
    assert theirs.reference not in html
    assert response.context["overview"].overdue[0].case == mine
    listed = events(action="list", reason="damocles deadlines")
    assert list(listed.values_list("case_id", flat=True)) == [str(mine.pk)]


@pytest.mark.parametrize("who", ["regisseur", "lead", "partner"])
def test_other_roles_get_403_and_an_event(client, login, who, request):
    user = request.getfixturevalue(who)
    login(client, user)
    assert client.get(URL).status_code == 403
    assert events(action="access_denied", actor_id=str(user.pk)).count() == 1


def test_the_page_costs_the_same_number_of_queries_for_more_procedures(client, login, handhaver, lead):
    today = timezone.localdate()
    intention_sent(handhaver, today - timedelta(days=30))
    # sealed three weeks ago: its Wkpb term (4 days, Atw) is overdue whatever weekday today is
    sealed(handhaver, lead, decided_on=today - timedelta(days=21), sealed_on=today - timedelta(days=20))
    login(client, handhaver)
    client.get(URL)  # warm caches (keys, sessions)
    with count_queries() as few:
        assert client.get(URL).status_code == 200
    for _number in range(3):
        intention_sent(handhaver, today - timedelta(days=30))
        sealed(handhaver, lead, decided_on=today - timedelta(days=21), sealed_on=today - timedelta(days=20))
    with count_queries() as many:
        response = client.get(URL)
    shown = len(response.context["overview"].overdue) + len(response.context["overview"].this_week)
    assert shown >= 8
    assert len(many) == len(few), [q["sql"] for q in many]


def test_deadlines_due_and_the_reminder_mail_cover_damocles(handhaver, lead):
    today = timezone.localdate()
    case = intention_sent(handhaver, today - timedelta(days=30))
    found = deadlines_due(user=handhaver, until=today + timedelta(days=7), today=today)
    assert [(d.case, d.kind, d.overdue, d.legal_basis) for d in found] == [
        (case, "damocles_view_due", True, "Awb 4:8")]
    run = deadline_reminders_send(days=7, today=today, force=True)
    assert run.sent == 1
    body = mail.outbox[0].body
    assert case.reference in body and "Awb 4:8" in body
    assert "Teststraat" not in body and "Testverhuur" not in body


def test_the_handhaver_dashboard_shows_procedures_and_deadlines(client, login, handhaver, other_org_handhaver):
    today = timezone.localdate()
    mine = intention_sent(handhaver, today - timedelta(days=30))
    theirs = intention_sent(other_org_handhaver, today - timedelta(days=30))
    assert handhaver.role == HANDHAVER and mine in visible_cases(handhaver)
    login(client, handhaver)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count(mine.reference) >= 2 and "Awb 4:8" in html  # the row and the deadline
    assert theirs.reference not in html
    assert events(action="list", reason="dashboard", case_id=str(mine.pk)).exists()


def test_the_case_page_lists_the_terms_the_overview_does(client, login, handhaver, lead):
    """The case page hands in the procedure row it read (its own terms come from it, without a query): the
    same terms as the overview derives for that case."""
    today = timezone.localdate()
    viewing = intention_sent(handhaver, today - timedelta(days=3))
    closed = sealed(handhaver, lead, decided_on=today - timedelta(days=10), sealed_on=today - timedelta(days=5))
    login(client, handhaver)
    for case, own in ((viewing, {overview.VIEW_DUE}), (closed, {overview.WKPB_REGISTRATION, overview.CLOSURE_END})):
        page = client.get(reverse("casework:case_detail", kwargs={"case_id": case.pk})).context["page"]
        derived = overview.damocles_deadlines(cases=Case.objects.filter(pk=case.pk), until=date.max, today=today)
        assert {(d.kind, d.due_on) for d in page.deadlines} == {(f"damocles_{d.kind}", d.due_on) for d in derived}
        assert own <= {d.kind for d in derived}, case


@pytest.mark.both_databases
def test_a_list_pages_terms_are_those_of_the_overview(handhaver, lead):
    """A list page asks the terms of the cases it has read (`page_deadlines`: the procedures' term columns
    without their full rows): every kind, date and overdue flag as `deadlines` gives them, the passed objection
    window left out as there, nothing of a closed case or of another type; the rows' next term is the
    earliest."""
    today = timezone.localdate()
    viewing = intention_sent(handhaver, today - timedelta(days=20))  # view term passed: overdue
    closed = sealed(handhaver, lead, decided_on=today - timedelta(days=10), sealed_on=today - timedelta(days=5))
    objection_register(actor=handhaver, case=closed, announcement=closed.announcements.get(),
                       received_on=today - timedelta(days=2))
    old = sealed(handhaver, lead, decided_on=today - timedelta(days=120), sealed_on=today - timedelta(days=100))
    urgent = make_damocles_case(owner=handhaver)
    step(urgent, wf.BEOORDELING, by=handhaver)
    step(urgent, wf.SPOEDEISENDE_SLUITING, by=handhaver, urgency_reason="Acuut gevaar (testtekst).")
    quiet = make_damocles_case(owner=handhaver)
    gone = intention_sent(handhaver, today - timedelta(days=1))
    Case.objects.filter(pk=gone.pk).update(closed_on=today)
    cases = list(Case.objects.all())
    listed = overview.page_deadlines(cases=cases, until=today + timedelta(days=366 * 50), today=today)
    expected = overview.deadlines(cases=Case.objects.all(), until=today + timedelta(days=366 * 50), today=today)

    def terms(found):
        return sorted((d.case.pk, d.kind, d.due_on, d.overdue, d.legal_basis) for d in found)

    assert terms(listed) == terms(expected)
    kinds_of = {case.pk: {d.kind for d in listed if d.case.pk == case.pk} for case in (viewing, closed, old, urgent)}
    assert kinds_of[viewing.pk] == {f"damocles_{overview.VIEW_DUE}"}
    assert {f"damocles_{overview.WKPB_REGISTRATION}", f"damocles_{overview.CLOSURE_END}",
            f"damocles_{overview.OBJECTION_WINDOW}", f"damocles_{overview.OBJECTION_DECISION}"} <= kinds_of[closed.pk]
    assert f"damocles_{overview.OBJECTION_WINDOW}" not in kinds_of[old.pk]  # passed: left out, as in the overview
    assert kinds_of[urgent.pk] == {f"damocles_{overview.URGENT_FOLLOW_UP}"}
    assert not {d for d in listed if d.case.pk in (quiet.pk, gone.pk)}
    rows = {row.case.pk: row for row in selectors.case_rows(user=handhaver, cases=cases, today=today)}
    for case in (viewing, closed, old, urgent):
        assert rows[case.pk].next_deadline == min(d.due_on for d in expected if d.case.pk == case.pk)
    assert rows[quiet.pk].next_deadline is None and rows[gone.pk].next_deadline is None
