"""Casework on PostgreSQL: the same visibility as on SQLite, and a main-database dump without plaintext.

Run under `python -m tests.pgserver -- .venv/bin/pytest -m postgres tests/casework -q`. The
visibility matrix is asserted on both databases (one unmarked test, one postgres-marked test,
against the same expected table), so the SQL filter cannot drift between them. The dump test
seeds the demo in throwaway databases through `manage.py` (pytest-django flushes with TRUNCATE,
which the audit triggers refuse, so committed data lives in databases this fixture drops); they
are copies of the session's migrated templates (tests/dbtemplates.py).
"""

from __future__ import annotations

import os
import subprocess
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connections
from django.utils import timezone
from guardian.shortcuts import assign_perm

from accounts.roles import HANDHAVER, KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER
from audit.activities import CHAIN_SHARING
from casework import access
from casework.breakglass import break_glass_open
from casework.sharing import share_create, share_revoke
from tests import dbtemplates, forkserver
from tests.commands import manage_command
from tests.factories.accounts import TeamFactory
from tests.factories.casework import make_pga_case

ROOT = Path(__file__).resolve().parents[2]

# user -> the cases they may see (names of the fixture below)
EXPECTED = {
    "owner": {"own", "team_mate", "shared", "revoked", "glass"},
    "team_mate": {"own", "team_mate", "shared", "revoked", "glass"},
    "other_team": {"granted", "other_team"},  # "granted" through a guardian grant, not the team
    "far": {"granted"},
    "lead": {"own", "team_mate", "shared", "revoked", "glass", "granted", "other_team"},
    "partner": {"shared"},
    "handhaver": {"glass"},
    "privacy": set(),
    "inactive": set(),
}


def _matrix(make_user, organisation, other_organisation) -> dict[str, set[str]]:
    team, team_b, team_c = (TeamFactory(organisation=organisation) for _ in range(3))
    users = {
        "owner": make_user(role=PROCESREGISSEUR, team=team), "team_mate": make_user(role=PROCESREGISSEUR, team=team),
        "other_team": make_user(role=PROCESREGISSEUR, team=team_b), "lead": make_user(role=TEAMLEIDER, team=team),
        "partner": make_user(role=KETENPARTNER, organisation=other_organisation),
        "handhaver": make_user(role=HANDHAVER), "privacy": make_user(role=PRIVACY_OFFICER),
        "inactive": make_user(role=PROCESREGISSEUR, team=team), "far": make_user(role=PROCESREGISSEUR, team=team_c),
    }
    cases = {name: make_pga_case(owner=users["owner"]) for name in ("own", "shared", "revoked", "glass")}
    cases["granted"] = make_pga_case(owner=users["far"])
    cases["team_mate"] = make_pga_case(owner=users["team_mate"])
    cases["other_team"] = make_pga_case(owner=users["other_team"])
    assign_perm("view_case", users["other_team"], cases["granted"])
    weighing = "Proportioneel en subsidiair gewogen voor deze test (voldoende lang)."
    ends = timezone.localdate() + timedelta(days=5)
    for name in ("shared", "revoked"):
        share = share_create(actor=users["owner"], case=cases[name], partner=other_organisation,
                             categories=["pga_plan"], processing_activity=CHAIN_SHARING, purpose="Test",
                             weighing=weighing, ends_on=ends)
    share_revoke(actor=users["owner"], share=share, reason="Test: ingetrokken")
    break_glass_open(user=users["handhaver"], case=cases["glass"], reason="Test: acute situatie gemeld.")
    users["inactive"].is_active = False
    users["inactive"].save(update_fields=["is_active"])
    names = {case.pk: name for name, case in cases.items()}
    return {
        name: {names[pk] for pk in access.visible_cases(user).values_list("pk", flat=True)}
        for name, user in users.items()
    }


@pytest.mark.django_db(databases="__all__")
def test_visible_cases_matrix_on_the_default_database(make_user, organisation, other_organisation):
    assert _matrix(make_user, organisation, other_organisation) == EXPECTED


@pytest.mark.postgres
@pytest.mark.django_db(databases="__all__")
def test_visible_cases_on_postgres_returns_the_same_rows_as_on_sqlite(make_user, organisation, other_organisation):
    assert connections["default"].vendor == "postgresql"
    assert _matrix(make_user, organisation, other_organisation) == EXPECTED


