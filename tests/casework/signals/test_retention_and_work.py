"""Retention of signals (one year after the follow-up ended; a signal routed to a case is kept until a
year after that case was closed) and the signals on the shared pages: awaiting triage on the dashboard
and in "Mijn werk", the review dates of monitoring and of a postponed informing as deadlines."""

from __future__ import annotations

import datetime
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Organisation
from accounts.roles import PROCESREGISSEUR
from casework import access, selectors, worklist
from casework.models import Case
from casework.privacy.models import RetentionPolicy
from casework.privacy.retention import policy_in_force, retention_selection
from casework.signals.categories import INTAKE, TRIAGE
from casework.signals.models import Signal
from casework.signals.selectors import (
    INFORMING_REVIEW,
    MONITOR_REVIEW,
    dashboard_sections,
    deadlines,
    follow_up_ends,
)
from casework.signals.selectors import next_deadline as signal_next_deadline
from casework.signals.services import signal_triage
from tests.casework.signals.factories import make_signal
from tests.factories.accounts import OrganisationFactory
from tests.factories.casework import person_data

pytestmark = pytest.mark.django_db(databases="__all__")
WEIGHING = "Alleen wat de partner voor de aanpak nodig heeft; minder delen volstaat niet (test)."


def _closed_on(case: Case, day: datetime.date) -> None:
    Case.objects.filter(pk=case.pk).update(opened_on=day - timedelta(days=10), closed_on=day)
    Signal.objects.filter(case=case).update(follow_up_ended_on=day)


def test_the_stored_version_is_one_year_after_the_follow_up():
    stored = RetentionPolicy.objects.get(case_type="signals")
    assert (stored.years, stored.counted_from) == (1, "follow_up_ended") and stored.is_example
    assert policy_in_force("signals").pk == stored.pk


def test_a_signal_without_follow_up_expires_after_a_year_a_routed_one_waits_for_its_case(make_user, officer):
    today = timezone.localdate()
    quiet = make_signal(officer)
    signal_triage(actor=officer, case=quiet, outcome="no_action", reason="Geen aanwijzingen.")
    routed = make_signal(officer, persons=[{"person": person_data()}])
    care = OrganisationFactory(name="Testzorg Retentie", kind=Organisation.Kind.GGZ)
    row = signal_triage(actor=officer, case=routed, outcome="case", routed_to="pga",
                        owner=make_user(role=PROCESREGISSEUR), reason="Zorg nodig.",
                        linked_reason="Zorg nodig.", purpose="Zorg en veiligheid.",
                        partner=care, share={"categories": ["metadata"], "weighing": WEIGHING,
                                             "ends_on": today + timedelta(days=30)})
    long_ago = today - timedelta(days=400)
    _closed_on(quiet, long_ago)
    _closed_on(routed, long_ago)
    ends = follow_up_ends([quiet.pk, routed.pk])
    assert ends[quiet.pk] == long_ago and ends[routed.pk] > today  # the PGA case is still open
    selected = [c.case_id for c in retention_selection(today=today).expired]
    assert quiet.pk in selected and routed.pk not in selected
    Case.objects.filter(pk=row.linked_case_id).update(opened_on=long_ago - timedelta(days=5), closed_on=long_ago)
    assert routed.pk in [c.case_id for c in retention_selection(today=today).expired]


def test_awaiting_triage_on_the_dashboard_and_in_my_work(officer):
    case = make_signal(officer)
    (section,) = dashboard_sections(user=officer, visible=access.visible_cases(officer), today=timezone.localdate())
    assert [row.case for row in section.rows] == [case]
    items = worklist.work_items(user=officer, today=timezone.localdate())
    assert [(item.case, item.kind) for item in items] == [(case, worklist.REFERRAL)]


def test_the_review_dates_are_deadlines(officer):
    today = timezone.localdate()
    case = make_signal(officer, persons=[{"person": person_data(), "informing": "postponed",
                                          "postponement_ground": "avg23_1_c",
                                          "postponement_review_on": today + timedelta(days=20)}])
    signal_triage(actor=officer, case=case, outcome="monitor", reason="Monitoren.",
                  review_on=today + timedelta(days=10))
    items = worklist.work_items(user=officer, today=today + timedelta(days=11))
    kinds = {(item.case, item.due_on) for item in items}
    assert (case, today + timedelta(days=10)) in kinds
    terms = deadlines(cases=Case.objects.filter(pk=case.pk), until=today + timedelta(days=30), today=today)
    assert sorted((t.kind, t.due_on) for t in terms) == [(INFORMING_REVIEW, today + timedelta(days=20)),
                                                         (MONITOR_REVIEW, today + timedelta(days=10))]


class _Sees:
    """A viewer who sees these categories of the case (what `CaseAccess.sees` answers)."""

    def __init__(self, *categories: str) -> None:
        self.categories = categories

    def sees(self, category: str) -> bool:
        return category in self.categories


def test_a_list_row_shows_the_earliest_review_the_viewer_sees(officer):
    """The case list reads a signal's review dates with its rows (`list_annotations`), as `deadlines` gives
    them: the monitoring review only once triaged, a postponed informing's review; each only for who sees
    its category (triage, intake); none on a closed signal."""
    today = timezone.localdate()
    postponed = {"person": person_data(), "informing": "postponed", "postponement_ground": "avg23_1_c",
                 "postponement_review_on": today + timedelta(days=20)}
    both, waiting, plain = make_signal(officer, persons=[postponed]), make_signal(officer, persons=[postponed]), \
        make_signal(officer)
    signal_triage(actor=officer, case=both, outcome="monitor", reason="Monitoren.",
                  review_on=today + timedelta(days=10))
    listed = selectors.case_list(user=officer, filters=selectors.CaseFilters(case_type="signals"))
    rows = {row.case.pk: row for row in selectors.case_rows(user=officer, cases=list(listed[0:25]), today=today)}
    assert rows[both.pk].next_deadline == today + timedelta(days=10)
    assert rows[waiting.pk].next_deadline == today + timedelta(days=20)
    assert rows[plain.pk].next_deadline is None
    (annotated,) = selectors.with_next_due(Case.objects.filter(pk=both.pk))
    assert signal_next_deadline(case=annotated, case_access=_Sees(INTAKE), calendar=None) == today + timedelta(days=20)
    assert signal_next_deadline(case=annotated, case_access=_Sees(TRIAGE), calendar=None) == today + timedelta(days=10)
    assert signal_next_deadline(case=annotated, case_access=_Sees(), calendar=None) is None
    _closed_on(both, today)
    listed = selectors.case_list(user=officer, filters=selectors.CaseFilters(case_type="signals"))
    closed = [row for row in selectors.case_rows(user=officer, cases=list(listed[0:25]), today=today)
              if row.case.pk == both.pk]
    assert closed[0].next_deadline is None
