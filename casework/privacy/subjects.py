"""The privacy officer's subject search: BSN (or surname + date of birth) → person records → pseudonyms.

The audit trail names data subjects only by pseudonym (encryption.pseudonyms). To answer "who
saw this person's data" the privacy officer starts from what the person gives them: a BSN, or a
name and date of birth. This finds the matching person records of *every* controller in this
system through the blind index (candidates decrypted and compared, so a collision never returns
a wrong person) and returns, per record, only its controller and its pseudonym — no name, no BSN.

The BSN itself is neither stored nor logged: it arrives in a POST body, is hashed for the
lookup, and the audit event of the search carries one structured reason plus one event per
record found (with that record's pseudonym), never the number.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import PRIVACY_OFFICER
from audit import record, record_batch
from audit.actions import Action
from audit.activities import PRIVACY_SUPERVISION
from audit.services import Target
from casework.models import Person
from encryption.blind_index import blind_lookup
from encryption.pseudonyms import subject_pseudonym
from encryption.validators import validate_bsn

PERSON_TYPE = "casework.Person"


@dataclass(frozen=True)
class SubjectRecord:
    """One person record as the privacy officer sees it: whose record, and its pseudonym."""

    person_id: uuid.UUID
    controller_name: str
    pseudonym: str


def _records(persons: list[Person]) -> list[SubjectRecord]:
    rows = [SubjectRecord(person.pk, person.controller.name, subject_pseudonym(person.pk)) for person in persons]
    return sorted(rows, key=lambda row: (row.controller_name, row.pseudonym))


def persons_matching(*, bsn: str = "", surname: str = "",
                     date_of_birth: date | None = None) -> tuple[list[Person], str]:
    """(person records of every controller with this BSN, or else this surname and date of birth; how
    they were found: "bsn" or "surname+date_of_birth"). Raises ValidationError for an invalid BSN."""
    persons = Person.objects.select_related("controller")
    if bsn:
        validate_bsn(bsn)
        return list(blind_lookup(persons, "bsn_index", bsn)), "bsn"
    if surname.strip() and date_of_birth is not None:
        return list(blind_lookup(persons, "name_dob_index", surname, date_of_birth)), "surname+date_of_birth"
    raise ValueError("search by a BSN, or by a surname and a date of birth")


def subject_search(
    *, user: User, bsn: str = "", surname: str = "", date_of_birth: date | None = None,
) -> list[SubjectRecord]:
    """Person records (all controllers) with this BSN, or else this surname and date of birth.

    Privacy officers only; recorded as a `search` under privacy supervision, one event per record
    found (or one without a subject when nothing matched), before anything is shown.
    """
    if user.role != PRIVACY_OFFICER:
        raise PermissionDenied(_("Only a privacy officer can search data subjects."))
    found, how = persons_matching(bsn=bsn, surname=surname, date_of_birth=date_of_birth)
    records = _records(found)
    reason = f"subject search by {how}: {len(records)} record(s)"
    if records:
        record_batch(
            action=Action.SEARCH, processing_activity=PRIVACY_SUPERVISION, reason=reason, actor=user,
            targets=[Target(object_type=PERSON_TYPE, object_id=row.person_id, subject_id=row.person_id)
                     for row in records],
        )
    else:
        record(action=Action.SEARCH, processing_activity=PRIVACY_SUPERVISION, object_type=PERSON_TYPE,
               reason=reason, actor=user)
    return records
