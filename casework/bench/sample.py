"""What the bench pages need from the seeded database, read once before the run (in-process)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from accounts.models import User
from casework import access, registry
from casework.bench.pages import Sample
from casework.models import Case
from encryption.pseudonyms import subject_pseudonym
from encryption.scope import key_scope


def sample(username: str = "regisseur") -> Sample:
    user = User.objects.get(username=username)
    visible = access.visible_cases(user)
    found = Sample()
    for spec in registry.types():
        case_id = _furthest(visible.filter(case_type=spec.code))
        if case_id is not None:
            found.case_of_type[spec.code] = case_id
    with key_scope():
        for case in visible.filter(person__restricted=False, person__isnull=False).select_related("person")[:20]:
            person = case.person
            if person is not None and person.bsn and person.date_of_birth:
                found.bsn, found.surname = person.bsn, person.surname
                found.date_of_birth = person.date_of_birth.isoformat()
                found.person_id = person.pk
                found.pseudonym = subject_pseudonym(person.pk)
                break
        found.quiet_bsn = _quiet_bsn(visible, found) or found.bsn
    return found


def _furthest(cases: QuerySet[Case]) -> Any:
    """The case page's sample: an open case furthest along its workflow (the most steps, the newest among equals),
    which holds the most of its type's work, as a case in progress does; a closed one only when none is open."""
    ordered = cases.annotate(step_count=Count("steps")).order_by("-step_count", "-opened_on", "id")
    found = ordered.filter(closed_on__isnull=True).values_list("id", flat=True).first()
    return found if found is not None else ordered.values_list("id", flat=True).first()


def _quiet_bsn(visible, found: Sample) -> str:
    """The BSN of a person the other pages never read: the oldest visible case's (the lists show the newest, the
    searches and case pages the sample's), so the inzage report's events do not grow with the bench's own runs
    (the sample person had 362,273 events after some runs, most of them the bench's)."""
    shown = set(found.case_of_type.values())
    oldest = visible.filter(person__restricted=False, person__isnull=False).exclude(person_id=found.person_id) \
        .order_by("opened_on", "id").select_related("person")[:20]
    return next((case.person.bsn for case in oldest if case.pk not in shown and case.person.bsn), "")


def cases_and_events() -> tuple[int, int]:
    from audit.models import AUDIT_ALIAS
    from audit.scan import bounds

    first, last = bounds(AUDIT_ALIAS)
    return Case.objects.count(), (last - first + 1) if first is not None and last is not None else 0
