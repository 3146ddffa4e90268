"""The audit trail (on the `audit` alias) and the processing-activity register (on `default`).

AuditEvent, AuditCheckpoint and VerificationRun carry `DATABASE_ALIAS = "audit"`, so the router
keeps them in their own database (docs/adr/0003). They hold plain ids and codes, never foreign
keys: nothing may join across aliases, and an event must outlive the row it describes.
Events are only ever inserted by `audit.chain.append`; on PostgreSQL triggers refuse UPDATE,
DELETE and TRUNCATE (docs/privacy/database-roles.md).
"""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from audit.actions import Action, Outcome

AUDIT_ALIAS = "audit"
HASH_LENGTH = 64  # hex SHA-256
GENESIS_HASH = "0" * HASH_LENGTH  # the "previous hash" of event 1


class AuditEvent(models.Model):
    """One thing that happened to (at most) one data subject. Append-only, hash-chained."""

    DATABASE_ALIAS = AUDIT_ALIAS

    sequence = models.PositiveBigIntegerField(_("sequence"), primary_key=True)
    occurred_at = models.DateTimeField(_("time (UTC)"))
    # Who: a snapshot, so a renamed or deleted account still explains an old event.
    actor_id = models.CharField(_("user id"), max_length=64, blank=True)
    actor_name = models.CharField(_("user"), max_length=255, blank=True)
    actor_organisation_id = models.CharField(_("organisation id"), max_length=64, blank=True)
    actor_organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    actor_role = models.CharField(_("role"), max_length=64, blank=True)
    on_behalf_of_type = models.CharField(_("on behalf of (type)"), max_length=32, blank=True)
    on_behalf_of_id = models.CharField(_("on behalf of (id)"), max_length=64, blank=True)
    on_behalf_of_name = models.CharField(_("on behalf of"), max_length=255, blank=True)
    # What.
    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=100, blank=True)
    case_id = models.CharField(_("case id"), max_length=64, blank=True)
    subject_pseudonym = models.CharField(_("data subject (pseudonym)"), max_length=HASH_LENGTH, blank=True)
    processing_activity = models.CharField(_("processing activity"), max_length=64)
    reason = models.TextField(_("reason"), blank=True)
    # Where from.
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    trace_id = models.CharField(_("trace id"), max_length=32, blank=True)
    span_id = models.CharField(_("span id"), max_length=16, blank=True)
    parent_span_id = models.CharField(_("parent span id"), max_length=16, blank=True)
    client_address = models.CharField(_("client address"), max_length=64, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=512, blank=True)
    # The chain.
    prev_hash = models.CharField(_("previous hash"), max_length=HASH_LENGTH)
    hash = models.CharField(_("hash"), max_length=HASH_LENGTH, unique=True)

    class Meta:
        ordering = ["-sequence"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["occurred_at"], name="audit_event_time"),
            models.Index(fields=["actor_id", "occurred_at"], name="audit_event_actor"),
            models.Index(fields=["subject_pseudonym", "occurred_at"], name="audit_event_subject"),
            models.Index(fields=["case_id", "occurred_at"], name="audit_event_case"),
            models.Index(fields=["action", "occurred_at"], name="audit_event_action"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__in=[choice.value for choice in Outcome]), name="audit_event_outcome"
            ),
            # A pseudonym is 64 hex characters or absent: a name or BSN never fits by accident.
            models.CheckConstraint(
                condition=models.Q(subject_pseudonym="") | models.Q(Exact(Length("subject_pseudonym"), HASH_LENGTH)),
                name="audit_event_pseudonym_length",
            ),
            models.CheckConstraint(
                condition=models.Q(Exact(Length("hash"), HASH_LENGTH))
                & models.Q(Exact(Length("prev_hash"), HASH_LENGTH)),
                name="audit_event_hash_length",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} ({self.outcome})"


