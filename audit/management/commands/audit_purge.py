"""`manage.py audit_purge`: the audit trail's own retention (default 5 years, AUDIT_RETENTION_YEARS).

Removes whole periods from the oldest end: every event up to the latest *cut* checkpoint
(`audit_checkpoint --cut`, run e.g. at the end of each month or year) that was signed before the
retention limit. Before deleting, the whole chain is verified and the cut's Ed25519 signature and
its event's hash are checked (the PostgreSQL trigger trusts the cut row; this command does not).
On PostgreSQL the DELETE runs as the database role `zorgveilig_audit_retention` (`SET LOCAL ROLE`:
the operator's login must be a member of it, or `--database` names an alias that logs in as it);
the triggers allow that role, and only that role, to delete events at or below the latest cut.
On a PostgreSQL trail partitioned by month (migration 0004) nothing is deleted row by row: whole
months are dropped from the oldest end, each only when all its events lie at or below the cut and
the month ended before the cut was signed (`audit_drop_partition`, which the retention role may
call and the application role may not). The month holding the cut stays whole.
The anomaly rules' counts of the days whose events are gone are deleted with them (ADR 0053).
Then an `audit_purge` event is recorded and the chain verified again: verification now starts
from the cut checkpoint's hash (audit/verification.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction
from django.utils import timezone

from audit import context as audit_context
from audit import partitions
from audit.actions import Action
from audit.activities import PRIVACY_SUPERVISION
from audit.models import AUDIT_ALIAS, AuditCheckpoint, AuditEvent, CountedDay, EventCount
from audit.services import record
from audit.verification import checkpoint_valid, verify_chain

RETENTION_ROLE = "zorgveilig_audit_retention"
DEFAULT_YEARS = 5


def retention_years() -> int:
    return int(getattr(settings, "AUDIT_RETENTION_YEARS", DEFAULT_YEARS))


def purge_cut(*, using: str, before) -> AuditCheckpoint | None:
    """The latest validly signed cut checkpoint signed before `before` whose event is intact (or gone)."""
    for cut in AuditCheckpoint.objects.using(using).filter(kind=AuditCheckpoint.Kind.CUT, signed_at__lte=before) \
            .order_by("-sequence", "-signed_at"):
        if not checkpoint_valid(cut):
            continue
        stored = AuditEvent.objects.using(using).filter(sequence=cut.sequence).values_list("hash", flat=True).first()
        if stored is None or stored == cut.event_hash:
            return cut
    return None


@contextmanager
def _as_role(using: str, role: str) -> Iterator[None]:
    """A transaction on `using` that runs as `role` on PostgreSQL (`SET LOCAL ROLE`: it ends with the transaction)."""
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL ROLE {connection.ops.quote_name(role)}")
        yield


class Command(BaseCommand):
    help = "Delete audit events older than the audit retention, up to a signed cut checkpoint (retention role)."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, help=f"Retention in years (default AUDIT_RETENTION_YEARS, "
                                                      f"{DEFAULT_YEARS}).")
        parser.add_argument("--database", default=AUDIT_ALIAS, help="Alias of the audit database.")
        parser.add_argument("--role", default=RETENTION_ROLE, help="PostgreSQL role the delete runs as.")
        parser.add_argument("--dry-run", action="store_true", help="Only say what would be deleted.")
        parser.add_argument("--actor", help="Username of the employee who runs this command.")

    def handle(self, *args, **options):
        using = options["database"]
        years = options["years"] or retention_years()
        if years < 1:
            raise CommandError("the audit retention is at least 1 year")
        limit = timezone.now() - timedelta(days=round(365.25 * years))
        before = verify_chain(using=using)
        if not before.intact:
            raise CommandError(f"not purging: audit chain BROKEN at event {before.first_broken_sequence}: "
                               f"{before.message}")
        cut = purge_cut(using=using, before=limit)
        if cut is None:
            self.stdout.write(f"nothing to purge: no signed cut checkpoint older than {years} years")
            return
        if partitions.partitioned(using):
            months = partitions.droppable(cut_sequence=cut.sequence, cut_signed_at=cut.signed_at, using=using)
            count = sum(events for _part, events in months)
        else:
            months = None
            count = AuditEvent.objects.using(using).filter(sequence__lte=cut.sequence).count()
        if options["dry_run"] or count == 0:
            self.stdout.write(f"{'would delete' if options['dry_run'] else 'nothing left to delete:'} {count} events "
                              f"up to event {cut.sequence} (cut checkpoint {cut.pk} of {cut.signed_at:%Y-%m-%d})")
            return
        # the counts first: a role that may not delete them stops the purge before any event is gone
        self._forget_counted_days(using, options["role"], cut.sequence)
        if months is None:
            deleted = self._delete(using, options["role"], cut.sequence)
        else:
            deleted = self._drop(using, options["role"], months)
        actor = self._actor(options["actor"])
        with audit_context.command_context("audit_purge", actor=actor):
            record(action=Action.AUDIT_PURGE, processing_activity=PRIVACY_SUPERVISION, actor=actor,
                   object_type="audit.AuditCheckpoint", object_id=cut.pk,
                   reason=f"audit retention {years} years: events up to {cut.sequence} deleted "
                          f"(cut checkpoint of {cut.signed_at:%Y-%m-%d})")
        after = verify_chain(using=using)
        if not after.intact:
            raise CommandError(f"purged {deleted} events, but the chain does not verify: {after.message}")
        self.stdout.write(f"deleted {deleted} events up to event {cut.sequence} (cut checkpoint {cut.pk} of "
                          f"{cut.signed_at:%Y-%m-%d}); chain intact from there: {after.events_checked} events")

    @staticmethod
    def _delete(using: str, role: str, sequence: int) -> int:
        with _as_role(using, role):
            return AuditEvent.objects.using(using).filter(sequence__lte=sequence)._raw_delete(using)

    @staticmethod
    def _forget_counted_days(using: str, role: str, sequence: int) -> int:
        """The counts of the days whose events all lie at or below the cut go with them (ADR 0053); a day that
        reaches above the cut stays counted until a later cut."""
        with _as_role(using, role):
            days = CountedDay.objects.using(using).filter(last_sequence__lte=sequence)
            EventCount.objects.using(using).filter(day__in=days.values("day"))._raw_delete(using)
            return days._raw_delete(using)

    @staticmethod
    def _drop(using: str, role: str, months: list[tuple[partitions.Partition, int]]) -> int:
        """Drop the oldest months, one transaction each (the database function re-checks every condition)."""
        dropped = 0
        for part, events in months:
            with _as_role(using, role):
                partitions.drop(part, using=using)
            dropped += events
        return dropped

    @staticmethod
    def _actor(username: str | None):
        if not username:
            return None
        from django.contrib.auth import get_user_model

        actor = get_user_model().objects.filter(username=username).first()
        if actor is None:
            raise CommandError(f"no user {username!r}")
        return actor