class ThrowawayDatabases:
    """Three fresh migrated databases on the test server (copies of the templates), dropped afterwards."""

    def __init__(self, tmp: Path) -> None:
        from config.environment import generate_key_file

        self.base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        self.pg_bin = Path(os.environ.get("PG_BIN", "/usr/bin"))
        self.prefix = f"zv_case_{uuid.uuid4().hex[:8]}"
        self.key_file = tmp / "keys.json"
        generate_key_file(self.key_file)
        self.names = [f"{self.prefix}_{alias}" for alias in ("main", "audit", "keys")]
        for alias, name in zip(dbtemplates.ALIASES, self.names, strict=True):
            dbtemplates.pg_clone(self.base, alias, name)

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"{self.base}/postgres", autocommit=True) as conn:
            conn.execute(sql)

    def drop(self) -> None:
        for name in self.names:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def manage(self, *args: str) -> str:
        env = {
            **os.environ, "DJANGO_ENV": "test", "FIELD_ENCRYPTION_KEY_FILE": str(self.key_file),
            "DATABASE_URL": f"{self.base}/{self.names[0]}", "AUDIT_DATABASE_URL": f"{self.base}/{self.names[1]}",
            "KEYS_DATABASE_URL": f"{self.base}/{self.names[2]}",
        }
        done = forkserver.run(manage_command(*args), cwd=ROOT, env=env, timeout=dbtemplates.PROCESS_TIMEOUT)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def dump_main(self) -> bytes:
        return subprocess.run([str(self.pg_bin / "pg_dump"), f"{self.base}/{self.names[0]}"], capture_output=True,
                              check=True, timeout=dbtemplates.PROCESS_TIMEOUT).stdout


@pytest.fixture
def throwaway(tmp_path):
    databases = ThrowawayDatabases(tmp_path)
    try:
        yield databases
    finally:
        databases.drop()


@pytest.mark.postgres
def test_a_pg_dump_of_the_main_database_holds_no_person_plaintext(throwaway):
    from casework.pga.demo import SURNAMES, demo_bsns

    assert "PGA cases (created): 30" in throwaway.manage("seed_demo")
    dump = throwaway.dump_main()
    assert b"PGA-" in dump  # the dump does hold the unencrypted columns (references)
    generator = demo_bsns()
    secrets = ["Testpersoon", *SURNAMES, "Demostraat", "Demo: zorgen over woonsituatie",
               *[next(generator) for _ in range(25)]]
    text = dump.decode("ascii", "replace")
    for secret in secrets:
        assert secret.encode() not in dump, secret
        # bytea is dumped as hex. A short secret's hex (three letters: six hex digits) also turns up by chance
        # in the dump's uuids and ciphertext, so the hex form is checked for secrets of eight bytes or more
        # (16 hex digits: no chance hit); a short one is checked as text above.
        if len(secret.encode()) >= 8:
            assert secret.encode().hex() not in text, secret


@pytest.mark.postgres
@pytest.mark.django_db(databases="__all__")
def test_the_presence_probe_on_postgres_answers_as_the_orm_and_is_prepared(make_user, organisation,
                                                                          other_organisation):
    """The probe sends each list of ids as one array parameter in a prepared statement (config/prepared.py);
    its answer must be the ORM's, table by table, for one case and for a page of cases."""
    from casework import presence

    owner = make_user(role=PROCESREGISSEUR)
    shared, glass, plain = (make_pga_case(owner=owner) for _ in range(3))
    share_create(actor=owner, case=shared, partner=other_organisation, categories=["pga_plan"],
                 processing_activity=CHAIN_SHARING, purpose="Test",
                 weighing="Proportioneel en subsidiair gewogen voor deze test (voldoende lang).",
                 ends_on=timezone.localdate() + timedelta(days=5))
    break_glass_open(user=make_user(role=HANDHAVER), case=glass, reason="Test: acute situatie gemeld.")
    tables = presence.case_tables()
    for ids in ([shared.pk], [glass.pk, plain.pk], [plain.pk], [shared.pk, glass.pk, plain.pk, uuid.uuid4()]):
        found = presence.exists_each([(model, {"case": ids}) for model in tables])
        expected = [index for index, model in enumerate(tables) if model.objects.filter(case_id__in=ids).exists()]
        assert found == expected
        assert found or ids == [plain.pk]
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE 'SELECT 0 WHERE EXISTS%%'")
        assert cursor.fetchone()[0] == 1  # one statement text for every list length
        # the ids sent once, one array every clause refers to, not once per table
        cursor.execute("SELECT parameter_types::text FROM pg_prepared_statements "
                       "WHERE statement LIKE 'SELECT 0 WHERE EXISTS%%'")
        assert cursor.fetchone()[0] == "{uuid[]}"


