"""What an organisation's letters name besides its address (accounts/services.py organisation_address_update):
the name in letters, the digital objection route (Awb 2:15) and the competent court (Awb 8:81)."""

from __future__ import annotations

import pytest

from accounts.models import Organisation
from accounts.roles import HANDHAVER, TEAMLEIDER
from audit.actions import Action
from tests.auditlog import events

pytestmark = pytest.mark.django_db(databases="__all__")

URL = "/accounts/organisation/"
FULL = {"postal_address": "Postbus 77\n9999 BB Testdorp", "municipality_name": "Testdorp",
        "digital_objection_url": "https://bezwaar.testdorp.invalid/", "court_name": "Rechtbank Testland",
        "court_address": "Postbus 3\n9999 AC Testdorp"}


def test_the_proper_name_drops_the_gemeente_prefix_unless_a_name_is_recorded():
    assert Organisation(name="Gemeente Demodorp").proper_name == "Demodorp"
    assert Organisation(name="gemeente Súdwest-Fryslân").proper_name == "Súdwest-Fryslân"
    assert Organisation(name="Testpolitie Zuid").proper_name == "Testpolitie Zuid"
    assert Organisation(name="Gemeente 's-Hertogenbosch", municipality_name="'s-Hertogenbosch").proper_name \
        == "'s-Hertogenbosch"


def test_a_team_lead_records_the_letter_details_and_the_event_names_the_fields_only(client, login, make_user):
    lead = make_user(role=TEAMLEIDER)
    login(client, lead)
    page = client.get(URL)
    assert page.status_code == 200 and b'name="court_name"' in page.content
    assert client.post(URL, FULL).status_code == 302
    organisation = Organisation.objects.get(pk=lead.organisation.pk)
    assert (organisation.municipality_name, organisation.digital_objection_url, organisation.court_name,
            organisation.court_address) == ("Testdorp", "https://bezwaar.testdorp.invalid/", "Rechtbank Testland",
                                            "Postbus 3\n9999 AC Testdorp")
    (changed,) = events(action=Action.UPDATE, object_type="accounts.Organisation")
    assert set(changed.reason.removeprefix("changed:").split(",")) == {
        "postal_address", "municipality_name", "digital_objection_url", "court_address"}  # court_name: unchanged
    assert "Testland" not in changed.reason

    closing = client.post(URL, {**FULL, "digital_objection_url": ""})  # the route is closed again
    assert closing.status_code == 302
    organisation.refresh_from_db()
    assert organisation.digital_objection_url == ""


@pytest.mark.parametrize("bad", [{"court_address": ""}, {"digital_objection_url": "geen adres"},
                                 {"court_address": "1\n2\n3\n4\n5"}])
def test_bad_letter_details_are_refused_and_nothing_is_saved(client, login, make_user, bad):
    lead = make_user(role=TEAMLEIDER)
    login(client, lead)
    before = Organisation.objects.get(pk=lead.organisation.pk)
    response = client.post(URL, {**FULL, "court_name": "Rechtbank Anders", **bad})
    assert response.status_code == 400 and b"utrecht-alert--error" in response.content
    after = Organisation.objects.get(pk=lead.organisation.pk)
    assert (after.court_name, after.postal_address) == (before.court_name, before.postal_address)
    assert not events(action=Action.UPDATE, object_type="accounts.Organisation").exists()


def test_only_a_team_lead_may_change_them(client, login, make_user):
    officer = make_user(role=HANDHAVER)
    login(client, officer)
    assert client.post(URL, FULL).status_code == 403
    assert Organisation.objects.get(pk=officer.organisation.pk).court_name == "Rechtbank Testland"  # factory value
    assert events(action=Action.ACCESS_DENIED, actor_id=str(officer.pk)).exists()
