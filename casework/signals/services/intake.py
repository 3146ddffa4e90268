"""Registering a signal (intake) by staff of a municipality or by a chain partner.

Staff register for their own municipality, a chain partner for a municipality of choice. The
signal goes to an enforcement officer for triage: the registering officer, or else the active
enforcement officer of the municipality with the fewest open cases. The source (a person or an
organisation) is a shielded party (category `signal_sources`). A partner who registers receives,
through a sharing decision written with the signal, the intake category of its own signal — never
the triage, never the source category — until a year after registration.

Persons named in the signal are registered through the core's persons service; informing them (AVG
art. 14) may be postponed on a ground of the core's table (AVG 23 / UAVG art. 41) with a review date.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from accounts.roles import HANDHAVER, KETENPARTNER
from audit import record
from audit.actions import Action, Outcome
from audit.history import save_with_reason
from casework import bounds
from casework import sharing as core_sharing
from casework.addresses import BAG_ID, bag_pick_errors
from casework.models import Case, Person
from casework.penalties.values import require_date, text
from casework.persons import person_register
from casework.services import case_create
from casework.signals.casetype import CASE_TYPE, INTAKE_ROLES, PROCESSING_ACTIVITY
from casework.signals.categories import INTAKE
from casework.signals.models import (
    Informing,
    LegalGround,
    PostponementGround,
    Signal,
    SignalCategory,
    SignalPerson,
    SignalSource,
    SourceKind,
)

PARTNER_SHARE_DAYS = 365
PARTNER_PURPOSE = "Terugkoppeling aan de partner die het signaal meldde: alleen de eigen melding."
PARTNER_WEIGHING = ("De partner heeft deze gegevens zelf aangeleverd; inzage in de eigen melding is nodig om "
                    "aanvullingen te kunnen doen. De beoordeling en de melder vallen er niet onder.")


def signal_owner_for(controller: Organisation) -> User | None:
    """The enforcement officer who triages a signal registered by someone else: the active one of the
    municipality with the fewest open cases (ties: by name)."""
    return (
        User.objects.filter(organisation=controller, is_active=True, groups__name=HANDHAVER)
        .annotate(open_cases=Count("owned_cases", filter=Q(owned_cases__closed_on__isnull=True)))
        .order_by("open_cases", "last_name", "first_name", "username")
        .first()
    )


def _refuse(actor: User, controller: Organisation) -> None:
    record(action=Action.ACCESS_DENIED, outcome=Outcome.DENIED, processing_activity=PROCESSING_ACTIVITY,
           object_type="accounts.Organisation", object_id=controller.pk, reason="action:signals_register",
           actor=actor)
    raise PermissionDenied(_("Your role cannot register a signal for this municipality."))


def _check_actor(actor: User, controller: Organisation) -> None:
    if not actor.is_active or actor.role not in INTAKE_ROLES or controller.kind != Organisation.Kind.GEMEENTE:
        _refuse(actor, controller)
    if actor.role != KETENPARTNER and actor.organisation_id != controller.pk:
        _refuse(actor, controller)
    if actor.role == KETENPARTNER and actor.organisation_id == controller.pk:
        _refuse(actor, controller)


def _person_errors(persons: list[dict[str, Any]]) -> dict[str, str]:
    today = timezone.localdate()
    for number, entry in enumerate(persons, start=1):
        informing = entry.get("informing") or Informing.NOT_YET
        if informing not in Informing.values:
            return {"persons": _("Person %(n)s: choose the state of informing.") % {"n": number}}
        if informing == Informing.POSTPONED:
            if entry.get("postponement_ground") not in PostponementGround.values or not entry["postponement_ground"]:
                return {"persons": _("Person %(n)s: informing is postponed only on a ground of AVG art. 23 "
                                     "(UAVG art. 41).") % {"n": number}}
            review = entry.get("postponement_review_on")
            if not isinstance(review, date) or review <= today or review > today + timedelta(days=366):
                return {"persons": _("Person %(n)s: set a review date for the postponement within a year.")
                        % {"n": number}}
        if informing == Informing.INFORMED and not isinstance(entry.get("informed_on"), date):
            return {"persons": _("Person %(n)s: state when the person was informed.") % {"n": number}}
        if not isinstance(entry.get("person"), Person | dict):
            return {"persons": _("Person %(n)s: identify the person.") % {"n": number}}
        length = bounds.lengths({"persons": text(entry.get("involvement"))}, bounds.SHORT_TEXT)
        if length:
            return length
    return {}


def _validate(*, category: str, received_on: Any, description: str, legal_ground: str, address: str,
              bag_id: str, bag_object_id: str, address_verified: bool, source_kind: str,
              persons: list[dict[str, Any]]) -> date:
    errors: dict[str, str] = {}
    if category not in SignalCategory.values:
        errors["category"] = _("Choose the category of the signal.")
    if legal_ground not in LegalGround.values:
        errors["legal_ground"] = _("Choose the legal basis for processing criminal-law data (AVG art. 10, "
                                   "UAVG art. 33).")
    if not text(description):
        errors["description"] = _("Describe the signal.")
    if source_kind not in SourceKind.values:
        errors["source_kind"] = _("Choose who reported the signal.")
    day = None
    try:
        day = require_date(received_on, "received_on")
        if day > timezone.localdate():
            errors["received_on"] = _("This date cannot lie in the future.")
    except ValidationError as exc:
        errors.update({k: " ".join(v) for k, v in exc.message_dict.items()})
    if text(bag_id) and not BAG_ID.match(text(bag_id)):
        errors["address"] = _("A BAG id has 16 digits.")
    for field, message in {**bounds.lengths({"description": text(description)}, bounds.LONG_TEXT),
                           **bounds.lengths({"address": text(address)}, bounds.LINE),
                           **bag_pick_errors(bag_id=text(bag_id), bag_object_id=text(bag_object_id),
                                             verified=address_verified),
                           **_person_errors(persons)}.items():
        errors.setdefault(field, message)
    if errors:
        raise ValidationError(errors)
    assert day is not None  # noqa: S101 - no error, so the date parsed
    return day


def _person(actor: User, controller: Organisation, value: Person | dict[str, Any]) -> Person:
    if isinstance(value, Person):
        if value.controller_id != controller.pk:
            raise ValidationError({"persons": _("The person must be registered under the same organisation.")})
        return value
    person, _created = person_register(actor=actor, controller=controller, processing_activity=PROCESSING_ACTIVITY,
                                       **value)
    return person


def _source(actor: User, case: Case, source_kind: str, source_person: Any, source_organisation: str) -> None:
    person = _person(actor, case.controller, source_person) if source_person else None
    partner = actor.organisation if actor.role == KETENPARTNER else None
    if person is None and partner is None and not text(source_organisation) and source_kind != SourceKind.ANONYMOUS:
        raise ValidationError({"source_kind": _("Name the person or organisation that reported, or choose "
                                                "anonymous.")})
    if text(source_organisation) and len(text(source_organisation)) > bounds.NAME:
        raise ValidationError({"source_organisation": _("At most %(max)d characters.") % {"max": bounds.NAME}})
    save_with_reason(SignalSource(case=case, data_key_id=case.data_key_id, kind=source_kind, person=person,
                                  organisation=partner, organisation_name=text(source_organisation) or None,
                                  created_by=actor), reason=f"signal source registered ({source_kind})", user=actor)


def _persons(actor: User, case: Case, persons: list[dict[str, Any]]) -> None:
    seen: set[Any] = set()
    for entry in persons:
        person = _person(actor, case.controller, entry["person"])
        if person.pk in seen:
            continue
        seen.add(person.pk)
        informing = entry.get("informing") or Informing.NOT_YET
        postponed = informing == Informing.POSTPONED
        save_with_reason(SignalPerson(
            case=case, data_key_id=case.data_key_id, person=person, involvement=text(entry.get("involvement")) or None,
            informing=informing, postponement_ground=entry.get("postponement_ground", "") if postponed else "",
            postponement_review_on=entry.get("postponement_review_on") if postponed else None,
            informed_on=entry.get("informed_on") if informing == Informing.INFORMED else None, created_by=actor,
        ), reason=f"person named in signal ({informing})", user=actor)


@transaction.atomic
def signal_register(*, actor: User, controller: Organisation, category: str, received_on: Any, description: str,
                    legal_ground: str, source_kind: str, address: str = "", bag_id: str = "",
                    bag_object_id: str = "", address_verified: bool = False, source_person: Any = None,
                    source_organisation: str = "", persons: list[dict[str, Any]] | tuple = ()) -> Case:
    """Register a signal for `controller`; everything is validated before anything is written.

    `persons`: dicts with `person` (a Person of the controller or a person dict for the core's
    `person_register`), `involvement`, `informing` (not_yet / informed / postponed),
    `postponement_ground` and `postponement_review_on` (postponed), `informed_on` (informed).
    The signal has no main person (`Case.person` is empty): a signal is about a situation.
    """
    _check_actor(actor, controller)
    persons = list(persons)
    day = _validate(category=category, received_on=received_on, description=description, legal_ground=legal_ground,
                    address=address, bag_id=bag_id, bag_object_id=bag_object_id,
                    address_verified=address_verified, source_kind=source_kind, persons=persons)
    owner = actor if actor.role == HANDHAVER else signal_owner_for(controller)
    if owner is None:
        raise ValidationError({"controller": _("This municipality has no enforcement officer to triage signals.")})
    case = case_create(case_type=CASE_TYPE, owner=owner, controller=controller, person=None, by=actor,
                       reason="signal registered")
    save_with_reason(Signal(
        case=case, data_key_id=case.data_key_id, category=category, received_on=day, description=text(description),
        address=text(address) or None, bag_id=text(bag_id) or None, bag_object_id=text(bag_object_id) or None,
        address_verified=bool(address_verified), legal_ground=legal_ground,
    ), reason=f"signal registered ({category})", user=actor)
    _source(actor, case, source_kind, source_person, source_organisation)
    _persons(actor, case, persons)
    if actor.role == KETENPARTNER:
        core_sharing.share_record(
            actor=actor, case=case, partner=cast(Organisation, actor.organisation), categories=[INTAKE],
            processing_activity=PROCESSING_ACTIVITY, purpose=PARTNER_PURPOSE, weighing=PARTNER_WEIGHING,
            ends_on=timezone.localdate() + timedelta(days=PARTNER_SHARE_DAYS),
            history_reason="sharing decision (own signal of the registering partner)")
    return case
