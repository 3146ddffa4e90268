"""The fake BRP (tests/brpfake.py) against the published contracts (tests/contracts/brp/): the requests the client
sends validate against the request schemas of the BRP API Personen and BRP bewoning documents, and the fake's
answers against their response schemas (Draft 2020-12, `$ref`s resolved inside each vendored document)."""

from __future__ import annotations

from datetime import date
from functools import cache

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from casework.brp import client
from casework.brp.client import ADDRESSEE_FIELDS, PERSON_FIELDS
from tests.brpfake import CONTRACT, HISTORY_OBJECT, HOUSEHOLD_OBJECT, PERSONS, bewoningen_answer, personen_answer

pytestmark = pytest.mark.django_db(databases="__all__")


@cache
def _validator(document: str, schema: str) -> jsonschema.Draft202012Validator:
    spec = yaml.safe_load((CONTRACT / document).read_text(encoding="utf-8"))
    registry = Registry().with_resource("urn:brp", Resource.from_contents(spec, default_specification=DRAFT202012))
    return jsonschema.Draft202012Validator({"$ref": f"urn:brp#/components/schemas/{schema}"}, registry=registry,
                                           format_checker=jsonschema.FormatChecker())


def _valid(document: str, schema: str, instance: object) -> None:
    errors = list(_validator(document, schema).iter_errors(instance))
    assert not errors, [error.message for error in errors]


def test_every_person_answer_the_fake_gives_validates_against_the_personen_schema():
    every_field = list(ADDRESSEE_FIELDS)
    status, answer = personen_answer({"type": "RaadpleegMetBurgerservicenummer", "fields": every_field,
                                      "burgerservicenummer": [p["burgerservicenummer"] for p in PERSONS]})
    assert status == 200 and len(answer["personen"]) == len(PERSONS)
    _valid("personen-openapi.yaml", "RaadpleegMetBurgerservicenummerResponse", answer)
    status, answer = personen_answer({"type": "ZoekMetAdresseerbaarObjectIdentificatie", "fields": every_field,
                                      "adresseerbaarObjectIdentificatie": HOUSEHOLD_OBJECT})
    assert status == 200 and len(answer["personen"]) == 3
    _valid("personen-openapi.yaml", "ZoekMetAdresseerbaarObjectIdentificatieResponse", answer)


def test_a_wrong_answer_fails_the_schema_so_the_check_can_fail():
    with pytest.raises(AssertionError):
        _valid("personen-openapi.yaml", "RaadpleegMetBurgerservicenummerResponse",
               {"type": "RaadpleegMetBurgerservicenummer",
                "personen": [{"burgerservicenummer": "12345", "geboorte": {"datum": "1973-03-01"}}]})


def test_every_bewoning_answer_the_fake_gives_validates_against_the_bewoning_schema():
    for query in (
        {"type": "BewoningMetPeriode", "adresseerbaarObjectIdentificatie": HISTORY_OBJECT, "datumVan": "2010-01-01",
         "datumTot": "2020-01-01"},
        {"type": "BewoningMetPeriode", "adresseerbaarObjectIdentificatie": HOUSEHOLD_OBJECT,
         "datumVan": "2000-01-01", "datumTot": "2010-01-01"},
        {"type": "BewoningMetPeildatum", "adresseerbaarObjectIdentificatie": HISTORY_OBJECT,
         "peildatum": "2014-06-01"},
    ):
        status, answer = bewoningen_answer(query)
        assert status == 200 and answer["bewoningen"]
        _valid("bewoning-openapi.yaml", "BewoningenQueryResponse", answer)


def test_the_client_sends_requests_the_contracts_accept(brp, make_user):
    user = make_user()
    client.person_by_bsn("999999837", user=user, processing_activity="damocles", fields=ADDRESSEE_FIELDS)
    client.residents(HOUSEHOLD_OBJECT, user=user, processing_activity="park-enforcement")
    client.residence_history(HISTORY_OBJECT, date_from=date(2010, 1, 1), date_to=date(2020, 1, 1), user=user,
                             processing_activity="park-enforcement")
    by_bsn, by_object, history = (call.body for call in brp.api_calls)
    _valid("personen-openapi.yaml", "RaadpleegMetBurgerservicenummer", by_bsn)
    _valid("personen-openapi.yaml", "ZoekMetAdresseerbaarObjectIdentificatie", by_object)
    _valid("bewoning-openapi.yaml", "BewoningMetPeriode", history)
    for fields in (by_bsn["fields"], by_object["fields"]):
        for path in fields:
            _valid("personen-openapi.yaml", "Field", path)
    assert by_object["fields"] == list(PERSON_FIELDS)
