"""Existing TOTP secrets (plaintext hex in django-otp's table) move to sealed devices.

Each device keeps its settings, drift, last verified step and throttling, so every user logs in
with the same authenticator app as before; the plaintext row is deleted. Sessions verified with
an old device ask for a new login (their device id names the old table).
"""

from __future__ import annotations

from binascii import unhexlify

from django.db import migrations

from accounts import totp_secrets

COPIED = ("name", "confirmed", "step", "t0", "digits", "tolerance", "drift", "last_t", "throttling_failure_timestamp",
          "throttling_failure_count", "created_at", "last_used_at")


def seal_secrets(apps, schema_editor):
    plain = apps.get_model("otp_totp", "TOTPDevice")
    sealed = apps.get_model("accounts", "SealedTOTPDevice")
    for device in plain.objects.all().iterator():
        values = {field: getattr(device, field) for field in COPIED}
        sealed.objects.create(user_id=device.user_id, **values,
                              sealed_key=totp_secrets.seal(unhexlify(device.key), user_id=device.user_id))
        device.delete()


def unseal_secrets(apps, schema_editor):
    plain = apps.get_model("otp_totp", "TOTPDevice")
    sealed = apps.get_model("accounts", "SealedTOTPDevice")
    for device in sealed.objects.all().iterator():
        values = {field: getattr(device, field) for field in COPIED}
        plain.objects.create(user_id=device.user_id, **values,
                             key=totp_secrets.unseal(device.sealed_key, user_id=device.user_id).hex())
        device.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_sealed_totp_device"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(seal_secrets, unseal_secrets)]
