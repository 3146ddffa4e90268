"""Counted days (casework/privacy/counted_days.py, anomalies.count_day, ADR 0053): a period's findings read
from the counts of its ended days are the findings its events give; a day is counted once; today and a day
that ended within the grace are read from the events.

Events are written through the real `audit.record` with the clock set (as in test_anomalies.py).
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.roles import PRIVACY_OFFICER, PROCESREGISSEUR
from audit import partitions, record
from audit.actions import Action, Outcome
from audit.models import CountedDay, EventCount
from casework.pga.casetype import PROCESSING_ACTIVITY as PGA_PROCESREGIE
from casework.privacy import anomalies, counted_days, reviews
from casework.privacy.finding_list import FindingList
from casework.privacy.models import AnomalySetting, Review
from tests.casework.privacy.test_anomalies import clock
from tests.conftest import count_queries

pytestmark = pytest.mark.django_db(databases="__all__")

LOCAL = anomalies.LOCAL
FIRST = date(2026, 3, 27)  # the last Sunday of March: the clocks go forward (a day of 23 hours)
DAYS = 4
EXPECTED_QUERIES = 14  # the review list page over counted days, whatever the number of findings
DASHBOARD_QUERIES = 18  # the privacy officer's dashboard over counted days, likewise


def _event(actor, rng: random.Random, at: datetime, subjects: list, cases: list) -> None:
    kind = rng.choice(["view", "view", "list", "export", "print", "search", "denied", "emergency"])
    case_id = rng.choice(cases)
    common = {"processing_activity": PGA_PROCESREGIE, "actor": actor}
    with clock(at):
        if kind == "search":  # no data subject
            record(action=Action.SEARCH, object_type="audit.AuditEvent", **common)
        elif kind == "denied":
            record(action=Action.ACCESS_DENIED, outcome=Outcome.DENIED, object_type="casework.Case",
                   object_id=case_id, case_id=case_id, reason="action:view", **common)
        else:
            action = {"view": Action.VIEW, "list": Action.LIST, "export": Action.EXPORT, "print": Action.PRINT,
                      "emergency": Action.VIEW}[kind]
            record(action=action, object_type="casework.Case", object_id=case_id, case_id=case_id,
                   subject_id=rng.choice(subjects), reason="via:break_glass" if kind == "emergency" else "via:owner",
                   **common)


def _live(start: datetime, end: datetime, settings: dict[str, int]) -> list[anomalies.Finding]:
    """The findings straight from the events, as before counted days."""
    found = [item for rule in anomalies.RULES
             for item in anomalies.RULES[rule](start=start, end=end, settings=settings)]
    return sorted(found, key=lambda item: (item.occurred_at, item.sequence), reverse=True)


def _seeded_period(make_user, rng: random.Random) -> tuple[datetime, datetime]:
    """Events of three workers over DAYS counted days from FIRST and today, random thresholds: the period."""
    actors = [make_user(role=PROCESREGISSEUR) for _ in range(3)]
    subjects, cases = [uuid.uuid4() for _ in range(8)], [uuid.uuid4() for _ in range(3)]
    for _ in range(160):
        day = FIRST + timedelta(days=rng.randrange(DAYS))
        at = datetime(day.year, day.month, day.day, rng.choice([0, 1, 5, 6, 9, 14, 21, 22, 23]),
                      rng.randrange(60), tzinfo=LOCAL)
        _event(rng.choice(actors), rng, at, subjects, cases)
    for _ in range(20):  # today: read from the events
        _event(rng.choice(actors), rng, timezone.now(), subjects, cases)
    for key, value in ((anomalies.MANY_PERSONS_THRESHOLD, rng.randint(2, 4)),
                       (anomalies.BULK_EXPORT_THRESHOLD, rng.randint(2, 3)),
                       (anomalies.NIGHT_START, rng.choice([21, 22, 23])), (anomalies.NIGHT_END, rng.choice([5, 6]))):
        AnomalySetting.objects.create(key=key, value=value, updated_at=timezone.now())
    return counted_days.bounds(FIRST)[0], counted_days.bounds(timezone.localdate())[1]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_findings_from_counted_days_are_the_findings_of_the_events(make_user, seed):
    start, end = _seeded_period(make_user, random.Random(seed))
    settings = anomalies.settings_in_force()
    today = timezone.localdate()
    found = anomalies.findings(start=start, end=end)

    counted = set(CountedDay.objects.values_list("day", flat=True))
    assert {FIRST + timedelta(days=offset) for offset in range(DAYS)} <= counted
    assert today not in counted
    assert found == _live(start, end, settings)
    assert {item.rule for item in found} >= {anomalies.OUTSIDE_ASSIGNMENT, anomalies.MANY_PERSONS,
                                             anomalies.BULK_EXPORT, anomalies.NIGHT_ACCESS}
    assert all(item.actor_name for item in found)  # the names as the events recorded them
    # a changed threshold applies to the counted days as well
    AnomalySetting.objects.filter(key=anomalies.MANY_PERSONS_THRESHOLD).update(value=99)
    assert [item for item in anomalies.findings(start=start, end=end) if item.rule == anomalies.MANY_PERSONS] == []


@pytest.mark.both_databases  # the keys, the night's sum and the order are SQL: PostgreSQL's too
@pytest.mark.parametrize("seed", [4, 5])
def test_the_review_list_gives_the_findings_of_the_period_a_slice_at_a_time(make_user, seed):
    """FindingList (the review list page) holds exactly what findings_for_review gives, in its order and with its
    reviews, for every rule and status: the counted days cut in SQL, today and the break-the-glass events from the
    events, merged by time."""
    rng = random.Random(seed)
    partitions.ensure(FIRST, timezone.localdate())  # PostgreSQL's monthly partitions of the events: March's too
    start, end = _seeded_period(make_user, rng)
    for offset in (1, 2):  # emergency accesses on counted days: never counted, read from the events
        with clock(datetime(FIRST.year, FIRST.month, FIRST.day + offset, 9 + offset, tzinfo=LOCAL)):
            record(action=Action.BREAK_GLASS, processing_activity=PGA_PROCESREGIE, object_type="casework.Case",
                   object_id=uuid.uuid4(), case_id=uuid.uuid4(), subject_id=uuid.uuid4(),
                   reason=f"grant:{uuid.uuid4()}", actor=make_user(role=PROCESREGISSEUR))  # a grant's id, as breakglass
    officer = make_user(role=PRIVACY_OFFICER)
    every = reviews.findings_for_review(reviews.ReviewFilters(start=start, end=end))
    for finding in rng.sample(every, k=8) + [item for item in every if item.day == timezone.localdate()][:1]:
        reviews.review_record(reviewer=officer, finding=finding, decision=Review.Decision.JUSTIFIED,
                              comment="Besproken in het overleg (test).")

    def shown(found) -> list[tuple]:
        return [(item.rule, item.key, item.sequence, item.count, item.actor_name,
                 item.review.pk if item.review else None) for item in found]

    for rule in ("", *anomalies.RULES):
        for status in ("", reviews.REVIEWED, reviews.UNREVIEWED):
            filters = reviews.ReviewFilters(start=start, end=end, rule=rule, status=status)
            expected = shown(reviews.findings_for_review(filters))
            lazy = FindingList(filters)
            assert len(lazy) == len(expected), (rule, status)
            assert shown(lazy) == expected, (rule, status)
            assert shown(lazy[3:9]) == expected[3:9] and shown(lazy[len(expected):]) == []
            if expected:
                assert shown([lazy[-1]]) == expected[-1:]
            if not rule:  # the dashboard's counts per rule, without building a finding
                counted = {code: sum(1 for item in expected if item[0] == code) for code in anomalies.RULES}
                assert lazy.counts_by_rule() == counted, status
                assert shown(lazy.uncounted(anomalies.BREAK_GLASS)) == [
                    item for item in expected if item[0] == anomalies.BREAK_GLASS]
    assert {item.rule for item in every} == set(anomalies.RULES)
    assert len(reviews.findings_for_review(reviews.ReviewFilters(start=start, end=end, status=reviews.REVIEWED))) == 9
    night = anomalies.settings_in_force()[anomalies.NIGHT_START]  # no night at all: no part of the union is SQL
    AnomalySetting.objects.filter(key=anomalies.NIGHT_END).update(value=night)
    nights = FindingList(reviews.ReviewFilters(start=start, end=end, rule=anomalies.NIGHT_ACCESS))
    assert (len(nights), list(nights)) == (0, [])


def test_a_day_is_counted_once_and_then_read_from_its_counts(make_user):
    worker = make_user(role=PROCESREGISSEUR)
    subjects = [uuid.uuid4() for _ in range(60)]
    for subject in subjects:
        with clock(datetime(2026, 3, 10, 23, 15, tzinfo=LOCAL)):
            record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, object_type="casework.Case",
                   object_id=uuid.uuid4(), case_id=uuid.uuid4(), subject_id=subject, reason="via:owner", actor=worker)
    start, end = counted_days.bounds(date(2026, 3, 10))
    first = anomalies.findings(start=start, end=end)
    day = CountedDay.objects.get(day=date(2026, 3, 10))
    assert day.events == 60 and day.last_sequence > 0
    counts = EventCount.objects.filter(day=day.day)
    assert {(count.kind, count.count) for count in counts if count.kind != anomalies.NIGHT_ACCESS} == {
        (anomalies.MANY_PERSONS, 60)}
    assert [(count.hour, count.count) for count in counts if count.kind == anomalies.NIGHT_ACCESS] == [(23, 60)]
    assert anomalies.count_day(date(2026, 3, 10)) is False  # counted already: stored once
    assert EventCount.objects.filter(day=day.day).count() == counts.count()
    with count_queries() as queries:
        again = anomalies.findings(start=start, end=end)
    assert again == first and {item.rule for item in again} == {anomalies.MANY_PERSONS, anomalies.NIGHT_ACCESS}
    audit_sql = [query["sql"] for query in queries if "audit_auditevent" in query["sql"]]
    assert len(audit_sql) == 1 and "GROUP BY" not in audit_sql[0]  # the break-glass rule only: nothing counted again


@pytest.mark.parametrize(("now", "expected"), [
    (datetime(2026, 3, 11, 0, 59, tzinfo=LOCAL), []),  # the day ended less than the grace ago
    (datetime(2026, 3, 11, 1, 0, tzinfo=LOCAL), [date(2026, 3, 10)]),
    (datetime(2026, 3, 13, 9, 0, tzinfo=LOCAL), [date(2026, 3, 10), date(2026, 3, 11)]),
])
def test_only_whole_days_that_ended_a_grace_ago_are_counted(now, expected):
    # from 09:00 on the 9th (a part of a day: read from the events) until the 12th 00:00
    start, end = datetime(2026, 3, 9, 9, tzinfo=LOCAL), datetime(2026, 3, 12, tzinfo=LOCAL)
    assert counted_days.countable(start, end, now=now) == expected


def test_the_daily_job_counts_the_ended_days_once(make_user, capsys):
    worker = make_user(role=PROCESREGISSEUR)
    today = timezone.localdate()
    for offset in (1, 3):
        day = today - timedelta(days=offset)
        with clock(datetime(day.year, day.month, day.day, 10, tzinfo=LOCAL)):
            record(action=Action.EXPORT, processing_activity=PGA_PROCESREGIE, object_type="casework.Case",
                   object_id=uuid.uuid4(), subject_id=uuid.uuid4(), actor=worker)
    noon = datetime(today.year, today.month, today.day, 12, tzinfo=LOCAL)  # yesterday ended more than GRACE ago
    with clock(noon):
        call_command("count_audit_days")
    assert "Days counted: 3" in capsys.readouterr().out  # the oldest event's day, the one after it and yesterday
    assert set(CountedDay.objects.values_list("day", flat=True)) == {today - timedelta(days=n) for n in (1, 2, 3)}
    assert EventCount.objects.filter(kind=anomalies.BULK_EXPORT).count() == 2
    with clock(noon):
        call_command("count_audit_days")
    assert "Days counted: 0 (of 0" in capsys.readouterr().out


def _denied(worker, number: int, on: date) -> None:
    """`number` refused attempts of `worker` on as many cases at 11:00 on `on`: as many outside-assignment findings."""
    from audit import record_batch
    from audit.services import Target

    targets = [Target(object_type="casework.Case", object_id=uuid.uuid4(), case_id=uuid.uuid4(),
                      subject_id=uuid.uuid4()) for _ in range(number)]
    with clock(datetime(on.year, on.month, on.day, 11, tzinfo=LOCAL)):
        record_batch(action=Action.ACCESS_DENIED, outcome=Outcome.DENIED, processing_activity=PGA_PROCESREGIE,
                     targets=targets, actor=worker)


@pytest.mark.parametrize("findings", [10, 200])
def test_the_review_list_over_counted_days_costs_the_same_queries_for_10_and_200_findings(
        client, login, make_user, findings):
    """10 and 200 refused attempts on as many cases on a counted day (the day before yesterday), and one on a
    day outside the period: the page asks the same queries for both, and none over the day's events."""
    login(client, make_user(role=PRIVACY_OFFICER))
    worker = make_user(role=PROCESREGISSEUR)
    day = timezone.localdate() - timedelta(days=2)
    _denied(worker, findings, day)
    _denied(worker, 1, day - timedelta(days=5))
    url = f"/privacy/reviews/?date_from={day}&date_to={day}"
    assert client.get(url).status_code == 200  # counts the day
    with count_queries() as queries:
        body = client.get(url).content.decode()
    assert body.count("/privacy/reviews/outside_assignment/") == min(findings, 25)  # a page of 25
    assert len(queries) == EXPECTED_QUERIES, [query["sql"][:90] for query in queries]
    assert not [query for query in queries if "GROUP BY" in query["sql"] and "audit_auditevent" in query["sql"]]


