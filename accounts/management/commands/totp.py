"""Print the current one-time code of a demo user. Refuses to run with production settings."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from accounts.models import SealedTOTPDevice


def current_code(device: SealedTOTPDevice) -> str:
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(generator.token()).zfill(device.digits)


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
