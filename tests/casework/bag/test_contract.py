"""The fake Locatieserver (tests/bagfake.py) against the published contract (tests/contracts/pdok-locatieserver/):
the client sends only parameters the OpenAPI document declares for the path (v3_1 refuses others), and
the fake's answers validate against the response schema written from PDOK's documented field list."""

from __future__ import annotations

import json
from urllib.parse import urlencode
from urllib.request import urlopen

import jsonschema
import pytest

from casework.bag import client
from tests.bagfake import ADDRESSES, CONTRACT, declared_parameters, lookup_answer, suggest_answer

pytestmark = pytest.mark.django_db(databases="__all__")


def _validator(name: str) -> jsonschema.Draft202012Validator:
    document = json.loads((CONTRACT / "responses.schema.json").read_text(encoding="utf-8"))
    schema = {**document, "$ref": f"#/{name}"}
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_vendored_document_declares_suggest_and_lookup_with_their_parameters():
    declared = declared_parameters()
    assert {"q", "fq", "rows", "fl"} <= declared["/suggest"]
    assert {"id", "fq"} <= declared["/lookup"] and "q" not in declared["/lookup"]


def test_the_client_sends_only_declared_parameters(locatieserver):
    found = client.suggest("9999 XA 12", processing_activity="information-security")
    client.lookup(found[0].id, processing_activity="information-security")
    declared = declared_parameters()
    for call in locatieserver.received:
        endpoint = call.path.rsplit("/", 1)[1]
        assert set(call.params) <= declared[f"/{endpoint}"], endpoint


def test_the_fake_refuses_an_undeclared_parameter_like_v3_1(locatieserver):
    with pytest.raises(Exception) as refused:
        urlopen(f"{locatieserver.base_url}/lookup?{urlencode({'id': ADDRESSES[0]['id'], 'fl': '*'})}")  # noqa: S310
    assert getattr(refused.value, "code", None) == 400


@pytest.mark.parametrize("query", ["9999 XA 12", "Proefstraat 14", "Oefenlaan", "Nergens"])
def test_recorded_suggest_answers_follow_the_contract(query):
    _validator("suggest").validate(suggest_answer(query))


@pytest.mark.parametrize("lookup_id", [doc["id"] for doc in ADDRESSES] + ["adr-" + "0" * 32])
def test_recorded_lookup_answers_follow_the_contract(lookup_id):
    _validator("lookup").validate(lookup_answer(lookup_id))


def test_the_schema_is_not_a_rubber_stamp():
    broken = lookup_answer(ADDRESSES[0]["id"])
    broken["response"]["docs"][0]["nummeraanduiding_id"] = "123"
    with pytest.raises(jsonschema.ValidationError):
        _validator("lookup").validate(broken)
    with pytest.raises(jsonschema.ValidationError):
        _validator("suggest").validate({"response": {"numFound": 1, "start": 0, "docs": [{"id": "x"}]}})
