"""Every endpoint refuses a user of another team, of another organisation, and a partner whose
share expired: 403, an `access_denied` event about the case (or person), and nothing changed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from casework.models import CaseStep, SharingDecision
from casework.pga.models import Agreement, Conference
from casework.pga.services import agreement_record, conference_plan
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.casework.api.conftest import api_client, expire, share

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def world(regisseur, partner_org, case):
    conference = conference_plan(actor=regisseur, case=case, held_on=timezone.localdate(), invited=[partner_org])
    agreement = agreement_record(actor=regisseur, case=case, description="Test-afspraak", conference=conference,
                                 owner_organisation=partner_org, due_on=timezone.localdate() + timedelta(days=7))
    decision = share(case, by=regisseur, partner_org=partner_org,
                     categories=("metadata", "personalia", "pga_conferences"))
    return {"case": case, "conference": conference, "agreement": agreement, "share": decision}


def _requests(world, partner_org):
    c = world["case"]
    base = f"/api/v1/pga/cases/{c.pk}"
    core = f"/api/v1/cases/{c.pk}"
    today = str(timezone.localdate())
    return [
        ("get", f"{base}", None),
        ("get", f"{base}/transitions", None),
        ("post", f"{base}/transitions", {"to": "casusoverleg", "reason": "test", "version": c.version}),
        ("get", f"{base}/conferences", None),
        ("post", f"{base}/conferences", {"held_on": today, "invited": [str(partner_org.pk)]}),
        ("get", f"{base}/conferences/{world['conference'].pk}", None),
        ("patch", f"{base}/conferences/{world['conference'].pk}", {"attending": [], "minutes": "x",
                                                                     "version": c.version}),
        ("get", f"{base}/agreements", None),
        ("post", f"{base}/agreements", {"description": "x", "owner_organisation": str(partner_org.pk),
                                         "due_on": today}),
        ("get", f"{base}/agreements/{world['agreement'].pk}", None),
        ("patch", f"{base}/agreements/{world['agreement'].pk}", {"status": "done", "version": c.version}),
        ("get", f"{core}/shares", None),
        ("post", f"{core}/shares", {"partner": str(partner_org.pk), "categories": ["metadata"],
                                     "processing_activity": "chain-sharing", "purpose": "x",
                                     "weighing": "x" * 30, "ends_on": today}),
        ("post", f"{core}/shares/{world['share'].pk}/revocation", {"reason": "test", "version": c.version}),
        ("get", f"{base}/plan", None),
        ("post", f"{base}/plan", {"goals": [{"leefgebied": "housing", "goal": "x"}], "version": c.version}),
        ("get", f"/api/v1/persons/{c.person_id}", None),
    ]


def _snapshot(case):
    return (CaseStep.objects.filter(case=case).count(), Conference.objects.filter(case=case).count(),
            Agreement.objects.filter(case=case, status="open").count(),
            SharingDecision.objects.filter(case=case, revoked_at__isnull=True).count(),
            Conference.objects.filter(case=case, minutes__isnull=False).count())


@pytest.mark.parametrize("outsider", ["other_team_user", "other_org_user", "expired_partner"])
def test_every_endpoint_refuses_outsiders(request, outsider, world, partner_org, partner):
    if outsider == "expired_partner":
        expire(world["share"])
        user = partner
    else:
        user = request.getfixturevalue(outsider)
    case = world["case"]
    client = api_client(user)
    before = _snapshot(case)
    for method, url, body in _requests(world, partner_org):
        seen = events(action="access_denied", actor_id=str(user.pk)).count()
        response = getattr(client, method)(url, body, format="json")
        assert response.status_code == 403, (method, url, response.status_code)
        denied = events(action="access_denied", actor_id=str(user.pk)).order_by("-sequence")
        assert denied.count() == seen + 1, (method, url)  # exactly one event per refusal
        event = denied.first()
        assert event.outcome == "denied"
        assert event.subject_pseudonym == subject_pseudonym(case.person_id)
        if "/persons/" in url:
            assert event.object_id == str(case.person_id)
        else:
            assert event.case_id == str(case.pk)
        assert "Testpersoon" not in response.content.decode()
    assert _snapshot(case) == before


def test_partner_with_active_share_may_read_but_not_write(world, partner_org, partner):
    client = api_client(partner)
    case = world["case"]
    before = _snapshot(case)
    for method, url, body in _requests(world, partner_org):
        response = getattr(client, method)(url, body, format="json")
        if method == "get" and url.endswith("/plan"):
            assert response.status_code == 403  # pga_plan is not among the shared categories
        elif method == "get":
            assert response.status_code == 200, (url, response.content)
        else:
            assert response.status_code == 403, (method, url)
    assert _snapshot(case) == before


def test_list_is_filtered_for_outsiders(request, world):
    for name in ("other_team_user", "other_org_user"):
        body = api_client(request.getfixturevalue(name)).get("/api/v1/pga/cases").json()
        assert body["count"] == 0 and body["results"] == []


def test_unknown_case_is_404(regisseur):
    response = api_client(regisseur).get("/api/v1/pga/cases/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404
