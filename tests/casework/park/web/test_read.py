"""The park overview (filters, pagination, constant queries, audited list and CSV), the park deadline
overview, the handhaver dashboard's limitation warnings, the park part of the case page and the
object dossier: who may see them, what they show, and the audit events they write."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework import selectors
from casework.models import Case
from casework.park.models import PenaltyOrder
from casework.park.selectors import overview
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.casework.park.web.support import file_with_forfeiture, park_url
from tests.casework.support import case_url
from tests.conftest import count_queries
from tests.factories.casework import clone_cases
from tests.factories.files import PNG
from tests.factories.park import (
    announce_all,
    inspect,
    make_object,
    make_park_case,
    make_person,
    to_intention,
    walk_to_order,
)

pytestmark = pytest.mark.django_db(databases="__all__")
OVERVIEW = reverse("casework:park_overview")


def test_overview_lists_objects_with_open_files_and_records_one_event_per_file(client, login, handhaver, lead,
                                                                                park):
    with_forfeiture, _order, forfeiture = file_with_forfeiture(handhaver, lead, park=park, number="B-017")
    plain = make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park, number="C-002"),
                           person=make_person(handhaver))
    make_object(actor=handhaver, park=park, number="D-999")  # no file: not listed
    login(client, handhaver)
    response = client.get(OVERVIEW)
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("B-017", "C-002", with_forfeiture.reference, plain.reference, "Testpark Rhederlaagse Meren"):
        assert text in html, text
    assert "D-999" not in html
    assert forfeiture.limitation_date.strftime("%Y") in html
    listed = events(action="list", reason="park overview")
    assert {e.case_id for e in listed} == {str(with_forfeiture.pk), str(plain.pk)}
    assert {e.subject_pseudonym for e in listed} == {subject_pseudonym(c.person_id) for c in (with_forfeiture, plain)}
    # filters: only objects with open forfeitures, or with a limitation date within a month
    html = client.get(OVERVIEW, {"forfeitures": "on"}).content.decode()
    assert "B-017" in html and "C-002" not in html
    html = client.get(OVERVIEW, {"limitation": "31"}).content.decode()
    assert "B-017" not in html and "C-002" not in html  # 65 days away: not within a month
    html = client.get(OVERVIEW, {"number": "c-00"}).content.decode()
    assert "C-002" in html and "B-017" not in html


def _clone_objects(case: Case, count: int) -> None:
    """`count` more objects of the same park, each with an open file of the same owner (bulk: the overview reads
    the objects, their files' case rows and the figures; no sealed field is set)."""
    from casework.park import workflow as park_workflow
    from casework.park.models import ParkFile, RecreationObject

    first = case.park.object
    objects = RecreationObject.objects.bulk_create([
        RecreationObject(data_key_id=first.data_key_id, park=first.park, number=f"Z-{n:03d}", kind=first.kind)
        for n in range(count)])
    cases = clone_cases(case, count, reference="PARK-2026-9{n:03d}", status=park_workflow.CONSTATERING)
    ParkFile.objects.bulk_create([ParkFile(data_key_id=clone.data_key_id, case=clone, object=obj)
                                  for clone, obj in zip(cases, objects, strict=True)])


@pytest.mark.parametrize("rows", [10, 200])
def test_overview_costs_the_same_number_of_queries_for_10_or_200_objects(client, login, handhaver, lead, park, rows):
    with_forfeiture, _order, _forfeiture = file_with_forfeiture(handhaver, lead, park=park)
    login(client, handhaver)
    client.get(OVERVIEW)
    with count_queries() as one:
        assert client.get(OVERVIEW).status_code == 200
    _clone_objects(with_forfeiture, rows)
    with count_queries() as many:
        response = client.get(OVERVIEW)
    assert len(response.context["rows"]) == min(rows + 1, overview.PAGE_SIZE)
    assert response.context["page"].paginator.count == rows + 1
    assert len(many) == len(one)
    assert len(events(action="list", reason="park overview")) == 1 + 1 + min(rows + 1, overview.PAGE_SIZE)


def test_overview_is_paginated(client, login, handhaver, park, monkeypatch):
    monkeypatch.setattr(overview, "PAGE_SIZE", 2)
    for number in ("A-1", "A-2", "A-3"):
        make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park, number=number))
    login(client, handhaver)
    first = client.get(OVERVIEW)
    assert len(first.context["rows"]) == 2 and "page=2" in first.content.decode()
    second = client.get(OVERVIEW, {"page": 2})
    assert [row.object.number for row in second.context["rows"]] == ["A-3"]


