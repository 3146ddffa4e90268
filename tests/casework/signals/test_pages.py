"""The signal pages: the list (audited, the same query count for 10 or 200 signals, officers and leads
only), registering through the page (staff and partner; bad input 400 with nothing saved) and the
triage page (a refusal is 403 and recorded)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from accounts.roles import PROCESREGISSEUR
from audit.actions import Action
from audit.models import AuditEvent
from casework.models import Case, SharingDecision
from casework.signals.models import Signal
from casework.signals.workflow import ONTVANGEN
from tests.casework.signals.factories import make_signal
from tests.casework.versions_support import version_of as v
from tests.conftest import count_queries
from tests.factories.casework import clone_cases

pytestmark = pytest.mark.django_db(databases="__all__")
LIST = reverse("casework:signals_list")
REGISTER = reverse("casework:signals_register")
FORM = {"category": "laundering", "received_on": "2026-02-03", "address": "Proeflaan 3, 9999 XX Demodorp",
        "description": "Contante aankopen van panden (testtekst).", "legal_ground": "uavg33_1b",
        "source_kind": "anonymous", "informing": "not_yet"}


def _clone(case: Case, count: int) -> None:
    clone_cases(case, count, reference="SIG-2026-9{n:03d}", status=ONTVANGEN, person_id=None)


@pytest.mark.parametrize("rows", [10, 200])
def test_the_list_costs_the_same_queries_for_10_or_200_signals(client, login, officer, rows):
    case = make_signal(officer)
    login(client, officer)
    client.get(LIST)
    with count_queries() as one:
        assert client.get(LIST).status_code == 200
    _clone(case, rows)
    with count_queries() as many:
        response = client.get(LIST)
    assert len(response.context["rows"]) == min(rows + 1, 25)
    assert len(many) == len(one)
    assert AuditEvent.objects.filter(action=Action.LIST, case_id=str(case.pk)).exists()


@pytest.mark.both_databases
def test_the_list_shows_open_signals_first_then_the_newest(client, login, officer):
    """Open first on both databases: PostgreSQL sorts a NULL `closed_on` last in ascending order, and listed the
    closed signals (oldest closure first) above the open ones."""
    older_open, closed, newer_open = (make_signal(officer) for _index in range(3))
    Case.objects.filter(pk=older_open.pk).update(opened_on=datetime.date(2026, 1, 5))
    Case.objects.filter(pk=newer_open.pk).update(opened_on=datetime.date(2026, 2, 5))
    Case.objects.filter(pk=closed.pk).update(opened_on=datetime.date(2026, 3, 5), closed_on=datetime.date(2026, 3, 9))
    login(client, officer)
    response = client.get(LIST)
    assert [row.case.pk for row in response.context["rows"]] == [newer_open.pk, older_open.pk, closed.pk]


def test_a_leads_list_past_the_count_cap_says_more_than_it_with_the_open_signals_first(client, login, officer,
                                                                                      lead, monkeypatch):
    """The signals list counts up to `LIST_COUNT_CAP`, says "more than" it and lists the first signals in its
    order, open first (ADR 0050)."""
    from casework import paging

    monkeypatch.setattr(paging, "LIST_COUNT_CAP", 2)
    closed = make_signal(officer)
    Case.objects.filter(pk=closed.pk).update(opened_on=datetime.date(2026, 3, 5), closed_on=datetime.date(2026, 3, 9))
    open_ones = [make_signal(officer) for _index in range(2)]
    login(client, lead)
    response = client.get(LIST)
    html = response.content.decode()
    assert "Meer dan 2 signalen" in html and "Alleen de eerste 2 staan in de lijst" in html
    assert {row.case.pk for row in response.context["rows"]} == {case.pk for case in open_ones}


def test_the_list_is_for_officers_and_leads(client, login, make_user):
    login(client, make_user(role=PROCESREGISSEUR))
    assert client.get(LIST).status_code == 403


def test_registering_through_the_page(client, login, make_user, officer):
    login(client, make_user(role=PROCESREGISSEUR))
    response = client.post(REGISTER, {**FORM, "description": ""})
    assert response.status_code == 400 and not Signal.objects.exists()
    response = client.post(REGISTER, FORM)
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.category == "laundering" and signal.case.owner == officer


def test_a_partner_registers_through_the_page_and_is_sent_back_to_the_dashboard(client, login, organisation,
                                                                               officer, partner):
    login(client, partner)
    assert client.get(REGISTER).status_code == 200
    response = client.post(REGISTER, {**FORM, "controller": organisation.pk, "source_kind": "partner"})
    assert response.status_code == 302 and response.url == reverse("dashboard")
    assert SharingDecision.objects.get().partner == partner.organisation


def test_the_triage_page(client, login, officer, lead):
    case = make_signal(officer)
    login(client, lead)
    page = reverse("casework:signals_triage_page", args=[case.pk])
    assert client.get(page).status_code == 200
    response = client.post(page, {"outcome": "monitor", "reason": "Afwachten.", **v(case)})
    assert response.status_code == 400
    review = datetime.date.today() + datetime.timedelta(days=20)
    response = client.post(page, {"outcome": "monitor", "reason": "Afwachten.", "review_on": review.isoformat(),
                                  **v(case)})
    assert response.status_code == 302, response.context["form"].errors
    assert Signal.objects.get(case=case).outcome == "monitor"


def test_the_triage_page_refuses_a_process_director_and_records_it(client, login, make_user, officer):
    case = make_signal(officer)
    login(client, make_user(role=PROCESREGISSEUR))
    assert client.get(reverse("casework:signals_triage_page", args=[case.pk])).status_code == 403
    assert AuditEvent.objects.using("audit").filter(action="access_denied", case_id=str(case.pk)).exists()


def test_the_case_page_shows_the_signal_to_its_owner(client, login, officer):
    case = make_signal(officer)
    login(client, officer)
    page = client.get(reverse("casework:case_detail", args=[case.pk])).content.decode()
    assert "Veel bezoek kort na elkaar" in page


def test_the_case_list_of_signals_runs_no_presence_probe(client, login, officer):
    """A signal's next term is read with the list's rows (`list_annotations`: two subqueries of the rows' query),
    so a list of signal cases runs neither the page's presence probe (casework/presence.py) nor a query of
    its own for the terms, nor reads the equated days (no term is computed); a list of another type does not
    ask the signals' tables at all."""
    make_signal(officer)
    make_signal(officer)
    login(client, officer)
    url = f"{reverse('casework:case_list')}?case_type=signals"
    client.get(url)
    with count_queries() as queries:
        response = client.get(url)
    assert response.status_code == 200 and len(response.context["rows"]) == 2
    assert "signals_signal" in " ".join(query["sql"] for query in queries)  # their terms were asked
    assert not [query for query in queries if query["sql"].startswith("SELECT 0 WHERE EXISTS")]
    assert not [query for query in queries if query["sql"].startswith(('SELECT "signals_signal"."',
                                                                       'SELECT "signals_signalperson"."'))]
    assert "casework_equatedday" not in " ".join(query["sql"] for query in queries)  # no term computed
    with count_queries() as queries:
        assert client.get(f"{reverse('casework:case_list')}?case_type=pga").status_code == 200
    assert "signals_signal" not in " ".join(query["sql"] for query in queries)


def test_the_case_page_lists_the_review_terms_from_the_rows_it_read(client, login, officer):
    """The case page's terms (monitoring review, a postponed informing's review) are those `deadlines` gives for
    the case, taken from the signal and its named persons as the section read them: each table read once."""
    from django.utils import timezone

    from casework.signals.selectors import deadlines
    from casework.signals.services import signal_triage
    from tests.factories.casework import person_data

    today = timezone.localdate()
    case = make_signal(officer, persons=[
        {"person": person_data(), "informing": "postponed", "postponement_ground": "avg23_1_c",
         "postponement_review_on": today + datetime.timedelta(days=20)},
        {"person": person_data()}])
    signal_triage(actor=officer, case=case, outcome="monitor", reason="Monitoren.",
                  review_on=today + datetime.timedelta(days=10))
    login(client, officer)
    url = reverse("casework:case_detail", args=[case.pk])
    client.get(url)
    with count_queries() as queries:
        page = client.get(url).context["page"]
    expected = deadlines(cases=Case.objects.filter(pk=case.pk), until=datetime.date.max, today=today)
    assert sorted((d.kind, d.due_on) for d in page.deadlines) == sorted((d.kind, d.due_on) for d in expected)
    assert len(expected) == 2
    sql = [query["sql"] for query in queries]
    assert len([q for q in sql if q.startswith('SELECT "signals_signal"."')]) == 1
    assert len([q for q in sql if q.startswith('SELECT "signals_signalperson"."')]) == 1
