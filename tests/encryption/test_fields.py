"""Encrypted field types (encryption/fields.py): sealing, lazy fail-closed opening, refusals."""

from __future__ import annotations

import datetime
import io
import json
import uuid

import pytest
from django import forms
from django.core.exceptions import FieldError, ValidationError
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.db import IntegrityError, connections, transaction

from encryption.aead import MIN_LENGTH, SealedValue
from encryption.exceptions import DecryptionError, MissingDataKeyError, UnsealedValueError
from encryption.keystore import datakey_create
from tests.encryption.conftest import PLAIN, make_dossier, make_note
from tests.testapps.crypto.models import Dossier, Note

pytestmark = pytest.mark.django_db(databases="__all__")
ENCRYPTED = ("name", "bsn", "birth_date", "notes", "extra")


def _raw_column(model, field: str, pk) -> bytes:
    table = model._meta.db_table
    with connections["default"].cursor() as cursor:
        cursor.execute(f'SELECT "{field}" FROM "{table}" WHERE id = %s', [pk.hex])  # noqa: S608
        return bytes(cursor.fetchone()[0])


def test_values_round_trip_through_the_database():
    dossier = make_dossier()
    loaded = Dossier.objects.get(pk=dossier.pk)
    for name in ENCRYPTED:
        assert getattr(loaded, name) == PLAIN[name]


def test_columns_hold_versioned_ciphertext_bound_to_the_dossier_key():
    dossier = make_dossier()
    for name in ENCRYPTED:
        raw = _raw_column(Dossier, name, dossier.pk)
        assert raw[0] == 1 and len(raw) >= MIN_LENGTH
        assert uuid.UUID(bytes=raw[1:17]) == dossier.data_key_id
        assert str(PLAIN[name]).encode() not in raw


def test_history_rows_hold_ciphertext_and_decrypt():
    dossier = make_dossier()
    dossier.name = "Testpersoon Gewijzigd"
    dossier.save()
    history = list(Dossier.history.order_by("history_date"))
    assert [h.name for h in history] == [PLAIN["name"], "Testpersoon Gewijzigd"]
    table = Dossier.history.model._meta.db_table
    with connections["default"].cursor() as cursor:
        cursor.execute(f'SELECT "name", "bsn" FROM "{table}"')  # noqa: S608
        for name_raw, bsn_raw in cursor.fetchall():
            assert bytes(name_raw)[0] == 1 and b"Testpersoon" not in bytes(name_raw)
            assert PLAIN["bsn"].encode() not in bytes(bsn_raw)


def test_values_and_values_list_return_sealed_opaque_objects():
    make_dossier()
    row = Dossier.objects.values("name", "bsn").get()
    assert isinstance(row["name"], SealedValue) and isinstance(row["bsn"], SealedValue)
    assert "Testpersoon" not in repr(row["name"]) and "Testpersoon" not in str(row["name"])
    (notes,) = Dossier.objects.values_list("notes", flat=True)
    assert isinstance(notes, SealedValue)


def test_only_isnull_lookups_exist():
    make_dossier(notes=None)
    assert Dossier.objects.filter(notes__isnull=True).count() == 1
    assert Dossier.objects.filter(notes=None).count() == 1
    for lookup in ({"name": PLAIN["name"]}, {"name__icontains": "Test"}, {"bsn__startswith": "1"}):
        with pytest.raises(FieldError):
            Dossier.objects.filter(**lookup).count()


def test_update_with_plaintext_is_refused():
    dossier = make_dossier()
    with pytest.raises(UnsealedValueError), transaction.atomic():
        Dossier.objects.filter(pk=dossier.pk).update(name="Testpersoon Klaproos")
    assert Dossier.objects.get(pk=dossier.pk).name == PLAIN["name"]


def test_bulk_update_with_plaintext_is_refused():
    dossier = make_dossier()
    dossier.name = "Testpersoon Klaproos"
    with pytest.raises(UnsealedValueError), transaction.atomic():
        Dossier.objects.bulk_update([dossier], ["name"])
    assert Dossier.objects.get(pk=dossier.pk).name == PLAIN["name"]


