"""The meeting pages: a handful of renders (the rules are tested at service level)."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.meetings.models import AgendaItem, Meeting, MeetingOccurrence
from casework.meetings.services import agenda_add
from tests.auditlog import events
from tests.conftest import count_queries

pytestmark = pytest.mark.django_db(databases="__all__")
LIST = reverse("casework:meeting_list")


def _url(name, sitting, **kwargs):
    return reverse(f"casework:{name}", kwargs={"occurrence_id": sitting.pk, **kwargs})


@pytest.fixture
def on_agenda(regisseur, sitting, case, partner_org):
    return agenda_add(actor=regisseur, occurrence=sitting, case=case, invited=[partner_org],
                      now=timezone.localtime(sitting.starts) - timedelta(days=3))


def test_the_invited_partner_sees_agendapunt_1_and_no_reference_on_screen_or_print(client, login, partner, sitting,
                                                                                    on_agenda, case):
    login(client, partner)
    for name in ("meeting_occurrence", "meeting_print"):
        response = client.get(_url(name, sitting))
        html = response.content.decode()
        assert response.status_code == 200 and "Agendapunt 1" in html
        assert case.reference not in html and case.person.surname not in html and str(case.pk) not in html
    assert events(action="print", object_type="meetings.MeetingOccurrence", actor_id=str(partner.pk)).count() == 1


def test_the_printable_agenda_names_its_icon(client, login, regisseur, sitting):
    """Without an icon link a browser asks for /favicon.ico, a 404 in its console (the working day in the browser)."""
    login(client, regisseur)
    assert 'rel="icon"' in client.get(_url("meeting_print", sitting)).content.decode()


def test_the_owner_sees_the_reference_and_may_record_minutes(client, login, regisseur, sitting, on_agenda, case):
    login(client, regisseur)
    html = client.get(_url("meeting_occurrence", sitting)).content.decode()
    assert case.reference in html and _url("meeting_item_minutes", sitting, number=1) in html


def test_the_partner_cannot_open_the_minutes_form_and_the_refusal_is_recorded(client, login, partner, sitting,
                                                                              on_agenda, case):
    login(client, partner)
    assert client.get(_url("meeting_item_minutes", sitting, number=1)).status_code == 403
    assert events(action="access_denied", case_id=str(case.pk), actor_id=str(partner.pk)).exists()


def test_a_case_is_put_on_the_agenda_from_its_page(client, login, regisseur, sitting, case, partner_org):
    login(client, regisseur)
    detail = client.get(reverse("casework:case_detail", kwargs={"case_id": case.pk})).content.decode()
    url = reverse("casework:agenda_add", kwargs={"case_id": case.pk})
    assert url in detail
    response = client.post(url, {"occurrence": sitting.pk, "goal": "Bespreken", "invited": [partner_org.pk]})
    assert response.status_code == 302, response.context["form"].errors
    item = AgendaItem.objects.get(case=case)
    assert item.occurrence == sitting and list(item.invited.all()) == [partner_org]


def _make_sittings(regisseur, count: int) -> None:
    meeting = Meeting.objects.create(title="Casusoverleg", kind="casusoverleg", recurrence="single",
                                     first_on=timezone.localdate(), starts_at=time(9), place="Zaal 1", chair=regisseur,
                                     organisation=regisseur.organisation, created_by=regisseur)
    start = timezone.now() + timedelta(days=1)
    MeetingOccurrence.objects.bulk_create([
        MeetingOccurrence(meeting=meeting, starts=start + timedelta(hours=n),
                          ends=start + timedelta(hours=n, minutes=30)) for n in range(count)])


def _list_queries(client) -> tuple[int, int]:
    with count_queries() as queries:
        response = client.get(LIST, {"size": "100"})
    assert response.status_code == 200
    return len(queries), response.context["page"].paginator.count


def test_the_list_takes_the_same_queries_for_10_and_200_sittings(client, login, regisseur):
    login(client, regisseur)
    _make_sittings(regisseur, 10)
    client.get(LIST)  # warm the caches outside the comparison
    small, small_rows = _list_queries(client)
    _make_sittings(regisseur, 190)
    large, large_rows = _list_queries(client)
    assert (small_rows, large_rows) == (10, 200)
    assert large == small
    assert events(action="list", object_type="meetings.MeetingOccurrence").exists()


MY_WORK = reverse("casework:my_work")


def test_my_work_lists_the_coming_weeks_sittings_without_agenda_content(client, login, regisseur, partner, sitting,
                                                                       on_agenda, case):
    """Mijn werk shows the sittings of the coming seven days (title, time, place, number of items), never an
    agenda item's case or name; the next week's triage is outside the window; the list is recorded."""
    login(client, regisseur)
    _make_sittings(regisseur, 12)  # tomorrow on the hour: twelve, ten shown
    page = client.get(MY_WORK).content.decode()
    assert page.count("Casusoverleg</a>") == 10 and "Alle komende overleggen" in page
    assert "Wekelijkse triage" not in page  # next week: after the seven days
    assert events(action="list", object_type="meetings.MeetingOccurrence",
                  reason="meetings shown on my work:10").exists()
    MeetingOccurrence.objects.filter(meeting__title="Casusoverleg").delete()
    MeetingOccurrence.objects.filter(pk=sitting.pk).update(starts=timezone.now() + timedelta(days=2),
                                                          ends=timezone.now() + timedelta(days=2, hours=1))
    client.logout()
    login(client, partner)  # invited to the item, no share of the case
    page = client.get(MY_WORK).content.decode()
    assert "Wekelijkse triage</a>" in page and "1 agendapunt" in page and case.reference not in page


def test_my_work_without_sittings_says_so(client, login, regisseur):
    login(client, regisseur)
    assert "Geen overleggen voor u in de komende zeven dagen." in client.get(MY_WORK).content.decode()


def test_my_work_costs_the_same_queries_with_1_or_10_sittings(client, login, regisseur):
    login(client, regisseur)
    _make_sittings(regisseur, 1)
    client.get(MY_WORK)
    with count_queries() as few:
        client.get(MY_WORK)
    _make_sittings(regisseur, 20)
    with count_queries() as many:
        client.get(MY_WORK)
    assert len(many) == len(few)


def test_the_minutes_form_carries_the_case_version_a_stale_save_is_409_and_keeps_the_input(
        client, login, regisseur, sitting, on_agenda, case, partner_org):
    from casework.web.versions import current_version

    MeetingOccurrence.objects.filter(pk=sitting.pk).update(starts=timezone.now() - timedelta(minutes=30),
                                                           ends=timezone.now() + timedelta(minutes=60))
    login(client, regisseur)
    url = _url("meeting_item_minutes", sitting, number=1)
    read = current_version(case)
    assert f'name="version" value="{read}"' in client.get(url).content.decode()
    body = {"minutes": "Notulen van de eerste regisseur.", "attending": [str(partner_org.pk)]}
    missing = client.post(url, body)
    assert missing.status_code == 400
    assert client.post(url, {**body, "version": read}).status_code == 302
    stale = client.post(url, {**body, "minutes": "Notulen van een tweede tabblad.", "version": read})
    assert stale.status_code == 409 and "Notulen van een tweede tabblad." in stale.content.decode()
    item = AgendaItem.objects.get(pk=on_agenda.pk)
    assert item.minutes == "Notulen van de eerste regisseur." and current_version(case) == read + 1