def test_past_its_cap_the_overview_says_more_than_and_asks_for_a_filter(client, login, handhaver, park, monkeypatch):
    """The count stops at `OVERVIEW_COUNT_CAP` (issue 15: a team lead's 40,000 objects with an open file); the list
    names the cap and no page reaches past it; a filter that narrows below the cap counts exactly again."""
    monkeypatch.setattr(overview, "OVERVIEW_COUNT_CAP", 2)
    for number in ("A-1", "A-2", "B-1"):
        make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park, number=number))
    login(client, handhaver)
    response = client.get(OVERVIEW)
    body = response.content.decode()
    assert "Meer dan 2 objecten" in body and "Verfijn de lijst met de filters" in body
    assert response.context["page"].paginator.count == 2 and len(response.context["rows"]) == 2
    narrowed = client.get(OVERVIEW, {"number": "A-"})
    assert narrowed.context["page"].paginator.count == 2 and not narrowed.context["page"].paginator.object_list.capped
    assert "Meer dan" not in narrowed.content.decode()


def test_overview_refuses_other_roles_and_hides_other_organisations(client, login, handhaver, regisseur,
                                                                     other_org_handhaver, park):
    case = make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park, number="B-001"))
    login(client, regisseur)
    assert client.get(OVERVIEW).status_code == 403
    assert client.get(park_url("overview_csv")).status_code == 403
    login(client, other_org_handhaver)
    response = client.get(OVERVIEW)
    assert response.status_code == 200 and "B-001" not in response.content.decode()
    assert not events(case_id=str(case.pk), action="list").exists()


