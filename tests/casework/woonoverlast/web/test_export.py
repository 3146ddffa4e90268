"""The woonoverlast file list as CSV (casework/woonoverlast/selectors/export.py and the view): formula
injection escaped (the core's csv_export), one `export` event per file and its subject, figures only
for the categories shared with the reader, the same number of queries for 10 or 200 files."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import KETENPARTNER, PROCESREGISSEUR
from audit.activities import CHAIN_SHARING
from audit.models import AuditEvent
from casework.models import Case
from casework.sharing import share_create
from casework.woonoverlast import workflow as wf
from tests.conftest import count_queries
from tests.factories.casework import clone_cases

pytestmark = pytest.mark.django_db(databases="__all__")
CSV = reverse("casework:woonoverlast_overview_csv")


def _rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def _clone(case: Case, count: int, reference: str = "WOV-2026-9{n:03d}") -> None:
    clone_cases(case, count, reference=reference, status=wf.MELDINGEN)


def test_the_export_lists_the_files_with_their_figures_and_audits_each(client, login, officer, case):
    login(client, officer)
    response = client.get(CSV)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    (row,) = _rows(response)
    assert row["reference"] == case.reference and row["reports_neighbour"] == "1" and row["reports_police"] == "0"
    assert row["gedragsaanwijzingen_imposed"] == "0" and row["closed_until"] == ""
    (event,) = AuditEvent.objects.filter(action="export", case_id=str(case.pk), reason="woonoverlast overview csv")
    assert event.subject_pseudonym  # the file's subject, pseudonymised


def test_a_cell_that_starts_a_formula_is_escaped(client, login, officer, case):
    _clone(case, 1, reference="=HYPERLINK(1)-9{n:03d}")
    login(client, officer)
    text = client.get(CSV).content.decode()
    assert "'=HYPERLINK(1)-9000" in text and "\n=HYPERLINK" not in text


def test_a_partner_gets_only_the_figures_of_the_categories_shared(client, login, make_user, officer, case,
                                                                  other_organisation):
    share_create(actor=officer, case=case, partner=other_organisation, categories=["woonoverlast_decisions"],
                 processing_activity=CHAIN_SHARING, purpose="Aanpak woonoverlast (test).",
                 weighing="Alleen de besluiten; de meldingen zijn voor de partner niet nodig (test).",
                 ends_on=timezone.localdate() + timedelta(days=30))
    partner = make_user(role="handhaver", organisation=other_organisation)
    login(client, partner)
    (row,) = _rows(client.get(CSV))
    assert row["reference"] == case.reference and row["reports_neighbour"] == "" and row["closures_imposed"] == "0"


def test_the_export_is_for_officers_and_leads(client, login, make_user, case):
    for role in (PROCESREGISSEUR, KETENPARTNER):
        login(client, make_user(role=role))
        assert client.get(CSV).status_code == 403


@pytest.mark.parametrize("rows", [10, 200])
def test_the_export_costs_the_same_queries_for_10_or_200_files(client, login, officer, case, rows):
    login(client, officer)
    client.get(CSV)
    with count_queries() as one:
        assert client.get(CSV).status_code == 200
    _clone(case, rows)
    with count_queries() as many:
        response = client.get(CSV)
    assert len(_rows(response)) == rows + 1
    assert len(many) == len(one)
