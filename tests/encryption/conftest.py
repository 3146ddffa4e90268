"""Fixtures for the encryption tests: dossiers with their own data keys (synthetic data only)."""

from __future__ import annotations

import datetime

import pytest

from encryption.keystore import datakey_create
from encryption.resolver import default_resolver
from tests.testapps.crypto.models import Dossier, Note

PLAIN = {
    "name": "Testpersoon Zonnebloem",
    "bsn": "111222333",
    "birth_date": datetime.date(1971, 3, 14),
    "notes": "Vertrouwelijke aantekening Kwartelkoning",
    "extra": {"adres": "Teststraat 12 Oostwoud", "telefoon": "0612345678"},
}


def make_dossier(**values) -> Dossier:
    """A saved dossier with a fresh data key; `values` override the synthetic defaults."""
    fields = {**PLAIN, **values}
    dossier = Dossier(data_key_id=datakey_create().id, **fields)
    dossier.save()
    return dossier


def make_note(dossier: Dossier, text: str = "Notitie Kwartelkoning") -> Note:
    note = Note(dossier=dossier, data_key_id=dossier.data_key_id, text=text)
    note.save()
    return note


@pytest.fixture(autouse=True)
def _fresh_key_cache():
    """Each test starts with an empty process key cache (as a freshly started worker would)."""
    default_resolver.cache.clear()
    yield
    default_resolver.cache.clear()


@pytest.fixture
def dossier(db) -> Dossier:
    return make_dossier()
