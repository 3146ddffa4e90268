"""Submission keys: one POST per key and user, so a repeated submit creates one object.

A key is either the `Idempotency-Key` header of an API request or the one-time submission token
of a web form (casework/idempotency.py, docs/adr/0014-idempotent-creation.md). The row stores the
created object's address (`location`, which holds its id) and id, never the response body: a
replay renders the object afresh, with a fresh access check. Neither the key nor the request is
stored in clear: `key_digest` and `fingerprint` are keyed hashes (HMAC with SECRET_KEY), so a
request body with personal data leaves nothing readable behind.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SubmissionKey(models.Model):
    class Channel(models.TextChoices):
        API = "api", _("API (Idempotency-Key header)")
        WEB = "web", _("web form (submission token)")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("channel"), max_length=3, choices=Channel.choices)
    key_digest = models.CharField(_("key (keyed hash)"), max_length=64)
    fingerprint = models.CharField(_("request (keyed hash of method, path and body)"), max_length=64)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    location = models.CharField(_("address of the result"), max_length=500, blank=True)
    created_id = models.CharField(_("id of the created object"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("submission key")
        verbose_name_plural = _("submission keys")
        constraints = [
            models.UniqueConstraint(fields=["user", "channel", "key_digest"], name="submission_key_once_per_user"),
            models.CheckConstraint(condition=models.Q(completed_at__isnull=True) | ~models.Q(location="")
                                   | ~models.Q(created_id=""), name="submission_key_completed_has_result"),
        ]

    def __str__(self) -> str:
        return f"{self.channel}:{self.key_digest[:8]}"

    @property
    def completed(self) -> bool:
        return self.completed_at is not None
