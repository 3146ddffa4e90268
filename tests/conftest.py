"""Shared fixtures: users with a role and a TOTP device, and a logged-in (two-factor) client."""

from __future__ import annotations

import contextlib
import itertools
import os
import time
from collections.abc import Iterator

import pytest
from django.db import connections, router
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY

from accounts import services
from accounts.management.commands.totp import current_code, generator_of
from accounts.middleware import LOGIN_TIME_KEY
from accounts.models import Organisation, User
from accounts.roles import PROCESREGISSEUR
from config import gc_tuning
from tests import dbtemplates
from tests.factories.accounts import OrganisationFactory
from tests.sweeps import register_hypothesis_profiles

TEST_PASSWORD = "correct-horse-battery-staple-42"
_counter = itertools.count(1)

register_hypothesis_profiles()  # deadline=None everywhere; a fixed sample unless TEST_FULL=1 (tests/sweeps.py)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix) -> Iterator[None]:
    """pytest-django's test databases start from the run's migrated templates (tests/dbtemplates.py),
    so its own migrate finds nothing to do: in-memory SQLite databases are filled from the template
    files, PostgreSQL ones are created with `CREATE DATABASE ... TEMPLATE`."""
    vendors = {connections[alias].vendor for alias in dbtemplates.ALIASES}
    if vendors == {"postgresql"}:
        templates = dbtemplates.pg_templates(os.environ["DATABASE_URL"])
        for alias in dbtemplates.ALIASES:
            connections[alias].settings_dict["TEST"]["TEMPLATE"] = templates[alias]
        yield
    elif vendors == {"sqlite"}:
        with dbtemplates.migrate_from_sqlite_template():
            yield
    else:
        yield


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Every test starts with an empty Django cache: an entry another test left behind (the navigation
    keeps its calendar five minutes) could otherwise expire in the middle of a query count."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def organisation(db) -> Organisation:
    return OrganisationFactory(name="Testgemeente Noord")


@pytest.fixture
def other_organisation(db) -> Organisation:
    return OrganisationFactory(name="Testpolitie Zuid", kind=Organisation.Kind.POLITIE)


@pytest.fixture
def make_user(db, organisation):
    """make_user(role=..., organisation=None, team=None, username=None) -> User with `.device` set."""

    def _make(role: str = PROCESREGISSEUR, organisation: Organisation | None = None, team=None,
              username: str | None = None) -> User:
        number = next(_counter)
        user, device = services.user_create(
            actor=None,
            organisation=organisation or _default_org(),
            username=username or f"testuser{number}",
            first_name="Test",
            last_name=f"Medewerker{number}",
            email=f"testuser{number}@example.invalid",
            role=role,
            team=team,
            password=TEST_PASSWORD,
        )
        user.device = device
        return user

    def _default_org() -> Organisation:
        return organisation

    return _make


def totp_now(user: User) -> str:
    return current_code(user.device)


def unused_totp_code(user: User) -> str:
    """A code the server accepts now and has not accepted before: the current step's, or for a second login of
    the same user within one 30-second step the next step's, which the device's tolerance of one step accepts
    (the server then keeps that step as the device's drift). Waits for a new step only when neither will do."""
    while True:
        device = type(user.device).objects.get(pk=user.device.pk)  # last_t and drift as the server left them
        now = time.time()
        for ahead in range(device.tolerance + 1):
            at = now + ahead * device.step
            if generator_of(device, at).t() > device.last_t:
                return current_code(device, at)
        time.sleep(1)


