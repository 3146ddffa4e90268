"""`manage.py reseal_totp`: re-seal every TOTP secret under the active key-encryption key.

Run after adding a new KEK (first in FIELD_ENCRYPTION_KEYS), before removing the old one: the
secrets sealed under the old KEK would not open without it (accounts/totp_secrets.py).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import totp_secrets
from accounts.models import SealedTOTPDevice


class Command(BaseCommand):
    help = "Re-seal every TOTP secret under the active key-encryption key."

    def handle(self, *args, **options):
        active, resealed = totp_secrets.active_kek_id(), 0
        for pk in SealedTOTPDevice.objects.values_list("pk", flat=True).iterator():
            with transaction.atomic():
                device = SealedTOTPDevice.objects.select_for_update().get(pk=pk)
                if totp_secrets.kek_id_of(device.sealed_key) != active:
                    device.set_secret(device.bin_key)
                    device.save(update_fields=["sealed_key"])
                    resealed += 1
        self.stdout.write(f"re-sealed {resealed} TOTP secret(s) under {active}")