@pytest.mark.parametrize("findings", [10, 200])
def test_the_privacy_officers_dashboard_counts_10_and_200_findings_with_the_same_queries(
        client, login, make_user, findings):
    """The dashboard's counts of unreviewed findings over the last 30 days: COUNT queries over the counted days, as
    many for 200 findings as for 10 (today is read from its events, as always)."""
    login(client, make_user(role=PRIVACY_OFFICER))
    _denied(make_user(role=PROCESREGISSEUR), findings, timezone.localdate() - timedelta(days=2))
    start, end = reviews.default_period()
    for ended in counted_days.countable(start, end):  # as the daily job keeps them
        anomalies.count_day(ended)
    with count_queries() as queries:
        body = client.get("/").content.decode()
    assert f"{anomalies.RULE_LABELS[anomalies.OUTSIDE_ASSIGNMENT]}: {findings}</a>" in body
    assert len(queries) == DASHBOARD_QUERIES, [query["sql"][:90] for query in queries]


def test_a_request_counts_a_limited_number_of_days_and_reads_the_rest_from_the_events(make_user, monkeypatch):
    """More uncounted days than one request counts: the first ones are counted, the later ones read from their
    events this time (between counted stretches too); the findings are the same."""
    monkeypatch.setattr(counted_days, "COUNT_PER_REQUEST", 2)
    worker = make_user(role=PROCESREGISSEUR)
    first = date(2026, 4, 6)
    for offset in range(5):
        day = first + timedelta(days=offset)
        with clock(datetime(day.year, day.month, day.day, 23, tzinfo=LOCAL)):
            record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, object_type="casework.Case",
                   object_id=uuid.uuid4(), case_id=uuid.uuid4(), subject_id=uuid.uuid4(), actor=worker)
    anomalies.count_day(first + timedelta(days=3))  # counted earlier: a counted day after the uncounted ones
    start, end = counted_days.bounds(first)[0], counted_days.bounds(first + timedelta(days=4))[1]
    parts = counted_days.parts(start, end, count=anomalies.count_day)
    assert [part.days for part in parts] == [(first, first + timedelta(days=1)), None,
                                             (first + timedelta(days=3), first + timedelta(days=3)), None]
    found = anomalies.findings(start=start, end=end)
    assert [item.day for item in found if item.rule == anomalies.NIGHT_ACCESS] == [
        first + timedelta(days=offset) for offset in (4, 3, 2, 1, 0)]
    assert found == _live(start, end, anomalies.settings_in_force())
