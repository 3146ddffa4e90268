"""Print the current one-time code of a demo user. Refuses to run with production settings."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from accounts.models import SealedTOTPDevice


def generator_of(device: SealedTOTPDevice, at: float | None = None) -> TOTP:
    """The device's TOTP at the Unix time `at` (now by default), with the drift the server keeps for it."""
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if at is not None:
        generator.time = at
    return generator


def current_code(device: SealedTOTPDevice, at: float | None = None) -> str:
    """The device's code now (or at the Unix time `at`)."""
    return str(generator_of(device, at).token()).zfill(device.digits)


class Command(BaseCommand):
    help = "Demo only: print the current TOTP code of USERNAME."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("The totp command is for demos and refuses to run with production settings.")
        device = SealedTOTPDevice.objects.filter(user__username=options["username"], confirmed=True).first()
        if device is None:
            raise CommandError(f"No authenticator device for {options['username']!r}.")
        self.stdout.write(current_code(device))
