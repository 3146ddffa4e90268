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

The case content itself is gathered by casework/privacy/inzage_content.py; the PDF is made by
casework/privacy/inzage_pdf.py. Generating the report writes one audit event per person record
found, under privacy supervision, with a structured reason (never the BSN or a name), before
anything is shown.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Min, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import ROLE_LABELS, has_capability
from audit import record_batch
from audit.actions import Action, Outcome
from audit.activities import CHAIN_SHARING, PRIVACY_SUPERVISION
from audit.labels import reason_words
from audit.models import AuditEvent, ProcessingActivity
from audit.services import Target
from casework import registry
from casework.categories import label_of
from casework.models import Case, Person, SharingDecision, processing_activity_of
from casework.person_roles import case_roles, evidence_roles
from casework.privacy.inzage_content import Item, format_value, person_item, withheld_notes
from casework.privacy.inzage_scope import items_for, status_label
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
    person_id: uuid.UUID | None = None
    items: list[Item] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # the person's role(s) in this case
    withheld: list[str] = field(default_factory=list)  # that (not what) was withheld, and on which ground


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
    """The recorded accesses of one day (local time) by one organisation and role, with one action on one case and
    one outcome: how many, the first and the last (ADR 0051)."""

    on: date
    organisation: str
    role: str
    action: str
    what: str
    outcome: str
    times: int
    first: datetime
    last: datetime


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
    organisation_address: str = ""
    officer: str = ""
    withheld_passages: int = 0  # passages of free text withheld after the officer's review (AVG 15(4))

    @property
    def reason_label(self) -> str:
        """Why the report was made, in the reader's language (`reason` is the audit trail's phrase)."""
        return reason_words(self.reason)

    @property
    def found(self) -> bool:
        return bool(self.person_ids or self.referrals)

    @property
    def access_count(self) -> int:
        """Every recorded access, over the access log's days."""
        return sum(row.times for row in self.access_log)


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


def _cases_in_scope(organisation_id, persons: list[Person]
                    ) -> tuple[list[Case], list[Case], dict[Any, list[tuple[Person, list[str]]]]]:
    """(cases the organisation controls or jointly controls, the other cases, and per case the persons
    it links with their roles) — every case linking one of these persons in any role (the case's
    main person, an addressee, a party, an occupant, ...: casework/person_roles.py), and every case whose
    evidence names them without such a role (`evidence_roles`: a case type's `inzage_links`)."""
    by_id = {person.pk: person for person in persons}
    linked: dict[Any, dict[Any, list[str]]] = {}
    for row in case_roles(by_id):
        linked.setdefault(row.case_id, {}).setdefault(row.person_id, []).append(row.label)
    for row in evidence_roles(persons):  # e.g. named in a BRP answer kept on a case, without a role of their own
        if row.person_id in by_id and row.person_id not in linked.get(row.case_id, {}):
            linked.setdefault(row.case_id, {})[row.person_id] = [row.label]
    cases = list(
        Case.objects.filter(pk__in=list(linked)).select_related("controller", "person")
        .prefetch_related("joint_controllers").order_by("opened_on", "reference")
    )
    mine: list[Case] = []
    others: list[Case] = []
    for case in cases:
        joint = {organisation.pk for organisation in case.joint_controllers.all()}
        (mine if case.controller_id == organisation_id or organisation_id in joint else others).append(case)
    people = {case_id: [(by_id[pid], labels) for pid, labels in found.items()] for case_id, found in linked.items()}
    return mine, others, people


# --- recipients, purposes, retention, access log ------------------------------------------------------

def _recipients(cases: list[Case]) -> list[Recipient]:
    references = {case.pk: case.reference for case in cases}
    shares = SharingDecision.objects.filter(case__in=cases).select_related("partner").order_by("decided_at")
    return [Recipient(
        reference=references[share.case_id], partner=share.partner.name,
        categories=[str(label_of(code)) for code in share.categories],
        legal_basis=share.legal_basis, purpose=share.purpose or "", starts_on=share.starts_on,
        ends_on=share.ends_on, revoked_on=timezone.localdate(share.revoked_at) if share.revoked_at else None,
    ) for share in shares]


def _purposes(codes: set[str]) -> list[Purpose]:
    return [Purpose(a.code, a.name, a.purpose, a.legal_basis, a.national_law)
            for a in ProcessingActivity.objects.filter(code__in=codes).order_by("name")]


