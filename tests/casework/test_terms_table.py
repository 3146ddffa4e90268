"""Every kind of term, on concrete dates worked out by hand (issue 13 item 7).

Each kind is computed by one function, the one letter, overview, guard and API call:
- objection: Awb 6:7/6:8, six weeks from the day after the announcement, Atw (casework.deadlines);
- objection decision: Awb 7:10, from the day after the objection term, 6 or 12 weeks, plus the days
  suspended (lid 2) and the extension (lid 3/4), Atw (casework.remedies.services);
- Wkpb: four days after the closure took effect, Atw art. 1 and 2 (casework.deadlines);
- view: the municipality's term for a view (Awb 4:8), counted with the Atw by policy;
- compliance: the begunstigingstermijn set in the decision, from the day after *this addressee's*
  announcement, never extended (casework.remedies.terms);
- AVG answer: one month by Regulation 1182/71: Dutch public holidays, no Atw decree days
  (casework.privacy.requests).

Calendar: 2026 Easter 5 April (Good Friday 3, Easter Monday 6), King's Day Mon 27 April, Ascension
14 May, Whit Monday 25 May, Christmas Fri 25 / Sat 26 December; 2027 Easter 28 March, Ascension
6 May; 2028 Easter 16 April, King's Day Thu 27 April, Ascension 25 May. Days equated by the Besluit
gelijkstelling (seeded by casework/migrations/0007): Fri 2 January 2026, Fri 15 May 2026, Fri 7 May
2027, Fri 28 April 2028, Fri 26 May 2028.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from casework.deadlines import objection_deadline, term_end, wkpb_deadline
from casework.models import EquatedDay
from casework.privacy.requests import answer_due_on
from casework.remedies.services import objection_decision_due
from casework.remedies.terms import compliance_end

pytestmark = pytest.mark.django_db

D = date


def objection(day: date) -> date:
    return objection_deadline(announced_on=day)


def wkpb(day: date) -> date:
    return wkpb_deadline(effective_on=day)


def view_2_weeks(day: date) -> date:
    return term_end(event=day, weeks=2, statutory=True)


def three_days(day: date) -> date:
    return term_end(event=day, days=3)


def two_days(day: date) -> date:
    return term_end(event=day, days=2)


def compliance(days: int) -> Callable[[date], date]:
    return lambda day: compliance_end(announced_on=day, days=days)


def decision_on_objection(*, committee: bool = False, suspended: int = 0, extended: int = 0) -> Callable[[date], date]:
    """The argument is the last day of the objection term."""
    return lambda deadline: objection_decision_due(objection_deadline=deadline, advisory_committee=committee,
                                                   suspension_days=suspended, extension_weeks=extended)


CASES = [
    # --- objection term (Awb 6:7/6:8 + Atw) -------------------------------------------------------
    ("objection-plain-monday", objection, D(2026, 11, 2), D(2026, 12, 14)),
    ("objection-weekend-saturday-to-monday", objection, D(2026, 3, 7), D(2026, 4, 20)),
    ("objection-christmas-2026-past-boxing-day", objection, D(2026, 11, 13), D(2026, 12, 28)),
    ("objection-good-friday-2026-to-tuesday", objection, D(2026, 2, 20), D(2026, 4, 7)),
    ("objection-easter-monday-2026", objection, D(2026, 2, 23), D(2026, 4, 7)),
    ("objection-kings-day-2026", objection, D(2026, 3, 16), D(2026, 4, 28)),
    ("objection-5-may-2026", objection, D(2026, 3, 24), D(2026, 5, 6)),
    ("objection-whit-monday-2026", objection, D(2026, 4, 13), D(2026, 5, 26)),
    ("objection-decree-2-jan-2026", objection, D(2025, 11, 21), D(2026, 1, 5)),
    ("objection-decree-15-may-2026", objection, D(2026, 4, 3), D(2026, 5, 18)),
    ("objection-ascension-then-decree-2026", objection, D(2026, 4, 2), D(2026, 5, 18)),
    ("objection-decree-7-may-2027", objection, D(2027, 3, 26), D(2027, 5, 10)),
    ("objection-decree-28-apr-2028", objection, D(2028, 3, 17), D(2028, 5, 1)),
    ("objection-decree-26-may-2028", objection, D(2028, 4, 14), D(2028, 5, 29)),
    # --- Wkpb registration (4 days, Atw art. 1 and 2) ---------------------------------------------
    ("wkpb-kings-week-2026-saturday", wkpb, D(2026, 4, 28), D(2026, 5, 4)),
    ("wkpb-christmas-2026-sunday", wkpb, D(2026, 12, 23), D(2026, 12, 28)),
    ("wkpb-christmas-eve-2026-art2", wkpb, D(2026, 12, 24), D(2026, 12, 29)),
    ("wkpb-easter-2026-art2", wkpb, D(2026, 4, 2), D(2026, 4, 8)),
    ("wkpb-easter-2026-two-working-days", wkpb, D(2026, 4, 1), D(2026, 4, 7)),
    ("wkpb-decree-2-jan-2026", wkpb, D(2025, 12, 29), D(2026, 1, 5)),
    ("wkpb-decree-15-may-2026", wkpb, D(2026, 5, 11), D(2026, 5, 18)),
    ("wkpb-decree-7-may-2027-after-5-may-and-ascension", wkpb, D(2027, 5, 3), D(2027, 5, 10)),
    ("wkpb-decree-28-apr-2028-after-kings-day", wkpb, D(2028, 4, 25), D(2028, 5, 1)),
    ("wkpb-plain-week", wkpb, D(2026, 12, 10), D(2026, 12, 14)),
    # --- Atw art. 2 on a short statutory term ------------------------------------------------------
    ("atw-art2-three-days-over-christmas", three_days, D(2026, 12, 24), D(2026, 12, 29)),
    ("atw-art2-not-for-two-days", two_days, D(2026, 12, 24), D(2026, 12, 28)),
    # --- view term (Awb 4:8, by policy with the Atw) -----------------------------------------------
    ("view-kings-day-2026", view_2_weeks, D(2026, 4, 13), D(2026, 4, 28)),
    ("view-decree-15-may-2026", view_2_weeks, D(2026, 5, 1), D(2026, 5, 18)),
    # --- compliance term (set in the decision: never extended) -------------------------------------
    ("compliance-ends-on-sunday", compliance(13), D(2026, 3, 16), D(2026, 3, 29)),
    ("compliance-easter-sunday-2026", compliance(14), D(2026, 3, 22), D(2026, 4, 5)),
    ("compliance-good-friday-2026", compliance(14), D(2026, 3, 20), D(2026, 4, 3)),
    ("compliance-christmas-2026", compliance(14), D(2026, 12, 11), D(2026, 12, 25)),
    ("compliance-decree-2-jan-2026", compliance(14), D(2025, 12, 19), D(2026, 1, 2)),
    ("compliance-decree-15-may-2026", compliance(14), D(2026, 5, 1), D(2026, 5, 15)),
    ("compliance-decree-7-may-2027", compliance(14), D(2027, 4, 23), D(2027, 5, 7)),
    ("compliance-decree-28-apr-2028", compliance(14), D(2028, 4, 14), D(2028, 4, 28)),
    ("compliance-decree-26-may-2028", compliance(14), D(2028, 5, 12), D(2028, 5, 26)),
    ("compliance-none", compliance(0), D(2026, 3, 9), D(2026, 3, 9)),
    # a closure decided on Mon 16 March 2026 with 7 days, announced to two addressees on later days:
    # each counts from their own announcement, not from the decision (16 + 7 = 23 March is no end)
    ("compliance-closure-owner-announced-23-march", compliance(7), D(2026, 3, 23), D(2026, 3, 30)),
    ("compliance-closure-tenant-announced-25-march", compliance(7), D(2026, 3, 25), D(2026, 4, 1)),
    ("compliance-park-order-28-days", compliance(28), D(2026, 11, 10), D(2026, 12, 8)),
    # --- decision on objection (Awb 7:10 + Atw), the park objection with a suspension ---------------
    ("objection-decision-6-weeks", decision_on_objection(), D(2025, 2, 18), D(2025, 4, 1)),
    ("objection-decision-committee-12-weeks", decision_on_objection(committee=True), D(2025, 2, 18),
     D(2025, 5, 13)),
    ("objection-decision-suspended-10-days", decision_on_objection(suspended=10), D(2025, 2, 18), D(2025, 4, 11)),
    ("objection-decision-suspended-onto-good-friday-2025", decision_on_objection(suspended=17), D(2025, 2, 18),
     D(2025, 4, 22)),
    ("objection-decision-committee-and-extension", decision_on_objection(committee=True, extended=6),
     D(2025, 2, 18), D(2025, 6, 24)),
    ("objection-decision-suspended-onto-ascension-2026", decision_on_objection(suspended=8), D(2026, 3, 25),
     D(2026, 5, 18)),
    # --- AVG answer (Regulation 1182/71: public holidays, no Atw decree days) ------------------------
    ("avg-answer-on-decree-day-7-may-2027-stays", answer_due_on, D(2027, 4, 7), D(2027, 5, 7)),
    ("avg-answer-ascension-2027-to-friday-7-may", answer_due_on, D(2027, 4, 6), D(2027, 5, 7)),
    ("avg-answer-on-decree-day-15-may-2026-stays", answer_due_on, D(2026, 4, 15), D(2026, 5, 15)),
    ("avg-answer-on-decree-day-2-jan-2026-stays", answer_due_on, D(2025, 12, 2), D(2026, 1, 2)),
    ("avg-answer-christmas-2026", answer_due_on, D(2026, 11, 25), D(2026, 12, 28)),
]


def test_the_decree_days_are_seeded():
    assert set(EquatedDay.objects.values_list("date", flat=True)) >= {
        D(2026, 1, 2), D(2026, 5, 15), D(2027, 5, 7), D(2028, 4, 28), D(2028, 5, 26)}


def test_the_table_holds_at_least_forty_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize(("compute", "start", "expected"), [case[1:] for case in CASES], ids=[c[0] for c in CASES])
def test_term(compute, start, expected):
    assert compute(start) == expected


def test_an_atw_term_ends_later_than_the_avg_answer_on_the_same_decree_day():
    # the same decree day: the Atw moves past it, the regulation does not know it
    assert term_end(event=D(2027, 4, 7), months=1) == D(2027, 5, 10)
    assert answer_due_on(D(2027, 4, 7)) == D(2027, 5, 7)
