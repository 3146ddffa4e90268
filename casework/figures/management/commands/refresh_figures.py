"""`manage.py refresh_figures`: compute the stored figures anew (ADR 0058, casework/figures/stored.py).

Every night, for every organisation and report that has stored figures: the annual figures of the years
stored and of the four years up to this one, and each case type's own figures page. The pages read what this
computed, with its moment; a user who may see them can also compute them on request.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from casework.figures import stored


class Command(BaseCommand):
    help = "Compute the stored figures (annual figures, a case type's figures page) of every organisation anew."
    schedule = "daily"  # a scheduled job (ops/jobs.py; deploy/systemd/)

    def handle(self, *args, **options):
        done, failed = stored.refresh_stored()
        for organisation_id, report, computed_at in done:
            self.stdout.write(f"{report} of organisation {organisation_id}: computed at "
                              f"{timezone.localtime(computed_at):%Y-%m-%d %H:%M:%S}")
        self.stdout.write(f"Figures computed anew: {len(done)} reports.")
        if failed:  # the others were computed; the job fails so that its state and the logs show it
            raise CommandError("Not computed: " + "; ".join(
                f"{report} of organisation {organisation_id} ({type(error).__name__})"
                for organisation_id, report, error in failed))
