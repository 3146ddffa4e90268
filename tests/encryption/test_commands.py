"""Key commands: rotate_keys, reencrypt, encryption_check, bench_crypto (and their services)."""

from __future__ import annotations

import io
import os
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from encryption import rotation, signals
from encryption.aead import SealedValue
from encryption.keyring import reset_provider
from encryption.keystore import datakey_destroy
from encryption.models import DataKey
from encryption.resolver import default_resolver
from encryption.storage import sealed_content
from tests.encryption.conftest import PLAIN, make_dossier, make_note
from tests.testapps.crypto.models import Dossier, Note

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def keks(settings):
    """Switch the configured KEKs: keks(("id", key), ...) with the first active."""

    def configure(*pairs):
        settings.KEY_MATERIAL = {**settings.KEY_MATERIAL, "keks": list(pairs)}
        reset_provider()
        default_resolver.cache.clear()

    yield configure
    reset_provider()


@pytest.fixture
def captured():
    received = []

    def receiver(sender, **kwargs):
        received.append((sender, kwargs))

    for signal in (signals.key_rotation, signals.dossier_reencrypted, signals.dossier_shredded):
        signal.connect(receiver, dispatch_uid="test-captured")
    yield received
    for signal in (signals.key_rotation, signals.dossier_reencrypted, signals.dossier_shredded):
        signal.disconnect(dispatch_uid="test-captured")


def _header_key(model, pk_name: str, pk, field: str) -> uuid.UUID:
    with connections["default"].cursor() as cursor:
        cursor.execute(
            f'SELECT "{field}" FROM "{model._meta.db_table}" WHERE "{pk_name}" = %s',  # noqa: S608
            [pk.hex if isinstance(pk, uuid.UUID) else pk],
        )
        return uuid.UUID(bytes=bytes(cursor.fetchone()[0])[1:17])


def test_rotation_rewraps_every_key_under_the_new_kek_and_values_stay_readable(keks, captured):
    old, new = ("kek-2025", os.urandom(32)), ("kek-2026", os.urandom(32))
    keks(old)
    dossiers = [make_dossier(name=f"Testpersoon {n}") for n in range(5)]
    datakey_destroy(key_id=dossiers[4].data_key_id, dossier_id=dossiers[4].id, reason="test")
    keks(new, old)
    out = io.StringIO()
    call_command("rotate_keys", stdout=out)
    assert "4/4" in out.getvalue()
    live = DataKey.objects.filter(destroyed_at__isnull=True)
    assert set(live.values_list("kek_id", flat=True)) == {"kek-2026"}
    keks(new)  # the old KEK is gone from the configuration
    for dossier in dossiers[:4]:
        assert Dossier.objects.get(pk=dossier.pk).name == dossier.name
    rotation_events = [kw for sender, kw in captured if "kek_id" in kw]
    assert rotation_events[-1]["kek_id"] == "kek-2026" and rotation_events[-1]["count"] == 4


def test_rotation_can_be_interrupted_and_resumed(keks, monkeypatch):
    old, new = ("kek-a", os.urandom(32)), ("kek-b", os.urandom(32))
    keks(old)
    for number in range(5):
        make_dossier(name=f"Testpersoon {number}")
    keks(new, old)
    real_rewrap, calls = rotation.datakey_rewrap, []

    def flaky_rewrap(*, data_key):
        calls.append(data_key.id)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the operator pressed ctrl-c
        return real_rewrap(data_key=data_key)

    monkeypatch.setattr(rotation, "datakey_rewrap", flaky_rewrap)
    with pytest.raises(KeyboardInterrupt):
        call_command("rotate_keys", "--batch-size", "1", stdout=io.StringIO())
    assert rotation.keys_pending_rotation() == 3
    monkeypatch.setattr(rotation, "datakey_rewrap", real_rewrap)
    call_command("rotate_keys", stdout=io.StringIO())
    assert rotation.keys_pending_rotation() == 0


def test_reencrypt_moves_live_history_and_child_rows_to_a_fresh_key(captured, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    dossier, other = make_dossier(), make_dossier(name="Testpersoon Ander")
    note = make_note(dossier)
    note.attachment.save("bijlage.bin", sealed_content(b"bijlage Testpersoon", data_key_id=note.data_key_id,
                                                       owner_id=note.id))
    dossier.notes = "Tweede versie Kwartelkoning"
    dossier.save()
    old_key = dossier.data_key_id

    call_command("reencrypt", "--dossier", str(dossier.id), stdout=io.StringIO())

    dossier.refresh_from_db()
    new_key = dossier.data_key_id
    assert new_key != old_key and DataKey.objects.get(id=old_key).destroyed_at is not None
    assert _header_key(Dossier, "id", dossier.id, "name") == new_key
    assert _header_key(Note, "id", note.id, "text") == new_key
    for history in Dossier.history.filter(id=dossier.id):
        assert _header_key(Dossier.history.model, "history_id", history.history_id, "name") == new_key
        assert history.name == PLAIN["name"]
    default_resolver.cache.clear()
    assert (dossier.name, dossier.notes) == (PLAIN["name"], "Tweede versie Kwartelkoning")
    assert Note.objects.get(pk=note.pk).text == note.text
    with Note.objects.get(pk=note.pk).attachment.open() as handle:
        assert handle.read() == b"bijlage Testpersoon"
    assert Dossier.objects.get(pk=other.pk).name == "Testpersoon Ander"
    events = [kw for sender, kw in captured if "new_key_id" in kw]
    assert len(events) == 1 and events[0]["old_key_id"] == old_key
    assert events[0]["new_key_id"] == new_key and events[0]["dossier_id"] == dossier.id


def test_reencrypt_of_an_unknown_dossier_is_an_error():
    with pytest.raises(CommandError, match="no dossier"):
        call_command("reencrypt", "--dossier", str(uuid.uuid4()), stdout=io.StringIO())


def test_encryption_check_reports_failures_by_model_field_and_row_without_values():
    good, bad, erased = make_dossier(), make_dossier(), make_dossier()
    datakey_destroy(key_id=erased.data_key_id, dossier_id=erased.id, reason="test")
    out = io.StringIO()
    call_command("encryption_check", stdout=out)
    assert "0 failure(s)" in out.getvalue()
    sealed = Dossier.objects.values_list("notes", flat=True).get(pk=good.pk)
    Dossier.objects.filter(pk=bad.pk).update(notes=SealedValue(sealed.data))  # a value moved between rows
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("encryption_check", stdout=out)
    report = out.getvalue()
    assert f"testapp_crypto.Dossier.notes row {bad.pk}" in report
    assert "10 shredded on purpose" in report  # 5 fields of the live row and of its history row
    for secret in (PLAIN["name"], PLAIN["bsn"], "Kwartelkoning", sealed.to_text()[:30]):
        assert secret not in report


def test_bench_crypto_prints_figures():
    out = io.StringIO()
    call_command("bench_crypto", "--repeat", "20", stdout=out)
    lines = out.getvalue().splitlines()
    assert any(line.startswith("open all fields of a 25-row page") for line in lines)
    assert all("µs" in line for line in lines)