def login_client(client, user: User) -> None:
    """Log a test client in as if password and TOTP were verified in this session."""
    client.force_login(user, backend="accounts.backends.PasswordAndTOTPBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = user.device.persistent_id
    session[LOGIN_TIME_KEY] = time.time()
    session.save()


@pytest.fixture
def login():
    return login_client


@contextlib.contextmanager
def count_queries() -> Iterator[list]:
    """Capture queries on every database alias (an N+1 on the key store or audit hides otherwise)."""
    contexts = [CaptureQueriesContext(connections[alias]) for alias in connections]
    captured: list = []
    with contextlib.ExitStack() as stack:
        for context in contexts:
            stack.enter_context(context)
        yield captured
    for context in contexts:
        captured.extend(context.captured_queries)


def raw_rows(model) -> list[str]:
    """Every row of `model`'s table as the database holds it (repr of the raw values): for "no plaintext at rest"
    checks, which must not go through the model's decrypting fields."""
    with connections[router.db_for_read(model)].cursor() as cursor:
        cursor.execute(f'SELECT * FROM "{model._meta.db_table}"')  # noqa: S608 - table name from the model
        return [repr(row) for row in cursor.fetchall()]


# `make test-postgres` and `make test-browser` collect only the files that name their marker (the
# Makefile greps for `mark.postgres` / `mark.both_databases` / `mark.browser`), not all 2,000 tests in every
# worker. `both_databases`: a test the SQLite suite runs and the PostgreSQL suite runs again.
SUITE_MARKERS = ("postgres", "both_databases", "browser")


def _check_suite_markers(items) -> None:
    """A test that has a suite's marker some other way than by naming it in its file would be left out of
    that suite's run without a word: refuse it at collection."""
    hidden = sorted({str(item.path) for item in items for marker in SUITE_MARKERS
                     if marker in item.keywords and f"mark.{marker}" not in item.path.read_text()})
    if hidden:
        raise pytest.UsageError(f"write the suite's `pytest.mark.<marker>` in these files, or "
                                f"the Makefile's selection misses them: {hidden}")


def pytest_configure(config):
    """After a transactional test, the SQLite test databases are the migrated template again (no flush).
    The garbage collector collects the young generation later, as in production (config/gc_tuning.py)."""
    dbtemplates.restore_instead_of_flush()
    gc_tuning.collect_young_later()


def pytest_collection_finish(session):
    """Django, the app and the collected test modules live as long as the process: frozen out of the
    collector's view, a full collection during the tests scans only what the tests made (ADR 0055)."""
    gc_tuning.freeze_long_lived()


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need a PostgreSQL server: skip them on SQLite (make test-postgres runs them)."""
    _check_suite_markers(items)
    if connections["default"].vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: run `make test-postgres`")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def migrated_databases() -> None:
    """The databases exactly as migrated, data migrations' rows included, for a test marked
    `django_db(transaction=True, databases="__all__")`: a transactional test before it flushed them."""
    dbtemplates.restore_sqlite(dbtemplates.sqlite_template())


@pytest.fixture
def seeded_demo() -> Iterator[str]:
    """The databases as `seed_demo` leaves them (seeded once per run, tests/dbtemplates.py), for a test
    marked `django_db(transaction=True, databases="__all__")`; gives seed_demo's output. Afterwards the
    databases are the migrated template again."""
    dbtemplates.restore_sqlite(dbtemplates.demo_template())
    try:
        yield (dbtemplates.demo_template() / "seed_demo.txt").read_text()
    finally:
        dbtemplates.restore_sqlite(dbtemplates.sqlite_template())


_templates: dict[str, object] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request, tmp_path_factory):
    """pytest-django's set-up, then a copy of the freshly migrated databases (tests/templatedb.py)
    for tests that run the application in other processes."""
    from tests import templatedb

    wants_postgres = any("migrated_template" in getattr(item, "fixturenames", ()) for item in request.session.items)
    with django_db_blocker.unblock():
        templates = templatedb.snapshot(tmp_path_factory.mktemp("db-templates"), postgres=wants_postgres)
    _templates["current"] = templates
    yield
    if templates.postgres:
        with django_db_blocker.unblock():
            templatedb.drop_postgres_templates(templates)


@pytest.fixture(scope="session")
def migrated_template(django_db_setup):
    """Migrated databases to copy: `templatedb.sqlite_copy(...)` or `templatedb.postgres_copies(...)`."""
    return _templates["current"]
