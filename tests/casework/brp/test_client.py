"""casework/brp/client.py against the fake BRP (tests/brpfake.py): answers, the fields and headers sent, the OAuth2
token, the trace context, the audit event per call, failures, and the refusals before anything is sent."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
import urllib3

from accounts.models import Organisation
from accounts.roles import KETENPARTNER, PRIVACY_OFFICER
from audit import context as audit_context
from audit.activities import activity_uri
from casework.brp import client, transport
from casework.brp.access import BrpRefused
from casework.brp.client import ADDRESSEE_FIELDS, PERSON_FIELDS, BrpDisabled, BrpError
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import event_list
from tests.brpfake import HISTORY_OBJECT, HOUSEHOLD_OBJECT
from tests.factories.accounts import OrganisationFactory

pytestmark = pytest.mark.django_db(databases="__all__")

DAMOCLES, PARK = "damocles", "park-enforcement"
BSN = "999999849"


@pytest.fixture
def officer(make_user):
    return make_user()


@pytest.fixture
def request_context():
    context = audit_context.AuditContext(request_id="r1", trace_id="4bf92f3577b34da6a3ce929d0e0e4736",
                                         span_id="00f067aa0ba902b7")
    with audit_context.bound(context):
        yield context


def test_a_person_by_bsn_gives_name_and_date_of_birth_and_asks_only_the_fields_of_the_use(brp, officer):
    person = client.person_by_bsn(BSN, user=officer, processing_activity=DAMOCLES)
    assert person == client.BrpPerson(bsn=BSN, first_names="Delilah", surname="van Doodewaard",
                                      date_of_birth=date(1974, 12, 1))
    (call,) = brp.api_calls
    assert call.path == "/haalcentraal/api/brp/personen"
    assert call.body == {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [BSN],
                         "fields": list(PERSON_FIELDS)}
    addressee = client.person_by_bsn(BSN, user=officer, processing_activity=DAMOCLES, fields=ADDRESSEE_FIELDS)
    assert addressee is not None and addressee.address_lines == ("Turfmarkt 45", "2511 CA  'S-GRAVENHAGE")


def test_an_unknown_bsn_is_none_and_audited_as_found_nothing(brp, officer):
    assert client.person_by_bsn("999993653", user=officer, processing_activity=DAMOCLES) is None
    (event,) = event_list(object_type="brp.Persoon")
    assert (event.action, event.outcome) == ("view", "ok") and event.reason.endswith(", 0 found")


def test_residents_of_an_adresseerbaar_object_and_the_residence_history_of_a_period(brp, officer):
    found = client.residents(HOUSEHOLD_OBJECT, user=officer, processing_activity=PARK)
    assert sorted(p.bsn for p in found) == ["999999837", "999999849", "999999850"]
    periods = client.residence_history(HISTORY_OBJECT, date_from=date(2010, 1, 1), date_to=date(2020, 1, 1),
                                       user=officer, processing_activity=PARK)
    assert [(p.date_from, p.date_to, sorted(r.bsn for r in p.residents)) for p in periods] == [
        (date(2010, 1, 1), date(2011, 3, 15), []),
        (date(2011, 3, 15), date(2015, 3, 2), ["999990652", "999994049"]),
        (date(2015, 3, 2), date(2020, 1, 1), ["999990652"]),
    ]
    assert brp.api_calls[1].path == "/haalcentraal/api/bewoning/bewoningen"
    assert brp.api_calls[1].body == {"type": "BewoningMetPeriode", "adresseerbaarObjectIdentificatie": HISTORY_OBJECT,
                                     "datumVan": "2010-01-01", "datumTot": "2020-01-01"}


def test_the_token_is_fetched_once_with_client_credentials_and_sent_as_bearer(brp, officer):
    client.person_by_bsn(BSN, user=officer, processing_activity=DAMOCLES)
    client.person_by_bsn(BSN, user=officer, processing_activity=DAMOCLES)
    assert brp.tokens_issued == ["token-1"]
    token_call = next(call for call in brp.received if call.path.endswith("/token"))
    assert "grant_type=client_credentials" in token_call.body and token_call.headers["authorization"].startswith(
        "Basic ")
    assert [call.headers["authorization"] for call in brp.api_calls] == ["Bearer token-1"] * 2


def test_a_refused_token_is_a_clear_not_authorised_error_and_nothing_is_asked(brp, officer):
    brp.token_mode = "refuse"
    with pytest.raises(BrpError) as failed:
        client.person_by_bsn(BSN, user=officer, processing_activity=DAMOCLES)
    assert failed.value.cause == "token refused" and brp.api_calls == []
    assert "geautoriseerd" in failed.value.message or "authorised" in failed.value.message


def test_purpose_activity_and_a_new_span_of_the_trace_go_with_the_call_and_the_audit_event(brp, officer,
                                                                                           request_context):
    person_id = uuid.uuid4()
    client.person_by_bsn(BSN, user=officer, processing_activity=DAMOCLES, subject_id=person_id)
    (call,) = brp.api_calls
    assert call.headers["x-doelbinding"] == DAMOCLES
    assert call.headers["x-verwerking"] == activity_uri(DAMOCLES)
    version, trace_id, span_id, flags = call.headers["traceparent"].split("-")
    assert (version, trace_id, flags) == ("00", request_context.trace_id, "01")
    assert span_id != request_context.span_id
    (event,) = event_list(object_type="brp.Persoon")
    assert (event.trace_id, event.span_id, event.parent_span_id) == (trace_id, span_id, request_context.span_id)
    assert event.processing_activity == DAMOCLES and event.actor_id == str(officer.pk)
    assert event.subject_pseudonym == subject_pseudonym(person_id)
    assert BSN not in event.reason and "Doodewaard" not in event.reason
    assert event.reason == "brp personen RaadpleegMetBurgerservicenummer (haalcentraal): ok, 1 found"


def test_header_names_come_from_the_settings(brp, officer, settings):
    settings.BRP_PURPOSE_HEADER, settings.BRP_ACTIVITY_HEADER, settings.BRP_OIN = "x-doel", "", "00000001234567890000"
    client.person_by_bsn(BSN, user=officer, processing_activity=DAMOCLES)
    headers = brp.api_calls[0].headers
    assert headers["x-doel"] == DAMOCLES and "x-verwerking" not in headers
    assert headers["x-origin-oin"] == "00000001234567890000"


def test_nothing_is_sent_and_nothing_audited_without_a_configured_source(brp, officer, settings):
    settings.BRP_SOURCE = ""
    with pytest.raises(BrpDisabled) as refused:
        client.person_by_bsn(BSN, user=officer, processing_activity=DAMOCLES)
    assert "not verified in the BRP" in refused.value.message or "niet geverifieerd" in refused.value.message
    assert brp.received == [] and event_list(object_type="brp.Persoon") == []
    assert transport.enabled() is False


def test_a_chain_partner_is_refused_before_any_call_and_the_refusal_is_audited(brp, make_user, partner):
    with pytest.raises(BrpRefused) as refused:
        client.person_by_bsn(BSN, user=partner, processing_activity=DAMOCLES)
    assert refused.value.cause == "not municipal staff" and brp.received == []
    (event,) = event_list(object_type="brp.Persoon")
    assert (event.outcome, event.actor_id, event.reason) == ("denied", str(partner.pk),
                                                             "brp refused: not municipal staff")


@pytest.mark.parametrize("kind_and_role", [(Organisation.Kind.POLITIE, None), (None, PRIVACY_OFFICER),
                                           (Organisation.Kind.GEMEENTE, KETENPARTNER)])
def test_staff_of_a_partner_and_roles_without_the_capability_are_refused(brp, make_user, kind_and_role):
    kind, role = kind_and_role
    organisation = OrganisationFactory(name="Testorganisatie BRP", kind=kind) if kind else None
    user = make_user(**({"role": role} if role else {}), organisation=organisation)
    with pytest.raises(BrpRefused):
        client.residents(HOUSEHOLD_OBJECT, user=user, processing_activity=PARK)
    assert brp.received == []


def test_an_activity_without_a_brp_authorisation_is_refused_before_any_call(brp, officer):
    with pytest.raises(BrpRefused) as refused:
        client.person_by_bsn(BSN, user=officer, processing_activity="information-security")
    assert refused.value.cause == "activity not authorised for the BRP" and brp.received == []
    (event,) = event_list(object_type="brp.Persoon")
    assert (event.outcome, event.processing_activity) == ("denied", "information-security")


def test_the_configured_timeouts_reach_urllib3_and_a_timeout_is_a_clear_error(brp, officer, settings, monkeypatch):
    settings.BRP_CONNECT_TIMEOUT, settings.BRP_READ_TIMEOUT, settings.BRP_RETRIES = 0.7, 0.2, 0
    client.person_by_bsn(BSN, user=officer, processing_activity=DAMOCLES)  # the token first, at full speed
    brp.mode, brp.delay = "slow", 0.6
    seen = []
    original = urllib3.PoolManager.request

    def spy(self, method, url, **kwargs):
        seen.append(kwargs["timeout"])
        return original(self, method, url, **kwargs)

    monkeypatch.setattr(urllib3.PoolManager, "request", spy)
    with pytest.raises(BrpError) as failed:
        client.person_by_bsn(BSN, user=officer, processing_activity=DAMOCLES)
    assert (seen[0].connect_timeout, seen[0].read_timeout) == (0.7, 0.2)
    assert failed.value.cause == "timeout" and "BRP" in failed.value.message
    assert event_list(object_type="brp.Persoon")[-1].reason == \
        "brp personen RaadpleegMetBurgerservicenummer (haalcentraal): timeout"


def test_a_503_is_retried_and_then_answers_and_persistent_5xx_is_a_clear_error(brp, officer, settings):
    client.person_by_bsn(BSN, user=officer, processing_activity=DAMOCLES)
    brp.received.clear()
    brp.mode, brp.failures_left = "flaky", 2
    assert client.person_by_bsn(BSN, user=officer, processing_activity=DAMOCLES) is not None
    assert len(brp.api_calls) == 3
    brp.mode, brp.failures_left = "flaky", 10
    with pytest.raises(BrpError) as failed:
        client.person_by_bsn(BSN, user=officer, processing_activity=DAMOCLES)
    assert failed.value.cause == "status 503"
    brp.mode = "error"
    with pytest.raises(BrpError) as failed:
        client.person_by_bsn(BSN, user=officer, processing_activity=DAMOCLES)
    assert failed.value.cause == "status 500"


@pytest.mark.parametrize(("mode", "cause"), [("missing", "status 404"), ("forbidden", "status 403"),
                                             ("garbage", "bad json")])
def test_failures_become_clear_errors_and_are_audited(brp, officer, mode, cause):
    brp.mode = mode
    with pytest.raises(BrpError) as failed:
        client.person_by_bsn(BSN, user=officer, processing_activity=DAMOCLES)
    assert failed.value.cause == cause and failed.value.message
    (event,) = event_list(object_type="brp.Persoon")
    assert event.outcome == "error" and event.reason.endswith(cause)


def test_a_403_drops_the_cached_token(brp, officer):
    client.person_by_bsn(BSN, user=officer, processing_activity=DAMOCLES)
    brp.mode = "forbidden"
    with pytest.raises(BrpError):
        client.person_by_bsn(BSN, user=officer, processing_activity=DAMOCLES)
    brp.mode = "ok"
    client.person_by_bsn(BSN, user=officer, processing_activity=DAMOCLES)
    assert brp.tokens_issued == ["token-1", "token-2"]


@pytest.mark.parametrize("bsn", ["", "12345678", "99999983a"])
def test_a_bsn_that_is_no_bsn_is_refused_before_sending(brp, officer, bsn):
    with pytest.raises(BrpError):
        client.person_by_bsn(bsn, user=officer, processing_activity=DAMOCLES)
    assert brp.received == []


def test_mtls_puts_the_client_certificate_into_the_pool(settings, tmp_path):
    settings.BRP_SOURCE, settings.BRP_PERSONEN_URL = "haalcentraal", "https://brp.example.invalid/api"
    settings.BRP_OAUTH_TOKEN_URL = ""
    settings.BRP_CLIENT_CERT, settings.BRP_CLIENT_KEY = str(tmp_path / "c.pem"), str(tmp_path / "k.pem")
    source = transport.configured_source()
    assert source is not None and transport.auth_headers(source) == {}
    pool = transport.pool(source)
    assert (pool.connection_pool_kw["cert_file"], pool.connection_pool_kw["key_file"]) == (
        str(tmp_path / "c.pem"), str(tmp_path / "k.pem"))
