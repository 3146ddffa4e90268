"""Saved filters: a user's named combinations of a list page's filters ("Mijn werk", "Mijn casussen").

A saved filter holds the list's query string of *codes and ids only* (case type, status, team, owner,
deadline window, sort, page size): the list forms have no free-text field, and the service keeps only
the values the page's form accepts, so a BSN, a name or a date of birth can never be stored here or
end up in a URL. It has no name of its own for the same reason: its label is made from the filters'
Dutch labels when shown.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SavedFilter(models.Model):
    class Page(models.TextChoices):
        CASES = "cases", _("My cases")
        WORK = "work", _("My work")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_filters")
    page = models.CharField(_("list"), max_length=16, choices=Page.choices)
    query = models.CharField(_("filters (query string of codes)"), max_length=500)
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "page", "query"], name="saved_filter_once_per_user"),
            models.CheckConstraint(condition=~models.Q(query=""), name="saved_filter_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.page}?{self.query}"
