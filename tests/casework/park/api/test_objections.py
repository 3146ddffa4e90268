"""Park API: objections against an order as announced to one addressee are written through the same
services as the web pages (casework/park/services/tracks.py on casework/remedies/objections.py): a late
one is flagged for the official's admissibility decision (Awb 6:9, 6:11; docs/adr/0015), the 7:10 lid 2
suspension, lid 3 extension and lid 5 notice are recorded, every update carries the case `version`
(ADR 0010), and errors are problem+json."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.actions import Action
from casework.remedies.component import REMEDIES
from casework.remedies.models import Announcement, Objection
from tests.auditlog import events
from tests.casework.api.conftest import api_client, current_version, error_fields
from tests.factories.park import announce_all, walk_to_order

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def announced(handhaver, other_team_lead, park_file):
    order = walk_to_order(park_file, by=handhaver, lead=other_team_lead,
                          decided_on=timezone.localdate() - timedelta(days=200))
    announce_all(order, by=handhaver)
    return Announcement.objects.filter(case=park_file).order_by("announced_on").first()


def _base(case) -> str:
    return f"/api/v1/park/cases/{case.pk}/objections"


def test_a_late_objection_is_flagged_excused_suspended_and_extended(handhaver, park_file, announced):
    client = api_client(handhaver)
    received = announced.objection_deadline + timedelta(days=5)
    created = client.post(_base(park_file), {"announcement": str(announced.pk), "received_on": received.isoformat()},
                          format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["late"] is True and body["lateness_excused"] is None  # flagged, not rejected
    one = f"{_base(park_file)}/{body['id']}"

    stale = client.patch(one, {"version": current_version(park_file) - 1, "lateness_excused": True,
                               "excuse_reasons": "Ziekenhuisopname (test)."}, format="json")
    assert stale.status_code == 409 and stale["Content-Type"] == "application/problem+json"
    assert Objection.objects.get().lateness_excused is None

    missing = client.patch(one, {"lateness_excused": True}, format="json")
    assert missing.status_code == 400 and "version" in error_fields(missing)

    excused = client.patch(one, {"version": current_version(park_file), "lateness_excused": True,
                                 "excuse_reasons": "Ziekenhuisopname (test)."}, format="json")
    assert excused.status_code == 200 and excused.json()["lateness_excused"] is True
    due = excused.json()["decision_due_on"]

    suspended = client.patch(one, {"version": current_version(park_file),
                                   "suspended_from": (received + timedelta(days=2)).isoformat(),
                                   "suspended_until": (received + timedelta(days=9)).isoformat()}, format="json")
    assert suspended.status_code == 200, suspended.content
    assert suspended.json()["suspension_days"] == 7 and suspended.json()["decision_due_on"] > due

    extended = client.patch(one, {"version": current_version(park_file), "extension_weeks": 4,
                                  "extension_ground": "Advies van een deskundige nodig (test).",
                                  "extension_notice_sent_on": (received + timedelta(days=10)).isoformat()},
                            format="json")
    assert extended.status_code == 200, extended.content
    assert extended.json()["extension_weeks"] == 4 and extended.json()["extension_notice_sent_on"]
    assert events(action=Action.UPDATE, case_id=str(park_file.pk), object_type="remedies.Objection").count() == 3

    read = client.get(one)
    assert read.status_code == 200 and read.json()["suspended_until"] == (received + timedelta(days=9)).isoformat()
    assert events(action=Action.VIEW, case_id=str(park_file.pk), object_type="remedies.Objection").exists()


def test_bad_input_is_a_problem_and_nothing_changes(handhaver, park_file, announced):
    client = api_client(handhaver)
    created = client.post(_base(park_file), {"announcement": str(announced.pk),
                                             "received_on": announced.announced_on.isoformat()}, format="json")
    one = f"{_base(park_file)}/{created.json()['id']}"
    too_long = client.patch(one, {"version": current_version(park_file), "extension_weeks": 7,
                                  "extension_ground": "Te lang (test)."}, format="json")
    assert too_long.status_code == 400 and "extension_weeks" in error_fields(too_long)  # Awb 7:10 lid 3
    no_notice = client.patch(one, {"version": current_version(park_file), "extension_weeks": 2,
                                   "extension_ground": "Advies nodig (test)."}, format="json")
    assert no_notice.status_code == 400 and "extension_notice_sent_on" in error_fields(no_notice)  # lid 5
    on_time = client.patch(one, {"version": current_version(park_file), "lateness_excused": True,
                                 "excuse_reasons": "x"}, format="json")
    assert on_time.status_code == 400 and "lateness_excused" in error_fields(on_time)
    stored = Objection.objects.get()
    assert (stored.extension_weeks, stored.lateness_excused, stored.late) == (0, None, False)
    elsewhere = client.post(_base(park_file), {"announcement": "00000000-0000-0000-0000-000000000000",
                                               "received_on": announced.announced_on.isoformat()}, format="json")
    assert elsewhere.status_code == 400 and "announcement" in error_fields(elsewhere)
    assert Objection.objects.count() == 1


def test_a_partner_cannot_write_an_objection(handhaver, partner, partner_org, park_file, announced):
    from tests.casework.api.conftest import share

    share(park_file, by=handhaver, partner_org=partner_org, categories=(REMEDIES,))
    response = api_client(partner).post(_base(park_file), {"announcement": str(announced.pk),
                                                           "received_on": announced.announced_on.isoformat()},
                                        format="json")
    assert response.status_code == 403 and not Objection.objects.exists()
    assert events(action=Action.ACCESS_DENIED, actor_id=str(partner.pk), reason="action:change").exists()
