"""The inzage report (AVG art. 15): what this system holds about one data subject.

The privacy officer finds the subject by BSN, or by surname and date of birth, through the blind
indexes (candidates decrypted and compared). For every person record found:

- where the officer's organisation is controller of the record or (joint) controller of one of
  its cases, the report shows the data itself (decrypted: the privacy officer's one audited
  exception to seeing no case content), every recipient (all sharing decisions of those cases),
  the purposes and legal bases (the processing-activity register), the retention period, and
  the access log from the audit trail (organisation, role, when, what);
- for another controller's records and cases it says only that a record exists and which
  controller to refer the person to.

Nothing about anyone else: rows that concern another person (an announcement to another
addressee, a letter to them, the owner of the premises when that is someone else) are left out,
and the access log holds only events with this subject's pseudonym. Where informing is postponed
on a recorded ground (AVG 23 / UAVG 41, on a data-subject request or a PGA case), the report says
so and the privacy officer decides whether to hand it over.

Generating the report writes one audit event per person record found, under privacy supervision,
with a structured reason (never the BSN or a name), before anything is shown.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from accounts.roles import ROLE_LABELS, has_capability
from audit import record_batch
from audit.actions import Action
from audit.activities import CHAIN_SHARING, PRIVACY_SUPERVISION
from audit.models import AuditEvent, ProcessingActivity
from audit.services import Target
from casework.categories import CATEGORY_LABELS, FIELD_CATEGORIES, INTERNAL
from casework.models import Case, CaseType, Person, SharingDecision, processing_activity_of
from casework.privacy.models import OPEN_STATUSES, DataSubjectRequest
from encryption.blind_index import blind_lookup
from encryption.pseudonyms import subject_pseudonym
from encryption.validators import validate_bsn

PERSON_TYPE = "casework.Person"
REASONS = {
    "request": "answer a data-subject request (AVG 15)",
    "decision": "prepare a decision on a data-subject request",
    "authority": "inquiry of the supervisory authority",
}
PERSON_FIELDS = ("first_names", "surname", "bsn", "date_of_birth", "address", "phone", "contact_notes")
# Rows of case content that are not about the person (bookkeeping, or shown in a section of their own).
SKIPPED_MODELS = frozenset({
    "casework.Case", "casework.SharingDecision", "casework.BreakGlassGrant", "casework.Approval",
    "casework.CaseUserObjectPermission", "casework.CaseGroupObjectPermission", "casework.CaseLink",
    "casework.CaseStep", "casework.Handover",
})
CASE_APPS = ("casework", "pga", "damocles", "park")
# Fields that belong to the person another field names: shown only when that is this person.
PERSON_BOUND_FIELDS = {
    "damocles.Premises": ("owner_person", ("owner_entity_name", "owner_kvk")),
}
# Rows that are about the person their field names: shown only when that is this person (and so
# are the rows that hang from them, e.g. a letter or objection of that addressee).
ROW_BOUND = {"damocles.Announcement": "addressee_person"}
# Documents are listed, not reproduced in the report (a copy goes with the answer on request).
DOCUMENT_FIELDS = frozenset({"damocles.Letter.html"})


@dataclass(frozen=True)
class Item:
    """One row of case content as (label, value) pairs."""

    title: str
    values: list[tuple[str, str]]


@dataclass
class CaseReport:
    case_id: uuid.UUID
    reference: str
    case_type: str
    status: str
    controller: str
    joint_controllers: list[str]
    opened_on: date
    closed_on: date | None
    person_restricted: bool
    items: list[Item] = field(default_factory=list)


@dataclass(frozen=True)
class Recipient:
    reference: str
    partner: str
    categories: list[str]
    legal_basis: str
    purpose: str
    starts_on: date
    ends_on: date
    revoked_on: date | None


@dataclass(frozen=True)
class Access:
    at: datetime
    organisation: str
    role: str
    action: str
    what: str
    outcome: str


@dataclass(frozen=True)
class Purpose:
    code: str
    name: str
    purpose: str
    legal_basis: str
    national_law: str


@dataclass(frozen=True)
class Retention:
    case_type: str
    period: str


@dataclass(frozen=True)
class Referral:
    """Another controller's record: only that it exists and whom to refer the person to."""

    controller: str
    what: str


@dataclass(frozen=True)
class Postponement:
    source: str
    ground: str