@pytest.mark.postgres
@pytest.mark.django_db(databases="__all__")
@pytest.mark.parametrize("case_type", ["", "pga"])
def test_a_case_lists_owner_and_team_paths_are_read_from_their_covering_indexes(make_user, organisation,
                                                                               case_type):
    """The case list's page query reads the owner's and the team's path from `case_owner_list_idx` and
    `case_team_list_idx` alone (ADR 0048): an index-only scan is possible, so each holds every column the
    query reads of a case. To ask for it, sequential and bitmap scans are switched off and every other index of
    the table is dropped in the test's transaction but the primary key: an index-only scan then costs less than
    a plain scan of the same index, whatever the table's statistics. (Switching index scans off as well switches
    off index-only scans too, and on a table of three rows that autovacuum had analysed a sequential scan won:
    the test failed in one run of `make test-full`.) Which scan PostgreSQL picks by itself depends on the table's
    size (docs/performance.md shows it at 1M)."""
    from casework import selectors
    from casework.paging import CountedPaginator

    team = TeamFactory(organisation=organisation)
    owner, mate = make_user(role=PROCESREGISSEUR, team=team), make_user(role=PROCESREGISSEUR, team=team)
    for user in (owner, mate, owner):
        make_pga_case(owner=user)

    def read():
        listed = selectors.case_list(user=owner, filters=selectors.CaseFilters(case_type=case_type))
        assert CountedPaginator(listed, 25).get_page(1).paginator.count == 3

    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                       "WHERE x.indrelid = 'casework_case'::regclass AND NOT x.indisprimary AND NOT EXISTS "
                       "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)")
        others = sorted({name for (name,) in cursor.fetchall()} - {"case_owner_list_idx", "case_team_list_idx"})
    assert "case_type_open_first_idx" in others
    _sql, plan = _list_plan(read, "WITH", ("enable_seqscan", "enable_bitmapscan"), without=tuple(others))
    assert "Index Only Scan using case_owner_list_idx" in plan, plan
    assert "Index Only Scan using case_team_list_idx" in plan, plan


@pytest.mark.postgres
@pytest.mark.django_db(databases="__all__")
@pytest.mark.parametrize("case_type", ["", "pga"])
def test_a_team_leads_list_reads_its_first_page_in_index_order_and_counts_to_the_cap(make_user, organisation,
                                                                                      case_type):
    """A team lead's organisation path reaches most cases: the page is the first rows of `case_opened_list_idx`
    that pass the filter (no sort of every case), and the count stops one case past the cap (ADR 0050). Sorting
    is switched off to ask for the index; at 1M PostgreSQL picks it by itself (docs/performance.md)."""
    from casework import paging, selectors
    from casework.paging import CountedPaginator

    owner = make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation))
    lead = make_user(role=TEAMLEIDER, organisation=organisation)
    for _index in range(3):
        make_pga_case(owner=owner)

    def read():
        listed = selectors.case_list(user=lead, filters=selectors.CaseFilters(case_type=case_type))
        assert CountedPaginator(listed, 25).get_page(1).paginator.count == 3

    sql, plan = _list_plan(read, "_list_count", ("enable_sort",))
    assert "Index Scan using case_opened_list_idx" in plan and "Sort" not in plan, plan
    assert f"LIMIT {paging.LIST_COUNT_CAP + 1}" in sql


