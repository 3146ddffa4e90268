"""Audit events for read pages: one call per page, before anything is rendered.

A list or search page records one event per case shown (each names its one data subject) in a
single batched insert; a case page records one `view` event. If the audit trail cannot be
written, `AuditWriteError` propagates, the middleware answers 503 and nothing was shown.
Reasons are structured codes ("search:bsn"), never what the user typed.
"""

from __future__ import annotations

from collections.abc import Iterable

from audit import record, record_batch
from audit.actions import Action, Outcome
from audit.services import Target
from casework import registry
from casework.models import Case, processing_activity_of


def cases_disclosed(*, action: str, cases: Iterable[Case], reason: str = "", role: str = "") -> int:
    """One event per case (subject: its person, activity: its type's), in one insert; returns the count.

    A search that found nothing still records one event without a subject: the search itself
    is a processing to account for (NEN 7513), under the processing of the case types the
    searching user's role works with (`role`).
    """
    targets = case_targets(cases)
    if not targets and action == Action.SEARCH:
        record(action=action, processing_activity=registry.activity_for_role(role), object_type="casework.Case",
               reason=reason)
        return 0
    if targets:  # one insert (and one chain lock) for the page, each event under its case's activity
        record_batch(action=action, processing_activity=targets[0].processing_activity, targets=targets,
                     reason=reason)
    return len(targets)


def case_targets(cases: Iterable[Case]) -> list[Target]:
    """One audit target per case: its person as the subject, its type's processing activity."""
    return [Target(object_type="casework.Case", object_id=case.pk, case_id=case.pk, subject_id=case.person_id,
                   processing_activity=processing_activity_of(case)) for case in cases]


def case_viewed(*, case: Case, reason: str = "", printed: bool = False) -> None:
    """A `view` event for the case page (`print` for its print view)."""
    record(
        action=Action.PRINT if printed else Action.VIEW, processing_activity=processing_activity_of(case),
        object_type="casework.Case", object_id=case.pk, case_id=case.pk, subject_id=case.person_id, reason=reason,
    )


PERSON_TYPE = "casework.Person"


def person_viewed(*, person_id, processing_activity: str, reason: str = "") -> None:
    """One `view` event for a page about one person (the person is the object and the subject)."""
    record(action=Action.VIEW, processing_activity=processing_activity, object_type=PERSON_TYPE,
           object_id=person_id, subject_id=person_id, reason=reason)


def person_refused(*, person_id, role: str, reason: str = "") -> None:
    """An `access_denied` event for a page about a person the user may not see (or that does not
    exist: the same event, so the trail records the attempt either way), under the processing of
    the case types the user's role works with; it names no case."""
    record(action=Action.ACCESS_DENIED, outcome=Outcome.DENIED, processing_activity=registry.activity_for_role(role),
           object_type=PERSON_TYPE, object_id=person_id, subject_id=person_id, reason=reason)
