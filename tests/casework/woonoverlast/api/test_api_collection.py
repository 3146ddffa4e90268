"""/api/v1/woonoverlast: the forfeitures of a dwangsom and their collection (intention, request for a
collection decision, the decision, payments) on the core's penalty services. Bad input answered 400
problem+json with nothing written; a partner refused and recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest

from accounts.roles import KETENPARTNER
from audit.actions import Action
from audit.models import AuditEvent
from casework.penalties.models import CollectionDecision, CollectionIntention, CollectionRequest, Forfeiture, Payment
from casework.woonoverlast import services
from tests.casework.api.conftest import api_client, error_fields
from tests.factories.woonoverlast import walk_to_order

pytestmark = pytest.mark.django_db(databases="__all__")
BASE = "/api/v1/woonoverlast/cases"


@pytest.fixture
def forfeiture(case, officer, lead):
    order = walk_to_order(case, by=officer, lead=lead, enforcement="dwangsom", penalty_form="per_violation",
                          amount="250.00", maximum="1000.00")
    services.announcement_register(actor=officer, decision=order, addressee=case.person, method="registered_post",
                                   announced_on=order.decided_on)
    breach = services.check_record(actor=officer, order=order, checked_on=order.decided_on + timedelta(days=10),
                                   complied=False, findings="Harde muziek om 01.00 uur (testtekst).")
    return services.forfeiture_record(actor=officer, order=order, basis=breach, forfeited_on=breach.checked_on)


def test_collection_through_the_api(case, officer, forfeiture):
    client = api_client(officer)
    own, day = f"{BASE}/{case.pk}", forfeiture.forfeited_on
    listed = client.get(f"{own}/forfeitures").json()
    assert [(row["id"], row["state"]) for row in listed] == [(str(forfeiture.pk), "open")]
    body = {"order": str(forfeiture.order_id), "forfeitures": [str(forfeiture.pk)], "sent_on": day.isoformat()}
    bad = client.post(f"{own}/collection-intentions", {**body, "forfeitures": [], "sent_on": "gisteren"},
                      format="json")
    assert bad.status_code == 400 and {"forfeitures", "sent_on"} <= error_fields(bad)
    unknown = client.post(f"{own}/collection-intentions", {**body, "forfeitures": [str(case.pk)]}, format="json")
    assert unknown.status_code == 400 and "forfeitures" in error_fields(unknown)
    assert not CollectionIntention.objects.exists()
    assert client.post(f"{own}/collection-intentions", body, format="json").status_code == 201
    intention = CollectionIntention.objects.get()
    nameless = client.post(f"{own}/collection-requests", {"order": str(forfeiture.order_id), "requester_name": "",
                                                           "requested_on": day.isoformat()}, format="json")
    assert nameless.status_code == 400 and not CollectionRequest.objects.exists()
    decided = (intention.view_due_on + timedelta(days=1)).isoformat()
    decision = {"order": str(forfeiture.order_id), "forfeitures": [str(forfeiture.pk)], "decided_on": decided,
                "announced_on": decided}
    early = client.post(f"{own}/collection-decisions", {**decision, "decided_on": intention.view_due_on.isoformat(),
                                                         "announced_on": intention.view_due_on.isoformat()},
                        format="json")
    assert early.status_code == 400 and not CollectionDecision.objects.exists()
    assert client.post(f"{own}/collection-decisions", decision, format="json").status_code == 201
    pay = f"{own}/forfeitures/{forfeiture.pk}/payments"
    too_much = client.post(pay, {"paid_on": decided, "amount": "999.00"}, format="json")
    assert too_much.status_code == 400 and "amount" in error_fields(too_much) and not Payment.objects.exists()
    assert client.post(pay, {"paid_on": decided, "amount": "250.00"}, format="json").status_code == 201
    assert Forfeiture.objects.get(pk=forfeiture.pk).state == Forfeiture.State.COLLECTED


def test_a_partner_is_refused_and_recorded(case, forfeiture, make_user, other_organisation):
    partner = make_user(role=KETENPARTNER, organisation=other_organisation)
    client = api_client(partner)
    assert client.get(f"{BASE}/{case.pk}/forfeitures").status_code == 403
    answer = client.post(f"{BASE}/{case.pk}/forfeitures/{forfeiture.pk}/payments",
                         {"paid_on": forfeiture.forfeited_on.isoformat(), "amount": "10.00"}, format="json")
    assert answer.status_code == 403 and not Payment.objects.exists()
    assert AuditEvent.objects.filter(action=Action.ACCESS_DENIED, actor_id=str(partner.pk)).count() >= 2
