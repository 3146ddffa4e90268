"""Registering a Damocles procedure: the premises (found again or new), the case, the police report.

Premises are one dossier per address, found by BAG id or by the normalised address through the
blind index, so a repeat offence lands on the same premises and earlier procedures are counted.
Premises get their own data key (they outlive any one procedure); the case, its report and its
findings use the case's key. Only enforcement officers of the controlling organisation register.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from decimal import Decimal, InvalidOperation
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
from casework import bounds, uploads
from casework.addresses import bag_pick_errors, normalise_postcode
from casework.damocles.casetype import CASE_TYPE
from casework.damocles.casetype import PROCESSING_ACTIVITY as DAMOCLES
from casework.damocles.models import (
    DamoclesCase,
    Finding,
    Ground,
    PoliceReport,
    Premises,
    PremisesKind,
    PremisesParty,
    Substance,
    Unit,
)
from casework.models import Case, Person
from casework.persons import person_register
from casework.services import case_create
from encryption.blind_index import blind_lookup, normalise
from encryption.keystore import datakey_create
from encryption.storage import sealed_content

POSTCODE = re.compile(r"^\d{4}\s?[A-Za-z]{2}$")
BAG_ID = re.compile(r"^\d{16}$")
KVK = re.compile(r"^\d{8}$")
# Which units a finding of each substance may be expressed in (the policy tiers match on unit).
UNITS = {
    Substance.SOFTDRUGS: {Unit.GRAM},
    Substance.HEMP_PLANTS: {Unit.PLANTS},
    Substance.HARDDRUGS: {Unit.GRAM, Unit.PIECES},
    Substance.GHB: {Unit.MILLILITRE},
    Substance.SUB_B_OBJECTS: {Unit.ITEMS, Unit.PIECES, Unit.GRAM, Unit.MILLILITRE},
}


def _text(data: dict[str, Any], name: str) -> str:
    return str(data.get(name) or "").strip()


def premises_find(*, postcode: str, house_number: str, addition: str = "", bag_id: str = "") -> Premises | None:
    """The premises with this BAG id, or else this normalised address (postcode + number + addition).

    The address index covers postcode + house number (an addition is often absent, and a blind
    index has no value for an absent part); the addition is compared after decryption.
    """
    if bag_id:
        found = blind_lookup(Premises.objects.all(), "bag_index", bag_id)
        if found:
            return found[0]
    if not (postcode and house_number):
        return None
    wanted = normalise(addition or "")
    for candidate in blind_lookup(Premises.objects.all(), "address_index", postcode, house_number):
        if normalise(candidate.house_number_addition or "") == wanted:
            return candidate
    return None


def _validate_premises(data: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.get("kind") not in PremisesKind.values:
        errors["kind"] = _("Choose the kind of premises.")
    for name in ("street", "house_number", "city"):
        if not _text(data, name):
            errors[name] = _("This field is required.")
    if not POSTCODE.match(_text(data, "postcode")):
        errors["postcode"] = _("Enter a Dutch postcode such as 1234 AB.")
    texts = {name: _text(data, name) for name in ("street", "city", "owner_entity_name")}
    checks = (bounds.postcode(_text(data, "postcode")), bounds.house_number(_text(data, "house_number")),
              bounds.lengths(texts, bounds.NAME))
    for field, message in ((f, m) for group in checks for f, m in group.items()):
        errors.setdefault(field, message)
    if _text(data, "bag_id") and not BAG_ID.match(_text(data, "bag_id")):
        errors["bag_id"] = _("A BAG id has 16 digits.")
    errors.update(bag_pick_errors(bag_id=_text(data, "bag_id"), bag_object_id=_text(data, "bag_object_id"),
                                  verified=bool(data.get("address_verified"))))
    if _text(data, "owner_kvk") and not KVK.match(_text(data, "owner_kvk")):
        errors["owner_kvk"] = _("A KvK number has 8 digits.")
    if _text(data, "owner_kvk") and not _text(data, "owner_entity_name"):
        errors["owner_entity_name"] = _("Enter the name of the legal entity with this KvK number.")
    if data.get("owner_person") and _text(data, "owner_entity_name"):
        errors["owner_entity_name"] = _("The owner is either a person or a legal entity, not both.")
    return errors


def _person(actor: User, controller: Organisation, value: Person | dict[str, Any] | None) -> Person | None:
    if value is None or isinstance(value, Person):
        if value is not None and value.controller_id != controller.pk:
            raise ValidationError(_("The person must be registered under the case's controller."))
        return value
    person, _created = person_register(actor=actor, controller=controller, processing_activity=DAMOCLES, **value)
    return person


def _verify_found(premises: Premises, *, actor: User, data: dict[str, Any]) -> None:
    """Premises typed by hand before become verified when this registration picked them in the BAG."""
    if premises.address_verified or not data.get("address_verified"):
        return
    premises.bag_id, premises.bag_object_id = _text(data, "bag_id"), _text(data, "bag_object_id")
    premises.address_verified = True
    save_with_reason(premises, reason="premises address verified in the BAG", user=actor)


def premises_find_or_create(*, actor: User, controller: Organisation, data: dict[str, Any]) -> tuple[Premises, bool]:
    """Return (premises, created): an existing dossier at this address or BAG id, or a new one."""
    errors = _validate_premises(data)
    if errors:
        raise ValidationError(errors)
    postcode = normalise_postcode(_text(data, "postcode"))
    found = premises_find(postcode=postcode, house_number=_text(data, "house_number"),
                          addition=_text(data, "house_number_addition"), bag_id=_text(data, "bag_id"))
    if found is not None:
        _verify_found(found, actor=actor, data=data)
        return found, False
    premises = Premises(
        data_key_id=datakey_create().id, kind=data["kind"], street=_text(data, "street"),
        house_number=_text(data, "house_number"), house_number_addition=_text(data, "house_number_addition") or None,
        postcode=postcode, city=_text(data, "city"), bag_id=_text(data, "bag_id") or None,
        bag_object_id=_text(data, "bag_object_id") or None, address_verified=bool(data.get("address_verified")),
        owner_person=_person(actor, controller, data.get("owner_person")),
        owner_entity_name=_text(data, "owner_entity_name") or None, owner_kvk=_text(data, "owner_kvk") or None,
        notes=_text(data, "notes") or None,
    )
    save_with_reason(premises, reason="premises registered", user=actor)
    return premises, True


def _validate_report(data: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    received, found = data.get("received_on"), data.get("found_on")
    if not isinstance(received, date):
        errors["received_on"] = _("Enter the date the report was received.")
    if not isinstance(found, date):
        errors["found_on"] = _("Enter the date of the finding.")
    elif isinstance(received, date) and found > received:
        errors["found_on"] = _("The finding cannot be after the report was received.")
    if isinstance(found, date) and found.year < 1900:
        errors["found_on"] = _("A date before 1900 is not plausible: check the year.")
    for field, message in bounds.lengths({"summary": _text(data, "summary")}, bounds.LONG_TEXT).items():
        errors.setdefault(field, message)
    if isinstance(received, date) and received > timezone.localdate():
        errors["received_on"] = _("The report cannot be received in the future.")
    if data.get("ground") not in Ground.values:
        errors["ground"] = _("Choose the ground (lid 1 sub a or sub b).")
    if data.get("document"):
        try:
            data["document"] = uploads.check_upload(data["document"], accepted=frozenset({uploads.PDF}),
                                                    name="police report").content
        except ValidationError as exc:
            errors["document"] = exc.messages[0]
    return errors


def _clean_findings(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not findings:
        raise ValidationError({"findings": _("Record at least one finding.")})
    cleaned = []
    for number, finding in enumerate(findings, start=1):
        substance, unit = finding.get("substance"), finding.get("unit")
        if substance not in Substance.values:
            raise ValidationError({"findings": _("Finding %(n)s: choose a substance.") % {"n": number}})
        if unit not in UNITS[Substance(substance)]:
            raise ValidationError({"findings": _("Finding %(n)s: this unit does not fit the substance.") % {
                "n": number}})
        try:
            amount = Decimal(str(finding.get("amount")))
        except (InvalidOperation, ValueError):
            amount = Decimal(-1)
        if not amount.is_finite() or amount <= 0:
            raise ValidationError({"findings": _("Finding %(n)s: enter an amount above zero.") % {"n": number}})
        cleaned.append({"substance": substance, "unit": unit, "amount": amount})
    return cleaned


def _refuse_registration(actor: User) -> None:
    record(
        action=Action.ACCESS_DENIED, outcome=Outcome.DENIED, processing_activity=DAMOCLES,
        object_type="damocles.DamoclesCase", reason="action:register", actor=actor,
    )
    raise PermissionDenied(_("Only enforcement officers of the controlling organisation register procedures."))


def _attach_document(report: PoliceReport, document: Any, case: Case) -> None:
    """Seal the report's bytes with the case key, bound to this report row, under a random name."""
    report.document.save(
        f"{uuid.uuid4()}.pdf", sealed_content(document, data_key_id=case.data_key_id, owner_id=report.id),
        save=False,
    )