def test_csv_export_is_audited_per_file_and_holds_no_names(client, login, handhaver, lead, park):
    case, _order, forfeiture = file_with_forfeiture(handhaver, lead, park=park, number="B-017")
    login(client, handhaver)
    response = client.get(park_url("overview_csv"), {"forfeitures": "on"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert case.reference in body and "B-017" in body and forfeiture.limitation_date.isoformat() in body
    assert case.person.surname not in body
    exported = events(action="export", reason="park overview csv")
    assert [(e.case_id, e.subject_pseudonym) for e in exported] == [(str(case.pk), subject_pseudonym(case.person_id))]


def test_deadline_overview_lists_limitation_dates_with_their_basis(client, login, handhaver, lead,
                                                                  other_org_handhaver, park):
    case, _order, forfeiture = file_with_forfeiture(handhaver, lead, park=park)
    login(client, handhaver)
    response = client.get(park_url("deadlines"))
    assert response.status_code == 200
    limitation = response.context["overview"].limitation
    assert [(d.case.pk, d.kind, d.due_on) for d in limitation] == [
        (case.pk, overview.LIMITATION_DATE, forfeiture.limitation_date)]
    assert "Awb 5:35, 5:37a" in response.content.decode()
    assert events(action="list", reason="park deadlines", case_id=str(case.pk)).exists()
    login(client, other_org_handhaver)
    assert case.reference not in client.get(park_url("deadlines")).content.decode()


def test_dashboard_warns_three_months_and_one_month_before_the_limitation_date(client, login, handhaver, lead,
                                                                             park):
    soon, _o1, _f1 = file_with_forfeiture(handhaver, lead, park=park, limitation_in_days=20)
    later, _o2, _f2 = file_with_forfeiture(handhaver, lead, park=park, limitation_in_days=80)
    far, _o3, _f3 = file_with_forfeiture(handhaver, lead, park=park, limitation_in_days=200)
    login(client, handhaver)
    response = client.get(reverse("dashboard"))
    warnings = {w.forfeiture.case_id: w.level for w in response.context["board"].contribution("park").extra}
    assert warnings == {soon.pk: "one_month", later.pk: "three_months"}
    html = response.content.decode()
    assert soon.reference in html and later.reference in html


def test_case_page_shows_the_park_part_to_the_owner_and_refuses_another_organisation(
        client, login, handhaver, lead, other_org_handhaver, park):
    case, order, forfeiture = file_with_forfeiture(handhaver, lead, park=park, number="B-017")
    login(client, handhaver)
    response = client.get(case_url(case))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("B-017", "Testpark Rhederlaagse Meren", order.remedy, "Awb 5:33",
                 park_url("forfeiture_create", case), park_url("inspection_create", case)):
        assert text in html, text
    assert response.context["page"].section.data.forfeitures == [forfeiture]
    login(client, other_org_handhaver)
    assert client.get(case_url(case)).status_code == 403
    assert client.get(park_url("inspection_create", case)).status_code == 403
    assert events(action="access_denied", case_id=str(case.pk)).count() == 2


def test_object_dossier_for_officers_of_the_park_only_with_one_view_event_per_person(
        client, login, handhaver, other_org_handhaver, park):
    owner = make_person(handhaver, surname="Testeigenaar")
    obj = make_object(actor=handhaver, park=park, number="B-044", owner_person=owner, postcode="9999 XX",
                      house_number="44", street="Recreatielaan", city="Demodorp")
    url = park_url("object_detail", object_id=obj.pk)
    login(client, handhaver)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Testeigenaar" in html and "Recreatielaan 44" in html
    viewed = events(action="view", object_type="park.RecreationObject", object_id=str(obj.pk))
    assert [e.subject_pseudonym for e in viewed] == [subject_pseudonym(owner.pk)]
    login(client, other_org_handhaver)
    assert client.get(url).status_code == 403
    assert events(action="access_denied", object_id=str(park.pk)).count() == 1




def test_a_partner_sees_only_the_shared_park_categories_and_photos_are_audited_exports(
        client, login, handhaver, lead, park, make_user):
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import Organisation
    from accounts.roles import KETENPARTNER
    from audit.activities import CHAIN_SHARING
    from casework.park.categories import PARK_INSPECTIONS
    from casework.park.services import inspection_record
    from casework.sharing import share_create
    from tests.factories.accounts import OrganisationFactory

    case, order, _forfeiture = file_with_forfeiture(handhaver, lead, park=park, number="B-017")
    inspection = inspection_record(actor=handhaver, case=case, inspected_on=timezone.localdate(),
                                   officers=[handhaver], sources=["observation"], findings="Foto van de auto (test).",
                                   photos=[(PNG, "image/png", "Auto bij chalet")])
    photo = inspection.photos.get()
    partner_org = OrganisationFactory(name="Testpolitie Park", kind=Organisation.Kind.POLITIE)
    partner = make_user(role=KETENPARTNER, organisation=partner_org)
    share_create(actor=handhaver, case=case, partner=partner_org, categories=[PARK_INSPECTIONS],
                 processing_activity=CHAIN_SHARING, purpose="Afstemming handhaving (test)",
                 weighing="Deling is nodig voor de gezamenlijke controle; minder gegevens volstaan niet (test).",
                 ends_on=timezone.localdate() + timedelta(days=30))
    photo_url = park_url("photo_download", case, photo_id=photo.pk)
    login(client, partner)
    html = client.get(case_url(case)).content.decode()
    assert "Foto van de auto (test)." in html and photo_url in html
    assert order.remedy not in html and "Awb 5:33" not in html and case.person.surname not in html
    response = client.get(photo_url)
    assert response.status_code == 200 and response.content.startswith(b"\x89PNG")
    assert response["Content-Disposition"].startswith("attachment;") and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    export = events(action="export", object_type="park.InspectionPhoto").get()
    assert export.case_id == str(case.pk) and export.subject_pseudonym == subject_pseudonym(case.person_id)
    assert client.get(park_url("forfeiture_create", case)).status_code == 403  # read-only through a share


def test_deadline_page_costs_the_same_number_of_queries_for_one_or_three_files(client, login, handhaver, lead, park):
    file_with_forfeiture(handhaver, lead, park=park)
    login(client, handhaver)
    client.get(park_url("deadlines"))
    with count_queries() as one:
        client.get(park_url("deadlines"))
    file_with_forfeiture(handhaver, lead, park=park)
    file_with_forfeiture(handhaver, lead, park=park)
    with count_queries() as three:
        response = client.get(park_url("deadlines"))
    assert len(response.context["overview"].cases_shown()) == 3
    assert len(three) == len(one)


def test_timeline_shows_park_changes_by_category(client, login, handhaver, lead, park, make_user):
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import Organisation
    from accounts.roles import KETENPARTNER
    from audit.activities import CHAIN_SHARING
    from casework.park.categories import PARK_INSPECTIONS
    from casework.sharing import share_create
    from tests.factories.accounts import OrganisationFactory

    case, _order, _forfeiture = file_with_forfeiture(handhaver, lead, park=park)
    login(client, handhaver)
    models = {entry.detail.get("model") for entry in client.get(case_url(case)).context["page"].timeline}
    partner_org = OrganisationFactory(name="Testprovincie Park", kind=Organisation.Kind.PROVINCIE)
    partner = make_user(role=KETENPARTNER, organisation=partner_org)
    share_create(actor=handhaver, case=case, partner=partner_org, categories=[PARK_INSPECTIONS],
                 processing_activity=CHAIN_SHARING, purpose="Afstemming handhaving (test)",
                 weighing="Deling is nodig voor de gezamenlijke controle; minder gegevens volstaan niet (test).",
                 ends_on=timezone.localdate() + timedelta(days=30))
    login(client, partner)
    partner_models = {str(entry.detail.get("model")) for entry in
                      client.get(case_url(case)).context["page"].timeline if entry.detail.get("model")}
    owner_models = {str(m) for m in models if m}
    from casework.park.models import Forfeiture, Inspection

    assert str(Inspection._meta.verbose_name) in partner_models
    forfeiture = str(Forfeiture._meta.verbose_name)
    assert forfeiture in owner_models and forfeiture not in partner_models


def test_csv_export_escapes_cells_a_spreadsheet_would_run_as_a_formula(client, login, handhaver, lead, park):
    park.name = "=HYPERLINK(\"http://example.invalid\")"
    park.save()
    file_with_forfeiture(handhaver, lead, park=park, number="B-017")
    login(client, handhaver)
    body = client.get(park_url("overview_csv"), {"forfeitures": "on"}).content.decode()
    assert "'=HYPERLINK" in body and "\n=" not in body and "\n\"=" not in body


@pytest.mark.both_databases
def test_a_list_pages_terms_are_those_of_the_deadline_overview(handhaver, lead, park):
    """A list page asks the terms of the park files it has read (`page_deadlines`: the term for a view from the
    files' column and the cases' status in hand): every kind, date and flag as `deadlines` gives them (a closed
    file's forfeiture terms too, its term for a view not); the rows' next term is the earliest, none on a closed
    file's row."""
    today = timezone.localdate()
    viewing = to_intention(make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park)),
                           by=handhaver, intention_sent_on=today - timedelta(days=3))
    forfeited, _order, _forfeiture = file_with_forfeiture(handhaver, lead, park=park)
    quiet = make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park))
    gone = to_intention(make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park)),
                        by=handhaver, intention_sent_on=today - timedelta(days=3))
    Case.objects.filter(pk=gone.pk).update(closed_on=today)
    closed_forfeited, _order, _forfeiture = file_with_forfeiture(handhaver, lead, park=park)
    Case.objects.filter(pk=closed_forfeited.pk).update(closed_on=today)  # its forfeiture's terms stay listed
    cases = list(Case.objects.all())
    until = today + timedelta(days=366 * 50)
    listed = overview.page_deadlines(cases=cases, until=until, today=today)
    expected = overview.deadlines(cases=Case.objects.all(), until=until, today=today)

    def terms(found):
        return sorted((d.case.pk, d.kind, d.due_on, d.overdue, d.legal_basis) for d in found)

    assert terms(listed) == terms(expected)
    assert {d.kind for d in listed if d.case.pk == viewing.pk} == {f"park_{overview.VIEW_DUE}"}
    assert f"park_{overview.LIMITATION_DATE}" in {d.kind for d in listed if d.case.pk == forfeited.pk}
    assert f"park_{overview.LIMITATION_DATE}" in {d.kind for d in listed if d.case.pk == closed_forfeited.pk}
    assert not {d for d in listed if d.case.pk in (quiet.pk, gone.pk)}
    rows = {row.case.pk: row for row in selectors.case_rows(user=handhaver, cases=cases, today=today)}
    for case in (viewing, forfeited):
        assert rows[case.pk].next_deadline == min(d.due_on for d in expected if d.case.pk == case.pk)
    assert rows[quiet.pk].next_deadline is None and rows[gone.pk].next_deadline is None
    assert rows[closed_forfeited.pk].next_deadline is None  # a closed case's row shows no term


