"""The shared letter parts (casework/letters/): grammar, dating, clauses, state rules. Unit level:
the texts are checked here once; the case types' letter tests read them back from PDFs."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.models import Organisation
from casework.letters import kinds
from casework.letters.clauses import (
    interim_relief_clause,
    letterhead,
    objection_clause,
    require_letter_details,
    signature,
)
from casework.letters.dating import LetterDate
from casework.letters.objects import OBJECT_KINDS, object_kind


def org(**extra) -> Organisation:
    values = {"name": "Gemeente Testdorp", "postal_address": "Postbus 1\n9999 AA Testdorp",
              "court_name": "Rechtbank Testland", "court_address": "Postbus 2\n9999 AB Testdorp", **extra}
    return Organisation(**values)


@pytest.mark.parametrize(("noun", "the", "this"), [("woning", "de woning", "deze woning"),
                                                   ("pand", "het pand", "dit pand"),
                                                   ("lokaal", "het lokaal", "dit lokaal"),
                                                   ("chalet", "het chalet", "dit chalet"),
                                                   ("standplaats", "de standplaats", "deze standplaats")])
def test_each_object_kind_has_its_own_article(noun, the, this):
    kind = object_kind(noun)
    assert (kind.the, kind.this, kind.The) == (the, this, the[0].upper() + the[1:])


@settings(deadline=None)
@given(st.sampled_from(sorted(OBJECT_KINDS)))
def test_no_kind_gets_the_wrong_article(noun):
    kind = object_kind(noun)
    assert (kind.article == "de") == kind.this.startswith("deze ")
    assert "het woning" not in kind.the and "de pand" not in kind.the and "de lokaal" not in kind.the


def test_an_unknown_object_is_het_pand():
    assert object_kind("iets").the == "het pand"


def test_a_letter_without_a_sending_date_is_a_draft():
    assert LetterDate(None).draft and LetterDate(None).text == "datum van verzending"
    assert LetterDate(date(2026, 12, 28)).text == "28 december 2026" and not LetterDate(date(2026, 12, 28)).draft


@pytest.mark.django_db  # the computed deadline reads the equated days (casework.deadlines)
def test_the_objection_clause_states_the_end_the_69_rule_and_the_address():
    clause = objection_clause(authority="burgemeester", organisation=org(), reference="T-1",
                              announced_on=date(2026, 11, 16), deadline=date(2026, 12, 28))
    assert "De bezwaartermijn eindigt op 28 december 2026." in clause.text
    assert ("vóór het einde van de termijn per post is verzonden en niet later dan een week na afloop van de "
            "termijn is ontvangen (artikel 6:9") in clause.text
    assert "naar:\nDe burgemeester van Testdorp\nPostbus 1\n9999 AA Testdorp" in clause.text
    assert "digitaal" not in clause.text and "Gemeente" not in clause.text
    computed = objection_clause(authority="burgemeester", organisation=org(), reference="T-1",
                                announced_on=date(2026, 11, 16))
    assert "eindigt op 28 december 2026" in computed.text  # from casework.deadlines when not stored
    draft = objection_clause(authority="burgemeester", organisation=org(), reference="T-1", announced_on=None)
    assert "eindigt op" not in draft.text and "zes weken" in draft.text


def test_the_digital_route_only_where_opened():
    opened = org(digital_objection_url="https://bezwaar.testdorp.invalid/")
    clause = objection_clause(authority="burgemeester", organisation=opened, reference="T-1", announced_on=None)
    assert "digitaal indienen, via https://bezwaar.testdorp.invalid/ (artikel 2:15" in clause.text


def test_interim_relief_needs_a_pending_objection_and_names_the_court():
    text = interim_relief_clause(organisation=org()).text
    assert "voorzieningenrechter van de Rechtbank Testland" in text and "artikel 8:81" in text
    assert "alleen als u bezwaar hebt gemaakt en daarop nog niet is beslist" in text
    assert "Postbus 2\n9999 AB Testdorp" in text and "griffierecht" in text


def test_namens_deze_only_under_mandate():
    assert signature(authority="burgemeester", organisation=org(), signatory="J. Testburgemeester",
                     under_mandate=False) == ("de burgemeester van Testdorp,", "J. Testburgemeester")
    assert signature(authority="burgemeester", organisation=org(), signatory="T. Testambtenaar",
                     under_mandate=True) == ("de burgemeester van Testdorp,", "namens deze,", "T. Testambtenaar")
    assert letterhead(authority="burgemeester", organisation=org()) == ("De burgemeester van Testdorp",
                                                                        "Postbus 1\n9999 AA Testdorp")


def test_letters_need_the_organisations_details():
    require_letter_details(org(), appealable=True)
    require_letter_details(org(court_name=""), appealable=False)
    for missing, appealable in (({"postal_address": ""}, False), ({"court_address": ""}, True)):
        with pytest.raises(ValidationError) as refusal:
            require_letter_details(org(**missing), appealable=appealable)
        assert refusal.value.code == "organisation_details"


def test_a_kind_is_allowed_only_in_its_states_and_with_its_data():
    kind = kinds.LetterKind(code="besluit", title="Besluit", states=frozenset({"besluit"}),
                            ready=lambda details: None if details["decided"] else "not decided")
    labels = {"besluit": "Besluit genomen", "beoordeling": "Beoordeling"}
    assert kinds.allowed([kind], status="besluit", details={"decided": True}, state_labels=labels) == ["besluit"]
    assert kinds.allowed([kind], status="beoordeling", details={"decided": True}, state_labels=labels) == []
    for status, decided, code in (("beoordeling", True, "letter_state"), ("besluit", False, "letter_basis")):
        with pytest.raises(ValidationError) as refusal:
            kinds.require_allowed(kind, status=status, details={"decided": decided}, state_labels=labels)
        assert refusal.value.error_dict["kind"][0].code == code
