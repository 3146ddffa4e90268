"""Retention periods per case type (data with a date of effect) and the selection of expired cases.

- `policy_in_force(case_type, on)`: the version in force on a day (the latest `effective_from`
  on or before it).
- `policy_create(...)`: a privacy officer adds a version, in force from today or later; a version
  already in force is never edited (the destruction statements name the one they applied).
- `retention_selection(today)`: every closed case whose period has ended, split into `expired`
  (may be destroyed) and `held` (legal hold, see holds.py). Changes nothing.

The period runs from the case's closure (`closed_on`), or from a moment the case type names
(registry `retention_starts`, e.g. the end of a Damocles closure; the closure date of the case
when none is recorded). A case type without a version set by a privacy officer keeps the default
period it registered (registry `retention`), until a version is added.
"""

from __future__ import annotations

import functools
import heapq
import operator
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import require_capability
from audit import record
from audit.actions import Action
from audit.activities import PRIVACY_SUPERVISION
from casework import bounds, registry
from casework.models import Case
from casework.privacy.holds import holds_for
from casework.privacy.models import ArchiveAction, CountedFrom, RetentionPolicy

CAPABILITY = "privacy_retention"


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without it
        return day.replace(year=day.year + years, day=28)


def default_policy(spec: registry.CaseTypeSpec) -> RetentionPolicy | None:
    """The type's registered default as an unsaved policy (never stored: a privacy officer sets versions)."""
    if spec.retention is None:
        return None
    return RetentionPolicy(case_type=spec.code, years=spec.retention.years, counted_from=spec.retention.counted_from,
                           basis=spec.retention.basis, effective_from=date.min,
                           selectielijst_category=spec.retention.selectielijst_category,
                           archive_action=spec.retention.archive_action, is_example=True,
                           explanation=_("Default of the case type; no version was set yet."))


def policies_in_force(on: date | None = None) -> dict[str, RetentionPolicy]:
    """The version in force per registered case type on `on` (default today), else its default; one query."""
    on = on or timezone.localdate()
    in_force: dict[str, RetentionPolicy] = {}
    for policy in RetentionPolicy.objects.filter(effective_from__lte=on).order_by("case_type", "-effective_from"):
        in_force.setdefault(policy.case_type, policy)
    for spec in registry.types():
        if spec.code not in in_force and (default := default_policy(spec)) is not None:
            in_force[spec.code] = default
    return {code: policy for code, policy in in_force.items() if registry.find(code) is not None}


def counted_from_label(code: str) -> str:
    """What a period is counted from: the closure, or a moment a case type registered."""
    if code == CountedFrom.CLOSED_ON:
        return str(CountedFrom.CLOSED_ON.label)
    for spec in registry.types():
        for start in spec.retention_starts:
            if start.code == code:
                return str(start.label)
    return code


def counted_from_choices() -> list[tuple[str, str]]:
    choices = {str(CountedFrom.CLOSED_ON): str(CountedFrom.CLOSED_ON.label)}
    for spec in registry.types():
        choices.update({start.code: str(start.label) for start in spec.retention_starts})
    return list(choices.items())


def policy_in_force(case_type: str, on: date | None = None) -> RetentionPolicy | None:
    return policies_in_force(on).get(case_type)


def policy_create(*, actor, case_type: str, years: int, counted_from: str, basis: str, explanation: str,
                  effective_from: date, selectielijst_category: str = "", selectielijst_version: str = "",
                  archive_action: str = ArchiveAction.DESTROY) -> RetentionPolicy:
    """Add a version of a case type's retention period, in force from `effective_from` (today or later)."""
    require_capability(actor, CAPABILITY)
    if effective_from < timezone.localdate():
        raise ValidationError({"effective_from": _("A new retention period takes effect today or later, "
                                                   "never in the past.")})
    bounds.raise_errors(bounds.planning_date(effective_from, "effective_from"))  # not the year 9999
    if not selectielijst_category.strip():
        raise ValidationError({"selectielijst_category": _("Name the category of the selection list this period "
                                                           "rests on.")})
    policy = RetentionPolicy(case_type=case_type, years=years, counted_from=counted_from, basis=basis,
                             explanation=explanation, effective_from=effective_from, created_by=actor,
                             selectielijst_category=selectielijst_category.strip(),
                             selectielijst_version=selectielijst_version.strip(), archive_action=archive_action)
    policy.full_clean()
    try:
        with transaction.atomic():
            policy.save()
    except IntegrityError as exc:
        raise ValidationError({"effective_from": _("This case type already has a version from that day.")}) from exc
    record(action=Action.CREATE, processing_activity=PRIVACY_SUPERVISION, actor=actor,
           object_type="privacy.RetentionPolicy", object_id=policy.pk,
           reason=f"retention {case_type}: {years} years from {counted_from}, from {effective_from}")
    return policy


