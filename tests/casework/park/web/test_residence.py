"""The BRP residence check on the object dossier (casework/park/web/views/residence.py) against the fake BRP: the
form for the park's officers, the refusal of other roles (403, audited), a failing BRP (its Dutch message, nothing
saved), the page without a BRP or without a BAG address, and the stored evidence listed on the dossier with one
audited `view` per check."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from casework.park.models import ResidenceCheck
from casework.park.services.residence import residence_check
from tests.auditlog import event_list
from tests.brpfake import HOUSEHOLD_OBJECT
from tests.factories.park import inspect, make_object, make_park_case

pytestmark = pytest.mark.django_db(databases="__all__")
PERIOD = {"period_from": "2000-01-01", "period_to": "2010-01-01"}


@pytest.fixture
def obj(handhaver, park):
    return make_object(actor=handhaver, park=park, street="Turfmarkt", house_number="45", postcode="2511CA",
                       city="Den Haag", bag_id="0518200000583553", bag_object_id=HOUSEHOLD_OBJECT,
                       address_verified=True)


def _url(obj):
    return reverse("casework:park_residence_check_create", kwargs={"object_id": obj.pk})


def _detail(obj):
    return reverse("casework:park_object_detail", kwargs={"object_id": obj.pk})


def test_the_officer_asks_the_brp_and_the_evidence_is_listed_with_an_audited_view(client, login, handhaver, obj,
                                                                                 brp):
    inspection = inspect(make_park_case(owner=handhaver, obj=obj), by=handhaver, on=date(2026, 1, 5))
    login(client, handhaver)
    page = client.get(_detail(obj)).content.decode()
    assert "Bewoning opvragen in de BRP" in page and "niet geraadpleegd" in page
    assert client.get(_url(obj)).status_code == 200
    response = client.post(_url(obj), {**PERIOD, "inspection": str(inspection.pk)})
    assert response.status_code == 302 and response["Location"] == _detail(obj)
    check = ResidenceCheck.objects.get()
    assert (check.period_from, check.period_to, check.inspection, check.checked_by) == (
        date(2000, 1, 1), date(2010, 1, 1), inspection, handhaver)
    html = client.get(_detail(obj)).content.decode()
    for text in ("1 januari 2000", "10 juni 2006", "Doodewaard"):  # the period, a history boundary, a resident
        assert text in html, text
    (viewed,) = event_list(action="view", object_type="park.ResidenceCheck")
    assert (viewed.object_id, viewed.processing_activity, viewed.reason) == (
        str(check.pk), "park-enforcement", "park residence check evidence")


@pytest.mark.parametrize("who", ["lead", "other_org_handhaver"])
def test_another_role_or_organisation_is_refused_and_logged_before_the_brp_is_asked(client, login, obj, brp, who,
                                                                                   request):
    user = request.getfixturevalue(who)
    login(client, user)
    assert client.post(_url(obj), PERIOD).status_code == 403
    assert brp.received == [] and not ResidenceCheck.objects.exists()
    (refused,) = event_list(action="access_denied", object_type="park.Park")
    assert refused.reason == "action:residence_check" and refused.actor_id == str(user.pk)


def test_a_failing_brp_shows_its_dutch_message_and_saves_nothing(client, login, handhaver, obj, brp, settings):
    settings.BRP_RETRIES = 0
    brp.mode = "error"
    login(client, handhaver)
    response = client.post(_url(obj), PERIOD)
    assert response.status_code == 400
    assert "BRP" in " ".join(response.context["form"].non_field_errors())
    assert not ResidenceCheck.objects.exists()
    assert not event_list(action="view", object_type="park.ResidenceCheck")


def test_a_bad_period_is_a_field_error_and_nothing_is_asked(client, login, handhaver, obj, brp):
    login(client, handhaver)
    response = client.post(_url(obj), {"period_from": "2010-01-01", "period_to": "2000-01-01"})
    assert response.status_code == 400 and response.context["form"].errors["period_to"]
    assert brp.received == [] and not ResidenceCheck.objects.exists()


def test_without_a_brp_or_a_bag_address_the_page_explains_why_and_has_no_form(client, login, handhaver, park,
                                                                             obj, settings):
    typed = make_object(actor=handhaver, park=park, number="T-1", street="Turfmarkt", house_number="45",
                        postcode="2511CA", city="Den Haag")
    login(client, handhaver)
    settings.BRP_SOURCE = ""
    page = client.get(_url(obj)).content.decode()
    assert "Er is geen BRP aangesloten" in page and "<form method=\"post\" novalidate>" not in page
    assert client.post(_url(obj), PERIOD).status_code == 200 and not ResidenceCheck.objects.exists()
    settings.BRP_SOURCE = "haalcentraal"
    assert "niet in de BAG gekozen" in client.get(_url(typed)).content.decode()


def test_the_evidence_is_shown_to_the_parks_team_lead_and_never_to_another_organisation(
        client, login, handhaver, lead, other_org_handhaver, obj, brp):
    residence_check(actor=handhaver, object=obj, date_from=date(2000, 1, 1), date_to=date(2010, 1, 1))
    login(client, other_org_handhaver)
    response = client.get(_detail(obj))
    assert response.status_code == 403 and "Doodewaard" not in response.content.decode()
    assert not event_list(action="view", object_type="park.ResidenceCheck")
    login(client, lead)
    html = client.get(_detail(obj)).content.decode()
    assert "Doodewaard" in html and "Bewoning opvragen in de BRP" not in html  # reads, may not ask
    assert [e.actor_id for e in event_list(action="view", object_type="park.ResidenceCheck")] == [str(lead.pk)]