def test_bulk_create_seals():
    key = datakey_create()
    Dossier.objects.bulk_create([Dossier(data_key_id=key.id, name="Testpersoon Bulk")])
    assert Dossier.objects.get().name == "Testpersoon Bulk"


def test_raw_sql_plaintext_insert_is_refused_by_the_check_constraint():
    table = Dossier._meta.db_table
    with pytest.raises(IntegrityError), transaction.atomic(), connections["default"].cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{table}" (id, data_key_id, reference, name) VALUES (%s, %s, %s, %s)',  # noqa: S608
            [uuid.uuid4().hex, uuid.uuid4().hex, "", "Testpersoon Rauw"],
        )
    with pytest.raises(IntegrityError), transaction.atomic(), connections["default"].cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{table}" (id, data_key_id, reference, name) VALUES (%s, %s, %s, %s)',  # noqa: S608
            [uuid.uuid4().hex, uuid.uuid4().hex, "", b"\x01short"],
        )


def test_pre_save_is_idempotent_and_leaves_plaintext_visible():
    key = datakey_create()
    dossier = Dossier(data_key_id=key.id, name="Testpersoon Tweemaal")
    field = Dossier._meta.get_field("name")
    first, second = field.pre_save(dossier, True), field.pre_save(dossier, True)
    assert first is second and isinstance(first, SealedValue)
    assert dossier.name == "Testpersoon Tweemaal"


def test_saving_without_a_data_key_is_refused():
    with pytest.raises(MissingDataKeyError):
        Dossier(name="Testpersoon Sleutelloos").save()


def test_ciphertext_moved_to_another_row_fails_closed():
    first, second = make_dossier(), make_dossier(name="Testpersoon Tweede")
    stolen = Dossier.objects.values_list("name", flat=True).get(pk=first.pk)
    Dossier.objects.filter(pk=second.pk).update(name=stolen)
    loaded = Dossier.objects.get(pk=second.pk)
    with pytest.raises(DecryptionError) as excinfo:
        _ = loaded.name
    message = str(excinfo.value)
    assert "testapp_crypto.Dossier.name" in message and "authentication failed" in message
    assert "Testpersoon" not in message and stolen.to_text() not in message


def test_ciphertext_moved_to_another_field_fails_closed():
    dossier = make_dossier()
    sealed_name = Dossier.objects.values_list("name", flat=True).get(pk=dossier.pk)
    Dossier.objects.filter(pk=dossier.pk).update(notes=sealed_name)
    with pytest.raises(DecryptionError, match="Dossier.notes"):
        _ = Dossier.objects.get(pk=dossier.pk).notes


def test_ciphertext_under_another_key_header_fails_closed():
    dossier, other = make_dossier(), make_dossier()
    sealed = Dossier.objects.values_list("bsn", flat=True).get(pk=dossier.pk)
    forged = SealedValue(sealed.data[:1] + other.data_key_id.bytes + sealed.data[17:])
    Dossier.objects.filter(pk=dossier.pk).update(bsn=forged)
    with pytest.raises(DecryptionError, match="authentication failed"):
        _ = Dossier.objects.get(pk=dossier.pk).bsn


def test_tampered_ciphertext_fails_closed_never_empty():
    dossier = make_dossier()
    sealed = Dossier.objects.values_list("notes", flat=True).get(pk=dossier.pk)
    tampered = SealedValue(sealed.data[:-1] + bytes([sealed.data[-1] ^ 1]))
    Dossier.objects.filter(pk=dossier.pk).update(notes=tampered)
    loaded = Dossier.objects.get(pk=dossier.pk)
    with pytest.raises(DecryptionError):
        _ = loaded.notes
    assert loaded.name == PLAIN["name"]  # the other fields of the row are unaffected


def test_dumpdata_writes_ciphertext_only():
    dossier = make_dossier()
    make_note(dossier)
    out = io.StringIO()
    call_command("dumpdata", "testapp_crypto", format="json", stdout=out)
    dump = out.getvalue()
    for value in (PLAIN["name"], PLAIN["bsn"], "Kwartelkoning", "Teststraat", "1971-03-14", "0612345678"):
        assert value not in dump
    records = json.loads(dump)
    assert records[0]["fields"]["name"].startswith("sealed:v1:")