@dataclass
class Candidate:
    """A closed case with its retention end; `holds` lists why it may not be destroyed yet."""

    case_id: uuid.UUID
    reference: str
    case_type: str
    person_id: uuid.UUID | None
    opened_on: date
    closed_on: date | None
    counted_from_date: date
    expires_on: date
    policy: RetentionPolicy
    holds: list[str] = field(default_factory=list)

    @property
    def case_type_label(self) -> str:
        return registry.label(self.case_type)


@dataclass
class Selection:
    """Due cases: to destroy (`expired`), on hold (`held`), and those the selection list says to keep
    permanently and transfer to the archive (`transfer`; never destroyed)."""

    expired: list[Candidate]
    held: list[Candidate]
    transfer: list[Candidate] = field(default_factory=list)

    @property
    def expired_ids(self) -> list[str]:
        return sorted(str(candidate.case_id) for candidate in self.expired)


def _type_starts(cases: QuerySet[Case], policies: dict[str, RetentionPolicy]) -> dict[uuid.UUID, date]:
    """For policies counted from a type's own moment: that moment per case (one query per kind), asked with
    the cases as a subquery (tens of thousands in a backlog: their ids are not sent as parameters)."""
    found: dict[uuid.UUID, date] = {}
    for spec in registry.types():
        policy = policies.get(spec.code)
        for start in spec.retention_starts:
            if policy is not None and policy.counted_from == start.code:
                found.update(registry.resolve(start.starts)(cases.filter(case_type=spec.code).order_by().values("pk")))
    return found


class ClosedCase(NamedTuple):
    """The columns of a closed case the selection reads (a backlog may hold tens of thousands: no model rows)."""

    pk: uuid.UUID
    reference: str
    case_type: str
    person_id: uuid.UUID | None
    opened_on: date
    closed_on: date | None


def candidate_for(case: Case | ClosedCase, policy: RetentionPolicy, type_start: date | None = None) -> Candidate:
    """The retention end of a closed case (`closed_on` is set: the selection only takes closed cases)."""
    start = case.closed_on or case.opened_on
    if policy.counted_from != CountedFrom.CLOSED_ON and type_start is not None:
        start = max(start, type_start)
    return Candidate(
        case_id=case.pk, reference=case.reference, case_type=case.case_type, person_id=case.person_id,
        opened_on=case.opened_on, closed_on=case.closed_on, counted_from_date=start,
        expires_on=add_years(start, policy.years), policy=policy,
    )


def latest_start(today: date, years: int) -> date:
    """The latest day a period of `years` can start and have ended on or before `today` (`add_years` of it is at
    most `today`): `add_years(today, -years)`, or the day after when that is 29 February (counted to 28 February)."""
    latest = add_years(today, -years)
    while add_years(latest + timedelta(days=1), years) <= today:
        latest += timedelta(days=1)
    return latest


def _own_start(code: str, policy: RetentionPolicy) -> registry.RetentionStart | None:
    if policy.counted_from == CountedFrom.CLOSED_ON:
        return None
    spec = registry.get(code)
    return next((start for start in spec.retention_starts if start.code == policy.counted_from), None)


def due_cases(cases: QuerySet[Case], policies: dict[str, RetentionPolicy], today: date) -> QuerySet[Case]:
    """The closed cases of `cases` whose retention period ended on or before `today`, as a condition in SQL:
    `candidate_for`'s rule (the period runs from the closure, or from the type's own moment when that is later:
    `RetentionStart.not_after`), so a list of them is counted and paged by the database."""
    if not policies:
        return cases.none()
    conditions = [_due_condition(code, policy, today) for code, policy in policies.items()]
    return cases.filter(closed_on__isnull=False).filter(functools.reduce(operator.or_, conditions))


def _due_condition(code: str, policy: RetentionPolicy, today: date) -> Q:
    """The cases of one type whose period under `policy` ended on or before `today`."""
    latest = latest_start(today, policy.years)
    condition = Q(case_type=code, closed_on__lte=latest)
    own = _own_start(code, policy)
    if own is not None:
        condition &= registry.resolve(own.not_after)(latest)
    return condition


def _closed_cases(controller_id: Any, policies: dict[str, RetentionPolicy]) -> QuerySet[Case]:
    cases = Case.objects.filter(closed_on__isnull=False, case_type__in=list(policies))
    return cases if controller_id is None else cases.filter(controller_id=controller_id)


def _candidates(cases: QuerySet[Case], policies: dict[str, RetentionPolicy]) -> list[Candidate]:
    """`cases` (in their order) as candidates with their retention ends: one query, and one per own moment asked."""
    rows = [ClosedCase(*row) for row in cases.values_list("pk", *ClosedCase._fields[1:])]
    ends = _type_starts(cases, policies)
    return [candidate_for(case, policies[case.case_type], ends.get(case.pk)) for case in rows]