def _add_parties(actor: User, controller: Organisation, premises: Premises, parties: list[dict[str, Any]]) -> None:
    for party in parties:
        role = party.get("role")
        if role not in PremisesParty.Role.values:
            raise ValidationError({"parties": _("Choose tenant or occupant for every party.")})
        person = _person(actor, controller, party.get("person"))
        if person is None:
            raise ValidationError({"parties": _("Every party needs a person.")})
        if premises.parties.filter(person=person, role=role, until__isnull=True).exists():
            continue
        save_with_reason(
            PremisesParty(premises=premises, data_key_id=premises.data_key_id, person=person, role=role,
                          since=party.get("since"), until=party.get("until")),
            reason=f"premises party registered ({role})", user=actor,
        )


@transaction.atomic
def procedure_register(
    *,
    actor: User,
    controller: Organisation,
    owner: User,
    premises: dict[str, Any] | Premises,
    police_report: dict[str, Any],
    findings: list[dict[str, Any]],
    main_person: Person | dict[str, Any] | None = None,
    parties: list[dict[str, Any]] | tuple = (),
    team: Team | None = None,
) -> Case:
    """Register a police report (bestuurlijke rapportage) as a new Damocles procedure.

    `premises`: an existing Premises or a dict (kind, street, house_number, house_number_addition,
    postcode, city, bag_id, bag_object_id, address_verified, owner_person, owner_entity_name, owner_kvk,
    notes) that is found again or created; `address_verified` only from a BAG pick (casework/bag/).
    `police_report`: received_on, found_on, ground, police_reference, summary and optionally
    `document` (bytes or a file). `findings`: dicts with substance, amount, unit.
    `parties`: dicts with person (Person or person dict), role (tenant/occupant), since, until.
    Everything is validated before anything is written, and written in one transaction.
    """
    if actor.role != HANDHAVER or actor.organisation_id != controller.pk:
        _refuse_registration(actor)
    if owner.organisation_id != controller.pk or owner.role != HANDHAVER or not owner.is_active:
        raise ValidationError({"owner": _("The owner must be an active enforcement officer of the controller.")})
    errors = _validate_report(police_report)
    if not isinstance(premises, Premises):
        errors.update(_validate_premises(premises))
    if errors:
        raise ValidationError(errors)
    cleaned = _clean_findings(findings)
    if not isinstance(premises, Premises):
        premises, _created = premises_find_or_create(actor=actor, controller=controller, data=premises)
    person = _person(actor, controller, main_person)
    case = case_create(case_type=CASE_TYPE, owner=owner, controller=controller, person=person, team=team,
                       by=actor, reason="police report registered")
    save_with_reason(DamoclesCase(case=case, data_key_id=case.data_key_id, premises=premises),
                     reason="procedure registered", user=actor)
    report = PoliceReport(
        case=case, data_key_id=case.data_key_id, received_on=police_report["received_on"],
        found_on=police_report["found_on"], ground=police_report["ground"],
        police_reference=_text(police_report, "police_reference") or None,
        summary=_text(police_report, "summary") or None, created_by=actor,
    )
    if police_report.get("document"):
        _attach_document(report, police_report["document"], case)
    save_with_reason(report, reason="police report registered", user=actor)
    for finding in cleaned:
        Finding.objects.create(report=report, **finding)
    _add_parties(actor, controller, premises, list(parties))
    return case


def linked_procedure_create(*, person: Person | None = None, reason: str = "", address: str = "",
                            main_person: Person | dict[str, Any] | None = None,
                            premises: dict[str, Any] | Premises | None = None,
                            police_report: dict[str, Any] | None = None,
                            findings: list[dict[str, Any]] | None = None, **data: Any) -> Case:
    """The registry's `create_linked`: a procedure opened from another case type's case (a drugs
    finding at a park inspection, a routed signal); the same rules as `procedure_register`. The premises,
    police report and findings come in `data` (`linked_form` asks them); `reason` and `address` are not
    used: the police report is the procedure's ground and the premises carry their own address."""
    if premises is None or police_report is None or not findings:
        raise ValidationError(_("A Damocles procedure needs the premises, the police report and the findings."))
    return procedure_register(main_person=main_person or person, premises=premises, police_report=police_report,
                              findings=findings, **data)