def test_json_field_saves_changes_made_in_place():
    dossier = make_dossier()
    loaded = Dossier.objects.get(pk=dossier.pk)
    loaded.extra["telefoon"] = "0687654321"
    loaded.save()
    assert Dossier.objects.get(pk=dossier.pk).extra["telefoon"] == "0687654321"


def test_unchanged_values_are_saved_without_resealing():
    dossier = make_dossier()
    before = _raw_column(Dossier, "name", dossier.pk)
    loaded = Dossier.objects.get(pk=dossier.pk)
    loaded.reference = "ZAAK-1"
    loaded.save()
    assert _raw_column(Dossier, "name", dossier.pk) == before


def test_full_clean_validates_plaintext_and_runs_the_bsn_check():
    dossier = make_dossier()
    loaded = Dossier.objects.get(pk=dossier.pk)
    loaded.full_clean()
    loaded.bsn = "123456789"
    with pytest.raises(ValidationError) as excinfo:
        loaded.full_clean()
    assert "bsn" in excinfo.value.message_dict


def test_model_form_shows_plaintext_initial_and_saves_sealed():
    class DossierForm(forms.ModelForm):
        class Meta:
            model = Dossier
            fields = ["name", "bsn", "birth_date", "notes"]

    dossier = make_dossier()
    form = DossierForm(instance=Dossier.objects.get(pk=dossier.pk))
    assert form["name"].value() == PLAIN["name"]
    data = {"name": "Testpersoon Formulier", "bsn": "123456782", "birth_date": "1990-02-03", "notes": ""}
    form = DossierForm(data, instance=Dossier.objects.get(pk=dossier.pk))
    assert form.is_valid(), form.errors
    assert form.has_changed()
    form.save()
    saved = Dossier.objects.get(pk=dossier.pk)
    assert (saved.name, saved.birth_date) == ("Testpersoon Formulier", datetime.date(1990, 2, 3))


def test_child_rows_use_the_dossier_key():
    dossier = make_dossier()
    note = make_note(dossier, "Notitie Roerdomp")
    raw = _raw_column(Note, "text", note.pk)
    assert uuid.UUID(bytes=raw[1:17]) == dossier.data_key_id
    assert Note.objects.get(pk=note.pk).text == "Notitie Roerdomp"


def test_loading_a_fixture_with_encrypted_fields_is_refused(tmp_path):
    dossier = make_dossier()
    out = io.StringIO()
    call_command("dumpdata", "testapp_crypto.Dossier", format="json", stdout=out)
    Dossier.objects.all().delete()
    fixture = tmp_path / "dossiers.json"
    fixture.write_text(out.getvalue())
    with pytest.raises((UnsealedValueError, DeserializationError)), transaction.atomic():
        call_command("loaddata", str(fixture), verbosity=0)
    assert not Dossier.objects.filter(pk=dossier.pk).exists()


def test_a_moved_row_opens_under_the_label_it_was_sealed_with_and_only_that_one():
    from tests.testapps.crypto.models import MovedNote

    note = make_note(make_dossier())
    raw = _raw_column(Note, "text", note.pk)
    MovedNote.objects.bulk_create([MovedNote(id=note.pk, data_key_id=note.data_key_id, origin="testapp_crypto.Note",
                                             text=SealedValue(raw))])
    moved = MovedNote.objects.get(pk=note.pk)
    assert moved.text == note.text  # the old label, kept as the row's origin
    MovedNote.objects.filter(pk=note.pk).update(origin="")
    with pytest.raises(DecryptionError):
        _ = MovedNote.objects.get(pk=note.pk).text  # under the new label the old ciphertext fails closed
    fresh = MovedNote(data_key_id=note.data_key_id, text="nieuwe notitie")
    fresh.save()
    assert MovedNote.objects.get(pk=fresh.pk).text == "nieuwe notitie"  # new rows use the field's own label
    edited = MovedNote.objects.get(pk=note.pk)
    edited.origin = "testapp_crypto.Note"
    edited.save(update_fields=["origin"])
    edited = MovedNote.objects.get(pk=note.pk)
    edited.text = "gewijzigd"
    edited.save()
    assert MovedNote.objects.get(pk=note.pk).text == "gewijzigd"  # a moved row keeps its label when edited


