"""Encrypted attachment storage (encryption/storage.py)."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from encryption.exceptions import DecryptionError, UnsealedValueError
from encryption.keystore import datakey_create, datakey_destroy
from encryption.storage import EncryptedStorage, sealed_content
from tests.encryption.conftest import make_dossier, make_note
from tests.sweeps import examples

pytestmark = pytest.mark.django_db(databases="__all__")
CONTENT = b"%PDF-1.4 Verslag huisbezoek Testpersoon Zonnebloem, Teststraat 12"


@pytest.fixture
def storage(tmp_path):
    return EncryptedStorage(FileSystemStorage(location=tmp_path), label="tests.attachment")


def test_attachment_bytes_are_sealed_at_rest_and_open_again(storage, tmp_path):
    dossier = make_dossier()
    owner = uuid.uuid4()
    name = storage.save("a.bin", sealed_content(CONTENT, data_key_id=dossier.data_key_id, owner_id=owner))
    on_disk = (tmp_path / name).read_bytes()
    assert b"Testpersoon" not in on_disk and b"PDF" not in on_disk
    assert storage.open(name).read() == CONTENT
    assert storage.open_for(name, owner_id=owner).read() == CONTENT


def test_a_file_of_another_row_or_label_fails_closed(storage, tmp_path):
    dossier = make_dossier()
    name = storage.save("a.bin", sealed_content(CONTENT, data_key_id=dossier.data_key_id, owner_id=uuid.uuid4()))
    with pytest.raises(DecryptionError, match="another row"):
        storage.open_for(name, owner_id=uuid.uuid4())
    relabelled = EncryptedStorage(FileSystemStorage(location=tmp_path), label="tests.other")
    with pytest.raises(DecryptionError, match="authentication failed"):
        relabelled.open(name)


def test_unsealed_content_is_refused(storage):
    with pytest.raises(UnsealedValueError):
        storage.save("plain.bin", ContentFile(CONTENT))


def test_shredding_makes_attachments_unreadable(storage):
    dossier = make_dossier()
    name = storage.save("a.bin", sealed_content(CONTENT, data_key_id=dossier.data_key_id, owner_id=dossier.id))
    datakey_destroy(key_id=dossier.data_key_id, dossier_id=dossier.id, reason="test")
    with pytest.raises(DecryptionError, match="destroyed"):
        storage.open(name)


def test_a_file_field_on_a_model(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    dossier = make_dossier()
    note = make_note(dossier)
    note.attachment.storage.inner.location  # noqa: B018 - the wrapped FileSystemStorage
    note.attachment.save(f"{uuid.uuid4()}.bin",
                         sealed_content(CONTENT, data_key_id=note.data_key_id, owner_id=note.id))
    note.refresh_from_db()
    with note.attachment.open() as handle:
        assert handle.read() == CONTENT
    assert b"Testpersoon" not in (tmp_path / note.attachment.name).read_bytes()


@settings(max_examples=examples(6), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.just(b""), st.binary(), st.binary(min_size=50_000, max_size=100_000)))
def test_attachment_bytes_round_trip(storage, content):
    key = datakey_create()
    name = storage.save("r.bin", sealed_content(content, data_key_id=key.id, owner_id=key.id))
    assert storage.open(name).read() == content