def retention_selection(*, today: date | None = None, case_ids: list[uuid.UUID] | None = None,
                        controller_id: Any = None) -> Selection:
    """Closed cases whose retention period ended on or before `today`; held ones apart. Read-only.

    `controller_id` limits it to the cases one organisation controls (a privacy officer destroys
    only their own organisation's dossiers); the dry run of apply_retention shows every controller.
    The cases are chosen in SQL (`due_cases`) and each one's end is computed again here (`candidate_for`):
    a case is only ever selected when both say its period has ended.
    """
    today = today or timezone.localdate()
    policies = policies_in_force(today)
    queryset = _closed_cases(controller_id, policies).order_by("closed_on", "reference")
    if case_ids is not None:
        queryset = queryset.filter(pk__in=case_ids)
    if not policies:
        return Selection(expired=[], held=[])
    queryset = due_cases(queryset, policies, today)
    due = [candidate for candidate in _candidates(queryset, policies) if candidate.expires_on <= today]
    transfer = [c for c in due if c.policy.archive_action == ArchiveAction.KEEP]
    due = [c for c in due if c.policy.archive_action != ArchiveAction.KEEP]
    holds = holds_for(queryset.order_by().values("pk"))  # the few holds among the due cases
    for candidate in due:
        candidate.holds = holds.get(candidate.case_id, [])
    return Selection(expired=[c for c in due if not c.holds], held=[c for c in due if c.holds], transfer=transfer)


class DueCases:
    """The cases due for destruction of one organisation, as Django's Paginator pages them, read type by type: each
    type's due cases in the order of their closure (an index walk, `case_type_open_first_idx`), as far as the page
    reaches, merged here; counted by the database up to `count_cap` (past it `capped` is True). One query per type
    for a page and for the count, then one for the page's rows and one per own moment: the overview reads a page,
    not the whole backlog (issue 15: 60,000 cases past their period took 0.7 s to select in Python, and asked as one
    condition over every type the database joined every Damocles procedure and signal to sort them: 0.33 s)."""

    def __init__(self, cases: QuerySet[Case], policies: dict[str, RetentionPolicy], today: date,
                 count_cap: int) -> None:
        self.by_type = {code: cases.filter(_due_condition(code, policy, today)) for code, policy in policies.items()}
        self.policies, self.count_cap = policies, count_cap
        self.capped = False

    def count(self) -> int:
        """Each type counted up to the cap (so the queries are as many whatever the backlog), summed, capped."""
        counted = sum(cases.order_by()[: self.count_cap + 1].count() for cases in self.by_type.values())
        self.capped = counted > self.count_cap
        return min(counted, self.count_cap)

    def __getitem__(self, page: slice) -> list[Candidate]:
        start, stop = page.start or 0, page.stop
        if stop is None:
            raise ValueError("a page of the due cases has an end")
        firsts = [list(cases.order_by("closed_on", "reference").values_list("closed_on", "reference", "pk")[:stop])
                  for cases in self.by_type.values()]
        ids = [pk for _closed, _reference, pk in list(heapq.merge(*firsts))[start:stop]]
        found = _candidates(Case.objects.filter(pk__in=ids), self.policies)
        return sorted(found, key=lambda candidate: (candidate.closed_on or date.min, candidate.reference))


@dataclass
class Overview:
    """What the retention overview shows: a page source of the cases to destroy, the held ones (few: each is
    held by a pending remedy, a request or an explicit hold) and the number to transfer to the archive."""

    expired: DueCases
    held: list[Candidate]
    transfer_count: int
    transfer_capped: bool


def retention_overview(*, today: date, controller_id: Any, count_cap: int) -> Overview:
    """The retention overview of one organisation: the same cases as `retention_selection`, counted and paged in
    SQL; the whole selection is read only when a batch is proposed or the archive list is downloaded."""
    policies = policies_in_force(today)
    closed = _closed_cases(controller_id, policies)
    due = due_cases(closed, policies, today)
    keep = [code for code, policy in policies.items() if policy.archive_action == ArchiveAction.KEEP]
    destroy = due.exclude(case_type__in=keep)
    holds = holds_for(destroy.order_by().values("pk"))
    held = _candidates(destroy.filter(pk__in=list(holds)).order_by("closed_on", "reference"), policies)
    for candidate in held:
        candidate.holds = holds[candidate.case_id]
    transfer = due.filter(case_type__in=keep).order_by()[: count_cap + 1].count() if keep else 0
    expired = DueCases(closed.exclude(case_type__in=keep).exclude(pk__in=list(holds)),
                       {code: policy for code, policy in policies.items() if code not in keep}, today, count_cap)
    return Overview(expired=expired, held=held, transfer_count=min(transfer, count_cap),
                    transfer_capped=transfer > count_cap)
