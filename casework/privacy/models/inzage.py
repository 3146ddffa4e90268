"""Privacy models: the review of the free text of an inzage report (see casework/privacy/inzage_review.py).

Before the answer to an inzage request (AVG 15) leaves the system, the privacy officer reads every
free-text value of the report (police summary, notes, minutes, reasons, plan texts) and marks the
passages that are about someone else, to withhold them (AVG 15(4)). `InzageReview` is one such
review for one request; `marks` holds, per free-text value, a keyed digest of the text as reviewed
and the numbers of the withheld passages — never the text itself. A value whose text changed
after the review no longer matches its digest, and the PDF is refused until it is reviewed again.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["InzageReview"]


class InzageReview(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    request = models.ForeignKey("privacy.DataSubjectRequest", on_delete=models.CASCADE, related_name="inzage_reviews",
                                verbose_name=_("data-subject request"))
    # {"<model>:<row id>:<field>": {"digest": "<hex>", "withheld": [passage numbers]}}: no plaintext.
    marks = models.JSONField(_("marked passages"), default=dict)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed at"))

    class Meta:
        ordering = ["-reviewed_at"]
        verbose_name = _("review of an inzage report")
        verbose_name_plural = _("reviews of inzage reports")

    def __str__(self) -> str:
        return f"inzage review {self.pk}"
