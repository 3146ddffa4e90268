"""`CompiledRows` (config/compiled_rows.py): rows read by id with SQL the ORM compiled once per shape. The
instances equal the ORM's for the same ids (order, annotations, joined rows loaded, deferred fields deferred),
on both databases; a builder whose SQL holds a value derived from the ids, or no id at all, is refused."""

from __future__ import annotations

import uuid

import pytest
from django.db.models import Count

from casework import selectors
from casework.models import Case
from casework.pga import workflow as pga_workflow
from config.compiled_rows import CompiledRows
from tests.conftest import count_queries
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")


def _shown(cases: list[Case]) -> list[tuple]:
    return [(case.pk, case.reference, case.status, case.owner.username, case.team_id and case.team.name,
             case.person.surname, getattr(case, "next_agreement_due", "absent"),
             getattr(case, "next_intervention_due", "absent"), case.get_deferred_fields())
            for case in cases]


@pytest.mark.both_databases
def test_the_rows_are_the_orms_for_every_shape_and_set_of_ids(regisseur, colleague):
    cases = [make_pga_case(owner=owner) for owner in (regisseur, colleague, regisseur, colleague)]
    make_pga_case(owner=regisseur, status=pga_workflow.TRIAGE)
    ids = [case.pk for case in cases]
    compiled = CompiledRows(lambda ids, case_type, ordering: selectors._case_rows_of(ids, case_type)
                            .order_by(*ordering))
    for case_type, ordering in (("", ("-opened_on", "reference")), ("pga", ("reference", "reference")),
                                ("pga", ("-status", "reference"))):
        for chosen in (ids[:3], ids[1:4], [ids[2], uuid.uuid4(), ids[0]], ids[3:]):
            expected = list(compiled.built(chosen, using="default", case_type=case_type, ordering=ordering))
            with count_queries() as queries:
                found = compiled.rows(chosen, using="default", case_type=case_type, ordering=ordering)
                joined = [(case.owner.username, case.team.name, case.person.pk) for case in found]
            assert len(queries) == 1 and len(joined) == len(found)  # owner, team and person came with the rows
            shown = _shown(found)
            assert shown == _shown(expected) and len(found) == len([pk for pk in chosen if pk in ids])
    assert compiled.rows([], using="default", case_type="", ordering=("reference",)) == []


def test_a_builder_whose_sql_holds_more_than_the_ids_is_refused():
    derived = CompiledRows(lambda ids: Case.objects.filter(pk__in=ids, reference=str(ids[0])))
    with pytest.raises(ValueError, match="derived from the ids"):
        derived.rows([uuid.uuid4()], using="default")
    without = CompiledRows(lambda ids: Case.objects.annotate(steps_count=Count("steps")))
    with pytest.raises(ValueError, match="not a parameter"):
        without.rows([uuid.uuid4()], using="default")


def test_a_case_type_registered_anew_drops_the_case_lists_compiled_rows(regisseur):
    """The rows' SQL holds the types' next-term annotations: a type registered again (with other providers) must
    not be read with SQL compiled before."""
    import dataclasses

    from casework import registry

    case = make_pga_case(owner=regisseur)
    selectors._page_rows([case.pk], ("reference",), case_type="")
    assert selectors._PAGE_ROWS._compiled
    original = registry.get("pga")
    try:
        registry.register(dataclasses.replace(original, list_annotations=None))
        assert not selectors._PAGE_ROWS._compiled
        (row,) = selectors._page_rows([case.pk], ("reference",), case_type="")
        assert not hasattr(row, "next_agreement_due")  # PGA's annotation gone with its provider
    finally:
        registry.register(original)
    (row,) = selectors._page_rows([case.pk], ("reference",), case_type="")
    assert hasattr(row, "next_agreement_due")


@pytest.mark.both_databases
def test_one_case_with_its_parties_is_read_in_one_query_or_none(regisseur):
    """The case page's and the API's first read: the case and its person, owner, team, controller and referring
    organisation in one query, as the ORM reads them; None for an id no case has."""
    case = make_pga_case(owner=regisseur)
    for _ in range(2):  # compiled on the first read, bound on the second
        with count_queries() as queries:
            found = selectors.case_with_parties(case.pk)
            parties = (found.person.pk, found.owner.username, found.team.name, found.controller.name,
                       found.referring_organisation)
        assert len(queries) == 1 and found == case
        assert parties == (case.person.pk, regisseur.username, regisseur.team.name, case.controller.name,
                           case.referring_organisation)
    assert selectors.case_with_parties(str(case.pk)) == case
    assert selectors.case_with_parties(uuid.uuid4()) is None


def test_a_bounded_cache_forgets_its_shapes_when_full_and_compiles_them_again(regisseur):
    """`max_shapes`: for a shape that holds a value which changes over time (a date), the kept shapes are forgotten
    at the bound, so a long-running process does not keep one per day; the rows stay the ORM's."""
    case = make_pga_case(owner=regisseur)
    built: list[str] = []

    def build(ids, reference):
        built.append(reference)
        return Case.objects.filter(pk__in=ids, reference__gte=reference).order_by("reference")

    compiled = CompiledRows(build, max_shapes=2)
    for reference in ("A", "B", "A", "C", "A"):
        assert [row.pk for row in compiled.rows([case.pk], using="default", reference=reference)] == [case.pk]
    # A and B compiled (two sample sets each), A kept; C found the cache full: forgotten, C compiled; A again
    assert built == ["A", "A", "B", "B", "C", "C", "A", "A"]
