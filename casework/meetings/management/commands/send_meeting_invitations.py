"""`manage.py send_meeting_invitations [--days N]`: plan weekly meetings ahead and send invitations.

Run daily. Each invitee of a sitting in the coming N days gets its invitation (.ics) once per
version; moves and cancellations are sent by the services at once, and again here if that failed.
The mails carry the meeting's title, time, place or link and a link into the application only.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from audit import context as audit_context
from casework.meetings.invitations import LOOK_AHEAD_DAYS, upcoming_send


class Command(BaseCommand):
    help = "Plan weekly meetings ahead and mail invitations (.ics) for the coming sittings (no agenda items)."
    schedule = "daily"  # a scheduled job (ops/jobs.py; deploy/systemd/)

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=LOOK_AHEAD_DAYS,
                            help=f"Invite for sittings this many days ahead (default {LOOK_AHEAD_DAYS}).")

    def handle(self, *args, **options):
        if options["days"] < 0:
            raise CommandError("--days must be zero or more")
        with audit_context.command_context("send_meeting_invitations"):
            planned, sent = upcoming_send(days=options["days"])
        self.stdout.write(f"Sittings planned: {planned}; invitations sent: {sent}")