@dataclass
class InzageReport:
    generated_at: datetime
    organisation: str
    reason: str
    person_ids: list[uuid.UUID]
    personal_data: list[Item]
    cases: list[CaseReport]
    recipients: list[Recipient]
    purposes: list[Purpose]
    retention: list[Retention]
    access_log: list[Access]
    referrals: list[Referral]
    postponements: list[Postponement]
    restricted: bool

    @property
    def found(self) -> bool:
        return bool(self.person_ids or self.referrals)


# --- finding the records -----------------------------------------------------------------------

def find_person_records(*, bsn: str = "", surname: str = "", date_of_birth: date | None = None) -> list[Person]:
    """Person records of every controller with this BSN, or else this surname and date of birth."""
    persons = Person.objects.select_related("controller")
    if bsn:
        validate_bsn(bsn)
        return list(blind_lookup(persons, "bsn_index", bsn))
    if surname.strip() and date_of_birth is not None:
        found = list(blind_lookup(persons, "name_dob_index", surname, date_of_birth))
        if len({person.bsn for person in found if person.bsn}) > 1:
            # Two people share this surname and date of birth: never combine them in one report.
            raise ValidationError(_("Several people match this surname and date of birth: search by BSN."))
        return found
    raise ValueError("search by a BSN, or by a surname and a date of birth")


def _cases_in_scope(organisation_id, persons: list[Person]) -> tuple[list[Case], list[Case]]:
    """(cases the organisation controls or jointly controls, the other cases) of these persons."""
    cases = list(
        Case.objects.filter(person__in=persons).select_related("controller", "person")
        .prefetch_related("joint_controllers").order_by("opened_on", "reference")
    )
    mine: list[Case] = []
    others: list[Case] = []
    for case in cases:
        joint = {organisation.pk for organisation in case.joint_controllers.all()}
        (mine if case.controller_id == organisation_id or organisation_id in joint else others).append(case)
    return mine, others


# --- formatting case content ----------------------------------------------------------------------

def _label(model: type[models.Model]) -> str:
    return model._meta.label


