"""Test-only: show synthetic persons through the test views, as a logged-in employee would.

Used by the raw-bytes test: afterwards the audit database file must not contain the persons'
names or BSNs anywhere.
"""

import json
import time

from django.core.management.base import BaseCommand
from django.test import Client, override_settings
from django_otp import DEVICE_ID_SESSION_KEY

from accounts import services
from accounts.middleware import LOGIN_TIME_KEY
from accounts.models import Organisation
from accounts.roles import PROCESREGISSEUR
from tests.testapps.auditing.models import DemoNote, DemoPerson


class Command(BaseCommand):
    help = "Create persons from a JSON list of [name, bsn] and open each of them, their list and a note."

    def add_arguments(self, parser):
        parser.add_argument("people_json")

    def handle(self, *args, **options):
        organisation, _ = Organisation.objects.get_or_create(name="Testgemeente Bytes", kind="gemeente")
        user, device = services.user_create(
            actor=None, organisation=organisation, username=f"bytes{int(time.time() * 1000)}", first_name="Test",
            last_name="Medewerker", email="bytes@example.invalid", role=PROCESREGISSEUR, password="x" * 16,
        )
        client = Client()
        client.force_login(user, backend="accounts.backends.PasswordAndTOTPBackend")
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[LOGIN_TIME_KEY] = time.time()
        session.save()
        with override_settings(ROOT_URLCONF="tests.testapps.auditing.urls"):
            for name, bsn in json.loads(options["people_json"]):
                person = DemoPerson.objects.create(display_name=name, bsn=bsn)
                note = DemoNote(person=person, text=f"Gesprek met {name}")
                note._change_reason = "intake"
                note.save()
                assert client.get(f"/test-audit/people/{person.pk}/").status_code == 200
                assert client.post(f"/test-audit/notes/{note.pk}/", {"text": f"{name} {bsn}", "reason": "update"}
                                   ).status_code == 200
            assert client.get("/test-audit/people/").status_code == 200
        self.stdout.write("scenario done")
