"""The open cases per controller, type and status, counted by the database as cases change (ADR 0057).

A team lead's dashboard shows how many open cases its organisation holds per type and status. Counted from the
cases themselves that is an aggregate over every open case (735,000 of 1,000,000 at scale: 85–220 ms a page,
growing with the database). Instead triggers on `casework_case` append a row here for every change of those
numbers, and the page sums the rows of one organisation.

Rows are deltas, never updated: +1 when a case starts to count (inserted open, reopened, moved here, its person's
restriction lifted), -1 when it stops (closed, deleted, moved away, restricted), a statement's changes summed per
key. Two transactions that change cases of one organisation therefore never wait for each other, as they would
for one counter row per key (and could deadlock on two of them). `fold_open_case_counts` (a daily job) sums the
rows of each key into one, so a page sums a handful of rows per key.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation


class OpenCaseCount(models.Model):
    """A change of the number of open, unrestricted cases of one controller, type and status (a delta; the sum of a
    key's rows is the number). Written by the database's triggers and the fold only (migration casework 0020)."""

    controller = models.ForeignKey(
        Organisation, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+",
        verbose_name=_("controller"),
    )
    case_type = models.CharField(_("case type"), max_length=16)
    status = models.CharField(_("status"), max_length=40)
    n = models.IntegerField(_("change"))

    class Meta:
        verbose_name = _("open case count")
        verbose_name_plural = _("open case counts")
        indexes = [models.Index(fields=["controller", "case_type", "status"], name="open_case_count_key_idx")]

    def __str__(self) -> str:
        return f"{self.case_type}/{self.status}: {self.n:+d}"
