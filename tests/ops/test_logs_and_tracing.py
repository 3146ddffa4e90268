"""Structured logs and tracing: one JSON line per request with the W3C trace context that the audit
event of the same request carries; no personal data, query string or form value in any line."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from audit.models import AuditEvent
from ops.logging import JsonFormatter
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")
TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT = "00f067aa0ba902b7"


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """Everything logged at INFO and above, formatted as production formats it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


def _lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def test_a_request_line_carries_the_trace_context_shared_with_its_audit_event(client, make_user, login, log_lines):
    user = make_user()
    case = make_pga_case(owner=user)
    login(client, user)
    response = client.get(f"/cases/{case.pk}/", HTTP_TRACEPARENT=f"00-{TRACE}-{PARENT}-01")
    assert response.status_code == 200
    version, trace_id, span_id, flags = response["traceresponse"].split("-")
    assert (version, trace_id, flags) == ("00", TRACE, "01") and len(span_id) == 16
    event = AuditEvent.objects.filter(case_id=str(case.pk)).latest("sequence")
    assert (event.trace_id, event.span_id, event.parent_span_id) == (TRACE, span_id, PARENT)
    (line,) = [entry for entry in _lines(log_lines) if entry["logger"] == "zorgveilig.request"]
    assert line["trace_id"] == TRACE and line["span_id"] == span_id and line["parent_span_id"] == PARENT
    assert line["user_id"] == str(user.pk) and line["status"] == 200 and line["method"] == "GET"
    assert line["route"] == "cases/<uuid:case_id>/" and line["view"] == "casework:case_detail"
    assert line["request_id"] == response["X-Request-ID"] and isinstance(line["duration_ms"], float)


def test_without_a_traceparent_a_trace_is_started(client, make_user, login, log_lines):
    login(client, make_user())
    response = client.get("/", HTTP_TRACEPARENT="00-00000000000000000000000000000000-00f067aa0ba902b7-01")
    trace_id = response["traceresponse"].split("-")[1]
    assert trace_id != "0" * 32 and len(trace_id) == 32
    (line,) = [entry for entry in _lines(log_lines) if entry["logger"] == "zorgveilig.request"]
    assert line["trace_id"] == trace_id and line["parent_span_id"] == ""


def test_no_personal_value_reaches_the_log(client, make_user, login, log_lines):
    """Planted values in a form, a query string and a failing write never appear in any log line."""
    planted = {"surname": "Vertrouwelijk-Achternaam", "bsn": "123456782", "address": "Geheimstraat 99",
               "phone": "0612398745"}
    login(client, make_user())
    referral = {"first_names": "Proef", "surname": planted["surname"], "bsn": planted["bsn"],
                "address": planted["address"], "phone": planted["phone"], "aanleiding": "Synthetisch",
                "informed_status": "not_yet"}
    assert client.post("/cases/pga/new/", referral).status_code == 302
    client.get(f"/cases/search/?bsn={planted['bsn']}&q={planted['surname']}")
    client.get(f"/does-not-exist/?bsn={planted['bsn']}")
    client.post("/cases/pga/new/", {**referral, "bsn": "12345678"})  # invalid: re-rendered with errors
    logging.getLogger("django.request").warning("Not Found: %s", "/does-not-exist/")
    text = log_lines.getvalue()
    assert text, "the walk was logged"
    for value in planted.values():
        assert value not in text
    assert all(json.loads(line) for line in text.splitlines())


def test_an_exception_is_logged_by_type_and_stack_never_its_text(log_lines):
    try:
        raise ValueError("BSN 123456782 of Jansen")
    except ValueError:
        logging.getLogger("zorgveilig.test").exception("failed")
    (line,) = _lines(log_lines)
    assert line["exc_type"] == "builtins.ValueError" and line["stack"]
    assert "123456782" not in json.dumps(line) and "Jansen" not in json.dumps(line)


def test_only_allowlisted_extra_fields_are_logged(log_lines):
    logging.getLogger("zorgveilig.test").info("x", extra={"status": 200, "surname": "Jansen"})
    (line,) = _lines(log_lines)
    assert line["status"] == 200 and "surname" not in line


def test_opentelemetry_spans_and_audit_events_share_ids(client, make_user, login, settings):
    pytest.importorskip("opentelemetry.instrumentation.django")
    from opentelemetry import trace
    from opentelemetry.instrumentation.django import DjangoInstrumentor
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    instrumentor = DjangoInstrumentor()
    instrumentor.instrument(tracer_provider=provider)
    try:
        user = make_user()
        case = make_pga_case(owner=user)
        client.handler.load_middleware()
        login(client, user)
        client.get(f"/cases/{case.pk}/", HTTP_TRACEPARENT=f"00-{TRACE}-{PARENT}-01")
    finally:
        instrumentor.uninstrument()
        client.handler.load_middleware()
    (span,) = [s for s in exporter.get_finished_spans() if s.kind == trace.SpanKind.SERVER]
    event = AuditEvent.objects.filter(case_id=str(case.pk)).latest("sequence")
    assert f"{span.context.trace_id:032x}" == TRACE == event.trace_id
    assert f"{span.context.span_id:016x}" == event.span_id and event.parent_span_id == PARENT
