"""A list page's terms of woonoverlast files (`page_deadlines`: the files' announcements read with SQL compiled
once, casework/remedies/terms.py `page_terms_and_windows`) are those of the `deadlines` provider: every kind, date,
overdue flag and legal basis, nothing of a closed file; a row's next term is the earliest."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from casework import selectors
from casework.models import Case
from casework.persons import person_register
from casework.woonoverlast import services
from casework.woonoverlast.selectors import overview
from tests.factories.casework import person_data
from tests.factories.woonoverlast import make_file, to_intention, walk_to_order

pytestmark = [pytest.mark.django_db(databases="__all__"), pytest.mark.both_databases]


def _terms(found) -> list[tuple]:
    return sorted((d.case.pk, d.kind, d.due_on, d.overdue, d.legal_basis) for d in found)


def test_a_list_pages_terms_are_those_of_the_deadlines_provider(officer, lead, apv):
    today = timezone.localdate()
    viewing = make_file(owner=officer)
    to_intention(viewing, by=officer, sent_on=today - timedelta(days=3))
    ordered = make_file(owner=officer)
    landlord, _ = person_register(actor=officer, controller=officer.organisation, **person_data())
    order = walk_to_order(ordered, by=officer, lead=lead, addressees=[ordered.person, landlord])
    first = services.announcement_register(actor=officer, decision=order, addressee=ordered.person,
                                           method="registered_post", announced_on=order.decided_on)
    services.announcement_register(actor=officer, decision=order, addressee=landlord, method="registered_post",
                                   announced_on=today - timedelta(days=3))  # its objection window still runs
    services.objection_register(actor=officer, announcement=first, received_on=today - timedelta(days=2))
    quiet = make_file(owner=officer)
    gone = make_file(owner=officer)
    gone_order = walk_to_order(gone, by=officer, lead=lead)
    services.announcement_register(actor=officer, decision=gone_order, addressee=gone.person,
                                   method="registered_post", announced_on=today - timedelta(days=1))
    Case.objects.filter(pk=gone.pk).update(closed_on=today)
    cases = list(Case.objects.all())
    until = today + timedelta(days=366 * 50)

    listed = overview.page_deadlines(cases=cases, until=until, today=today)
    expected = overview.deadlines(cases=Case.objects.all(), until=until, today=today)
    assert _terms(listed) == _terms(expected)
    kinds_of = {case.pk: {d.kind for d in listed if d.case.pk == case.pk} for case in (viewing, ordered)}
    assert kinds_of[viewing.pk] == {"woonoverlast_view_due"}
    assert {"woonoverlast_compliance_term", "woonoverlast_objection_window", "woonoverlast_objection_decision",
            "woonoverlast_order_ends"} <= kinds_of[ordered.pk]
    assert len([d for d in listed if d.kind == "woonoverlast_compliance_term"]) == 2  # one per addressee
    assert not {d for d in listed if d.case.pk in (quiet.pk, gone.pk)}
    for shorter in (until, today, today - timedelta(days=1)):  # the same for another day's compiled query
        assert _terms(overview.page_deadlines(cases=cases, until=shorter, today=today)) == _terms(
            overview.deadlines(cases=Case.objects.all(), until=shorter, today=today)), shorter

    rows = {row.case.pk: row for row in selectors.case_rows(user=officer, cases=cases, today=today)}
    for case in (viewing, ordered):
        assert rows[case.pk].next_deadline == min(d.due_on for d in expected if d.case.pk == case.pk)
    assert rows[quiet.pk].next_deadline is None and rows[gone.pk].next_deadline is None


def test_a_list_page_reads_the_objections_only_when_its_files_have_any(client, login, officer, lead, apv):
    """The probe of the page (casework/presence.py) tells the provider which tables hold rows of its files: with
    announcements but no objection the page reads the announcements, not the objections; with one, both."""
    from tests.casework.woonoverlast.test_presence import tables_read
    from tests.conftest import count_queries

    today = timezone.localdate()
    ordered = make_file(owner=officer)
    order = walk_to_order(ordered, by=officer, lead=lead)
    announcement = services.announcement_register(actor=officer, decision=order, addressee=ordered.person,
                                                  method="registered_post", announced_on=today - timedelta(days=3))
    login(client, officer)
    url = "/cases/?case_type=woonoverlast"
    client.get(url)
    with count_queries() as before:
        client.get(url)
    assert "remedies_announcement" in tables_read(before) and "remedies_objection" not in tables_read(before)

    services.objection_register(actor=officer, announcement=announcement, received_on=today)
    with count_queries() as after:
        response = client.get(url)
    assert {"remedies_announcement", "remedies_objection"} <= tables_read(after)
    row = next(row for row in response.context["rows"] if row.case.pk == ordered.pk)
    terms = overview.deadlines(cases=Case.objects.filter(pk=ordered.pk), until=today + timedelta(days=366 * 50),
                               today=today)
    assert "woonoverlast_objection_decision" in {d.kind for d in terms}
    assert row.next_deadline == min(d.due_on for d in terms)


def test_the_case_page_lists_the_terms_the_provider_gives(client, login, officer, lead, apv):
    """The case page reads its file's announcements with SQL compiled once (`page_ids=[case.pk]`): the same terms
    as the `deadlines` provider asked about the file, compliance terms per addressee and the open objection window
    among them."""
    from tests.casework.support import case_url

    today = timezone.localdate()
    ordered = make_file(owner=officer)
    landlord, _ = person_register(actor=officer, controller=officer.organisation, **person_data())
    order = walk_to_order(ordered, by=officer, lead=lead, addressees=[ordered.person, landlord])
    for person, day in ((ordered.person, order.decided_on), (landlord, today - timedelta(days=2))):
        services.announcement_register(actor=officer, decision=order, addressee=person, method="registered_post",
                                       announced_on=day)
    login(client, officer)
    shown = client.get(case_url(ordered)).context["page"].section.deadlines
    expected = overview.deadlines(cases=Case.objects.filter(pk=ordered.pk), until=today + timedelta(days=366 * 50),
                                  today=today)
    assert _terms(shown) == _terms(expected)
    assert {"woonoverlast_compliance_term", "woonoverlast_objection_window"} <= {d.kind for d in shown}