def retention_periods(case_types: set[str]) -> list[Retention]:
    """The retention period in force per case type (casework/privacy/retention.py), or "not yet set"."""
    from casework.privacy.retention import counted_from_label, policies_in_force

    in_force = policies_in_force()
    found = {code: _("%(years)s years after %(event)s (basis: %(basis)s)") % {
        "years": policy.years, "event": counted_from_label(policy.counted_from), "basis": policy.get_basis_display()}
        for code, policy in in_force.items()}
    return [Retention(registry.label(code), found.get(code, _("not yet set"))) for code in sorted(case_types)]


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
    # One row per local day, organisation, role, action, case and outcome, counted in the database: a person whose
    # case is read every working day for years has thousands of events, and the report listed each (ADR 0051).
    days = (AuditEvent.objects.using("audit").filter(condition).annotate(on=TruncDate("occurred_at"))
            .values("on", "actor_organisation", "actor_role", "action", "case_id", "outcome")
            .annotate(times=Count("sequence"), first=Min("occurred_at"), last=Max("occurred_at"))
            .order_by("on", "first", "actor_organisation", "actor_role", "action", "case_id", "outcome"))
    actions, outcomes = dict(Action.choices), dict(Outcome.choices)
    return [Access(
        on=day["on"], organisation=day["actor_organisation"] or _("the system"),
        role=str(ROLE_LABELS.get(day["actor_role"], day["actor_role"] or "-")),
        action=str(actions.get(day["action"], day["action"])),
        what=references.get(day["case_id"], ""),  # the case reference only: no internal model names
        outcome=str(outcomes.get(day["outcome"], day["outcome"])), times=day["times"], first=day["first"],
        last=day["last"],
    ) for day in days]


def _postponements(persons: list[Person], cases: list[Case]) -> list[Postponement]:
    found = [Postponement(_("Data-subject request of %(date)s") % {"date": format_value(row.received_on)},
                          row.get_postponement_ground_display())
             for row in DataSubjectRequest.objects.filter(person__in=persons, status__in=OPEN_STATUSES)
             .exclude(postponement_ground="")]
    for spec in registry.types():  # informing the person postponed in a case (AVG 14(5), UAVG 41)
        if spec.informing is not None:
            found += [Postponement(reference, ground) for reference, ground in spec.provider("informing")(cases=cases)]
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
    mine, other_cases, people = _cases_in_scope(organisation_id, persons)
    scoped_ids = {p.pk for p in persons if p.controller_id == organisation_id} | {
        person.pk for case in mine for person, _roles in people[case.pk]}
    in_scope = [p for p in persons if p.pk in scoped_ids]
    others = [p for p in persons if p.pk not in scoped_ids]
    _audit(user, in_scope, others, f"{reason}; request:{request_id or '-'}", action)
    own_ids = {p.pk for p in in_scope if p.controller_id == organisation_id}
    referrals = sorted({Referral(p.controller.name, _("person record")) for p in others}
                       | {Referral(c.controller.name, _("case")) for c in other_cases},
                       key=lambda r: (r.controller, r.what))
    cases = []
    for case in mine:
        for person, roles in people[case.pk]:  # one report per linked person (usually one)
            report = CaseReport(
                case_id=case.pk, reference=case.reference, case_type=case.get_case_type_display(),
                status=status_label(case, case.status),
                controller=case.controller.name,
                joint_controllers=sorted(o.name for o in case.joint_controllers.all()),
                opened_on=case.opened_on, closed_on=case.closed_on, person_restricted=person.restricted,
                roles=sorted(set(roles)), person_id=person.pk,
            )
            report.items = items_for(case, person)
            report.withheld = withheld_notes(case, person)
            cases.append(report)
    recipients = _recipients(mine)
    codes = {processing_activity_of(case) for case in mine} | ({CHAIN_SHARING} if recipients else set())
    access_log = _access_log(in_scope, own_ids, mine)
    return InzageReport(
        generated_at=timezone.now(), organisation=user.organisation.name if user.organisation else "",
        organisation_address=user.organisation.postal_address if user.organisation else "",
        officer=user.display_name,
        reason=REASONS[reason],
        person_ids=[p.pk for p in persons], personal_data=[person_item(p) for p in in_scope], cases=cases,
        recipients=recipients, purposes=_purposes(codes), retention=retention_periods({c.case_type for c in mine}),
        access_log=access_log, referrals=referrals, postponements=_postponements(in_scope, mine),
        restricted=any(p.restricted for p in in_scope),
    )
