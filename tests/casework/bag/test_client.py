"""casework/bag/client.py against the fake Locatieserver (tests/bagfake.py): answers, failures, the
trace context sent, the audit event written, and nothing sent without a configured source."""

from __future__ import annotations

import pytest
import urllib3

from audit import context as audit_context
from casework.bag import client
from casework.bag.client import AddressLookupError, LookupDisabled
from tests.auditlog import event_list
from tests.bagfake import ADDRESSES

pytestmark = pytest.mark.django_db(databases="__all__")

ACTIVITY = "information-security"  # any known processing activity; the case types pass their own


@pytest.fixture
def request_context():
    context = audit_context.AuditContext(request_id="r1", trace_id="4bf92f3577b34da6a3ce929d0e0e4736",
                                         span_id="00f067aa0ba902b7")
    with audit_context.bound(context):
        yield context


def test_suggest_then_lookup_gives_the_address_with_both_bag_ids(locatieserver):
    found = client.suggest("9999 XA 14", processing_activity=ACTIVITY)
    assert [s.label for s in found] == ["Proefstraat 14B-2, 9999XA Testdorp"]
    address = client.lookup(found[0].id, processing_activity=ACTIVITY)
    assert (address.nummeraanduiding_id, address.adresseerbaarobject_id) == ("9999200000000003", "9999010000000003")
    assert (address.street, address.house_number, address.addition, address.postcode, address.city) == (
        "Proefstraat", "14", "B-2", "9999XA", "Testdorp")
    suggest_call = locatieserver.received[0]
    assert suggest_call.path.endswith("/v3_1/suggest") and suggest_call.params["fq"] == ["type:adres"]


def test_every_call_sends_a_new_span_of_the_request_trace_and_audits_it_with_that_span(locatieserver,
                                                                                       request_context):
    client.suggest("Proefstraat 12", processing_activity=ACTIVITY)
    address = client.lookup(ADDRESSES[1]["id"], processing_activity=ACTIVITY)
    parents = [call.headers["traceparent"] for call in locatieserver.received]
    assert len(parents) == 2
    spans = []
    for header in parents:
        version, trace_id, span_id, flags = header.split("-")
        assert (version, trace_id, flags) == ("00", request_context.trace_id, "01")
        assert span_id != request_context.span_id
        spans.append(span_id)
    assert spans[0] != spans[1]
    search, view = event_list(object_type="bag.Address")
    assert (search.action, search.outcome, search.object_id) == ("search", "ok", "")
    assert (view.action, view.object_id) == ("view", address.nummeraanduiding_id)
    for event, span in zip((search, view), spans, strict=True):
        assert (event.trace_id, event.span_id, event.parent_span_id) == (request_context.trace_id, span,
                                                                         request_context.span_id)
        assert event.processing_activity == ACTIVITY and event.request_id == "r1"
    # The typed text never reaches the audit trail.
    assert "Proefstraat" not in search.reason and "12" not in search.reason


def test_nothing_is_sent_and_nothing_audited_when_no_source_is_configured(locatieserver, settings):
    settings.BAG_SOURCE = ""
    with pytest.raises(LookupDisabled) as refused:
        client.suggest("9999 XA 12", processing_activity=ACTIVITY)
    assert "niet geverifieerd" in refused.value.message or "not verified" in refused.value.message
    assert locatieserver.received == [] and event_list(object_type="bag.Address") == []
    assert client.enabled() is False


def test_the_configured_timeouts_reach_urllib3_and_a_timeout_is_a_clear_error(locatieserver, settings, monkeypatch):
    settings.BAG_CONNECT_TIMEOUT, settings.BAG_READ_TIMEOUT, settings.BAG_RETRIES = 0.7, 0.2, 0
    locatieserver.mode, locatieserver.delay = "slow", 0.6
    seen = []
    original = urllib3.PoolManager.request

    def spy(self, method, url, **kwargs):
        seen.append(kwargs["timeout"])
        return original(self, method, url, **kwargs)

    monkeypatch.setattr(urllib3.PoolManager, "request", spy)
    with pytest.raises(AddressLookupError) as failed:
        client.suggest("9999 XA 12", processing_activity=ACTIVITY)
    assert (seen[0].connect_timeout, seen[0].read_timeout) == (0.7, 0.2)
    assert failed.value.cause == "timeout" and "BAG" in failed.value.message
    (event,) = event_list(object_type="bag.Address")
    assert (event.outcome, event.reason) == ("error", "bag suggest (municipal): timeout")


def test_a_503_is_retried_and_then_answers(locatieserver):
    locatieserver.mode, locatieserver.failures_left = "flaky", 2
    assert client.suggest("Oefenlaan 3", processing_activity=ACTIVITY)[0].label == "Oefenlaan 3, 9999XB Proefdorp"
    assert len(locatieserver.received) == 3


def test_a_5xx_after_the_retries_is_a_clear_error_and_audited(locatieserver, settings):
    locatieserver.mode, locatieserver.failures_left = "flaky", 10
    with pytest.raises(AddressLookupError) as failed:
        client.suggest("Oefenlaan 3", processing_activity=ACTIVITY)
    assert len(locatieserver.received) == 1 + settings.BAG_RETRIES
    assert failed.value.cause == "status 503"
    locatieserver.mode = "error"  # a 500 is not retried: the source answered, wrongly
    with pytest.raises(AddressLookupError):
        client.suggest("Oefenlaan 3", processing_activity=ACTIVITY)
    assert [e.outcome for e in event_list(object_type="bag.Address")] == ["error", "error"]


def test_no_result_is_an_empty_list_and_an_unknown_id_a_clear_error(locatieserver):
    assert client.suggest("Nergensstraat 999", processing_activity=ACTIVITY) == []
    with pytest.raises(AddressLookupError) as failed:
        client.lookup("adr-" + "f" * 32, processing_activity=ACTIVITY)
    assert failed.value.cause == "not found"
    locatieserver.mode = "missing"
    assert client.suggest("Oefenlaan 3", processing_activity=ACTIVITY) == []


def test_an_answer_that_is_no_json_is_a_clear_error(locatieserver):
    locatieserver.mode = "garbage"
    with pytest.raises(AddressLookupError) as failed:
        client.lookup(ADDRESSES[0]["id"], processing_activity=ACTIVITY)
    assert failed.value.cause == "bad json"


@pytest.mark.parametrize("query", ["", "a", "x" * 201])
def test_a_query_too_short_or_too_long_is_refused_before_sending(locatieserver, query):
    with pytest.raises(AddressLookupError):
        client.suggest(query, processing_activity=ACTIVITY)
    assert locatieserver.received == []


def test_a_lookup_id_that_is_no_id_is_refused_before_sending(locatieserver):
    with pytest.raises(AddressLookupError):
        client.lookup("adr-1&fq=*", processing_activity=ACTIVITY)
    assert locatieserver.received == []


def test_pdok_is_the_default_base_url_of_the_pdok_source(settings):
    settings.BAG_SOURCE, settings.BAG_BASE_URL = "pdok", ""
    source = client.configured_source()
    assert source is not None and source.base_url == "https://api.pdok.nl/bzk/locatieserver/search/v3_1"
