"""Links between cases: one case led to another (a referral from an inspection to a care case, a
procedure opened from a finding), or another stated relation. The kinds are named by the case
types (casework/registry.py `LinkKind`); the core knows only "other".

A link is metadata about two cases; it holds no personal data of its own (the reason of a
referral lives, encrypted, in the case it created). It is shown only to users who may see both
cases (casework/links.py `links_for`), so a link never reveals that a case exists to someone who
cannot see it. Links are written once by `casework.links.link_create` and never changed.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .cases import Case

OTHER = "other"


def link_kind_label(kind: str) -> str:
    """The label a case type gave this kind of link (casework/registry.py), or the code."""
    from casework import registry

    for spec in registry.types():
        for link_kind in spec.link_kinds:
            if link_kind.code == kind:
                return str(link_kind.label)
    return str(_("Other relation")) if kind == OTHER else kind


class CaseLink(models.Model):
    """`from_case` led to `to_case` (the park file referred to the PGA case it created)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    from_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_out",
                                  verbose_name=_("from case"))
    to_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_in",
                                verbose_name=_("to case"))
    kind = models.CharField(_("kind of link"), max_length=32)
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

    @property
    def kind_label(self) -> str:
        return link_kind_label(self.kind)
