"""Restriction of processing (beperking, AVG art. 18): set and lift `Person.restricted`.

While a person record is restricted, `casework.access` refuses its cases to everyone (the
process director and the team lead included; each refusal is an `access_denied` event) and
every list, search, count and API endpoint leaves them out, because they all start from
`visible_cases`. The data is kept; the only way it is shown is the inzage report
(casework/privacy/inzage.py), the privacy officer's audited exception. Lifting the restriction
(AVG 18(3): the subject is told beforehand) restores access as it was.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import has_capability
from audit import record
from audit.actions import Action
from audit.activities import PRIVACY_SUPERVISION
from audit.history import save_with_reason
from casework.models import Case, Person

PERSON_TYPE = "casework.Person"


def in_scope(*, organisation_id, person: Person) -> bool:
    """Is this organisation controller of the person record, or (joint) controller of one of its cases?"""
    if person.controller_id == organisation_id:
        return True
    cases = Case.objects.filter(person=person)
    return cases.filter(controller_id=organisation_id).exists() or cases.filter(
        joint_controllers__pk=organisation_id).exists()


def _check(actor: User, person: Person) -> None:
    if not has_capability(actor, "privacy_requests"):
        raise PermissionDenied(_("Only a privacy officer can restrict processing."))
    if not in_scope(organisation_id=actor.organisation_id, person=person):
        raise PermissionDenied(_("This person record is not processed under your organisation's control."))


@transaction.atomic
def restriction_apply(*, actor: User, person: Person, request_id=None) -> Person:
    """Restrict processing of `person` (AVG 18): their cases are shown to no one any more."""
    _check(actor, person)
    person = Person.objects.select_for_update().get(pk=person.pk)  # decide on the current row
    if person.restricted:
        raise ValidationError(_("Processing of this person record is already restricted."))
    person.restricted = True
    save_with_reason(person, reason=f"processing restricted (AVG 18), request:{request_id or '-'}", user=actor)
    record(action=Action.RESTRICT, processing_activity=PRIVACY_SUPERVISION, object_type=PERSON_TYPE,
           object_id=person.pk, subject_id=person.pk, reason=f"restricted; request:{request_id or '-'}", actor=actor)
    return person


@transaction.atomic
def restriction_lift(*, actor: User, person: Person, request_id=None) -> Person:
    """Lift the restriction (AVG 18(3): the subject is informed beforehand). The reason is kept,
    encrypted, on the request (casework/privacy/requests.py), never in the audit row."""
    _check(actor, person)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if not person.restricted:
        raise ValidationError(_("Processing of this person record is not restricted."))
    person.restricted = False
    save_with_reason(person, reason=f"restriction lifted (AVG 18(3)), request:{request_id or '-'}", user=actor)
    record(action=Action.RESTRICT, processing_activity=PRIVACY_SUPERVISION, object_type=PERSON_TYPE,
           object_id=person.pk, subject_id=person.pk, reason=f"lifted; request:{request_id or '-'}", actor=actor)
    return person
