"""Blind indexes (encryption/blind_index.py): candidates by truncated HMAC, then decrypt and compare."""

from __future__ import annotations

import datetime

import pytest

from encryption import blind_index
from encryption.blind_index import blind_lookup, index_value, normalise
from encryption.keystore import datakey_create, datakey_destroy
from encryption.pseudonyms import subject_pseudonym
from tests.encryption.conftest import make_dossier
from tests.testapps.crypto.models import Dossier

pytestmark = pytest.mark.django_db(databases="__all__")


def test_lookup_by_bsn_finds_the_person_ignoring_formatting():
    wanted = make_dossier(bsn="111222333")
    make_dossier(bsn="123456782", name="Testpersoon Ander")
    assert blind_lookup(Dossier.objects.all(), "bsn_index", "111 222 333") == [wanted]
    assert blind_lookup(Dossier.objects.all(), "bsn_index", "999999990") == []


def test_the_index_is_a_truncated_keyed_hash_not_the_value():
    dossier = make_dossier(bsn="111222333")
    stored = Dossier.objects.values_list("bsn_index", flat=True).get(pk=dossier.pk)
    assert len(stored) == 2 * blind_index.INDEX_BYTES and "111222333" not in stored
    assert stored != index_value("testapp_crypto.Dossier.name_birth", ["111222333"])  # per-column key


@pytest.mark.parametrize("index_bytes", [0, 1])
def test_colliding_indexes_never_return_the_wrong_person(monkeypatch, index_bytes):
    monkeypatch.setattr(blind_index, "INDEX_BYTES", index_bytes)
    people = [make_dossier(bsn=bsn, name=f"Testpersoon {bsn}") for bsn in ("111222333", "123456782", "100000009")]
    if index_bytes == 0:  # every index collides: all rows are candidates
        assert len(set(Dossier.objects.values_list("bsn_index", flat=True))) == 1
    for person in people:
        assert blind_lookup(Dossier.objects.all(), "bsn_index", person.bsn) == [person]


def test_lookup_by_surname_and_date_of_birth(monkeypatch):
    monkeypatch.setattr(blind_index, "INDEX_BYTES", 0)
    wanted = make_dossier(name="Testpersoon Ünal-de Vries", birth_date=datetime.date(1980, 5, 6), bsn=None)
    make_dossier(name="Testpersoon Ünal-de Vries", birth_date=datetime.date(1980, 5, 7), bsn=None)
    make_dossier(name="Testpersoon Jansen", birth_date=datetime.date(1980, 5, 6), bsn=None)
    found = blind_lookup(
        Dossier.objects.all(), "name_birth_index", "testpersoon unal de vries", datetime.date(1980, 5, 6)
    )
    assert found == [wanted]


def test_the_index_follows_changes_and_is_kept_when_sources_are_untouched():
    dossier = make_dossier(bsn="111222333")
    loaded = Dossier.objects.get(pk=dossier.pk)
    loaded.reference = "ZAAK-2"
    loaded.save()  # sources still sealed: nothing decrypted, index kept
    assert blind_lookup(Dossier.objects.all(), "bsn_index", "111222333") == [dossier]
    loaded.bsn = "123456782"
    loaded.save()
    assert blind_lookup(Dossier.objects.all(), "bsn_index", "111222333") == []
    assert blind_lookup(Dossier.objects.all(), "bsn_index", "123456782") == [dossier]


def test_shredding_clears_the_indexes_of_live_and_history_rows():
    dossier = make_dossier(bsn="111222333")
    datakey_destroy(key_id=dossier.data_key_id, dossier_id=dossier.id, reason="test")
    assert Dossier.objects.get(pk=dossier.pk).bsn_index is None
    assert set(Dossier.history.values_list("bsn_index", flat=True)) == {None}
    assert blind_lookup(Dossier.objects.all(), "bsn_index", "111222333") == []


def test_a_shredded_candidate_is_skipped_not_returned(monkeypatch):
    monkeypatch.setattr(blind_index, "INDEX_BYTES", 0)
    erased, kept = make_dossier(bsn="111222333"), make_dossier(bsn="123456782")
    from encryption.models import DataKey

    DataKey.objects.filter(id=erased.data_key_id).update(destroyed_at="2026-01-01T00:00:00Z")
    assert blind_lookup(Dossier.objects.all(), "bsn_index", "123456782") == [kept]


def test_missing_parts_give_no_index():
    dossier = Dossier(data_key_id=datakey_create().id, name="Testpersoon", bsn=None)
    dossier.save()
    assert Dossier.objects.get(pk=dossier.pk).bsn_index is None


def test_normalisation():
    assert normalise(" Ünal-de  Vries ") == normalise("unal de vries") == "unaldevries"
    assert normalise(datetime.date(2001, 2, 3)) == "2001-02-03"


def test_the_audit_pseudonym_is_not_the_blind_index():
    dossier = make_dossier()
    pseudonym = subject_pseudonym(dossier.id)
    assert len(pseudonym) == 64 and pseudonym != dossier.bsn_index
