"""Links between cases: a referral from a park inspection to a PGA case, a Damocles procedure
opened from a drugs finding, or another stated relation.

A link is metadata about two cases; it holds no personal data of its own (the reason of a
referral lives, encrypted, in the case it created). It is shown only to users who may see both
cases (casework/links.py `links_for`), so a link never reveals that a case exists to someone who
cannot see it. Links are written once by the services in casework/links.py and never changed.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .cases import Case


class CaseLinkKind(models.TextChoices):
    REFERRAL_TO_PGA = "referral_to_pga", _("Referral to a PGA case")
    DAMOCLES_FROM_FINDING = "damocles_from_finding", _("Damocles procedure opened from a drugs finding")
    OTHER = "other", _("Other relation")


class CaseLink(models.Model):
    """`from_case` led to `to_case` (the park file referred to the PGA case it created)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    from_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_out",
                                  verbose_name=_("from case"))
    to_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_in",
                                verbose_name=_("to case"))
    kind = models.CharField(_("kind of link"), max_length=32, choices=CaseLinkKind.choices)
    # The row in `from_case` the link came from (e.g. the park inspection), by label and id.
    source_type = models.CharField(_("source type"), max_length=64, blank=True)
    source_id = models.UUIDField(_("source id"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("created by"))
    at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("case link")
        verbose_name_plural = _("case links")
        ordering = ["at"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(from_case=models.F("to_case")), name="caselink_two_cases"),
            models.UniqueConstraint(fields=["from_case", "to_case", "kind"], name="caselink_unique"),
        ]

    def __str__(self) -> str:
        return f"link {self.from_case_id} -> {self.to_case_id} ({self.kind})"
