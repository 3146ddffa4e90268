"""The case page's probe (casework/presence.py): one query tells which tables hold rows of the case; the page
reads no table the probe found empty, still shows what is there, and a case object that was not probed
answers "query it" (so a service writing and reading through the same object never sees a stale answer)."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest

from casework import presence
from casework.models import Case
from casework.pga.models import Agreement, PlanVersion
from casework.remedies.models import Announcement
from casework.woonoverlast import services
from casework.woonoverlast.categories import MELDERS
from casework.woonoverlast.models import BehaviouralOrder, Intention, Melding, Source, Zwartboek
from casework.woonoverlast.selectors.case_section import woonoverlast_section
from tests.casework.support import case_url
from tests.conftest import count_queries
from tests.factories.casework import make_pga_case, person_data
from tests.factories.woonoverlast import START, to_intention

pytestmark = pytest.mark.django_db(databases="__all__")
TABLE = re.compile(r'FROM "(\w+)"')


def tables_read(queries: list) -> set[str]:
    """The tables the queries read rows from (the probes, which name every table in EXISTS, aside)."""
    return {table for query in queries if not query["sql"].startswith("SELECT 0 WHERE EXISTS")
            for table in TABLE.findall(query["sql"])}


def test_the_probe_is_one_query_and_finds_the_tables_with_rows(case):
    probed = Case.objects.get(pk=case.pk)
    with count_queries() as queries:
        presence.probe(probed)
    assert len(queries) == 1
    assert presence.has_rows(probed, Melding)  # make_file adds one report
    assert not presence.has_rows(probed, Intention) and not presence.has_rows(probed, Zwartboek)
    assert presence.has_rows(Case.objects.get(pk=case.pk), Intention)  # not probed: query as before


def test_the_probe_reads_only_the_tables_of_the_cases_type_core_and_components(regisseur):
    pga_case = make_pga_case(owner=regisseur)
    tables = presence.tables_of(pga_case.case_type)
    assert Agreement in tables and PlanVersion in tables
    assert not {Melding, BehaviouralOrder} & set(tables)  # another case type's
    assert Announcement not in tables  # a component PGA does not use (legal remedies)
    presence.probe(pga_case)
    assert presence.has_rows(pga_case, Melding)  # not probed for this type: no claim, query as before


def test_the_case_page_reads_no_table_the_probe_found_empty_and_shows_what_is_there(client, login, officer, case):
    login(client, officer)
    client.get(case_url(case))
    with count_queries() as before:
        response = client.get(case_url(case))
    section = response.context["page"].section.data
    read = tables_read(before)
    assert "woonoverlast_melding" in read and len(section.meldingen) == 1
    assert not {"woonoverlast_intention", "woonoverlast_behaviouralorder", "woonoverlast_closure",
                "remedies_announcement", "penalties_forfeiture", "documents_document"} & read

    to_intention(case, by=officer)  # now the case has an intention: the page reads and shows it
    with count_queries() as after:
        response = client.get(case_url(case))
    read = tables_read(after)
    assert "woonoverlast_intention" in read
    assert len(response.context["page"].section.data.intentions) == 1
    # its term for a view is among the page's deadlines, read without the remedy tables it has no rows in (the
    # case page's deadlines ask the probe too)
    assert [due.kind for due in response.context["page"].section.deadlines] == ["woonoverlast_view_due"]
    assert not {"remedies_announcement", "remedies_objection", "remedies_urgentenforcement"} & read


def test_the_list_page_reads_only_tables_with_rows_of_its_cases_for_their_next_terms(client, login, officer, apv):
    from casework.woonoverlast.models import Intention
    from tests.factories.woonoverlast import make_file

    quiet, waiting = make_file(owner=officer), make_file(owner=officer)
    login(client, officer)
    url = "/cases/?case_type=woonoverlast"
    client.get(url)
    with count_queries() as before:
        response = client.get(url)
    rows = {row.case.pk: row for row in response.context["rows"]}
    assert rows[quiet.pk].next_deadline is None and rows[waiting.pk].next_deadline is None
    assert not {"woonoverlast_intention", "woonoverlast_closure", "remedies_announcement"} & tables_read(before)

    to_intention(waiting, by=officer)  # a view term now runs: the list asks the intentions and shows it
    with count_queries() as after:
        response = client.get(url)
    rows = {row.case.pk: row for row in response.context["rows"]}
    assert "woonoverlast_intention" in tables_read(after)
    assert rows[waiting.pk].next_deadline == Intention.objects.get(case=waiting).view_due_on
    assert rows[quiet.pk].next_deadline is None


@pytest.mark.both_databases
def test_a_list_pages_probe_answers_as_the_orm_with_its_statement_built_once(case, regisseur):
    """`exists_any` (a list page's probe: every table asked about the same ids) finds what the ORM finds, table by
    table, for one case, several and none with rows; its SQL is built once for the same tables."""
    other = make_pga_case(owner=regisseur)
    tables = [*presence.tables_of(case.case_type), *presence.tables_of(other.case_type)]
    tables = list(dict.fromkeys(tables))
    presence._exists_any_sql.cache_clear()
    answers = []
    for ids in ([case.pk], [other.pk], [case.pk, other.pk], [uuid.uuid4()]):
        found = presence.exists_any(tables, ids)
        assert found == [index for index, model in enumerate(tables) if model.objects.filter(case_id__in=ids)
                         .exists()]
        assert found == presence.exists_each([(model, {"case": ids}) for model in tables])
        answers.append(found)
    assert answers[0] and answers[1] and answers[0] != answers[1] and not answers[3]
    assert presence._exists_any_sql.cache_info().misses == (1 if presence.connections["default"].vendor ==
                                                            "postgresql" else 2)  # SQLite: one text per length
    assert presence.exists_any(tables, []) == [] and presence.exists_any([], [case.pk]) == []


def test_the_reports_by_source_are_counted_from_the_reports_read(client, login, officer, case):
    """Who sees the reports: their sources counted from the reports the page read (one read of the table); who
    sees the evidence but not the reporters: the same counts from the source column alone."""
    services.melding_register(actor=officer, case=case, melder=person_data(), source=Source.POLICE,
                              reported_on=START + timedelta(days=3), kind="noise",
                              description="Ruzie in het trappenhuis (testtekst).")
    expected = [(str(Source.NEIGHBOUR.label), 1), (str(Source.POLICE.label), 1)]
    login(client, officer)
    client.get(case_url(case))
    with count_queries() as queries:
        response = client.get(case_url(case))
    assert [table for query in queries if not query["sql"].startswith("SELECT 0 WHERE EXISTS")
            for table in TABLE.findall(query["sql"])].count("woonoverlast_melding") == 1
    assert response.context["page"].section.data.source_counts == expected

    class EvidenceOnly:
        def sees(self, category: str) -> bool:
            return category != MELDERS

    section = woonoverlast_section(case=Case.objects.get(pk=case.pk), case_access=EvidenceOnly())  # type: ignore[arg-type]
    assert section is not None and section.meldingen == [] and section.source_counts == expected
