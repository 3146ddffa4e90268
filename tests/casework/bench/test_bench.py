"""`manage.py bench` keeps working: a smoke run on file-backed SQLite (two pages, one second, no
timing asserted), the page registry, and the deploy check that refuses the baseline."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings

from casework.bench import pages
from casework.bench.checks import baseline_errors
from tests.audit import filedb


def test_smoke_run_writes_the_table_and_json(tmp_path):
    data = filedb.migrated(tmp_path / "data")
    filedb.manage(data, "seed_scale", "--cases", "30", "--audit-events", "50", "--batch", "15", "--no-progress")
    out = tmp_path / "bench.json"
    result = filedb.manage(data, "bench", "--pages", "web case list,privacy audit search unfiltered",
                           "--users", "2", "--seconds", "1", "--rounds", "1", "--json", str(out))
    report = json.loads(out.read_text())
    assert report["database"] == "sqlite" and report["cases"] == 30 and report["audit_events"] >= 50
    rows = {(row["page"], row["users"]): row for row in report["results"]}
    # two connections: the concurrent driver, which the 16-connection runs use (one connection is its special case)
    assert set(rows) == {(name, 2) for name in (pages.BASELINE, "web case list", "privacy audit search unfiltered")}
    for row in rows.values():
        assert row["errors"] == 0 and row["rps"] > 0 and row["queries"] > 0
        assert set(row) >= {"rps", "p50_ms", "p95_ms", "p99_ms", "ratio_to_bare", "queries"}
    assert "web case list" in result.stdout and "x bare" in result.stdout


def test_a_later_page_registers_itself():
    page = pages.register(pages.BenchPage("test page", "regisseur", lambda sample: sample.get("/test/")))
    try:
        assert page in pages.registered()
        assert [p.name for p in pages.by_name(["test page"])] == [pages.BASELINE, "test page"]
        with pytest.raises(KeyError):
            pages.by_name(["no such page"])
    finally:
        pages._PAGES.pop("test page")


def test_deploy_check_refuses_the_baseline():
    assert [error.id for error in baseline_errors(True)] == ["casework.E020"]
    assert baseline_errors(False) == []
    with override_settings(BENCH_BASELINE=True):
        from casework.bench.checks import bench_baseline_off

        assert bench_baseline_off(None)[0].id == "casework.E020"


def test_every_registered_page_builds_its_request():
    """A renamed URL (the API's case list once) would stop the whole bench run before its first request."""
    import uuid

    from casework import registry

    sample = pages.Sample(case_of_type={spec.code: uuid.uuid4() for spec in registry.types()}, bsn="123456782",
                          surname="Schaaltest", date_of_birth="1980-01-01", pseudonym="ab" * 32,
                          person_id=uuid.uuid4(), quiet_bsn="111222333")
    for page in pages.registered():
        request = page.request(sample)
        assert request is not None and request.path.startswith("/"), page.name


@pytest.mark.django_db(databases="__all__")
def test_append_rates_write_chained_events_without_a_subject():
    from audit.models import AUDIT_ALIAS, AuditEvent
    from casework.bench.appends import REASON, append_rates

    rates = append_rates(50)
    assert [(rate.form, rate.events) for rate in rates] == [
        ("record(), one per transaction", 50), ("record_batch(), 25 per batch", 50),
        ("record_batch(), 1000 per batch", 1000)]
    assert all(rate.per_second > 0 for rate in rates)
    written = AuditEvent.objects.using(AUDIT_ALIAS).filter(reason=REASON)
    assert written.count() == 1100 and not written.exclude(subject_pseudonym="").exists()
    sequences = sorted(written.values_list("sequence", flat=True))
    assert sequences == list(range(sequences[0], sequences[0] + 1100))  # one unbroken stretch of the chain


@pytest.mark.django_db(databases="__all__")
def test_the_baseline_reads_the_users_25_newest_cases_by_key_whatever_the_table_size(regisseur, other_team_user):
    from django.test import RequestFactory

    from casework.bench import baseline
    from tests.conftest import count_queries
    from tests.factories.casework import make_pga_case

    own = [make_pga_case(owner=regisseur) for _ in range(27)]
    make_pga_case(owner=other_team_user)
    request = RequestFactory().get(pages.BASELINE_PATH)
    request.user = regisseur
    first = json.loads(baseline.baseline(request).content)["results"]
    with count_queries() as queries:
        again = json.loads(baseline.baseline(request).content)["results"]
    assert first == again and len(first) == 25 and {row["id"] for row in first} <= {str(c.pk) for c in own}
    assert len(queries) == 1 and "IN (" in queries[0]["sql"]  # by primary key, no sort of the whole table


def test_the_queries_column_is_the_count_of_a_warm_request():
    from casework.bench.runner import steady_queries

    assert steady_queries([31, 20, 20, 24, 20]) == 20  # the first request of a worker fills its caches
    assert steady_queries([20, 22, 22, 20]) == 22  # a tie: the larger
    assert steady_queries([]) is None


@pytest.mark.django_db(databases="__all__")
def test_the_inzage_report_asks_about_a_person_the_other_pages_never_read(make_user):
    """The sample's person is read by the searches, the person overview and the newest cases' pages; the inzage
    report's person is the oldest case's, so its events do not grow with the bench's own runs."""
    from datetime import date

    from casework.bench.sample import sample
    from casework.models import Case
    from casework.scale.synthetic import bsn_for
    from tests.factories.casework import make_pga_case

    owner = make_user(role="procesregisseur")
    cases = [make_pga_case(owner=owner, bsn=bsn_for(3, index)) for index in range(3)]
    for number, case in enumerate(cases):
        Case.objects.filter(pk=case.pk).update(opened_on=date(2026, 1, 1 + number))
    found = sample(owner.username)
    assert found.bsn and found.quiet_bsn == cases[0].person.bsn != found.bsn
    assert cases[0].pk not in found.case_of_type.values()


@pytest.mark.django_db(databases="__all__")
def test_the_case_pages_sample_is_an_open_case_furthest_along_its_workflow(make_user):
    """The case page is measured on a case in progress (the most steps: its type's work with it), not on the
    newest, which is mostly a fresh referral; a closed case only when none is open."""
    from datetime import date

    from casework.bench.sample import sample
    from casework.models import Case
    from casework.pga import workflow as pga
    from tests.factories.casework import make_pga_case

    owner = make_user(role="procesregisseur")
    in_progress = make_pga_case(owner=owner, status=pga.PLAN)
    closed = make_pga_case(owner=owner, status=pga.AFGESLOTEN)
    fresh = make_pga_case(owner=owner)
    for number, case in enumerate((in_progress, closed, fresh)):
        Case.objects.filter(pk=case.pk).update(opened_on=date(2026, 1, 1 + number))
    assert sample(owner.username).case_of_type["pga"] == in_progress.pk
    Case.objects.filter(pk__in=[in_progress.pk, fresh.pk]).update(closed_on=date(2026, 2, 1))
    assert sample(owner.username).case_of_type["pga"] == closed.pk


@pytest.mark.django_db(databases="__all__")
def test_a_login_waits_for_the_next_code_when_this_ones_was_used(make_user, monkeypatch):
    """Two bench runs within one TOTP step: the second's login with the same code was refused (a code is accepted
    once), and five refusals locked the account. The bench waits for the next step instead."""
    from accounts.management.commands.totp import generator_of
    from casework.bench import runner
    from casework.management.commands import bench

    user = make_user()
    slept: list[float] = []
    monkeypatch.setattr(bench.time, "sleep", slept.append)
    monkeypatch.setattr(runner, "login", lambda port, username, password, code: (username, code))
    assert bench.Command._login(1, user.username, "pw") == (user.username, bench.current_code(user.device))
    assert slept == []  # the code of this step is fresh

    # the code accepted last: of the step after this one (the step may end meanwhile; the test must not depend on it)
    type(user.device).objects.filter(pk=user.device.pk).update(last_t=generator_of(user.device).t() + 1)
    bench.Command._login(1, user.username, "pw")
    assert len(slept) == 1 and 0.5 <= slept[0] <= user.device.step + 0.5
