"""Test-only models (no migrations: the test runner creates their tables).

A stand-in for a person with plaintext personal data (persons arrive with the casework issue),
and a note that opts into required change reasons.
"""

import uuid

from django.db import models

from audit.activities import PGA_PROCESREGIE
from audit.history import ReasonedHistoricalRecords


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
    )

    class Meta:
        app_label = "testapp_auditing"

    def __str__(self) -> str:
        return f"note {self.pk}"
