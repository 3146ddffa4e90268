"""The retention selection in SQL (casework/privacy/retention.py `due_cases`, each type's `RetentionStart.not_after`)
chooses exactly the cases the rule in Python chooses (`candidate_for` with each type's `starts`), for random
closures, closure ends, follow-up ends, routed signals' linked cases and days (29 February among them); and the
retention overview counts and pages in SQL the same cases as the whole selection, in a constant number of
queries, with a capped count past the list cap."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Organisation
from accounts.roles import HANDHAVER, PROCESREGISSEUR
from casework.damocles.models import DamoclesCase
from casework.models import Case
from casework.privacy import retention, views_retention
from casework.signals.models import Signal
from casework.signals.services import signal_triage
from tests.casework.damocles.letters_support import make_premises, make_procedure
from tests.casework.privacy.test_destruction import closed_case
from tests.casework.signals.factories import make_signal
from tests.conftest import count_queries
from tests.factories.accounts import OrganisationFactory
from tests.factories.casework import clone_cases, person_data
from tests.sweeps import examples

pytestmark = pytest.mark.django_db(databases="__all__")
WEIGHING = "Alleen wat de partner voor de aanpak nodig heeft; minder delen volstaat niet (test)."
FIRST = date(2018, 1, 1)
SPAN = 3000  # days: 2018 to 2026, three 29 Februaries
EXAMPLES = 30
OPENED = date(2000, 1, 1)  # before any closure drawn


@pytest.fixture
def graph(make_user):
    """Two signals (one closed without follow-up to a case, one routed to a PGA case), two Damocles procedures,
    one PGA case: their dates are drawn by the test."""
    officer = make_user(role=HANDHAVER)  # registers and triages the signals, and runs the procedures
    quiet = make_signal(officer)
    signal_triage(actor=officer, case=quiet, outcome="no_action", reason="Geen aanwijzingen.")
    routed = make_signal(officer, persons=[{"person": person_data()}])
    care = OrganisationFactory(name="Testzorg Retentie SQL", kind=Organisation.Kind.GGZ)
    row = signal_triage(actor=officer, case=routed, outcome="case", routed_to="pga",
                        owner=make_user(role=PROCESREGISSEUR), reason="Zorg nodig.", linked_reason="Zorg nodig.",
                        purpose="Zorg en veiligheid.", partner=care,
                        share={"categories": ["metadata"], "weighing": WEIGHING,
                               "ends_on": timezone.localdate() + timedelta(days=30)})
    procedures = [make_procedure(owner=officer, premises=make_premises(actor=officer), with_person=False,
                                 chosen_sanction="closure", chosen_days=90).case for _ in range(2)]
    pga = closed_case(make_user(role=PROCESREGISSEUR))
    return {"signals": [quiet, routed], "linked": Case.objects.get(pk=row.linked_case_id),
            "procedures": procedures, "others": [pga]}


def _day(offset: int | None) -> date | None:
    return None if offset is None else FIRST + timedelta(days=offset)


def _python_rule(policies, today) -> set:
    """Every closed case of the types in force, its end by `candidate_for` with the types' `starts`: the rule as it
    was written before the SQL form (no prefilter)."""
    cases = Case.objects.filter(closed_on__isnull=False, case_type__in=list(policies)).order_by("closed_on")
    return {c.case_id for c in retention._candidates(cases, policies) if c.expires_on <= today}


@settings(max_examples=examples(EXAMPLES), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
@pytest.mark.both_databases
def test_the_sql_selection_is_the_rule(graph, data):
    today = _day(data.draw(st.one_of(st.integers(365, SPAN + 400), st.sampled_from([1154, 1155, 2614])),
                           label="today"))  # 28 Feb / 1 Mar 2021, 28 Feb 2025
    policies = retention.policies_in_force(today)

    def day(case_type: str, label: str, none: bool = True) -> date | None:
        """A random day, or one next to the last day a period of the type may start (the edges), or none."""
        edge = retention.latest_start(today, policies[case_type].years)
        near = st.sampled_from([-1, 0, 1]).map(lambda delta: edge + timedelta(days=delta))
        chosen = st.one_of(st.integers(0, SPAN).map(_day), st.sampled_from([789, 2249]).map(_day), near)
        return data.draw(st.one_of(st.none(), chosen) if none else chosen, label=label)

    for case in [*graph["signals"], *graph["procedures"], *graph["others"]]:
        closed_on = day(case.case_type, f"{case.case_type} closed")
        Case.objects.filter(pk=case.pk).update(opened_on=OPENED, closed_on=closed_on)
    for case in graph["signals"]:
        Signal.objects.filter(case=case).update(follow_up_ended_on=day("signals", "follow-up ended"))
    for case in graph["procedures"]:
        DamoclesCase.objects.filter(case=case).update(closure_ends_on=day("damocles", "closure ends"))
    Case.objects.filter(pk=graph["linked"].pk).update(
        opened_on=OPENED, closed_on=day("signals", "linked case closed"))
    chosen = set(retention.due_cases(Case.objects.all(), policies, today).values_list("pk", flat=True))
    assert chosen == _python_rule(policies, today)
    selection = retention.retention_selection(today=today)
    assert {c.case_id for c in [*selection.expired, *selection.held, *selection.transfer]} == chosen


def test_the_latest_start_of_a_period_that_ended():
    assert retention.latest_start(date(2021, 2, 28), 1) == date(2020, 2, 29)  # 29 Feb + 1 year = 28 Feb 2021
    assert retention.latest_start(date(2021, 3, 1), 1) == date(2020, 3, 1)
    assert retention.latest_start(date(2024, 2, 29), 1) == date(2023, 2, 28)
    assert retention.latest_start(date(2024, 2, 29), 4) == date(2020, 2, 29)
    for offset in range(0, 2000, 7):
        today = FIRST + timedelta(days=offset)
        latest = retention.latest_start(today, 2)
        assert retention.add_years(latest, 2) <= today < retention.add_years(latest + timedelta(days=1), 2)


def _overview(client) -> str:
    return client.get(reverse("casework:privacy_retention")).content.decode()


def test_the_overview_pages_the_same_cases_as_the_selection(client, login, make_user, officer):
    owner = make_user(role=PROCESREGISSEUR)
    today = timezone.localdate()
    first = closed_case(owner, closed_on=today - timedelta(days=800))
    cases = [first, *clone_cases(first, 29, reference="RET-TEST-{n:02d}", status=first.status,
                                 closed_on=lambda n: today - timedelta(days=801 + n))]  # list rows, one insert
    overview = retention.retention_overview(today=today, controller_id=owner.organisation_id, count_cap=1000)
    selection = retention.retention_selection(today=today, controller_id=owner.organisation_id)
    assert overview.expired.count() == len(selection.expired) == 30 and not overview.expired.capped
    assert [c.case_id for c in overview.expired[0:25]] == [c.case_id for c in selection.expired[:25]]
    assert [c.expires_on for c in overview.expired[25:50]] == [c.expires_on for c in selection.expired[25:]]
    login(client, officer)
    first = _overview(client)
    assert "30 casussen voordragen voor vernietiging" in first
    second = client.get(reverse("casework:privacy_retention") + "?page=2").content.decode()
    oldest = cases[-1].reference
    assert oldest in first and oldest not in second  # the oldest closure first
    assert cases[0].reference in second and cases[0].reference not in first


def test_past_the_cap_the_overview_says_more_than(client, login, make_user, officer, monkeypatch):
    owner = make_user(role=PROCESREGISSEUR)
    today = timezone.localdate()
    for n in range(4):
        closed_case(owner, closed_on=today - timedelta(days=800 + n))
    monkeypatch.setattr(views_retention, "COUNT_CAP", 3)
    login(client, officer)
    body = _overview(client)
    assert "Alle casussen voordragen waarvan de bewaartermijn is verstreken (meer dan 3)" in body


def _due_cases(owner, n: int) -> None:
    """`n` closed cases past their period: one made through the services, the others its list rows in one insert
    (the overview reads the case rows only)."""
    today = timezone.localdate()
    template = closed_case(owner, closed_on=today - timedelta(days=800))
    clone_cases(template, n - 1, reference=template.reference + "-{n:04d}", status=template.status,
                opened_on=lambda i: today - timedelta(days=900 + i % 300),
                closed_on=lambda i: today - timedelta(days=801 + i % 300))


@pytest.mark.parametrize("rows", [10, 200])
def test_the_overview_asks_as_many_queries_at_10_and_200_due_cases(client, login, make_user, officer, rows):
    owner = make_user(role=PROCESREGISSEUR)
    _due_cases(owner, 10)
    login(client, officer)
    _overview(client)
    with count_queries() as ten:
        _overview(client)
    _due_cases(owner, rows - 10) if rows > 10 else None
    with count_queries() as more:
        body = _overview(client)
    assert len(more) == len(ten) > 0
    assert body.count('<th scope="row" class="utrecht-table__cell">') >= min(rows, 25)
    assert f"{rows} casussen voordragen voor vernietiging" in body


def test_held_and_transferred_cases_are_apart(client, login, make_user, officer):
    from casework.privacy.holds import legal_hold_place
    from casework.privacy.models import ArchiveAction, RetentionPolicy

    owner = make_user(role=PROCESREGISSEUR)
    today = timezone.localdate()
    held = closed_case(owner, closed_on=today - timedelta(days=900))
    free = closed_case(owner, closed_on=today - timedelta(days=901))
    legal_hold_place(actor=officer, reference=held.reference, ground="litigation")
    overview = retention.retention_overview(today=today, controller_id=owner.organisation_id, count_cap=1000)
    assert [c.case_id for c in overview.held] == [held.pk] and overview.held[0].holds
    assert [c.case_id for c in overview.expired[0:25]] == [free.pk]
    keep = RetentionPolicy.objects.filter(case_type=free.case_type).order_by("-effective_from").first()
    RetentionPolicy.objects.filter(pk=keep.pk).update(archive_action=ArchiveAction.KEEP)
    overview = retention.retention_overview(today=today, controller_id=owner.organisation_id, count_cap=1000)
    assert overview.expired.count() == 0 and overview.transfer_count == 2 and overview.held == []