def test_the_case_page_lists_the_terms_the_overview_queries(client, login, handhaver, lead, park):
    """The case page hands in the file it read (the term for a view then costs no query) and reads the
    announcements' terms with SQL compiled once: the same terms as the overview queries for that case, for a file
    waiting for a view, one with an imposed order announced to two addressees (compliance terms, objection
    windows still open), the same file once the order was complied with, and a file with a forfeiture, open and
    closed (a closed file's forfeiture terms only)."""
    today = timezone.localdate()
    viewing = to_intention(make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park)), by=handhaver,
                           inspected_on=today - timedelta(days=5), intention_sent_on=today - timedelta(days=3))
    ordered = make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park),
                             person=make_person(handhaver))
    order = walk_to_order(ordered, by=handhaver, lead=lead, decided_on=today - timedelta(days=4),
                          addressees=[ordered.person, make_person(handhaver)])
    announce_all(order, by=handhaver, on=today - timedelta(days=3))
    login(client, handhaver)

    def both(case):
        page = client.get(case_url(case)).context["page"]
        queried = overview.park_deadlines(cases=Case.objects.filter(pk=case.pk), until=date.max, today=today)
        return (sorted((d.kind, d.due_on, d.overdue) for d in page.deadlines),
                sorted((f"park_{d.kind}", d.due_on, d.overdue) for d in queried), {d.kind for d in queried})

    shown, queried, kinds = both(viewing)
    assert shown == queried and kinds == {overview.VIEW_DUE}
    shown, queried, kinds = both(ordered)
    assert shown == queried and kinds >= {overview.COMPLIANCE_TERM, overview.OBJECTION_WINDOW}
    assert [kind for kind, *_ in shown].count(f"park_{overview.COMPLIANCE_TERM}") == 2  # one per addressee
    PenaltyOrder.objects.filter(pk=order.pk).update(state=PenaltyOrder.State.COMPLIED)
    shown, queried, kinds = both(ordered)  # an order no longer imposed: its windows, no compliance term
    assert shown == queried and overview.OBJECTION_WINDOW in kinds and overview.COMPLIANCE_TERM not in kinds
    forfeited, _order, _forfeiture = file_with_forfeiture(handhaver, lead, park=park)
    shown, queried, kinds = both(forfeited)  # open: its passed compliance term is overdue
    assert shown == queried and overview.COMPLIANCE_TERM in kinds
    Case.objects.filter(pk=forfeited.pk).update(closed_on=today)
    shown, queried, kinds = both(forfeited)  # closed: the forfeiture's terms only
    assert shown == queried and overview.LIMITATION_DATE in kinds and overview.COMPLIANCE_TERM not in kinds


def test_the_case_page_reads_no_photos_of_a_case_without_any(client, login, handhaver, park):
    """Inspections without photos (the page's probe knows): no query for them, the page says none."""
    case = make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park))
    inspect(case, by=handhaver, on=timezone.localdate())
    login(client, handhaver)
    client.get(case_url(case))
    with count_queries() as queries:
        response = client.get(case_url(case))
    assert response.status_code == 200
    assert not [query for query in queries if query["sql"].startswith('SELECT "park_inspectionphoto"')]
    inspection = response.context["page"].section.data.inspections[0]
    with count_queries() as listing:
        assert list(inspection.photos.all()) == []
    assert not listing
