"""The privacy officer's audit search by person: from a BSN (or surname + date of birth) to the audit
events about that person, in one step.

1. `person_audit_search` finds the person records of every controller through the blind indexes
   (`subjects.persons_matching`: the BSN is hashed for the lookup, never stored or logged), the cases
   that link them in any role (`person_roles.case_roles`, shielded roles included: the privacy officer
   answers for all of them), and records the search (one `search` event per record found, the record
   as object and subject; one without a subject when nothing matched). Privacy officers only.
2. The result is kept server-side under a random **search handle** in the session (`handle_create`):
   ids only, expiring after `HANDLE_SECONDS`, at most `MAX_HANDLES` per session. Result pages are
   addressed by the handle and a keyset cursor, never by anything that names the person.
3. `results_page` reads one page of `audit.selectors.events_about` and labels it (case references,
   Dutch names of roles, actions and processing activities: audit/labels.py); every page shown is
   recorded again as a `search` of those records (`page_viewed`).
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.roles import PRIVACY_OFFICER
from audit import labels, record, record_batch
from audit.actions import Action
from audit.activities import PRIVACY_SUPERVISION
from audit.selectors import EventPage, events_about, page_of
from audit.services import Target
from casework import person_roles
from casework.privacy.subjects import PERSON_TYPE, persons_matching
from encryption.pseudonyms import subject_pseudonym

SESSION_KEY = "privacy_person_audit"
HANDLE_SECONDS = 30 * 60
MAX_HANDLES = 5
PAGE_SIZE = 25


@dataclass(frozen=True)
class PersonAuditScope:
    """What a search found, as ids and organisation names only (nothing that identifies the person)."""

    person_ids: tuple[str, ...]
    case_ids: tuple[str, ...]
    controllers: tuple[str, ...]  # the organisation of each record found, sorted

    def as_session(self) -> dict[str, Any]:
        return {"persons": list(self.person_ids), "cases": list(self.case_ids), "controllers": list(self.controllers)}

    @classmethod
    def from_session(cls, data: dict[str, Any]) -> PersonAuditScope:
        return cls(tuple(data["persons"]), tuple(data["cases"]), tuple(data["controllers"]))


def _require_officer(user: Any) -> None:
    if getattr(user, "role", None) != PRIVACY_OFFICER:
        raise PermissionDenied(_("Only a privacy officer can search data subjects."))


def _record_search(user: Any, scope: PersonAuditScope, reason: str) -> None:
    if scope.person_ids:
        record_batch(action=Action.SEARCH, processing_activity=PRIVACY_SUPERVISION, reason=reason, actor=user,
                     targets=[Target(object_type=PERSON_TYPE, object_id=pk, subject_id=pk) for pk in scope.person_ids])
    else:
        record(action=Action.SEARCH, processing_activity=PRIVACY_SUPERVISION, object_type=PERSON_TYPE, reason=reason,
               actor=user)


def person_audit_search(*, user: Any, bsn: str = "", surname: str = "",
                        date_of_birth: date | None = None) -> PersonAuditScope:
    """The records and cases of the person with this BSN (or surname and date of birth), recorded as a
    search before anything is shown. Raises PermissionDenied for anyone but a privacy officer and
    ValidationError for a BSN that fails the 11-test."""
    _require_officer(user)
    persons, how = persons_matching(bsn=bsn, surname=surname, date_of_birth=date_of_birth)
    persons = sorted(persons, key=lambda person: (person.controller.name, str(person.pk)))
    case_ids = sorted({str(row.case_id) for row in person_roles.case_roles([person.pk for person in persons])})
    scope = PersonAuditScope(tuple(str(person.pk) for person in persons), tuple(case_ids),
                             tuple(person.controller.name for person in persons))
    _record_search(user, scope, f"audit events by person ({how}): {len(persons)} record(s)")
    return scope


def handle_create(session: Any, scope: PersonAuditScope, *, now: float | None = None) -> str:
    """Keep `scope` in the session under a new random handle; drop expired and the oldest beyond the cap."""
    now = time.time() if now is None else now
    kept = {token: entry for token, entry in session.get(SESSION_KEY, {}).items() if entry["expires"] > now}
    token = secrets.token_urlsafe(18)
    kept[token] = {**scope.as_session(), "expires": now + HANDLE_SECONDS}
    newest = sorted(kept.items(), key=lambda item: item[1]["expires"])[-MAX_HANDLES:]
    session[SESSION_KEY] = dict(newest)
    return token


def handle_scope(session: Any, token: str, *, now: float | None = None) -> PersonAuditScope | None:
    """The scope behind a handle of this session, or None when unknown or expired."""
    now = time.time() if now is None else now
    entry = session.get(SESSION_KEY, {}).get(token)
    if not entry or entry["expires"] <= now:
        return None
    return PersonAuditScope.from_session(entry)


def results_page(scope: PersonAuditScope, *, older_than: str | None = None, newer_than: str | None = None,
                 size: int = PAGE_SIZE) -> EventPage:
    """One page of the events about the scope's records, newest first, labelled for the screen."""
    events = events_about(subject_pseudonyms=[subject_pseudonym(pk) for pk in scope.person_ids],
                          object_type=PERSON_TYPE, object_ids=scope.person_ids, case_ids=scope.case_ids)
    page = page_of(events, older_than=older_than, newer_than=newer_than, size=size)
    labels.label_events(page.object_list)
    return page


def page_viewed(*, user: Any, scope: PersonAuditScope) -> None:
    """Record a further result page (privacy officers only) as a search of the same records."""
    _require_officer(user)
    _record_search(user, scope, "audit events by person: further page")
