"""Letters of a Damocles procedure: stored encrypted; every download is audited by the view that serves it.

The legal tracks beside the status — announcements per addressee (each with their own objection
deadline), objections, interim relief and appeals — are the core's legal remedies
(casework/remedies/models.py, ADR 0011); a letter to one addressee names its announcement there.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.damocles.casetype import PROCESSING_ACTIVITY as DAMOCLES
from casework.damocles.storage import letter_storage
from casework.models import Case, case_row_history
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedTextField


class Letter(models.Model):
    """A generated letter (voornemen, waarschuwing, besluit) as sealed HTML and PDF."""

    class Kind(models.TextChoices):
        VOORNEMEN = "voornemen", _("Intention (voornemen)")
        WAARSCHUWING = "waarschuwing", _("Warning letter")
        BESLUIT = "besluit", _("Decision (besluit)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    announcement = models.ForeignKey(
        "remedies.Announcement", on_delete=models.PROTECT, related_name="letters", null=True, blank=True,
    )
    html = EncryptedTextField(_("letter (HTML)"), label="damocles.Letter.html", max_chars=None)  # generated
    pdf = models.FileField(_("letter (PDF)"), storage=letter_storage, upload_to="letters/")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = case_row_history(DAMOCLES)

    class Meta:
        verbose_name = _("letter")
        ordering = ["case", "created_at"]
        constraints = [encrypted_column_constraint("html")]

    def __str__(self) -> str:
        return f"letter {self.kind} {self.case_id}"
