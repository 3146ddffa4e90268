"""Property tests: every field type round-trips any value (unicode, empty, very long)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from encryption.keystore import datakey_create
from tests.sweeps import examples
from tests.testapps.crypto.models import Dossier

pytestmark = pytest.mark.django_db(databases="__all__")
SETTINGS = settings(max_examples=examples(20), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

texts = st.one_of(st.just(""), st.text(), st.text(min_size=5000, max_size=20000), st.text(alphabet="🙂ĳßΩ\u200b\x00"))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(), children, max_size=5),
    max_leaves=30,
)


def _round_trip(**values):
    dossier = Dossier(data_key_id=datakey_create().id, **values)
    dossier.save()
    return Dossier.objects.get(pk=dossier.pk)


@SETTINGS
@given(value=texts)
def test_text_round_trips(value):
    assert _round_trip(notes=value).notes == value


@SETTINGS
@given(value=st.text(max_size=200))
def test_short_text_round_trips(value):
    assert _round_trip(name=value).name == value


@SETTINGS
@given(value=st.dates())
def test_date_round_trips(value):
    assert _round_trip(birth_date=value).birth_date == value


@SETTINGS
@given(value=json_values.filter(lambda v: v is not None))
def test_json_round_trips(value):
    assert _round_trip(extra=value).extra == value


@SETTINGS
@given(value=texts)
def test_history_copy_round_trips(value):
    loaded = _round_trip(notes=value)
    assert loaded.history.get().notes == value