class AuditCheckpoint(models.Model):
    """An Ed25519 signature over (sequence, hash, time) of the chain's head at one moment.

    A checkpoint proves that the chain once reached `sequence` with `event_hash`: whoever
    truncates or rewrites the tail cannot produce a matching signature without the signing key,
    which lives outside every database. A `cut` checkpoint also marks how far the retention role
    may delete (docs/privacy/audit-trail.md).
    """

    DATABASE_ALIAS = AUDIT_ALIAS

    class Kind(models.TextChoices):
        PERIODIC = "periodic", _("Periodic")
        CUT = "cut", _("Retention cut")

    sequence = models.PositiveBigIntegerField(_("sequence"))
    event_hash = models.CharField(_("hash"), max_length=HASH_LENGTH)
    signed_at = models.DateTimeField(_("signed at"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PERIODIC)
    key_id = models.CharField(_("key id"), max_length=32)
    signature = models.CharField(_("signature"), max_length=128)
    created_by = models.CharField(_("created by"), max_length=255, blank=True)

    class Meta:
        ordering = ["-sequence", "-id"]
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")
        indexes = [models.Index(fields=["kind", "sequence"], name="audit_checkpoint_kind")]

    def __str__(self) -> str:
        return f"checkpoint {self.kind} @{self.sequence}"


class VerificationRun(models.Model):
    """The outcome of one `audit_verify` run, shown on the privacy officer's chain status page."""

    DATABASE_ALIAS = AUDIT_ALIAS

    class Scope(models.TextChoices):
        FULL = "full", _("Whole chain")
        TAIL = "tail", _("Since the last checkpoint")

    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"))
    intact = models.BooleanField(_("intact"))
    events_checked = models.PositiveBigIntegerField(_("events checked"))
    checkpoints_checked = models.PositiveIntegerField(_("checkpoints checked"))
    head_sequence = models.PositiveBigIntegerField(_("last event"), null=True, blank=True)
    first_broken_sequence = models.PositiveBigIntegerField(_("first broken event"), null=True, blank=True)
    message = models.TextField(_("result"), blank=True)
    triggered_by = models.CharField(_("run by"), max_length=255, blank=True)
    scope = models.CharField(_("scope"), max_length=8, choices=Scope.choices, default=Scope.FULL)

    class Meta:
        ordering = ["-finished_at", "-id"]
        verbose_name = _("verification run")
        verbose_name_plural = _("verification runs")

    def __str__(self) -> str:
        return f"verification {self.finished_at:%Y-%m-%d %H:%M} {'ok' if self.intact else 'BROKEN'}"


class CountedDay(models.Model):
    """A local day (Europe/Amsterdam) whose events were counted into `EventCount` rows, once, after it ended.

    Written by the reader that counts (casework/privacy/anomalies.py, ADR 0053) together with the day's
    counts, in one transaction; `day` is unique, so two processes counting the same day store one count.
    Append-only like the events (PostgreSQL triggers, migration 0008); the retention role deletes a day
    once its `last_sequence` lies at or below the latest cut, with its events.
    """

    DATABASE_ALIAS = AUDIT_ALIAS

    day = models.DateField(_("day"), unique=True)
    last_sequence = models.PositiveBigIntegerField(_("last event of the day"))  # the chain's head then (0: none)
    events = models.PositiveBigIntegerField(_("events of the day"))
    counted_at = models.DateTimeField(_("counted at"))

    class Meta:
        verbose_name = _("counted day")
        verbose_name_plural = _("counted days")

    def __str__(self) -> str:
        return f"counted {self.day}"


class EventCount(models.Model):
    """How many events of one `kind` (named by the reader that counts) one actor had on one counted day, for
    one case or in one local hour where the kind is counted so, with the first of them (sequence and time)
    and the actor's name and organisation as the events recorded them (the greatest, as a finding read from
    the events shows them). In the audit database, next to the events it counts, purged with them."""

    DATABASE_ALIAS = AUDIT_ALIAS

    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=32)
    actor_id = models.CharField(_("user id"), max_length=64)
    actor_name = models.CharField(_("user"), max_length=255, blank=True)
    actor_organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    case_id = models.CharField(_("case id"), max_length=64, blank=True)
    hour = models.PositiveSmallIntegerField(_("hour"), null=True, blank=True)
    count = models.PositiveIntegerField(_("count"))
    first_sequence = models.PositiveBigIntegerField(_("first event"))
    first_at = models.DateTimeField(_("first time"))

    class Meta:
        verbose_name = _("event count")
        verbose_name_plural = _("event counts")
        indexes = [models.Index(fields=["kind", "day"], name="audit_eventcount_kind_day")]

    def __str__(self) -> str:
        return f"{self.kind} {self.day} {self.actor_id}: {self.count}"


class ProcessingActivity(models.Model):
    """One entry of the register of processing activities (AVG art. 30), kept as data on `default`.

    Every audit event names one by `code`, which carries the purpose and the legal basis.
    """

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"))
    legal_basis = models.TextField(_("legal basis (AVG)"))
    national_law = models.TextField(_("national law"), blank=True)
    controller = models.CharField(_("controller"), max_length=255, blank=True)
    data_categories = models.TextField(_("categories of personal data"))
    subject_categories = models.TextField(_("categories of data subjects"))
    recipients = models.TextField(_("recipients"), blank=True)
    retention = models.TextField(_("retention period"))
    is_active = models.BooleanField(_("active"), default=True)
    # The BRP may be consulted for this activity only when the municipality's authorisation (autorisatiebesluit,
    # Wet BRP art. 3.3) covers it: recorded here with its basis, and the purpose code the BRP gateway expects
    # (x-doelbinding; blank: the code). casework/brp/access.py refuses every other activity before a call.
    brp_authorised = models.BooleanField(_("authorised for the BRP"), default=False)
    brp_legal_basis = models.TextField(_("legal basis for consulting the BRP"), blank=True)
    brp_purpose = models.CharField(_("BRP purpose code (doelbinding)"), max_length=100, blank=True)
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["name"]
        verbose_name = _("processing activity")
        verbose_name_plural = _("processing activities")
        constraints = [
            # An authorisation without its legal basis cannot be recorded.
            models.CheckConstraint(condition=models.Q(brp_authorised=False) | ~models.Q(brp_legal_basis=""),
                                   name="audit_activity_brp_needs_legal_basis"),
        ]

    def __str__(self) -> str:
        return self.name
