"""Every Damocles endpoint refuses another organisation's officer, a procesregisseur, a partner
without a share and a partner whose share expired: 403, exactly one `access_denied` event about
the procedure, and nothing changed. A partner sees exactly the shared Damocles categories."""

from __future__ import annotations

from datetime import date

import pytest

from casework.damocles.services import interim_relief_register, objection_register
from casework.models import Approval, CaseStep
from casework.remedies.models import Announcement, InterimRelief, Objection
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.casework.api.conftest import api_client, expire
from tests.casework.damocles.api.conftest import share
from tests.factories.damocles import announce, walk_to_decision

pytestmark = pytest.mark.django_db(databases="__all__")

DECIDED_ON = date(2026, 4, 1)


@pytest.fixture
def world(handhaver, other_team_lead, procedure):
    walk_to_decision(procedure, by=handhaver, lead=other_team_lead, decided_on=DECIDED_ON)
    announcement = announce(procedure, by=handhaver, announced_on=date(2026, 4, 2))
    objection = objection_register(actor=handhaver, case=procedure, announcement=announcement,
                                   received_on=date(2026, 4, 20))
    relief = interim_relief_register(actor=handhaver, case=procedure, requested_on=date(2026, 4, 21))
    approval = Approval.objects.get(case=procedure)
    return {"case": procedure, "announcement": announcement, "objection": objection, "relief": relief,
            "approval": approval}


def _requests(world):
    c = world["case"]
    base = f"/api/v1/damocles/cases/{c.pk}"
    return [
        ("get", f"{base}", None),
        ("get", f"{base}/transitions", None),
        ("post", f"{base}/transitions", {"to": "bekendgemaakt", "reason": "test", "version": c.version}),
        ("get", f"{base}/assessment", None),
        ("post", f"{base}/assessment", {"chosen_sanction": "warning", "geschikt": "x", "noodzakelijk": "x",
                                         "evenwichtig": "x", "deviation_reasons": "x", "version": c.version}),
        ("post", f"{base}/approvals", None),
        ("post", f"{base}/approvals/{world['approval'].pk}/decision", {"approve": True, "version": c.version}),
        ("get", f"{base}/announcements", None),
        ("post", f"{base}/announcements", {"role": "tenant", "method": "registered_post",
                                            "announced_on": "2026-04-03", "addressee_name": "Testpersoon"}),
        ("get", f"{base}/objections", None),
        ("post", f"{base}/objections", {"announcement": str(world["announcement"].pk),
                                         "received_on": "2026-04-22"}),
        ("get", f"{base}/objections/{world['objection'].pk}", None),
        ("patch", f"{base}/objections/{world['objection'].pk}", {"suspension_days": 3, "version": c.version}),
        ("get", f"{base}/interim-reliefs", None),
        ("post", f"{base}/interim-reliefs", {"requested_on": "2026-04-23"}),
        ("patch", f"{base}/interim-reliefs/{world['relief'].pk}", {"municipality_waits": True, "version": c.version}),
        ("post", f"{base}/closure-registration", {"order_posted": True, "wkpb_registered_on": None,
                                                  "version": c.version}),
    ]


def _snapshot(case):
    case.refresh_from_db()
    return (case.version, case.status, CaseStep.objects.filter(case=case).count(),
            Announcement.objects.filter(case=case).count(), Objection.objects.filter(case=case).count(),
            Objection.objects.filter(case=case, suspension_days=0).count(),
            InterimRelief.objects.filter(case=case, municipality_waits=False).count(),
            Approval.objects.filter(case=case).count(), case.damocles.chosen_sanction)


