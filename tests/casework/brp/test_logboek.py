"""The Logboek Dataverwerkingen export (audit/exports.py) of outgoing BRP calls: each call is an operation of its own
with the span sent in `traceparent` and a `foreign_operation` link naming the BRP source; a refused lookup (nothing
sent) and an ordinary event have none."""

from __future__ import annotations

import pytest

from audit import context as audit_context
from audit.exports import FIELDS, logboek_record
from casework.brp import client
from casework.brp.access import BrpRefused
from tests.auditlog import events

pytestmark = pytest.mark.django_db(databases="__all__")


def _records(**filters):
    return [logboek_record(row) for row in events(**filters).order_by("sequence").values(*FIELDS)]


def test_an_outgoing_brp_call_is_its_own_operation_linked_to_the_operation_at_the_brp(brp, make_user, partner):
    context = audit_context.AuditContext(request_id="r1", trace_id="4bf92f3577b34da6a3ce929d0e0e4736",
                                         span_id="00f067aa0ba902b7")
    with audit_context.bound(context):
        client.person_by_bsn("999999837", user=make_user(), processing_activity="damocles")
        with pytest.raises(BrpRefused):
            client.person_by_bsn("999999837", user=partner, processing_activity="damocles")
    sent_span = brp.api_calls[0].headers["traceparent"].split("-")[2]
    call, refusal = _records(object_type="brp.Persoon")
    assert (call["trace_id"], call["span_id"], call["parent_span_id"]) == (context.trace_id, sent_span,
                                                                            context.span_id)
    assert call["foreign_operation"] == {"trace_id": context.trace_id, "span_id": sent_span,
                                         "entity": brp.personen_url}
    assert call["attributes"]["dpl.core.processing_activity_id"].endswith(":damocles")
    assert "foreign_operation" not in refusal


def test_an_outgoing_bag_call_is_linked_the_same_way_and_other_events_are_not(locatieserver):
    from casework.bag import client as bag_client

    bag_client.suggest("9999 XA 12", processing_activity="damocles")
    sent_span = locatieserver.received[0].headers["traceparent"].split("-")[2]
    (call,) = _records(object_type="bag.Address")
    assert call["span_id"] == sent_span
    assert call["foreign_operation"]["entity"] == locatieserver.base_url
    others = _records(object_type="")
    assert all("foreign_operation" not in record for record in others)
