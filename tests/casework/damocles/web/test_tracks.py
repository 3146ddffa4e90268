"""Announcements per addressee, objections, interim relief and appeals through the web pages."""

from __future__ import annotations

from datetime import date

import pytest

from casework.damocles import workflow as wf
from casework.remedies.models import Announcement, Appeal, InterimRelief, Objection
from tests.casework.damocles.web.support import damocles_url, events
from tests.casework.versions_support import version_of as v
from tests.factories.damocles import announce, assess, make_damocles_case, step, walk_to_decision

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def decided(procedure, handhaver, lead):
    return walk_to_decision(procedure, by=handhaver, lead=lead, decided_on=date(2026, 4, 1))


def announcement(role, name, on):
    return {"role": role, "addressee_name": name, "method": "registered_post", "announced_on": on}


def test_two_addressees_get_their_own_objection_deadline(client, login, handhaver, decided):
    login(client, handhaver)
    url = damocles_url("announcement_create", decided)
    assert client.get(url).status_code == 200
    assert client.post(url, announcement("owner", "Testverhuur B.V.", "2026-04-02")).status_code == 302
    assert client.post(url, announcement("occupant", "Testbewoner", "2026-04-07")).status_code == 302
    deadlines = dict(Announcement.objects.filter(case=decided).values_list("role", "objection_deadline"))
    # 2 Apr + 6 weeks = Thu 14 May 2026, Ascension Day; Fri 15 May is equated by decree → Mon 18 May
    # (Atw art. 1, art. 3 lid 3); 7 Apr → Tue 19 May
    assert deadlines == {"owner": date(2026, 5, 18), "occupant": date(2026, 5, 19)}


def test_an_announcement_before_the_decision_date_is_refused(client, login, handhaver, decided):
    login(client, handhaver)
    response = client.post(damocles_url("announcement_create", decided),
                           announcement("owner", "Testverhuur B.V.", "2026-03-30"))
    assert response.status_code == 400 and "announced_on" in response.context["form"].errors
    assert not Announcement.objects.exists()


def test_a_warning_gets_no_announcement_with_an_objection_term(client, login, handhaver):
    case = make_damocles_case(owner=handhaver, findings=[{"substance": "softdrugs", "amount": "10", "unit": "g"}])
    step(case, wf.BEOORDELING, by=handhaver)
    assess(case, by=handhaver)  # 1st offence, 5–30 g soft drugs: a warning
    step(case, wf.WAARSCHUWING, by=handhaver)
    login(client, handhaver)
    response = client.post(damocles_url("announcement_create", case),
                           announcement("owner", "Testverhuur B.V.", "2026-04-02"))
    assert response.status_code == 400
    assert not Announcement.objects.exists()


def test_objection_register_and_update_compute_the_decision_term(client, login, handhaver, decided):
    owner = announce(decided, by=handhaver, announced_on=date(2026, 4, 2))
    login(client, handhaver)
    response = client.post(damocles_url("objection_create", decided),
                           {"announcement": owner.pk, "received_on": "2026-04-20"})
    assert response.status_code == 302
    objection = Objection.objects.get()
    # window ends Mon 18 May 2026 (15 May is equated by decree); 6 weeks from the day after → Mon 29 June
    # 2026 (Awb 7:10)
    assert objection.decision_due_on == date(2026, 6, 29)
    url = damocles_url("objection_update", decided, objection_id=objection.pk)
    assert client.get(url).status_code == 200
    assert events(action="view", object_id=str(objection.pk)).count() == 1
    # an extension without its ground is refused, nothing changes
    response = client.post(url, {**v(decided), "state": "received", "suspension_days": "0", "extension_weeks": "6",
                                 "extension_ground": "", "outcome": "", "decided_on": ""})
    assert response.status_code == 400 and "extension_ground" in response.context["form"].errors
    objection.refresh_from_db()
    assert objection.extension_weeks == 0 and objection.decision_due_on == date(2026, 6, 29)
    extension = {"state": "received", "suspension_days": "0", "extension_weeks": "6",
                 "extension_ground": "Advies van de commissie (test).", "outcome": "", "decided_on": ""}
    response = client.post(url, {**v(decided), **extension})  # Awb 7:10 lid 5: not without the written notice
    assert response.status_code == 400 and "extension_notice_sent_on" in response.context["form"].errors
    response = client.post(url, {**v(decided), **extension, "extension_notice_sent_on": "2026-06-01"})
    assert response.status_code == 302
    objection.refresh_from_db()
    assert objection.decision_due_on == date(2026, 8, 10) and objection.extension_ground.startswith("Advies")
    notice = client.get(damocles_url("objection_notice", decided, objection_id=objection.pk))
    assert notice.status_code == 200 and notice["Content-Type"] == "application/pdf"
    assert events(action="print", object_id=str(objection.pk)).count() == 1
    response = client.post(url, {**v(decided), "state": "decided", "suspension_days": "0", "extension_weeks": "6",
                                 "extension_ground": "Advies van de commissie (test).", "outcome": "dismissed",
                                 "decided_on": "2026-07-20"})
    assert response.status_code == 302
    objection.refresh_from_db()
    assert (objection.state, objection.outcome) == ("decided", "dismissed")