@pytest.mark.parametrize("outsider", ["other_org_handhaver", "regisseur", "partner", "expired_partner"])
def test_every_endpoint_refuses_outsiders(request, outsider, world, handhaver, partner_org):
    case = world["case"]
    if outsider == "expired_partner":
        expire(share(case, by=handhaver, partner_org=partner_org,
                     categories=("personalia", "damocles_report", "damocles_decision", "remedies")))
        user = request.getfixturevalue("partner")
    else:
        user = request.getfixturevalue(outsider)
    client = api_client(user)
    before = _snapshot(case)
    for method, url, body in _requests(world):
        seen = events(action="access_denied", actor_id=str(user.pk)).count()
        response = getattr(client, method)(url, body, format="json")
        assert response.status_code == 403, (method, url, response.status_code, response.content)
        denied = events(action="access_denied", actor_id=str(user.pk)).order_by("-sequence")
        assert denied.count() == seen + 1, (method, url)  # exactly one event per refusal
        event = denied.first()
        assert event.outcome == "denied" and event.case_id == str(case.pk)
        assert event.subject_pseudonym == subject_pseudonym(case.person_id)
        assert "Testpersoon" not in response.content.decode() and "Teststraat" not in response.content.decode()
    assert _snapshot(case) == before
    assert case.reference not in str(client.get("/api/v1/damocles/cases").json())


def test_partner_with_only_the_report_category_sees_only_report_fields(world, handhaver, partner_org, partner):
    case = world["case"]
    share(case, by=handhaver, partner_org=partner_org, categories=("damocles_report",))
    client = api_client(partner)
    response = client.get(f"/api/v1/damocles/cases/{case.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["categories"] == ["damocles_report", "metadata"]
    assert body["reference"] == case.reference and body["premises"]["kind"] == "woning"
    [report] = body["police_reports"]
    assert report["findings"] == [{"substance": "softdrugs", "amount": "45.00", "unit": "g"}]
    assert report["summary"].startswith("Testrapportage")
    for hidden in ("assessment", "decision", "letters", "remedies", "person", "urgent", "version"):
        assert body[hidden] is None, hidden
    for hidden in ("address", "street", "postcode", "owner", "parties", "notes"):
        assert body["premises"][hidden] is None, hidden
    assert all(step["reason"] is None and step["data"] is None for step in body["steps"])
    assert body["available_transitions"] == []
    text = response.content.decode()
    assert "Teststraat" not in text and "Testverhuur" not in text and "Testpersoon" not in text
    assert "Burgemeester" not in text and "testtekst" not in text
    base = f"/api/v1/damocles/cases/{case.pk}"
    for url in ("assessment", "announcements", "objections", f"objections/{world['objection'].pk}",
                "interim-reliefs"):
        seen = events(action="access_denied", actor_id=str(partner.pk)).count()
        assert client.get(f"{base}/{url}").status_code == 403, url
        assert events(action="access_denied", actor_id=str(partner.pk)).count() == seen + 1
    listed = client.get("/api/v1/damocles/cases").json()["results"]
    assert [r["reference"] for r in listed] == [case.reference] and listed[0]["premises"]["address"] is None


def test_partner_with_decision_and_remedies_sees_those_but_writes_nothing(world, handhaver, partner_org, partner):
    case = world["case"]
    share(case, by=handhaver, partner_org=partner_org, categories=("damocles_decision", "remedies"))
    client = api_client(partner)
    body = client.get(f"/api/v1/damocles/cases/{case.pk}").json()
    assert body["police_reports"] is None and body["premises"]["address"] is None
    assert body["assessment"]["chosen_sanction"] == "closure" and body["assessment"]["geschikt"]
    assert body["decision"]["signatory"] == "T. Burgemeester (test)"
    assert body["decision"]["approval"] is None  # internal bookkeeping, never a partner's
    assert [a["role"] for a in body["remedies"]["announcements"]] == ["owner"]
    assert client.get(f"/api/v1/damocles/cases/{case.pk}/objections").status_code == 200
    before = _snapshot(case)
    for method, url, payload in _requests(world):
        if method != "get":
            assert getattr(client, method)(url, payload, format="json").status_code == 403, url
    assert _snapshot(case) == before
