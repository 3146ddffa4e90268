"""The woonoverlast collection pages (issue 14: the forfeited penalties of a dwangsom), built on the
core's penalty services: the intention to collect (Awb 4:8), a request for a collection decision
(Awb 5:37 lid 2), the collection decision (5:37 lid 1) and payments. Bad input answers 400 with
nothing saved; a partner is refused (403) and the refusal recorded; each write leaves its audit event."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.roles import KETENPARTNER
from audit.actions import Action
from audit.models import AuditEvent
from casework.penalties.models import CollectionDecision, CollectionIntention, CollectionRequest, Forfeiture, Payment
from casework.woonoverlast import services
from tests.factories.woonoverlast import walk_to_order

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def forfeiture(case, officer, lead):
    order = walk_to_order(case, by=officer, lead=lead, enforcement="dwangsom", penalty_form="per_violation",
                          amount="250.00", maximum="1000.00")
    services.announcement_register(actor=officer, decision=order, addressee=case.person, method="registered_post",
                                   announced_on=order.decided_on)
    breach = services.check_record(actor=officer, order=order, checked_on=order.decided_on + timedelta(days=10),
                                   complied=False, findings="Harde muziek om 01.00 uur (testtekst).")
    return services.forfeiture_record(actor=officer, order=order, basis=breach, forfeited_on=breach.checked_on)


def _url(kind: str, case) -> str:
    return reverse(f"casework:woonoverlast_{kind}", args=[case.pk])


def _created(model) -> bool:
    return AuditEvent.objects.filter(action=Action.CREATE, object_type=model._meta.label).exists()


def test_intention_request_decision_and_payment_through_the_pages(client, login, case, officer, forfeiture):
    login(client, officer)
    order_id, day = str(forfeiture.order_id), forfeiture.forfeited_on
    for kind in ("collection_intention_create", "collection_request_create", "collection_decision_create",
                 "payment_create"):
        assert client.get(_url(kind, case)).status_code == 200
    intention = {"order": order_id, "forfeitures": [str(forfeiture.pk)], "sent_on": day.isoformat()}
    early = client.post(_url("collection_intention_create", case),
                        {**intention, "sent_on": (day - timedelta(days=1)).isoformat()})
    assert early.status_code == 400 and "sent_on" in early.context["form"].errors
    none = client.post(_url("collection_intention_create", case), {**intention, "forfeitures": []})
    assert none.status_code == 400 and "forfeitures" in none.context["form"].errors
    assert not CollectionIntention.objects.exists()
    assert client.post(_url("collection_intention_create", case), intention).status_code == 302
    row = CollectionIntention.objects.get()
    assert row.view_term_weeks == 2 and _created(CollectionIntention)

    request = {"order": order_id, "requester_name": "Testbuurman Vereniging", "requested_on": day.isoformat()}
    nameless = client.post(_url("collection_request_create", case), {**request, "requester_name": ""})
    assert nameless.status_code == 400 and not CollectionRequest.objects.exists()
    assert client.post(_url("collection_request_create", case), request).status_code == 302
    pending = CollectionRequest.objects.get()
    assert pending.decision_due_on > pending.requested_on

    decided = row.view_due_on + timedelta(days=1)
    decision = {"order": order_id, "forfeitures": [str(forfeiture.pk)], "request": str(pending.pk),
                "decided_on": decided.isoformat(), "announced_on": decided.isoformat()}
    premature = client.post(_url("collection_decision_create", case), {
        **decision, "decided_on": row.view_due_on.isoformat(), "announced_on": row.view_due_on.isoformat()})
    assert premature.status_code == 400 and not CollectionDecision.objects.exists()  # the view term runs
    assert client.post(_url("collection_decision_create", case), decision).status_code == 302
    assert CollectionDecision.objects.get().amount == Decimal("250.00") and _created(CollectionDecision)

    payment = {"forfeiture": str(forfeiture.pk), "paid_on": decided.isoformat(), "amount": "300.00"}
    too_much = client.post(_url("payment_create", case), payment)
    assert too_much.status_code == 400 and "amount" in too_much.context["form"].errors
    assert not Payment.objects.exists()
    assert client.post(_url("payment_create", case), {**payment, "amount": "250.00"}).status_code == 302
    assert Forfeiture.objects.get(pk=forfeiture.pk).state == Forfeiture.State.COLLECTED
    page = client.get(reverse("casework:case_detail", args=[case.pk])).content.decode()
    assert "EUR 250" in page and _url("payment_create", case) in page


def test_a_partner_cannot_reach_the_collection_pages_and_is_recorded(client, login, make_user, other_organisation,
                                                                     case, forfeiture):
    partner = make_user(role=KETENPARTNER, organisation=other_organisation)
    login(client, partner)
    answer = client.post(_url("collection_intention_create", case), {
        "order": str(forfeiture.order_id), "forfeitures": [str(forfeiture.pk)],
        "sent_on": forfeiture.forfeited_on.isoformat()})
    assert answer.status_code == 403 and not CollectionIntention.objects.exists()
    assert client.get(_url("payment_create", case)).status_code == 403
    assert AuditEvent.objects.filter(action=Action.ACCESS_DENIED, actor_id=str(partner.pk)).count() >= 2


def test_the_services_refuse_someone_else_and_record_it(case, forfeiture, make_user):
    from django.core.exceptions import PermissionDenied

    from accounts.roles import PROCESREGISSEUR

    director = make_user(role=PROCESREGISSEUR)
    with pytest.raises(PermissionDenied):
        services.collection_request_record(actor=director, order=forfeiture.order,
                                           requested_on=forfeiture.forfeited_on, requester_name="Testvragensteller")
    with pytest.raises(PermissionDenied):
        services.payment_record(actor=director, forfeiture=forfeiture, paid_on=forfeiture.forfeited_on,
                                amount="10.00")
    assert not CollectionRequest.objects.exists() and not Payment.objects.exists()
    assert AuditEvent.objects.filter(action=Action.ACCESS_DENIED, actor_id=str(director.pk)).exists()
