"""The BSN 11-test (encryption/validators.py)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from encryption.validators import is_valid_bsn, validate_bsn


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "100000009"])
def test_valid_bsns(bsn):
    assert is_valid_bsn(bsn)
    validate_bsn(bsn)


@pytest.mark.parametrize(
    "bsn",
    ["123456789", "11122233", "1112223330", "11122233a", "", None, "000000000", "１１１２２２３３３", " 11122233"],
)
def test_invalid_bsns(bsn):
    assert not is_valid_bsn(bsn)
    with pytest.raises(ValidationError) as excinfo:
        validate_bsn(bsn)
    assert excinfo.value.code == "invalid_bsn"


def test_the_message_names_the_rule_in_dutch_and_english():
    with pytest.raises(ValidationError) as excinfo:
        validate_bsn("123456789")
    with translation.override("en"):
        assert excinfo.value.messages == ["Enter a valid BSN: 9 digits that pass the 11-test."]
    with translation.override("nl"):
        assert excinfo.value.messages == ["Vul een geldig BSN in: 9 cijfers die voldoen aan de elfproef."]
