"""BRP residence checks on a recreation object, kept as dated evidence (issue 20 item 2; ADR 0025).

For permanent residence on a holiday park the evidence is "who was registered at this address in which period":
one `ResidenceCheck` stores, encrypted under the object's data key, the BRP's answer at the moment it was asked —
the persons registered at the object's adresseerbaar object now (BRP API Personen) and the residence periods of a
chosen period (BRP bewoning) — with the day, the officer, the period and the span id of the BRP calls (the audit
events of the calls carry the same trace). A check made during an inspection names it. Rows are never changed:
a new check is a new row (the history records who stored it).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.history import ReasonedHistoricalRecords
from casework.park.casetype import PROCESSING_ACTIVITY as PARK_ENFORCEMENT
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedTextField


class ResidenceCheck(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    # Evidence belongs to the object's dossier and goes with it; an inspection destroyed with its file leaves the
    # check on the object.
    object = models.ForeignKey("park.RecreationObject", on_delete=models.CASCADE, related_name="residence_checks")
    inspection = models.ForeignKey("park.Inspection", on_delete=models.SET_NULL, related_name="residence_checks",
                                   null=True, blank=True, verbose_name=_("inspection"))
    checked_at = models.DateTimeField(_("checked in the BRP at"))
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    period_from = models.DateField(_("period from"))
    period_to = models.DateField(_("period up to"))
    # JSON: {"residents": [person...], "residences": [{"from", "to", "residents", "possible_residents"}]}, each
    # person {"bsn", "first_names", "surname", "date_of_birth"}; only ever read through the object's key.
    answer = EncryptedTextField(_("answer of the BRP"), label="park.ResidenceCheck.answer", max_chars=None)
    trace_id = models.CharField(max_length=32, blank=True)

    history = ReasonedHistoricalRecords(audit_processing_activity=PARK_ENFORCEMENT,
                                        audit_subject=lambda row: row.object.owner_person_id)

    class Meta:
        verbose_name = _("BRP residence check")
        ordering = ["object", "-checked_at"]
        constraints = [
            encrypted_column_constraint("answer"),
            models.CheckConstraint(condition=models.Q(period_to__gt=models.F("period_from")),
                                   name="park_residence_check_period_order"),
        ]

    def __str__(self) -> str:
        return f"residence check {self.object_id} {self.checked_at:%Y-%m-%d}"
