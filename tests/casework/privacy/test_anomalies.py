"""casework/privacy/anomalies.py: each rule fires on what it describes and stays quiet just outside it.

Events are written through the real `audit.record`/`record_batch` with the clock set to a chosen
local time, so the rules read exactly what production writes.
"""

from __future__ import annotations

import contextlib
import uuid
from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from accounts.roles import HANDHAVER, PRIVACY_OFFICER, PROCESREGISSEUR
from audit import record, record_batch
from audit.actions import Action, Outcome
from audit.services import Target
from casework import access
from casework.breakglass import break_glass_open
from casework.pga.casetype import PROCESSING_ACTIVITY as PGA_PROCESREGIE
from casework.privacy import anomalies
from casework.privacy.models import AnomalySetting
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")

LOCAL = anomalies.LOCAL
DAY = date(2026, 3, 10)


def local(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL)


@contextlib.contextmanager
def clock(moment: datetime):
    """Let the audit chain stamp events at `moment` (it reads django.utils.timezone.now)."""
    original = timezone.now
    timezone.now = lambda: moment
    try:
        yield
    finally:
        timezone.now = original


def views(user, count: int, *, at: datetime, action: str = Action.VIEW, reason: str = "via:owner",
          subjects: list | None = None) -> None:
    """`count` events by `user`, each about another data subject (or the given ones), in one batch."""
    subjects = subjects or [uuid.uuid4() for _ in range(count)]
    targets = [Target(object_type="casework.Case", object_id=uuid.uuid4(), case_id=uuid.uuid4(), subject_id=subject)
               for subject in subjects[:count]]
    with clock(at):
        record_batch(action=action, processing_activity=PGA_PROCESREGIE, targets=targets, reason=reason, actor=user)


def found(rule: str, *, day: date = DAY, **kwargs) -> list[anomalies.Finding]:
    start, end = anomalies.local_day_bounds(day)
    return anomalies.findings(start=start, end=end, rules=(rule,), **kwargs)


@pytest.fixture
def worker(make_user):
    return make_user(role=PROCESREGISSEUR)


# --- break-the-glass ------------------------------------------------------------------------------


def test_an_emergency_access_is_a_finding_with_its_grant(make_user):
    owner = make_user(role=PROCESREGISSEUR)
    case = make_pga_case(owner=owner)
    officer = make_user(role=HANDHAVER)
    with clock(local(14)):
        grant = break_glass_open(user=officer, case=case, reason="Acute dreiging bij de woning (test)")
    (finding,) = found(anomalies.BREAK_GLASS)
    assert finding.actor_id == str(officer.pk) and finding.case_id == str(case.pk)
    assert finding.grant_id == str(grant.pk) and finding.key == f"event:{finding.sequence}"


def test_ordinary_reads_are_no_emergency_access(worker):
    views(worker, 3, at=local(14))
    assert found(anomalies.BREAK_GLASS) == []


# --- access outside one's assignment ----------------------------------------------------------------


def test_a_read_under_an_emergency_grant_is_outside_the_assignment(worker):
    case_id = uuid.uuid4()
    with clock(local(10)):
        for _ in range(3):
            record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, object_type="casework.Case",
                   object_id=case_id, case_id=case_id, subject_id=uuid.uuid4(), reason="via:break_glass", actor=worker)
    (finding,) = found(anomalies.OUTSIDE_ASSIGNMENT)
    assert finding.case_id == str(case_id) and finding.count == 3
    assert finding.key == f"{worker.pk}:{case_id}:{DAY.isoformat()}"


def test_a_refused_attempt_on_a_case_is_outside_the_assignment(make_user):
    owner = make_user(role=PROCESREGISSEUR)
    case = make_pga_case(owner=owner)
    stranger = make_user(role=PROCESREGISSEUR)
    with clock(local(11)), contextlib.suppress(Exception):
        access.require(stranger, access.VIEW, case)
    (finding,) = found(anomalies.OUTSIDE_ASSIGNMENT)
    assert finding.actor_id == str(stranger.pk) and finding.case_id == str(case.pk)


def test_reads_within_the_assignment_are_not_flagged(worker):
    for path in ("via:owner", "via:team", "via:grant", "via:share", "via:supervision"):
        views(worker, 2, at=local(10), reason=path)
    with clock(local(10)):  # a refusal that is not about a case (e.g. a page) is no case access
        record(action=Action.ACCESS_DENIED, outcome=Outcome.DENIED, processing_activity=PGA_PROCESREGIE,
               object_type="http.Request", reason="path", actor=worker)
    assert found(anomalies.OUTSIDE_ASSIGNMENT) == []


# --- many persons in a day ----------------------------------------------------------------------------


def test_opening_the_threshold_number_of_persons_in_a_day_is_flagged(worker):
    views(worker, 50, at=local(9))
    (finding,) = found(anomalies.MANY_PERSONS)
    assert finding.count == 50 and finding.actor_id == str(worker.pk)
    assert finding.key == f"{worker.pk}:{DAY.isoformat()}"


