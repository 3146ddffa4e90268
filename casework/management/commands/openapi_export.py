"""Write the published OpenAPI document (casework/api/openapi/openapi.{json,yaml}): `make openapi`."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from casework.api import openapi


class Command(BaseCommand):
    help = "Write the published OpenAPI document (openapi.json and openapi.yaml) from the live schema."

    def handle(self, *args, **options) -> None:
        for path in openapi.write():
            self.stdout.write(str(path))