def _format(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, (list, tuple)):
        return ", ".join(_format(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_format(item)}" for key, item in value.items())
    return str(value)


def _shown_fields(model: type[models.Model]) -> list[models.Field]:
    categories = FIELD_CATEGORIES.get(_label(model), {})
    return [f for f in model._meta.concrete_fields
            if categories.get(f.name) != INTERNAL and not f.primary_key and f.name != "data_key_id"]


def _field_value(obj: models.Model, f: models.Field, person: Person) -> str | None:
    """The value to show, or None to leave the field out."""
    if f.is_relation:
        target = f.related_model
        if target is Person:
            return _("this person") if getattr(obj, f.attname) == person.pk else None
        if target is Organisation:
            related = getattr(obj, f.name)
            return related.name if related is not None else ""
        return None  # users (employees), cases, other rows: not data about the person
    if f"{_label(type(obj))}.{f.name}" in DOCUMENT_FIELDS or isinstance(f, models.FileField):
        return _("document held") if getattr(obj, f.attname) else ""
    if f.choices:
        return _format(getattr(obj, f"get_{f.name}_display")())
    return _format(getattr(obj, f.name))


def _about_someone_else(obj: models.Model, person: Person) -> bool:
    """A row bound to another person: its own person field, or the announcement it belongs to."""
    label = _label(type(obj))
    if label in ROW_BOUND:
        return getattr(obj, f"{ROW_BOUND[label]}_id") != person.pk
    for f in type(obj)._meta.concrete_fields:
        target = f.related_model if f.is_relation else None
        if target is None:
            continue
        if target is Person and label not in PERSON_BOUND_FIELDS and getattr(obj, f.attname) not in (None, person.pk):
            return True
        if _label(target) in ROW_BOUND:
            related = getattr(obj, f.name)
            if related is not None and getattr(related, f"{ROW_BOUND[_label(target)]}_id") != person.pk:
                return True
    return False


def _item(obj: models.Model, person: Person) -> Item | None:
    if _about_someone_else(obj, person):
        return None
    label = _label(type(obj))
    hidden: tuple[str, ...] = ()
    bound = PERSON_BOUND_FIELDS.get(label)
    if bound and getattr(obj, f"{bound[0]}_id") != person.pk:
        hidden = (bound[0], *bound[1])
    values = []
    for f in _shown_fields(type(obj)):
        if f.name in hidden:
            continue
        value = _field_value(obj, f, person)
        if value:
            values.append((str(f.verbose_name).capitalize(), value))
    return Item(str(type(obj)._meta.verbose_name).capitalize(), values) if values else None


def _content_models() -> tuple[list[tuple[type[models.Model], str]], list[tuple[type[models.Model], str, str]]]:
    """(models with a foreign key to Case, models one step further) of the case apps, no history."""
    def concrete(model):
        return (model._meta.app_label in CASE_APPS and not model._meta.auto_created
                and not model.__name__.startswith("Historical") and _label(model) not in SKIPPED_MODELS)

    first = [(m, f.name) for m in apps.get_models() if concrete(m)
             for f in m._meta.concrete_fields if f.is_relation and f.related_model is Case]
    parents = {m for m, _name in first}
    second = [(m, f.name, f.related_model) for m in apps.get_models() if concrete(m) and m not in parents
              for f in m._meta.concrete_fields if f.is_relation and f.related_model in parents]
    return first, second  # type: ignore[return-value]


def _case_items(case: Case, person: Person) -> list[Item]:
    first, second = _content_models()
    items: list[Item] = []
    for model, name in first:
        rows = list(model.objects.filter(**{name: case}))
        items.extend(filter(None, (_item(row, person) for row in rows)))
        for child, child_field, parent in second:
            if parent is model and rows:
                children = child.objects.filter(**{f"{child_field}__in": rows})
                items.extend(filter(None, (_item(row, person) for row in children)))
        # One step out: the premises a Damocles case is about.
        for f in model._meta.concrete_fields:
            if f.is_relation and _label(f.related_model) == "damocles.Premises":
                for row in rows:
                    premises = getattr(row, f.name)
                    if premises is not None:
                        items.extend(filter(None, [_item(premises, person)]))
    for step in case.steps.all().order_by("sequence"):
        values = [(_("Status"), step.to_status), (_("Date"), _format(step.at))]
        if step.reason:
            values.append((_("Reason"), step.reason))
        items.append(Item(_("Status change"), values))
    return items


def _person_item(person: Person) -> Item:
    values = [(str(Person._meta.get_field(name).verbose_name).capitalize(), _format(getattr(person, name)))
              for name in PERSON_FIELDS]
    values.append((_("Controller"), person.controller.name))
    return Item(_("Person record"), [(label, value) for label, value in values if value])


# --- recipients, purposes, retention, access log ------------------------------------------------------

def _recipients(cases: list[Case]) -> list[Recipient]:
    references = {case.pk: case.reference for case in cases}
    shares = SharingDecision.objects.filter(case__in=cases).select_related("partner").order_by("decided_at")
    return [Recipient(
        reference=references[share.case_id], partner=share.partner.name,
        categories=[str(CATEGORY_LABELS.get(code, code)) for code in share.categories],
        legal_basis=share.legal_basis, purpose=share.purpose or "", starts_on=share.starts_on,
        ends_on=share.ends_on, revoked_on=timezone.localdate(share.revoked_at) if share.revoked_at else None,
    ) for share in shares]


def _purposes(codes: set[str]) -> list[Purpose]:
    return [Purpose(a.code, a.name, a.purpose, a.legal_basis, a.national_law)
            for a in ProcessingActivity.objects.filter(code__in=codes).order_by("name")]


def retention_periods(case_types: set[str]) -> list[Retention]:
    """The retention period in force per case type (casework/privacy/retention.py), or "not yet set"."""
    from casework.privacy.retention import policies_in_force

    labels = dict(CaseType.choices)
    in_force = policies_in_force()
    found = {code: _("%(years)s years after %(event)s (basis: %(basis)s)") % {
        "years": policy.years, "event": policy.get_counted_from_display(), "basis": policy.get_basis_display()}
        for code, policy in in_force.items()}
    return [Retention(str(labels.get(code, code)), found.get(code, _("not yet set"))) for code in sorted(case_types)]


def _access_log(persons_in_scope: list[Person], own_ids: set, cases: list[Case]) -> list[Access]:
    """Events about this subject: all of the organisation's own records, and for records of another
    controller only the events about the cases this organisation (jointly) controls."""
    references = {str(case.pk): case.reference for case in cases}
    condition = Q(pk__in=[])
    own = [subject_pseudonym(p.pk) for p in persons_in_scope if p.pk in own_ids]
    joint = [subject_pseudonym(p.pk) for p in persons_in_scope if p.pk not in own_ids]
    if own:
        condition |= Q(subject_pseudonym__in=own)
    if joint:
        condition |= Q(subject_pseudonym__in=joint, case_id__in=list(references))
    events = AuditEvent.objects.using("audit").filter(condition).order_by("occurred_at", "sequence").only(
        "occurred_at", "actor_organisation", "actor_role", "action", "object_type", "case_id", "outcome")
    return [Access(
        at=event.occurred_at, organisation=event.actor_organisation or _("the system"),
        role=str(ROLE_LABELS.get(event.actor_role, event.actor_role or "-")), action=event.get_action_display(),
        what=" ".join(filter(None, [event.object_type, references.get(event.case_id, "")])),
        outcome=event.get_outcome_display(),
    ) for event in events]


def _postponements(persons: list[Person], cases: list[Case]) -> list[Postponement]:
    found = [Postponement(_("Data-subject request of %(date)s") % {"date": _format(row.received_on)},
                          row.get_postponement_ground_display())
             for row in DataSubjectRequest.objects.filter(person__in=persons, status__in=OPEN_STATUSES)
             .exclude(postponement_ground="")]
    pga_cases = [case for case in cases if case.case_type == CaseType.PGA]
    if pga_cases:
        from casework.pga.models import InformedStatus, PgaCase

        for pga in PgaCase.objects.filter(case__in=pga_cases, informed_status=InformedStatus.POSTPONED).select_related(
                "case"):
            found.append(Postponement(pga.case.reference, pga.postponement_ground or _("ground recorded in the case")))
    return found


# --- the report ------------------------------------------------------------------------------------

def _audit(user: User, in_scope: list[Person], others: list[Person], reason: str, action: str) -> None:
    targets = [Target(object_type=PERSON_TYPE, object_id=p.pk, subject_id=p.pk) for p in [*in_scope, *others]]
    if not targets:
        targets = [Target(object_type=PERSON_TYPE)]
    record_batch(action=action, processing_activity=PRIVACY_SUPERVISION, targets=targets, actor=user,
                 reason=f"inzage report (AVG 15): {reason}; records in scope {len(in_scope)}, referred {len(others)}")


def inzage_report(*, user: User, persons: list[Person], reason: str, request_id: uuid.UUID | None = None,
                  action: str = Action.VIEW) -> InzageReport:
    """Build the report for these person records (as found by `find_person_records`).

    Privacy officers only. Writes one audit event per record (before anything is returned).
    """
    if not has_capability(user, "privacy_inzage"):
        raise PermissionDenied(_("Only a privacy officer can generate an inzage report."))
    if reason not in REASONS:
        raise ValueError("unknown reason for an inzage report")
    organisation_id = user.organisation_id
    mine, other_cases = _cases_in_scope(organisation_id, persons)
    scoped_ids = {p.pk for p in persons if p.controller_id == organisation_id} | {c.person_id for c in mine}
    in_scope = [p for p in persons if p.pk in scoped_ids]
    others = [p for p in persons if p.pk not in scoped_ids]
    _audit(user, in_scope, others, f"{reason}; request:{request_id or '-'}", action)
    own_ids = {p.pk for p in in_scope if p.controller_id == organisation_id}
    referrals = sorted({Referral(p.controller.name, _("person record")) for p in others}
                       | {Referral(c.controller.name, _("case")) for c in other_cases},
                       key=lambda r: (r.controller, r.what))
    cases = []
    for case in mine:
        report = CaseReport(
            case_id=case.pk, reference=case.reference, case_type=case.get_case_type_display(), status=case.status,
            controller=case.controller.name, joint_controllers=sorted(o.name for o in case.joint_controllers.all()),
            opened_on=case.opened_on, closed_on=case.closed_on, person_restricted=case.person.restricted,
        )
        report.items = _case_items(case, case.person)
        cases.append(report)
    recipients = _recipients(mine)
    codes = {processing_activity_of(case) for case in mine} | ({CHAIN_SHARING} if recipients else set())
    access_log = _access_log(in_scope, own_ids, mine)
    return InzageReport(
        generated_at=timezone.now(), organisation=user.organisation.name, reason=REASONS[reason],
        person_ids=[p.pk for p in persons], personal_data=[_person_item(p) for p in in_scope], cases=cases,
        recipients=recipients, purposes=_purposes(codes), retention=retention_periods({c.case_type for c in mine}),
        access_log=access_log, referrals=referrals, postponements=_postponements(in_scope, mine),
        restricted=any(p.restricted for p in in_scope),
    )