def test_just_under_the_threshold_is_not_flagged(worker):
    subjects = [uuid.uuid4() for _ in range(49)]
    views(worker, 49, at=local(9), subjects=subjects)
    views(worker, 49, at=local(15), subjects=subjects, action=Action.LIST)  # the same persons again
    assert found(anomalies.MANY_PERSONS) == []


def test_persons_are_counted_per_day_and_per_user(worker, make_user):
    views(worker, 30, at=local(20))
    views(worker, 30, at=local(9, day=date(2026, 3, 11)))
    views(make_user(role=PROCESREGISSEUR), 30, at=local(21))
    assert found(anomalies.MANY_PERSONS) == []
    assert found(anomalies.MANY_PERSONS, day=date(2026, 3, 11)) == []


def test_the_threshold_is_data(worker):
    views(worker, 10, at=local(9))
    assert found(anomalies.MANY_PERSONS) == []
    AnomalySetting.objects.create(key=anomalies.MANY_PERSONS_THRESHOLD, value=10, updated_at=timezone.now())
    assert len(found(anomalies.MANY_PERSONS)) == 1


# --- bulk exports ---------------------------------------------------------------------------------------


def test_many_exports_in_a_day_are_a_bulk_export(worker):
    views(worker, 20, at=local(10), action=Action.EXPORT)
    views(worker, 5, at=local(16), action=Action.PRINT)
    (finding,) = found(anomalies.BULK_EXPORT)
    assert finding.count == 25


def test_a_normal_export_is_not_a_bulk_export(worker):
    views(worker, 1, at=local(10), action=Action.EXPORT)
    views(worker, 24, at=local(11), action=Action.VIEW)
    assert found(anomalies.BULK_EXPORT) == []


def test_just_under_the_export_threshold_is_not_flagged(worker):
    views(worker, 24, at=local(10), action=Action.EXPORT)
    assert found(anomalies.BULK_EXPORT) == []


# --- access at night -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("hour", "minute"), [(22, 0), (23, 30), (0, 15), (5, 59)])
def test_reading_personal_data_at_night_is_flagged(worker, hour, minute):
    views(worker, 2, at=local(hour, minute))
    (finding,) = found(anomalies.NIGHT_ACCESS)
    assert finding.count == 2 and finding.actor_id == str(worker.pk)


@pytest.mark.parametrize(("hour", "minute"), [(6, 0), (12, 0), (21, 59)])
def test_reading_in_the_daytime_is_not_flagged(worker, hour, minute):
    views(worker, 2, at=local(hour, minute))
    assert found(anomalies.NIGHT_ACCESS) == []


def test_night_hours_are_local_time_not_utc(worker):
    # 21:30 UTC on a March day is 22:30 in Amsterdam (CET, UTC+1): night.
    views(worker, 1, at=datetime(2026, 3, 10, 21, 30, tzinfo=UTC))
    assert len(found(anomalies.NIGHT_ACCESS)) == 1


def test_a_night_login_without_personal_data_is_not_flagged(worker):
    with clock(local(23)):
        record(action=Action.LOGIN, processing_activity=PGA_PROCESREGIE, actor=worker)
    assert found(anomalies.NIGHT_ACCESS) == []


def test_night_hours_are_data(worker):
    views(worker, 1, at=local(20))
    assert found(anomalies.NIGHT_ACCESS) == []
    AnomalySetting.objects.create(key=anomalies.NIGHT_START, value=19, updated_at=timezone.now())
    assert len(found(anomalies.NIGHT_ACCESS)) == 1


# --- the whole set -----------------------------------------------------------------------------------------


def test_finding_lookup_recomputes_a_finding_from_its_key(worker):
    views(worker, 50, at=local(23))
    for rule in (anomalies.MANY_PERSONS, anomalies.NIGHT_ACCESS):
        (finding,) = found(rule)
        again = anomalies.finding_lookup(rule=rule, key=finding.key)
        assert again is not None and again.key == finding.key and again.count == finding.count
        assert anomalies.finding_events(again).count() == 50
    assert anomalies.finding_lookup(rule=anomalies.MANY_PERSONS, key=f"{worker.pk}:2026-03-09") is None
    assert anomalies.finding_lookup(rule="nonsense", key="x") is None


def test_findings_leave_out_the_privacy_officers_own_reading_of_other_rules(make_user):
    # A privacy officer's searches in the audit trail have no subject: they never count as persons opened.
    officer = make_user(role=PRIVACY_OFFICER)
    with clock(local(23)):
        for _ in range(60):
            record(action=Action.SEARCH, processing_activity=PGA_PROCESREGIE, object_type="audit.AuditEvent",
                   actor=officer)
    assert found(anomalies.MANY_PERSONS) == [] and found(anomalies.NIGHT_ACCESS) == []
