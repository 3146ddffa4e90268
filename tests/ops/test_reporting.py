"""Optional error reports (Sentry) carry no personal data: tested with a fake transport that
captures exactly what would be sent."""

from __future__ import annotations

import io
import json
from wsgiref.util import setup_testing_defaults

import pytest

sentry_sdk = pytest.importorskip("sentry_sdk")
from sentry_sdk.transport import Transport  # noqa: E402

from ops import reporting  # noqa: E402
from tests.ops.urls import PLANTED_BSN, PLANTED_NAME  # noqa: E402

pytestmark = [pytest.mark.django_db(databases="__all__"), pytest.mark.urls("tests.ops.urls")]


class FakeTransport(Transport):
    def __init__(self, options=None):
        super().__init__(options)
        self.envelopes: list = []

    def capture_envelope(self, envelope):
        self.envelopes.append(envelope)

    def flush(self, timeout, callback=None):
        return None


@pytest.fixture
def transport():
    fake = FakeTransport()
    reporting._configured = False
    assert reporting.configure(dsn="http://public@127.0.0.1:9/1", transport=fake)
    yield fake
    sentry_sdk.get_client().close()
    sentry_sdk.init()
    reporting._configured = False


def _events(transport: FakeTransport) -> list[dict]:
    events = []
    for envelope in transport.envelopes:
        for item in envelope.items:
            if item.type == "event":
                events.append(json.loads(item.payload.get_bytes()))
    return events


def _wsgi_post(path: str, query: str, body: bytes, cookies: str) -> int:
    """Through Django's WSGI handler, as gunicorn calls it (Sentry's request data comes from there)."""
    from django.core.handlers.wsgi import WSGIHandler

    environ: dict = {}
    setup_testing_defaults(environ)
    environ.update({"REQUEST_METHOD": "POST", "PATH_INFO": path, "QUERY_STRING": query, "HTTP_COOKIE": cookies,
                    "CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": str(len(body)),
                    "wsgi.input": io.BytesIO(body), "HTTP_X_PATIENT": PLANTED_NAME,
                    "HTTP_USER_AGENT": "browser-under-test", "SERVER_NAME": "testserver", "HTTP_HOST": "testserver"})
    statuses: list[str] = []
    b"".join(WSGIHandler()(environ, lambda status, headers, exc_info=None: statuses.append(status)))
    return int(statuses[0].split()[0])


def test_an_error_report_keeps_the_error_and_drops_personal_data(client, transport, make_user, login):
    login(client, make_user())
    session = client.cookies["sessionid"].value
    status = _wsgi_post("/test-ops/fail/", f"bsn={PLANTED_BSN}",
                        f"surname={PLANTED_NAME}&bsn={PLANTED_BSN}".encode(),
                        f"sessionid={session}; tracking={PLANTED_NAME}")
    assert status == 500
    sentry_sdk.flush()
    (event,) = _events(transport)
    sent = json.dumps(event)
    assert PLANTED_NAME not in sent and PLANTED_BSN not in sent and session not in sent
    (exception,) = event["exception"]["values"]
    assert exception["type"] == "ValueError" and "value" not in exception
    assert any(frame["function"] == "failing_view" for frame in exception["stacktrace"]["frames"])
    assert all("vars" not in frame for frame in exception["stacktrace"]["frames"])
    request = event["request"]
    assert request["url"] == "http://testserver/test-ops/fail/" and request["method"] == "POST"
    assert set(request) == {"method", "url", "headers"}
    assert request["headers"].get("User-Agent") == "browser-under-test"
    assert not any(key.lower() in {"cookie", "x-patient"} for key in request["headers"])
    assert set(event.get("user", {})) <= {"id"}


def test_before_send_scrubs_a_hand_made_event():
    event = {
        "request": {"url": "https://x/cases/?q=Jansen", "method": "GET", "data": {"bsn": "1"},
                    "cookies": {"s": "1"}, "query_string": "q=Jansen", "headers": {"Cookie": "s=1", "Accept": "*/*"}},
        "user": {"id": "42", "username": "jansen", "email": "j@example.invalid", "ip_address": "10.0.0.1"},
        "logentry": {"message": "stored %s", "params": ["Jansen"], "formatted": "stored Jansen"},
        "extra": {"sys.argv": ["--bsn", "1"]},
        "breadcrumbs": {"values": [{"category": "query", "message": "SELECT 'Jansen'", "data": {"p": 1}}]},
    }
    scrubbed = reporting.before_send(event, {})
    assert "Jansen" not in json.dumps(scrubbed)
    assert scrubbed["request"]["headers"] == {"Accept": "*/*"}
    assert scrubbed["user"] == {"id": "42"}
    assert scrubbed["logentry"] == {"message": "stored %s"}


def test_reporting_stays_off_without_a_dsn(monkeypatch):
    monkeypatch.delenv("SENTRY_DSN", raising=False)
    reporting._configured = False
    assert reporting.configure() is False
