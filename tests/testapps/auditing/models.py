"""Test-only models (no migrations: the test runner creates their tables).

A stand-in for a person with plaintext personal data (persons arrive with the casework issue),
and a note that opts into required change reasons.
"""

import uuid

from django.contrib.auth import get_user_model
from django.db import models

from audit.history import ReasonedHistoricalRecords
from casework.pga.casetype import PROCESSING_ACTIVITY as PGA_PROCESREGIE


def _set_history_user(historical, user) -> None:
    historical.history_user_id = user.pk if user is not None else None


class DemoPerson(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    display_name = models.CharField(max_length=200)
    bsn = models.CharField(max_length=9)

    class Meta:
        app_label = "testapp_auditing"
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name


class DemoNote(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(DemoPerson, on_delete=models.CASCADE, related_name="notes")
    text = models.CharField(max_length=200)
    history = ReasonedHistoricalRecords(
        audit_processing_activity=PGA_PROCESREGIE,
        audit_subject=lambda note: note.person_id,
        # No foreign key to accounts.User: an app without migrations cannot reference a migrated
        # app's table on PostgreSQL (its tables are created before the migrations run).
        history_user_id_field=models.UUIDField(null=True, blank=True),
        history_user_getter=lambda historical: get_user_model().objects.filter(pk=historical.history_user_id).first(),
        history_user_setter=_set_history_user,
    )

    class Meta:
        app_label = "testapp_auditing"

    def __str__(self) -> str:
        return f"note {self.pk}"
