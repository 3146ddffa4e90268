"""What the bench pages need from the seeded database, read once before the run (in-process)."""

from __future__ import annotations

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
        case_id = visible.filter(case_type=spec.code).values_list("id", flat=True).first()
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
    return found


def cases_and_events() -> tuple[int, int]:
    from audit.models import AUDIT_ALIAS
    from audit.scan import bounds

    first, last = bounds(AUDIT_ALIAS)
    return Case.objects.count(), (last - first + 1) if first is not None and last is not None else 0
