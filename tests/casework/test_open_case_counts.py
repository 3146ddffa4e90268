"""The open cases per organisation, type and status as the database counts them (migration casework 0020, ADR 0057):
the kept numbers equal a count of the cases after every way a case row can change, on SQLite and PostgreSQL (their
triggers differ); the fold keeps them; the team lead's dashboard shows them; the job checks and rewrites them."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connections, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.roles import PRIVACY_OFFICER, TEAMLEIDER
from audit.history import delete_with_reason, save_with_reason
from casework import access, counts, dashboards
from casework.models import Case, OpenCaseCount, Person
from casework.pga import workflow as pga
from casework.privacy.restriction import restriction_apply, restriction_lift
from tests.factories.casework import clone_cases, make_pga_case
from tests.sweeps import examples

MIGRATION = importlib.import_module("casework.migrations.0020_open_case_counts")
STATUSES = (pga.AANGEMELD, pga.TRIAGE, pga.UITVOERING)
TYPES = ("pga", "damocles")


def _kept(controller_id) -> dict[tuple[str, str], int]:
    return {(case_type, status): n for case_type, status, n in counts.open_case_counts(controller_id)}


def _counted(controller_id) -> dict[tuple[str, str], int]:
    return {(case_type, status): n for (_, case_type, status), n in counts.counted_from_cases(controller_id).items()}


# --- every way a case row changes, in random order --------------------------------------------------------------

OPERATIONS = st.lists(st.one_of(
    st.tuples(st.just("insert"), st.integers(1, 3), st.sampled_from(TYPES), st.sampled_from(STATUSES),
              st.integers(0, 1), st.integers(0, 1), st.booleans()),
    st.tuples(st.just("status"), st.integers(0, 20), st.sampled_from(STATUSES)),
    st.tuples(st.just("status_of_all"), st.sampled_from(TYPES), st.sampled_from(STATUSES)),
    st.tuples(st.just("close"), st.integers(0, 20)),
    st.tuples(st.just("reopen"), st.integers(0, 20)),
    st.tuples(st.just("move"), st.integers(0, 20), st.integers(0, 1)),
    st.tuples(st.just("save"), st.integers(0, 20), st.sampled_from(STATUSES)),
    st.tuples(st.just("restrict"), st.integers(0, 1), st.booleans()),
    st.tuples(st.just("to_person"), st.integers(0, 20), st.integers(0, 1)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("fold")),
), max_size=14)


@dataclass
class World:
    template: Case
    organisations: list
    persons: list
    inserted: int = 0

    def insert(self, number: int, case_type: str, status: str, organisation: int, person: int, closed: bool) -> None:
        self.inserted += number
        clone_cases(self.template, number, reference=f"TEL-{self.inserted}-{{n}}", case_type=case_type,
                    status=status, controller_id=self.organisations[organisation].pk,
                    person_id=self.persons[person].pk, closed_on=self.template.opened_on if closed else None)


def _save(target: Case, status: str) -> None:
    target.status = status  # a save writes every column, as the services' do
    save_with_reason(target, reason="test: a case saved whole", user=target.owner)


def _rows(target: Case) -> Any:
    return Case.objects.filter(pk=target.pk)


UNTARGETED: dict[str, Callable[..., Any]] = {
    "insert": World.insert,
    "status_of_all": lambda world, case_type, status: Case.objects.filter(
        reference__startswith="TEL-", case_type=case_type).update(status=status),
    "restrict": lambda world, person, restricted: Person.objects.filter(
        pk=world.persons[person].pk).update(restricted=restricted),
    "fold": lambda world: counts.fold(),
}
TARGETED: dict[str, Callable[..., Any]] = {
    "status": lambda world, target, status: _rows(target).update(status=status),
    "close": lambda world, target: _rows(target).update(closed_on=target.opened_on + timedelta(days=1)),
    "reopen": lambda world, target: _rows(target).update(closed_on=None),
    "move": lambda world, target, organisation: _rows(target).update(
        controller_id=world.organisations[organisation].pk),
    "save": lambda world, target, status: _save(target, status),
    "to_person": lambda world, target, person: _rows(target).update(person_id=world.persons[person].pk),
    "delete": lambda world, target: delete_with_reason(target, reason="test: a case deleted", user=target.owner),
}


def _apply(operation: tuple, world: World) -> None:
    kind, *args = operation
    if kind in UNTARGETED:
        UNTARGETED[kind](world, *args)
        return
    cases = list(Case.objects.filter(reference__startswith="TEL-").order_by("reference"))
    if cases:
        index, *rest = args
        TARGETED[kind](world, cases[index % len(cases)], *rest)


def run_property(max_examples: int, organisations: list, template: Case) -> None:
    persons = [template.person, make_pga_case(owner=template.owner).person]

    @settings(max_examples=examples(max_examples), deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(operations=OPERATIONS)
    def check(operations: list[tuple]) -> None:
        with transaction.atomic():
            world = World(template, organisations, persons)
            for operation in operations:
                _apply(operation, world)
                assert counts.drift() == {}, operation
            transaction.set_rollback(True)

    check()


@pytest.mark.both_databases
@pytest.mark.django_db(databases="__all__")
def test_the_kept_numbers_follow_every_change_of_a_case(make_user, organisation, other_organisation):
    template = make_pga_case(owner=make_user())
    run_property(max_examples=60, organisations=[organisation, other_organisation], template=template)
    assert counts.drift() == {}


# --- the fold, the migration, the job ---------------------------------------------------------------------------

@pytest.mark.both_databases
@pytest.mark.django_db(databases="__all__")
def test_the_fold_leaves_one_row_a_key_and_the_same_numbers(make_user, organisation):
    owner = make_user()
    case = make_pga_case(owner=owner)  # appended on insert, and again on each step of the walk
    clone_cases(case, 5, reference="TEL-A-{n}")
    clone_cases(case, 2, reference="TEL-B-{n}", status=pga.TRIAGE)
    Case.objects.filter(reference__startswith="TEL-B-").update(closed_on=case.opened_on)  # triage: 0 again
    before = _kept(organisation.pk)
    assert before == _counted(organisation.pk) == {("pga", pga.AANGEMELD): 6}
    assert OpenCaseCount.objects.count() > 1

    folded = counts.fold()
    assert folded > 1
    assert _kept(organisation.pk) == before
    assert list(OpenCaseCount.objects.values_list("case_type", "status", "n")) == [("pga", pga.AANGEMELD, 6)]
    assert counts.fold() == 1  # nothing more to sum
    assert OpenCaseCount.objects.count() == 1


@pytest.mark.both_databases
@pytest.mark.django_db(databases="__all__")
def test_the_migration_counts_the_cases_there(make_user, organisation):
    owner = make_user()
    clone_cases(make_pga_case(owner=owner), 3, reference="TEL-{n}")
    editor = SimpleNamespace(connection=connections["default"])  # what the migration's functions use of one
    MIGRATION.remove(None, editor)
    assert OpenCaseCount.objects.count() == 0
    clone_cases(make_pga_case(owner=owner), 2, reference="TEL-NA-{n}")  # not counted without the triggers
    assert _kept(organisation.pk) == {}
    assert counts.drift() == {(organisation.pk, "pga", pga.AANGEMELD): (0, 7)}
    MIGRATION.install(None, editor)
    assert _kept(organisation.pk) == _counted(organisation.pk) == {("pga", pga.AANGEMELD): 7}
    Case.objects.filter(reference="TEL-0").update(status=pga.TRIAGE)  # and the triggers count again
    assert _kept(organisation.pk) == {("pga", pga.AANGEMELD): 6, ("pga", pga.TRIAGE): 1}


@pytest.mark.both_databases
@pytest.mark.django_db(databases="__all__")
def test_the_job_folds_checks_and_recounts(make_user, organisation):
    case = make_pga_case(owner=make_user())
    call_command("fold_open_case_counts", stdout=(out := _Out()))
    assert "folded" in out.text
    call_command("fold_open_case_counts", "--check", stdout=(out := _Out()))
    assert "agree" in out.text
    OpenCaseCount.objects.create(controller_id=organisation.pk, case_type="pga", status=pga.TRIAGE, n=2)
    with pytest.raises(CommandError) as refused:
        call_command("fold_open_case_counts", "--check")
    assert f"pga/{pga.TRIAGE} of {organisation.pk}: kept 2, counted 0" in str(refused.value)
    assert case.reference not in str(refused.value)  # numbers, never a case
    call_command("fold_open_case_counts", "--recount", stdout=_Out())
    assert counts.drift() == {}
    assert _kept(organisation.pk) == {("pga", pga.AANGEMELD): 1}


def test_the_job_refuses_check_and_recount_together():
    with pytest.raises(CommandError, match="not allowed with argument"):
        call_command("fold_open_case_counts", "--check", "--recount")


class _Out:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


# --- the team lead's dashboard ----------------------------------------------------------------------------------

@pytest.mark.django_db(databases="__all__")
def test_the_team_leads_counts_are_its_visible_open_cases(make_user, organisation, other_organisation):
    lead = make_user(role=TEAMLEIDER)
    officer = make_user(role=PRIVACY_OFFICER)
    regisseur = make_user()
    in_triage = make_pga_case(owner=regisseur, status=pga.TRIAGE)
    make_pga_case(owner=regisseur)
    restricted = make_pga_case(owner=regisseur)
    closed = make_pga_case(owner=regisseur)
    Case.objects.filter(pk=closed.pk).update(closed_on=date.today())
    make_pga_case(owner=make_user(organisation=other_organisation))  # another organisation's
    restriction_apply(actor=officer, person=restricted.person)

    board = dashboards.teamleider_dashboard(user=lead)
    shown = {label: n for label, n in board.status_counts}
    visible = access.visible_cases(lead).filter(controller_id=organisation.pk, closed_on__isnull=True)
    assert sum(shown.values()) == board.totals["organisation"] == visible.count() == 2
    assert list(shown.values()) == [1, 1] and len(shown) == 2
    assert in_triage in visible

    restriction_lift(actor=officer, person=Person.objects.get(pk=restricted.person_id))
    assert dashboards.teamleider_dashboard(user=lead).totals["organisation"] == visible.all().count() == 3
