"""`Case.person_restricted`, the database's copy of the person's restriction (AVG 18) that the visibility
filter tests (migration casework 0014, ADR 0046): it follows the person in every way a row can change, an
instance older than its row cannot undo it, and the migration fills it in for rows that exist. On SQLite and
on PostgreSQL (their triggers differ)."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.db import connections

from accounts.roles import PRIVACY_OFFICER, PROCESREGISSEUR
from audit.history import save_with_reason
from casework import access
from casework.models import Case, Person
from casework.privacy.restriction import restriction_apply, restriction_lift
from tests.factories.casework import TEST_BSNS, make_pga_case

MIGRATION = importlib.import_module("casework.migrations.0014_case_person_restricted")


def _copies(*cases: Case) -> list[bool]:
    rows = dict(Case.objects.filter(pk__in=[case.pk for case in cases]).values_list("pk", "person_restricted"))
    return [rows[case.pk] for case in cases]


@pytest.mark.both_databases
@pytest.mark.django_db(databases="__all__")
def test_the_copy_follows_the_person(make_user):
    regisseur = make_user(role=PROCESREGISSEUR)
    officer = make_user(role=PRIVACY_OFFICER)
    case = make_pga_case(owner=regisseur, bsn=TEST_BSNS[3], surname="Testpersoon-Beperkt")
    second = Case.objects.get(pk=make_pga_case(owner=regisseur).pk)
    second_person = second.person
    Case.objects.filter(pk=second.pk).update(person=case.person)  # two cases of one person
    other = make_pga_case(owner=regisseur, surname="Testpersoon-Vrij")
    stale = Case.objects.get(pk=case.pk)  # read before the restriction
    assert _copies(case, second, other) == [False, False, False]

    restriction_apply(actor=officer, person=case.person)
    assert _copies(case, second, other) == [True, True, False]
    assert set(access.visible_cases(regisseur)) == {other}
    # a save of an instance read before the restriction writes its old copy: the database keeps its own
    assert stale.person_restricted is False
    save_with_reason(stale, reason="test: an old instance saved", user=regisseur)
    assert _copies(case) == [True]
    Case.objects.filter(pk=case.pk).update(person_restricted=False)  # nor can an update say otherwise
    assert _copies(case) == [True]
    # a new case of a restricted person (inserted in bulk, as seeding does)
    [bulk] = Case.objects.bulk_create([Case(
        case_type="pga", reference="TEST-BEPERKT-0001", status=case.status, person_id=case.person_id,
        controller_id=case.controller_id, owner=regisseur, opened_on=case.opened_on, data_key_id=case.data_key_id)])
    assert _copies(bulk) == [True]
    # a case moved to a person who is not restricted, and back
    Case.objects.filter(pk=second.pk).update(person=second_person)
    assert _copies(second) == [False]
    Case.objects.filter(pk=second.pk).update(person=case.person)
    assert _copies(second) == [True]

    restriction_lift(actor=officer, person=Person.objects.get(pk=case.person_id))
    assert _copies(case, second, bulk, other) == [False, False, False, False]
    Person.objects.filter(pk=case.person_id).update(restricted=True)  # a bulk update of persons too
    assert _copies(case, second, bulk, other) == [True, True, True, False]

    # the migration: without its triggers the copy goes stale; installed again, it fills in what exists
    editor = SimpleNamespace(connection=connections["default"])  # what the migration's functions use of one
    MIGRATION.remove(None, editor)
    Case.objects.filter(pk__in=[case.pk, other.pk]).update(person_restricted=False)
    assert _copies(case, other) == [False, False]
    MIGRATION.install(None, editor)
    assert _copies(case, second, bulk, other) == [True, True, True, False]
    Person.objects.filter(pk=case.person_id).update(restricted=False)
    assert _copies(case, second, bulk) == [False, False, False]

