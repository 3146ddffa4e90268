"""Privacy models: reviews (see casework/privacy/models/__init__.py).

A `Review` is the privacy officer's decision on one finding: a break-the-glass event or an
anomaly found by a rule in casework/privacy/anomalies.py. Audit events are never updated: the
review is a row of its own that names the finding by rule code and key, and the audit event it
is anchored to by sequence number (a plain number: the audit trail lives on another database).
The comment may describe what happened, so it is encrypted under a data key of the review's own
(the review outlives the case it may concern, which retention may destroy).

`AnomalySetting` holds the rules' thresholds as data the privacy officer can change (defaults in
anomalies.DEFAULTS apply while no row exists).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedTextField

__all__ = ["AnomalySetting", "Review"]


class Review(models.Model):
    """One decision on one finding (break-the-glass or anomaly); final once written."""

    class Decision(models.TextChoices):
        JUSTIFIED = "justified", _("Justified")
        NOT_JUSTIFIED = "not_justified", _("Not justified")
        ESCALATED = "escalated", _("Escalated")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    rule = models.CharField(_("rule"), max_length=32)
    finding_key = models.CharField(_("finding"), max_length=128)
    event_sequence = models.PositiveBigIntegerField(_("audit event"))
    break_glass_grant = models.ForeignKey(
        "casework.BreakGlassGrant", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("emergency access grant"),
    )
    reviewed_actor_id = models.CharField(_("user reviewed (id)"), max_length=64, blank=True)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    comment = EncryptedTextField(_("comment"), label="privacy.Review.comment")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("reviewer"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"))

    class Meta:
        ordering = ["-reviewed_at"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        indexes = [models.Index(fields=["event_sequence"], name="privacy_review_event"),
                   models.Index(fields=["reviewed_at"], name="privacy_review_made")]
        constraints = [
            models.UniqueConstraint(fields=["rule", "finding_key"], name="privacy_review_once_per_finding"),
            models.CheckConstraint(
                condition=models.Q(decision__in=["justified", "not_justified", "escalated"]),
                name="privacy_review_decision",
            ),
            encrypted_column_constraint("comment"),
        ]

    def __str__(self) -> str:
        return f"review {self.rule} {self.finding_key}: {self.decision}"


class AnomalySetting(models.Model):
    """A threshold of an anomaly rule (anomalies.DEFAULTS names the keys and their defaults)."""

    key = models.CharField(_("setting"), max_length=64, unique=True)
    value = models.PositiveIntegerField(_("value"))
    updated_at = models.DateTimeField(_("changed at"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
    )

    class Meta:
        ordering = ["key"]
        verbose_name = _("anomaly setting")
        verbose_name_plural = _("anomaly settings")

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
