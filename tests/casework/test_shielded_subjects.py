"""`person_roles.shielded_subjects`: which cases' main person is also a shielded party of that same case (a
source, a melder), read for a page of cases in one statement of fixed text (`_direct_rows`); it gives the
same rows as the ORM's query per role (`_role_rows`), on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from accounts.roles import PROCESREGISSEUR
from audit.history import save_with_reason
from casework import person_roles, registry
from casework.persons import person_register
from casework.services import case_create
from tests.testapps.exampletype.casetype import EXAMPLE_SOURCES
from tests.testapps.exampletype.models import ExampleSource


@pytest.mark.both_databases
@pytest.mark.django_db(databases="__all__")
def test_shielded_subjects_agree_with_the_orm(make_user):
    owner = make_user(role=PROCESREGISSEUR)
    people = [person_register(actor=owner, controller=owner.organisation, first_names="Test", surname=surname,
                              bsn=bsn)[0] for surname, bsn in (("Bron-Een", "111333507"), ("Bron-Twee", "123456782"))]

    def case(person):
        return case_create(case_type="example", owner=owner, controller=owner.organisation, person=person, by=owner,
                           reason="example registered")

    own_source, other_source, source_elsewhere, no_source = case(people[0]), case(people[0]), case(people[1]), \
        case(people[1])
    for about, source in ((own_source, people[0]), (other_source, people[1]), (no_source, people[0])):
        row = ExampleSource(case=about, data_key_id=about.data_key_id, person=source, statement="Verklaring")
        save_with_reason(row, reason="source recorded", user=owner)
    cases = [own_source, other_source, source_elsewhere, no_source]
    with CaptureQueriesContext(connections["default"]) as captured:
        assert person_roles.shielded_subjects(cases) == {own_source.pk: {EXAMPLE_SOURCES}}
    assert len(captured.captured_queries) == 1  # every registered shielded role has a foreign key to its case

    subjects = {one.pk: one.person_id for one in cases}
    roles = [role for spec in registry.types() for role in spec.shielded_roles if role.case_path]
    assert roles and all("__" not in role.case_path for role in roles)
    by_orm = {row for role in roles for row in person_roles._role_rows(role, subjects)}
    by_statement = set(person_roles._direct_rows(roles, subjects))
    assert by_statement == by_orm
    assert {(row[1], row[2]) for row in by_orm} == {(own_source.pk, people[0].pk), (other_source.pk, people[1].pk),
                                                    (no_source.pk, people[0].pk)}
    assert person_roles.shielded_subjects([]) == {}

