"""Shared casework models. Case types add their own packages (casework/pga/, damocles/, park/)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EquatedDay(models.Model):
    """A day declared equal to a public holiday by royal decree (Algemene termijnenwet art. 3 lid 3).

    Kept as data so an administrator can add a decree without a code change.
    """

    date = models.DateField(_("date"), unique=True)
    description = models.CharField(_("description"), max_length=200)
    source = models.CharField(_("source (decree)"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("day equated to a holiday")
        verbose_name_plural = _("days equated to a holiday")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.description}"