def test_free_text_past_the_ceiling_is_refused_before_anything_is_written():
    """`MAX_TEXT` characters at most in an encrypted text field (a service or form bounds it sooner): more is a
    ValidationError on the field, raised on the save before the row is written (nor its history row)."""
    from encryption.fields import MAX_TEXT

    dossier = make_dossier()
    dossier.notes = "x" * (MAX_TEXT + 1)
    with pytest.raises(ValidationError) as refused, transaction.atomic():
        dossier.save()
    assert refused.value.message_dict == {"notes": [f"Hoogstens {MAX_TEXT} tekens (nu {MAX_TEXT + 1})."]}  # Dutch
    assert Dossier.objects.get(pk=dossier.pk).notes == PLAIN["notes"]
    assert dossier.history.count() == 1
    dossier.notes = "x" * MAX_TEXT
    dossier.save()
    assert Dossier.objects.get(pk=dossier.pk).notes == "x" * MAX_TEXT
    assert Dossier.history.model._meta.get_field("notes").max_chars == MAX_TEXT


def test_a_short_text_field_refuses_a_value_past_its_max_length_on_save():
    """An `EncryptedCharField`'s `max_length` holds on every save, not only in `full_clean`: the field, not each
    service, refuses a 201-character name."""
    dossier = make_dossier()
    dossier.name = "n" * 201
    with pytest.raises(ValidationError) as refused, transaction.atomic():
        dossier.save()
    assert refused.value.message_dict == {"name": ["Hoogstens 200 tekens (nu 201)."]}
    assert Dossier.objects.get(pk=dossier.pk).name == PLAIN["name"]


def test_a_stored_text_past_the_ceiling_is_still_moved_to_a_new_key():
    """A text stored before the ceiling existed (written here past `save`) never blocks re-encryption: a key's
    rotation re-seals what is stored, whatever its length, and it reads back the same."""
    from encryption.fields import MAX_TEXT
    from encryption.reencrypt import dossier_reencrypt

    dossier = make_dossier()
    long_text = "y" * (MAX_TEXT + 10)
    field = Dossier._meta.get_field("notes")
    Dossier.objects.filter(pk=dossier.pk).update(notes=field.seal_for(dossier, long_text))
    new_key, rows = dossier_reencrypt(dossier_id=dossier.pk)
    loaded = Dossier.objects.get(pk=dossier.pk)
    assert rows >= 1 and loaded.data_key_id == new_key.id and loaded.notes == long_text


def test_a_stored_text_past_the_ceiling_does_not_block_a_save_of_its_row():
    """A save that changes another field copies the row into its history, the long text with it: only a new value
    is checked, never a history copy of what is stored (a text stored before the ceiling existed)."""
    from encryption.fields import MAX_TEXT

    dossier = make_dossier()
    long_text = "y" * (MAX_TEXT + 10)
    Dossier.objects.filter(pk=dossier.pk).update(notes=Dossier._meta.get_field("notes").seal_for(dossier, long_text))
    loaded = Dossier.objects.get(pk=dossier.pk)
    loaded.reference = "D-2"
    loaded.save()
    newest = Dossier.history.model.objects.filter(id=dossier.pk).order_by("-history_date").first()
    assert newest.reference == "D-2" and newest.notes == long_text
    assert Dossier.objects.get(pk=dossier.pk).notes == long_text


def test_generated_text_fields_have_no_ceiling():
    from django.apps import apps

    from encryption.fields import MAX_TEXT, EncryptedCharField, EncryptedTextField

    unbounded = sorted(f"{model._meta.label}.{field.name}" for model in apps.get_models()
                       for field in model._meta.concrete_fields
                       if isinstance(field, EncryptedTextField) and not isinstance(field, EncryptedCharField)
                       and field.max_chars != MAX_TEXT)
    assert unbounded == ["damocles.HistoricalLetter.html", "damocles.Letter.html",
                         "park.HistoricalResidenceCheck.answer", "park.ResidenceCheck.answer"]
