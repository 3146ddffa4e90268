"""`manage.py send_notification_mails`: mail the notifications whose recipients chose "at once by e-mail".

They normally go out when the notifying transaction commits; this hourly job sends what could not be
sent then (a mail server that was down). Each mail names the kind of notification and links to the
application: no case reference, no name (ADR 0032).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from audit import context as audit_context
from casework.notifications.mail import mails_send


class Command(BaseCommand):
    help = "Mail pending notifications to the users who chose e-mail at once (the kind and a link only)."
    schedule = "hourly"  # a scheduled job (ops/jobs.py; deploy/systemd/)

    def handle(self, *args, **options):
        with audit_context.command_context("send_notification_mails"):
            sent = mails_send()
        self.stdout.write(f"Notification mails sent: {sent}")