def test_an_objection_with_an_advisory_committee_gets_twelve_weeks(client, login, handhaver, decided):
    owner = announce(decided, by=handhaver, announced_on=date(2026, 4, 2))
    login(client, handhaver)
    client.post(damocles_url("objection_create", decided),
                {"announcement": owner.pk, "received_on": "2026-04-20", "advisory_committee": "on"})
    assert Objection.objects.get().decision_due_on == date(2026, 8, 10)  # 12 weeks after Mon 18 May 2026


def test_interim_relief_records_whether_the_municipality_waits(client, login, handhaver, decided):
    login(client, handhaver)
    response = client.post(damocles_url("interim_relief_create", decided),
                           {"requested_on": "2026-04-10", "municipality_waits": "on"})
    assert response.status_code == 302
    relief = InterimRelief.objects.get()
    assert relief.municipality_waits and relief.state == "requested"
    url = damocles_url("interim_relief_update", decided, relief_id=relief.pk)
    response = client.post(url, {**v(decided), "state": "suspended", "municipality_waits": "on", "ruled_on": ""})
    assert response.status_code == 400 and "ruled_on" in response.context["form"].errors
    response = client.post(url, {**v(decided), "state": "suspended", "municipality_waits": "on",
                                 "ruled_on": "2026-04-24"})
    assert response.status_code == 302
    assert InterimRelief.objects.get().state == "suspended"


def test_appeal_register_and_update(client, login, handhaver, decided):
    login(client, handhaver)
    assert client.post(damocles_url("appeal_create", decided),
                       {"level": "beroep", "lodged_on": "2026-08-01"}).status_code == 302
    appeal = Appeal.objects.get()
    url = damocles_url("appeal_update", decided, appeal_id=appeal.pk)
    response = client.post(url, {**v(decided), "ruled_on": "2026-07-01", "outcome": "Ongegrond (test)."})
    assert response.status_code == 400
    response = client.post(url, {**v(decided), "ruled_on": "2026-10-01", "outcome": "Ongegrond (test)."})
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.ruled_on == date(2026, 10, 1) and appeal.outcome == "Ongegrond (test)."


def test_update_pages_of_another_case_are_404(client, login, handhaver, decided):
    other = make_damocles_case(owner=handhaver)
    owner = announce(decided, by=handhaver, announced_on=date(2026, 4, 2))
    login(client, handhaver)
    client.post(damocles_url("objection_create", decided), {"announcement": owner.pk, "received_on": "2026-04-20"})
    objection = Objection.objects.get()
    assert client.get(damocles_url("objection_update", other, objection_id=objection.pk)).status_code == 404
    # the announcement of another case is not offered either
    response = client.post(damocles_url("objection_create", other),
                           {"announcement": owner.pk, "received_on": "2026-04-20"})
    assert response.status_code == 400 and Objection.objects.count() == 1
