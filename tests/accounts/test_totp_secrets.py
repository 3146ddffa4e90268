"""TOTP secrets are sealed at rest (accounts/totp_secrets.py, SealedTOTPDevice) and the migration
re-seals the plaintext secrets of django-otp's own device table without breaking logins."""

from __future__ import annotations

import importlib
import os
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import totp_secrets
from accounts.models import SealedTOTPDevice
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db(databases="__all__")
reseal = importlib.import_module("accounts.migrations.0005_reseal_totp_secrets")


def _stored(device_id: int) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed_key FROM accounts_sealedtotpdevice WHERE id = %s", [device_id])
        return bytes(cursor.fetchone()[0])


def test_the_secret_is_sealed_in_the_database(make_user):
    user = make_user()
    secret = user.device.bin_key
    stored = _stored(user.device.pk)
    assert secret not in stored and secret.hex().encode() not in stored
    assert SealedTOTPDevice.objects.get(pk=user.device.pk).bin_key == secret


def test_a_sealed_secret_moved_to_another_user_does_not_open(make_user):
    owner, other = make_user(), make_user()
    SealedTOTPDevice.objects.filter(pk=other.device.pk).update(sealed_key=_stored(owner.device.pk))
    with pytest.raises(totp_secrets.SecretUnavailable):
        SealedTOTPDevice.objects.get(pk=other.device.pk).bin_key  # noqa: B018


def test_a_secret_sealed_under_a_retired_kek_still_opens(settings, make_user):
    user = make_user()
    settings.KEY_MATERIAL = {**settings.KEY_MATERIAL,
                             "keks": [("kek-new", os.urandom(32)), *settings.KEY_MATERIAL["keks"]]}
    device = SealedTOTPDevice.objects.get(pk=user.device.pk)
    assert device.bin_key == user.device.bin_key
    call_command("reseal_totp", stdout=StringIO())
    device.refresh_from_db()
    assert totp_secrets.kek_id_of(device.sealed_key) == "kek-new" and device.bin_key == user.device.bin_key


def test_migration_reseals_plaintext_secrets_and_login_still_works(client, make_user):
    user = make_user()
    SealedTOTPDevice.objects.filter(user=user).delete()
    secret = os.urandom(20)
    plain = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True, key=secret.hex(),
                                      drift=1, last_t=5)

    reseal.seal_secrets(apps, None)

    assert not TOTPDevice.objects.filter(pk=plain.pk).exists()
    device = SealedTOTPDevice.objects.get(user=user)
    assert (device.bin_key, device.drift, device.last_t, device.confirmed) == (secret, 1, 5, True)
    assert secret.hex().encode() not in _stored(device.pk)
    response = client.post("/accounts/login/", {"username": user.username, "password": TEST_PASSWORD,
                                                "otp_token": TOTP(secret, drift=1).token()})
    assert response.status_code == 302


def test_migration_can_be_reversed(make_user):
    user = make_user()
    secret = user.device.bin_key
    reseal.unseal_secrets(apps, None)
    assert TOTPDevice.objects.get(user=user).key == secret.hex()
    assert not SealedTOTPDevice.objects.filter(user=user).exists()
