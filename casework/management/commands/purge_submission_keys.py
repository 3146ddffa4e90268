"""`manage.py purge_submission_keys`: delete the submission keys older than their time to live.

A key (an API `Idempotency-Key` or a web form's submission token, casework/idempotency.py) only
has to outlive the retries of one submit; SUBMISSION_KEY_TTL_SECONDS (24 hours) is generous. The
rows hold keyed hashes, a user and the address of what was created — no personal data — so
deleting them needs no audit event.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from casework.idempotency import purge_expired


class Command(BaseCommand):
    help = "Delete expired submission keys (Idempotency-Key, form tokens) (run hourly)."
    schedule = "hourly"  # a scheduled job (ops/jobs.py; deploy/systemd/)

    def handle(self, *args, **options):
        self.stdout.write(f"Expired submission keys deleted: {purge_expired()}")
