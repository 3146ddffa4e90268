"""/api/v1/woonoverlast: a closure's extension (drafted for the four-eyes approval, then decided with
its signatory, under the version rule) and its cost recovery (Awb 5:25); bad input answered 400
problem+json with nothing written; a partner refused and the refusal recorded; the addressees of a
gedragsaanwijzing looked up in one query."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import KETENPARTNER
from audit.actions import Action
from audit.models import AuditEvent
from casework.approvals import approval_decide
from casework.models import Case
from casework.woonoverlast.models import BehaviouralOrder, Closure, ClosureExtension
from tests.casework.api.conftest import api_client, error_fields
from tests.factories.woonoverlast import SIGNATORY, make_file, to_intention, walk_to_closure

pytestmark = pytest.mark.django_db(databases="__all__")
BASE = "/api/v1/woonoverlast/cases"
GROUND = "Na de sluiting opnieuw drugshandel vanuit de woning vastgesteld (testtekst)."
SPEC = "Slotenmaker en verzegeling van de woning door de gemeente (testtekst)."


@pytest.fixture
def closure(case, officer, lead):
    return walk_to_closure(case, by=officer, lead=lead)


def _version(case_id) -> int:
    return Case.objects.get(pk=case_id).version


def test_an_extension_is_drafted_approved_and_decided(closure, officer, lead):
    client = api_client(officer)
    url = f"{BASE}/{closure.case_id}/closures/{closure.pk}/extensions"
    bad = client.post(url, {"weeks": 0, "ground": ""}, format="json")
    assert bad.status_code == 400 and {"weeks", "ground"} <= error_fields(bad)
    short = client.post(url, {"weeks": 2, "ground": "kort"}, format="json")
    assert short.status_code == 400 and "ground" in error_fields(short)
    assert not ClosureExtension.objects.exists()
    created = client.post(url, {"weeks": 2, "ground": GROUND}, format="json")
    assert created.status_code == 201 and created.json()["approval"] == "pending"
    extension = ClosureExtension.objects.get()
    decide = f"{BASE}/{closure.case_id}/extensions/{extension.pk}/decision"
    day = (closure.decided_on + timedelta(days=7)).isoformat()
    body = {"decided_on": day, "signatory": SIGNATORY, "under_mandate": True}
    unapproved = client.post(decide, {**body, "version": _version(closure.case_id)}, format="json")
    assert unapproved.status_code == 400 and Closure.objects.get(pk=closure.pk).extension_weeks == 0
    approval_decide(approval=extension.approval, approver=lead, approve=True, reason="")
    unsigned = client.post(decide, {"decided_on": day, "version": _version(closure.case_id)}, format="json")
    assert unsigned.status_code == 400 and "signatory" in error_fields(unsigned)
    stale = client.post(decide, {**body, "version": _version(closure.case_id) - 1}, format="json")
    assert stale.status_code == 409 and Closure.objects.get(pk=closure.pk).extension_weeks == 0
    done = client.post(decide, {**body, "version": _version(closure.case_id)}, format="json")
    assert done.status_code == 200 and done.json()["state"] == "imposed"
    assert done.json()["ends_on"] == (closure.ends_on + timedelta(weeks=2)).isoformat()
    listed = client.get(url).json()
    assert [(row["weeks"], row["signatory"], row["approval"]) for row in listed] == [(2, SIGNATORY, "approved")]
    assert AuditEvent.objects.filter(action=Action.VIEW, object_type="woonoverlast.ClosureExtension").exists()


def test_the_cost_recovery_and_its_bad_input(closure, officer):
    client = api_client(officer)
    url = f"{BASE}/{closure.case_id}/closures/{closure.pk}/cost-recovery"
    day = closure.decided_on.isoformat()
    body = {"amount": "450.00", "specification": SPEC, "decided_on": day, "signatory": SIGNATORY}
    for bad, fields in (({**body, "amount": "-1"}, {"amount"}), ({**body, "signatory": ""}, {"signatory"}),
                        ({**body, "specification": "kort"}, {"specification"}),
                        ({**body, "decided_on": "2099-01-01"}, {"decided_on"})):
        answer = client.post(url, {**bad, "version": _version(closure.case_id)}, format="json")
        assert answer.status_code == 400 and fields <= error_fields(answer), bad
    assert client.post(url, body, format="json").status_code == 400  # the version is required
    assert Closure.objects.get(pk=closure.pk).costs_amount is None
    done = client.post(url, {**body, "version": _version(closure.case_id)}, format="json")
    assert done.status_code == 200 and done.json()["costs_amount"] == "450.00"
    assert done.json()["costs_specification"] == SPEC
    again = client.post(url, {**body, "version": _version(closure.case_id)}, format="json")
    assert again.status_code == 400  # once per closure


def test_a_partner_is_refused_and_the_refusal_recorded(closure, make_user, other_organisation):
    partner = make_user(role=KETENPARTNER, organisation=other_organisation)
    client = api_client(partner)
    answer = client.post(f"{BASE}/{closure.case_id}/closures/{closure.pk}/extensions",
                         {"weeks": 2, "ground": GROUND}, format="json")
    assert answer.status_code == 403 and not ClosureExtension.objects.exists()
    costs = client.post(f"{BASE}/{closure.case_id}/closures/{closure.pk}/cost-recovery",
                        {"amount": "1.00", "specification": SPEC, "signatory": SIGNATORY,
                         "version": _version(closure.case_id)}, format="json")
    assert costs.status_code == 403 and Closure.objects.get(pk=closure.pk).costs_amount is None
    assert AuditEvent.objects.filter(action=Action.ACCESS_DENIED, actor_id=str(partner.pk)).count() >= 2


def _order_body(people) -> dict:
    return {"article": "art. 2:79 APV", "addressees": [str(p.pk) for p in people], "addressee_capacity": "occupant",
            "behaviour": "Geen geluid na 23.00 uur (test).", "enforcement": "bestuursdwang", "duration_weeks": 8,
            "compliance_term_days": 7}


def test_unknown_addressees_are_bad_input_and_looked_up_in_one_query(case, officer, apv):
    to_intention(case, by=officer)
    client = api_client(officer)
    others = [make_file(owner=officer, surname=f"Testbewoner-{n}").person for n in range(3)]
    unknown = client.post(f"{BASE}/{case.pk}/orders", {**_order_body([case.person]),
                                                        "addressees": [str(case.person_id), str(case.pk)]},
                          format="json")
    assert unknown.status_code == 400 and "addressees" in error_fields(unknown)
    assert not BehaviouralOrder.objects.exists()

    def person_queries(people) -> int:
        with CaptureQueriesContext(connection) as queries:
            client.post(f"{BASE}/{case.pk}/orders", _order_body(people), format="json")
        return sum('FROM "casework_person"' in q["sql"] and "IN (" in q["sql"] for q in queries.captured_queries)

    assert person_queries([case.person, *others]) == 1
