"""Opening a woonoverlast file and recording what leads to a decision: the nuisance reports
(meldingen, with their shielded reporter), the zwartboek, the lighter interventions and the views
on an intention.

A report's reporter is registered as a person of the file's organisation and linked in the
shielded role "melder" (registry): nothing here writes the reporter into a row a letter, the
veroorzaker or a partner without the category `woonoverlast_melders` would read.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, Team, User
from accounts.roles import HANDHAVER
from audit import record
from audit.actions import Action, Outcome
from audit.history import save_with_reason
from casework import bounds
from casework.addresses import BAG_ID, bag_pick_errors
from casework.models import Case, Person
from casework.persons import person_register
from casework.services import case_create
from casework.woonoverlast.casetype import CASE_TYPE, PROCESSING_ACTIVITY
from casework.woonoverlast.models import (
    Intention,
    Intervention,
    InterventionKind,
    Melding,
    NuisanceKind,
    Source,
    WoonoverlastFile,
    Zwartboek,
)
from casework.woonoverlast.services.common import (
    check_person,
    parse_date,
    require_date,
    require_officer_on_open,
    text,
)


def _not_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("This date cannot lie in the future.")})


@transaction.atomic
def woonoverlast_file_open(*, actor: User, controller: Organisation, person: Person | dict[str, Any],
                           dwelling_address: str, summary: str = "", owner: User | None = None,
                           team: Team | None = None, reason: str = "woonoverlast file opened",
                           bag_id: str = "", bag_object_id: str = "", address_verified: bool = False) -> Case:
    """Open a file about the person causing the nuisance (the veroorzaker) and their dwelling.

    The dwelling's BAG ids and `address_verified` come from a BAG pick only (casework/bag/forms.py).
    """
    owner = owner or actor
    if actor.organisation_id != controller.pk or actor.role != HANDHAVER or not actor.is_active:
        record(action=Action.ACCESS_DENIED, outcome=Outcome.DENIED, processing_activity=PROCESSING_ACTIVITY,
               object_type="accounts.Organisation", object_id=controller.pk, reason="action:woonoverlast_file_open",
               actor=actor)
        raise PermissionDenied(_("Only enforcement officers of the organisation may open a woonoverlast file."))
    if owner.organisation_id != controller.pk or owner.role != HANDHAVER or not owner.is_active:
        raise ValidationError({"owner": _("The owner must be an active enforcement officer of the organisation.")})
    address = text(dwelling_address)
    bounds.raise_errors({"dwelling_address": _("State the dwelling the nuisance comes from.")} if not address else {},
                        bounds.lengths({"dwelling_address": address}, bounds.LINE),
                        bounds.lengths({"summary": text(summary)}, bounds.SHORT_TEXT),
                        bag_pick_errors(bag_id=text(bag_id), bag_object_id=text(bag_object_id),
                                        verified=address_verified))
    if text(bag_id) and not BAG_ID.match(text(bag_id)):
        raise ValidationError({"dwelling_address": _("A BAG id has 16 digits.")})
    if isinstance(person, dict):
        person, _created = person_register(actor=actor, controller=controller,
                                           processing_activity=PROCESSING_ACTIVITY, **person)
    check_person(person, controller.pk, "person")
    case = case_create(case_type=CASE_TYPE, owner=owner, controller=controller, person=person, team=team,
                       by=actor, reason=text(reason) or "woonoverlast file opened")
    save_with_reason(WoonoverlastFile(case=case, data_key_id=case.data_key_id, dwelling_address=address,
                                      summary=text(summary) or None, bag_id=text(bag_id) or None,
                                      bag_object_id=text(bag_object_id) or None,
                                      address_verified=bool(address_verified)),
                     reason="woonoverlast file opened", user=actor)
    return case


def linked_file_open(*, actor: User, controller: Organisation, owner: User, person: Person | None,
                     reason: str, address: str = "", summary: str = "") -> Case:
    """The registry's `create_linked`: a file opened from another case type's case (an undermining signal
    routed to the woonoverlast approach), with the same rules as `woonoverlast_file_open`. `address` is
    the dwelling; `reason` the summary when none is given."""
    if person is None:
        raise ValidationError({"person": _("A woonoverlast file concerns a person: name the person causing the "
                                           "nuisance.")})
    return woonoverlast_file_open(actor=actor, controller=controller, person=person, dwelling_address=address,
                                  summary=summary or reason, owner=owner, team=owner.team,
                                  reason="woonoverlast file opened from another case")


@transaction.atomic
def melding_register(*, actor: User, case: Case, melder: Person | dict[str, Any], source: str, reported_on: Any,
                     kind: str, description: str) -> Melding:
    """A nuisance report; the reporter becomes a shielded party of the file."""
    require_officer_on_open(actor, case)
    errors: dict[str, Any] = {}
    if source not in Source.values:
        errors["source"] = _("Choose who reported: a neighbour, the police or the housing corporation.")
    if kind not in NuisanceKind.values:
        errors["kind"] = _("Choose the kind of nuisance.")
    if not text(description):
        errors["description"] = _("Describe the nuisance reported.")
    errors.update(bounds.lengths({"description": text(description)}, bounds.SHORT_TEXT))
    try:
        day = require_date(reported_on, "reported_on")
        _not_future(day, "reported_on")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    if isinstance(melder, dict):
        melder, _created = person_register(actor=actor, controller=case.controller,
                                           processing_activity=PROCESSING_ACTIVITY, **melder)
    check_person(melder, case.controller_id, "melder")
    if melder.pk == case.person_id:
        raise ValidationError({"melder": _("The person causing the nuisance cannot be the reporter.")})
    melding = Melding(case=case, data_key_id=case.data_key_id, melder=melder, source=source, reported_on=day,
                      kind=kind, description=text(description), created_by=actor)
    save_with_reason(melding, reason=f"report registered ({source}, {kind})", user=actor)
    return melding


@transaction.atomic
def zwartboek_record(*, actor: User, case: Case, compiled_on: Any, statements: str, verified_on: Any) -> Zwartboek:
    """Anonymised statements, with the official's record of having verified the reporters' identities."""
    require_officer_on_open(actor, case)
    errors: dict[str, Any] = {}
    if not text(statements):
        errors["statements"] = _("Write down the anonymised statements.")
    errors.update(bounds.lengths({"statements": text(statements)}, bounds.LONG_TEXT))
    days: dict[str, date] = {}
    for name, value in (("compiled_on", compiled_on), ("verified_on", verified_on)):
        try:
            days[name] = require_date(value, name)
            _not_future(days[name], name)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if not errors and not Melding.objects.filter(case=case).exists():
        errors["statements"] = _("A zwartboek rests on registered reports; there are none.")
    if errors:
        raise ValidationError(errors)
    book = Zwartboek(case=case, data_key_id=case.data_key_id, compiled_on=days["compiled_on"],
                     statements=text(statements), verified_by=actor, verified_on=days["verified_on"],
                     created_by=actor)
    save_with_reason(book, reason="zwartboek recorded (identities verified)", user=actor)
    return book


@transaction.atomic
def intervention_record(*, actor: User, case: Case, kind: str, carried_out_on: Any, outcome: str,
                        linked_case: Case | None = None) -> Intervention:
    """A lighter intervention (or the reasons why lighter means are pointless)."""
    require_officer_on_open(actor, case)
    errors: dict[str, Any] = {}
    if kind not in InterventionKind.values:
        errors["kind"] = _("Choose the intervention.")
    if not text(outcome):
        errors["outcome"] = _("Describe the outcome (or why lighter means are pointless).")
    errors.update(bounds.lengths({"outcome": text(outcome)}, bounds.SHORT_TEXT))
    try:
        day = require_date(carried_out_on, "carried_out_on")
        _not_future(day, "carried_out_on")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if linked_case is not None:
        # A care case is linked only with the sharing decision that lets data pass (services/care.py).
        errors["linked_case"] = _("A care case is linked only through a care offer with a sharing decision.")
    if errors:
        raise ValidationError(errors)
    row = Intervention(case=case, data_key_id=case.data_key_id, kind=kind, carried_out_on=day,
                       outcome=text(outcome), linked_case=linked_case, created_by=actor)
    save_with_reason(row, reason=f"intervention recorded ({kind})", user=actor)
    return row


@transaction.atomic
def view_record(*, actor: User, intention: Intention, received_on: Any, summary: str) -> Intention:
    """The view (zienswijze) on an intention, received on a date, with its summary."""
    require_officer_on_open(actor, intention.case)
    day = require_date(received_on, "received_on")
    errors: dict[str, Any] = {}
    if day < intention.sent_on:
        errors["received_on"] = _("A view cannot precede the intention.")
    elif day > timezone.localdate():
        errors["received_on"] = _("This date cannot lie in the future.")
    if not text(summary):
        errors["summary"] = _("Summarise the view.")
    errors.update(bounds.lengths({"summary": text(summary)}, bounds.SHORT_TEXT))
    if errors:
        raise ValidationError(errors)
    intention.view_received_on, intention.view_summary = day, text(summary)
    save_with_reason(intention, reason="view received", user=actor)
    return intention


__all__ = ["intervention_record", "linked_file_open", "melding_register", "parse_date", "view_record",
           "woonoverlast_file_open", "zwartboek_record"]
