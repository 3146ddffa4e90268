"""Optimistic concurrency: one rule for the web forms and the API (docs/adr/0010-api-rules.md).

A case is the unit of consistency. Its `version` counts the updates of the case and of its rows
(a status step, a handover, an agreement's new status, a recorded assessment, a revoked share,
an objection's outcome, ...). Whoever updates sends the version they read: a form carries it in a
hidden field, an API request in the body's `version` member. When it no longer matches, someone
else updated the case in the meantime: the update is refused with `StaleEdit` (409 in the API and
on the web page) and nothing is written. A successful update raises the version by exactly one.
Creating a new row (a referral, an agreement, an objection) overwrites nothing and carries no
version.

`workflow.transition` and `services.case_handover` check the version themselves; every other
update runs its service inside `case_update`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from casework.models import Case
from casework.workflow import StaleEdit


def stale_edit() -> StaleEdit:
    return StaleEdit(_("This case was changed by someone else in the meantime. Reload the page."), code="stale")


@contextmanager
def case_update(*, case: Case, expected_version: int) -> Iterator[Case]:
    """Run the body as an update of `case` (or one of its rows) that `expected_version` was read for.

    The version is compared and raised in one conditional UPDATE at the start of the transaction:
    of two concurrent updates from the same version one wins, on SQLite and PostgreSQL alike, and
    the other gets `StaleEdit` before its service runs. When the body raises, the transaction, and
    with it the raised version, rolls back. (A plain UPDATE of the one bookkeeping column: it writes
    no history row, as the version is no case data.)
    """
    with transaction.atomic():
        if not Case.objects.filter(pk=case.pk, version=expected_version).update(version=F("version") + 1):
            raise stale_edit()
        previous = case.version
        case.version = expected_version + 1
        try:
            yield case
        except BaseException:
            case.version = previous
            raise
