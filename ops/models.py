"""The outcome of each scheduled job's latest run (one row per command, on `default`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.Model):
    class Outcome(models.TextChoices):
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    command = models.CharField(_("command"), max_length=100, primary_key=True)
    last_started_at = models.DateTimeField(_("last started"))
    last_finished_at = models.DateTimeField(_("last finished"))
    last_outcome = models.CharField(_("last outcome"), max_length=16, choices=Outcome.choices)
    last_succeeded_at = models.DateTimeField(_("last succeeded"), null=True, blank=True)
    last_duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)

    class Meta:
        ordering = ["command"]
        verbose_name = _("scheduled job state")
        verbose_name_plural = _("scheduled job states")

    def __str__(self) -> str:
        return f"{self.command}: {self.last_outcome}"
