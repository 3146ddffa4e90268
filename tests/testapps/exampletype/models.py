"""The example case type's rows: its detail, encrypted remarks, parties and a pending objection."""

from __future__ import annotations

import uuid

from django.db import models

from casework.models import Case, Person, case_row_history
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedTextField

PROCESSING_ACTIVITY = "example-casework"


class ExampleFile(models.Model):
    """The detail model: one per case."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="example")
    summary = EncryptedTextField("summary", label="exampletype.ExampleFile.summary", null=True, blank=True)

    history = case_row_history(PROCESSING_ACTIVITY)

    class Meta:
        verbose_name = "example file"
        constraints = [encrypted_column_constraint("summary")]

    def __str__(self) -> str:
        return f"example file {self.case_id}"


class ExampleParty(models.Model):
    """A person linked to the case in the role "party"."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="example_parties")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    note = EncryptedTextField("note", label="exampletype.ExampleParty.note", null=True, blank=True)

    history = case_row_history(PROCESSING_ACTIVITY)

    class Meta:
        verbose_name = "example party"
        constraints = [encrypted_column_constraint("note")]

    def __str__(self) -> str:
        return f"example party {self.pk}"


class ExampleObjection(models.Model):
    """A remedy: while `pending`, the case is on legal hold."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="example_objections")
    pending = models.BooleanField(default=True)
    due_on = models.DateField(null=True, blank=True)

    history = case_row_history(PROCESSING_ACTIVITY)

    class Meta:
        verbose_name = "example objection"

    def __str__(self) -> str:
        return f"example objection {self.pk}"


class ExampleSource(models.Model):
    """A shielded party: someone who reported, never shown without the shielded category."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="example_sources")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    statement = EncryptedTextField("statement", label="exampletype.ExampleSource.statement", null=True, blank=True)

    history = case_row_history(PROCESSING_ACTIVITY)

    class Meta:
        verbose_name = "example source"
        constraints = [encrypted_column_constraint("statement")]

    def __str__(self) -> str:
        return f"example source {self.pk}"