@pytest.mark.postgres
@pytest.mark.django_db(databases="__all__")
def test_a_team_leads_signals_list_reads_its_page_in_the_order_of_an_index(make_user, organisation):
    """The signals list, open first and then the newest, for a team lead whose path reaches most signals: its
    page's ids are the first rows of `case_type_open_first_idx` that pass the filter, with no sort of every
    signal (ADR 0050). Sorting is switched off to ask for the index; at 1M PostgreSQL picks it by itself."""
    from casework.paging import CountedPaginator
    from casework.signals import selectors as signal_selectors
    from tests.casework.signals.factories import make_signal

    officer = make_user(role=HANDHAVER)
    lead = make_user(role=TEAMLEIDER, organisation=organisation)
    for _index in range(3):
        make_signal(officer)

    def read():
        assert CountedPaginator(signal_selectors.signal_pages(lead), 25).get_page(1).paginator.count == 3

    _sql, plan = _list_plan(read, "_list_count", ("enable_sort",))
    assert "using case_type_open_first_idx" in plan and "Sort" not in plan, plan


@pytest.mark.postgres
@pytest.mark.django_db(databases="__all__")
def test_a_team_leads_dashboard_reads_its_numbers_per_status_not_the_cases(make_user, organisation):
    """The team lead's dashboard shows its organisation's open cases per type and status: read from the numbers the
    database keeps (ADR 0057), by the organisation's index, not counted from the cases (at 1,000,000 cases an
    aggregate over 739,000 open ones). Sequential and bitmap scans are switched off to ask for the index (in a table
    of a few rows a scan costs less); the statement names no case table."""
    from casework import dashboards

    owner = make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation))
    lead = make_user(role=TEAMLEIDER, organisation=organisation)
    for _index in range(3):
        make_pga_case(owner=owner)

    def read():
        board = dashboards.teamleider_dashboard(user=lead)
        assert board.totals["organisation"] == 3

    sql, plan = _list_plan(read, "casework_opencasecount", ("enable_seqscan", "enable_bitmapscan"))
    assert "casework_case" not in sql.replace("casework_opencasecount", "")
    assert "open_case_count_key_idx" in plan, plan


@pytest.mark.postgres
@pytest.mark.django_db(databases="__all__")
def test_the_overdue_count_tests_each_case_by_the_indexes_of_its_open_terms(make_user, organisation):
    """"Mijn werk"'s overdue count (and the case list's deadline filters) test a PGA case for an open agreement or
    intervention past its date: by the partial indexes of a case's open terms (`agreement_open_case_due_idx`,
    `intervention_open_case_due_idx`), read without the table. Without them PostgreSQL read every open agreement of
    the database to hash it (21,000 at 1M cases: 25 ms of a filtered list). Sequential and bitmap scans are switched
    off to ask for the indexes (in a table of a few rows a scan costs less)."""
    from casework import worklist
    from casework.pga.models import Agreement
    from casework.pga.services.conferences import agreement_record

    owner = make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation))
    case = make_pga_case(owner=owner)
    agreement = agreement_record(actor=owner, case=case, description="Afspraak (test)",
                                 owner_organisation=organisation, due_on=timezone.localdate() + timedelta(days=3))
    Agreement.objects.filter(pk=agreement.pk).update(due_on=timezone.localdate() - timedelta(days=3))

    def read():
        assert worklist.overdue_count(owner) == 1

    _sql, plan = _list_plan(read, "pga_agreement", ("enable_seqscan", "enable_bitmapscan"))
    assert "Index Only Scan using agreement_open_case_due_idx" in plan, plan
    assert "Index Only Scan using intervention_open_case_due_idx" in plan, plan


def _list_plan(read, marker: str, switched_off: tuple[str, ...], without: tuple[str, ...] = ()) -> tuple[str, str]:
    """The statement `read()` runs whose SQL holds `marker`, and its plan with the planner settings `switched_off`
    and the indexes `without` dropped in the test's transaction (to ask whether an index can serve it: which
    PostgreSQL picks by itself depends on the table's size)."""
    statements = []

    def capture(execute, sql, params, many, context):
        if marker in sql:
            statements.append((sql, params))
        return execute(sql, params, many, context)

    connection = connections["default"]
    with connection.execute_wrapper(capture):
        read()
    ((sql, params),) = statements
    with connection.cursor() as cursor:
        for index in without:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(index)}")
        for setting in switched_off:
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return sql, "\n".join(row[0] for row in cursor.fetchall())
