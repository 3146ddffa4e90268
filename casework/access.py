"""Who may see and do what with a case: the one place that decides.

- `visible_cases(user)` filters in SQL and is used by every list, search, count and export.
- `case_access(user, case)` says how a user reaches one case and which categories they see.
- `require(user, action, case)` runs before any side effect; a refusal writes an
  `access_denied` event (with the case and its subject) and raises PermissionDenied (403).

Paths to a case: owner; member of the case's team; a django-guardian grant on that case
(direct foreign-key table); a team lead of the controlling organisation (supervision, handover,
approvals); an active sharing decision with the user's organisation (read-only, shared
categories only, until its end date); an active break-the-glass grant (read-only, 4 hours).
Model-level permissions never grant rows. Privacy officers reach no case content here: their
one exception is the inzage report (casework/privacy/), besides break-the-glass which they lack.

Restriction (AVG art. 18): a case whose person record is `restricted` is reached by no path at
all — not the owner, not the team lead, not a share, not break-the-glass — until the privacy
officer lifts it (casework/privacy/restriction.py); only the inzage report shows its data.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Expression, F, Q, QuerySet
from django.db.models.sql.where import OR, WhereNode
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accounts.roles import KETENPARTNER, PRIVACY_OFFICER, TEAMLEIDER, roles_with
from audit import record
from audit.actions import Action, Outcome
from casework import categories as case_categories
from casework.models import (
    BreakGlassGrant,
    Case,
    CaseUserObjectPermission,
    Person,
    SharingDecision,
    processing_activity_of,
)
from config.compiled import CompiledSubquery, Slot

VIEW = "view"
CHANGE = "change"
TRANSITION = "transition"
SHARE = "share"
HANDOVER = "handover"
APPROVE = "approve"
ACTIONS = (VIEW, CHANGE, TRANSITION, SHARE, HANDOVER, APPROVE)

CASEWORKER_ROLES = roles_with("work_cases")  # the capability table in accounts/roles.py
BREAK_GLASS_ROLES = roles_with("break_glass")



def all_categories() -> frozenset[str]:
    """Every category (core and registered case types): what a direct path to a case sees."""
    return frozenset(case_categories.shareable())


@dataclass(frozen=True)
class CaseAccess:
    """How a user reaches a case; `via` is empty when they do not."""

    via: str = ""
    categories: frozenset[str] = frozenset()
    actions: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.via)

    def allows(self, action: str) -> bool:
        return action in self.actions

    def sees(self, category: str) -> bool:
        return category in self.categories


NO_ACCESS = CaseAccess()
# What a user tried on a case (recorded as "action:<action>" when refused), as the audit screens name it.
ACTION_LABELS = {
    VIEW: pgettext_lazy("audit action", "view"), CHANGE: pgettext_lazy("audit action", "change"),
    TRANSITION: pgettext_lazy("audit action", "status step"), SHARE: pgettext_lazy("audit action", "share"),
    HANDOVER: pgettext_lazy("audit action", "hand over"), APPROVE: pgettext_lazy("audit action", "approve"),
}
# The access paths (`CaseAccess.via`) as the audit screens name them (recorded as "via:<path>").
VIA_LABELS = {
    "owner": gettext_lazy("case owner"), "team": gettext_lazy("team member"), "share": gettext_lazy("sharing decision"),
    "grant": gettext_lazy("assignment"), "supervision": gettext_lazy("supervision"),
    "break_glass": gettext_lazy("break the glass"),
}
_OWN = frozenset({VIEW, CHANGE, TRANSITION, SHARE})
# A team lead supervises: reads, hands over, approves, and may take the transitions whose roles
# include the team lead (in PGA only reopening; the workflow table checks the role per step).
_SUPERVISION = frozenset({VIEW, TRANSITION, HANDOVER, APPROVE})


def _active_shares(organisation_id, today) -> QuerySet[SharingDecision]:
    return SharingDecision.objects.filter(
        partner_id=organisation_id, starts_on__lte=today, ends_on__gte=today, revoked_at__isnull=True,
    )


def _active_grants(user_id, now: datetime) -> QuerySet[BreakGlassGrant]:
    return BreakGlassGrant.objects.filter(user_id=user_id, granted_at__lte=now, expires_at__gt=now)


def _unrestricted() -> Q:
    """AVG 18: no case of a person whose processing is restricted: a test of the case row's own copy of the
    restriction, which the database keeps (`Case.person_restricted`, ADR 0046)."""
    return Q(person_restricted=False)


def person_restricted(case: Case) -> bool:
    """Is processing of this case's person restricted (AVG 18)? Uses a loaded person, else one query."""
    if case.person_id is None:
        return False
    person = case._state.fields_cache.get("person")
    if person is not None:
        return person.restricted
    return Person.objects.filter(pk=case.person_id, restricted=True).exists()


def _restricted_ids(cases: Sequence[Case]) -> set:
    """The pks of the cases whose person is restricted: from loaded persons, else in one query."""
    if all(case.person_id is None or "person" in case._state.fields_cache for case in cases):
        return {case.pk for case in cases if case.person is not None and case.person.restricted}
    restricted = set(Person.objects.filter(pk__in={case.person_id for case in cases}, restricted=True)
                     .values_list("pk", flat=True))
    return {case.pk for case in cases if case.person_id in restricted}


class _InIdSet(Expression):
    """`casework_case.id` is in the set of ids the compiled subquery `_ID_SETS` computes, once per query.

    On PostgreSQL `id = ANY(ARRAY(subquery))`: the subquery runs once (an InitPlan) and the test is
    an index condition on the primary key, so it joins the other paths in one BitmapOr of index
    scans. `id IN (subquery)` would become a semi-join or a hashed SubPlan, which cannot be
    combined with the other paths by OR without scanning the whole table. Elsewhere (SQLite)
    `id IN (subquery)`.
    """

    conditional = True

    def __init__(self, values: dict[str, Any]) -> None:
        super().__init__(output_field=BooleanField())
        self.pk, self.values = F("pk"), values

    @property
    def shape(self) -> tuple[bool, bool]:
        """What the subquery's text depends on (`_id_sets` reads it from the values)."""
        return (self.values["shares"], self.values["assignments"])

    @cached_property
    def identity(self) -> tuple:
        # Expression's own binds the constructor's arguments by signature and makes them hashable: 0.3 ms a query
        return (type(self), *sorted(self.values.items()))

    def get_source_expressions(self) -> list:
        return [self.pk]

    def set_source_expressions(self, exprs) -> None:
        (self.pk,) = exprs

    def as_sql(self, compiler, connection, template: str = "%s IN %s"):
        pk, pk_params = compiler.compile(self.pk)
        ids, ids_params = _ID_SETS.as_sql(connection, self.shape, self.values)
        return template % (pk, ids), (*pk_params, *ids_params)

    def as_postgresql(self, compiler, connection):
        return self.as_sql(compiler, connection, template="%s = ANY(ARRAY%s)")


def _ids(queryset: QuerySet, column: str) -> QuerySet:
    return queryset.values(column).order_by()  # no default ordering in a compound subquery


def _id_sets(values: Mapping[str, Any]) -> QuerySet:
    """The ids of the cases a user reaches through other tables, as one UNION ALL (ORM-built; run as
    `_ID_SETS`, compiled once per role shape): break-the-glass grants by user and expiry; sharing decisions
    by partner and end date (not for privacy officers); assignments (guardian grants, caseworkers only)."""
    sets = [_ids(_active_grants(values["user"], values["now"]), "case_id")]
    if values["shares"]:
        sets.append(_ids(_active_shares(values["organisation"], values["today"]), "case_id"))
    if values["assignments"]:
        sets.append(_ids(CaseUserObjectPermission.objects.filter(
            user_id=values["user"], permission__codename__in=("view_case", "change_case"),
        ), "content_object_id"))
    first, *rest = sets
    return first.union(*rest, all=True) if rest else first


# Built and compiled once per database vendor and role shape, then bound to each user's values (about
# 1 ms of every list page, search and count saved: config/compiled.py, ADR 0044).
_ID_SETS = CompiledSubquery(_id_sets, {
    "user": Slot(BreakGlassGrant._meta.get_field("user"), (uuid.UUID(int=1), uuid.UUID(int=2))),
    "organisation": Slot(SharingDecision._meta.get_field("partner"), (uuid.UUID(int=3), uuid.UUID(int=4))),
    "now": Slot(BreakGlassGrant._meta.get_field("granted_at"),
                (datetime(1901, 1, 1, tzinfo=UTC), datetime(1902, 2, 2, tzinfo=UTC))),
    "today": Slot(SharingDecision._meta.get_field("starts_on"), (date(1903, 3, 3), date(1904, 4, 4))),
})


def _reachable(user, now: datetime) -> Q:
    """One indexed condition per access path of `user`'s role, combined by OR.

    Paths on `casework_case` itself are plain column tests (owner, team, controller: each has an
    index). Paths through other tables (break-the-glass grants by user and expiry, sharing
    decisions by partner and end date, guardian grants by user) form one UNION ALL of case ids,
    tested against the primary key (`_InIdSet`). So every disjunct is an index condition and
    PostgreSQL answers the whole filter with one BitmapOr (docs/adr/0009).
    """
    role = user.role
    values = {"user": user.pk, "organisation": user.organisation_id, "now": now, "today": timezone.localdate(now),
              "shares": role != PRIVACY_OFFICER, "assignments": role in CASEWORKER_ROLES}
    here = Q()
    if role in CASEWORKER_ROLES:
        here = Q(owner_id=user.pk)
        if user.team_id:
            here |= Q(team_id=user.team_id)
    elif role == TEAMLEIDER:
        here = Q(controller_id=user.organisation_id)
    return here | Q(_InIdSet(values))


def visible_cases(user, *, at: datetime | None = None) -> QuerySet[Case]:
    """Every case `user` may read, as one SQL-filtered queryset (no Python-side filtering).

    Each path is an indexed condition (`_reachable`); an OR over correlated EXISTS subqueries, as
    before, let PostgreSQL use no index and scan the case, person, permission and grant tables
    whole (docs/adr/0009). The result is a plain `Case` queryset: callers filter, order, slice,
    count, `select_related` and use it in `__in` subqueries.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.organisation_id is None:
        return Case.objects.none()
    return Case.objects.filter(_reachable(user, at or timezone.now())).filter(_unrestricted())


def paths_of(cases: QuerySet[Any]) -> list[QuerySet[Any]] | None:
    """`cases` (narrowed from `visible_cases`: filtered, ordered, combined with `&`) as one queryset per
    access path of its visibility condition, each with every other condition of `cases`; their union is
    `cases`. None when the condition has one path only (a partner, a privacy officer), cannot be found, or has a
    path no covering index serves (a team lead's organisation: de-duplicating all its cases costs more than the
    heap visits saved).

    A case list counts every visible case to show how many there are. As one OR, PostgreSQL answers the paths
    with one BitmapOr and then visits the heap of every visible case for its sort columns and the rest of the
    filter (2,000 page reads at 2,000 visible of 1,000,000 cases); path by path, the owner's and the team's
    cases are read from their covering indexes alone (`Case.Meta.indexes`, docs/adr/0048).
    """
    if cases.model is not Case:
        return None
    found = _visibility_node(cases.query.where, ())
    if found is None:
        return None
    node, route = found
    if not all(_covered(path) for path in node.children):
        return None  # a team lead's organisation path reaches all its cases: one OR, no union to de-duplicate
    paths = []
    for path in node.children:
        narrowed = cases.all()  # the query cloned, its condition tree with it
        parent: Any = narrowed.query.where
        for index in route[:-1]:
            parent = parent.children[index]
        parent.children[route[-1]] = path
        paths.append(narrowed)
    return paths


# The columns of `casework_case` whose path a covering index serves (`case_owner_list_idx`, `case_team_list_idx`)
_COVERED_COLUMNS = frozenset({"owner_id", "team_id"})


def _is_id_set(path: Any) -> bool:
    """Is this access path the ids reached through other tables (`_InIdSet`, as `Q(...)` resolves it)?"""
    return isinstance(getattr(path, "lhs", None), _InIdSet)


def _covered(path: Any) -> bool:
    """Is this access path read from a covering index (owner, team), or a short list of ids (`_InIdSet`)?"""
    return _is_id_set(path) or getattr(getattr(path.lhs, "target", None), "column", None) in _COVERED_COLUMNS


def _visibility_node(node: Any, route: tuple[int, ...]) -> tuple[Any, tuple[int, ...]] | None:
    """The OR of several access paths `_reachable` made and the route of child indexes to it, found through the
    ANDs and ORs above it (the union of a condition's versions with one path each is the condition with their
    OR, AND and OR being monotone); None under a negation, where it is not."""
    if node.negated:
        return None
    for index, child in enumerate(node.children):
        if not isinstance(child, WhereNode) or child.negated:
            continue
        if child.connector == OR and len(child.children) > 1 and any(map(_is_id_set, child.children)):
            return child, (*route, index)
        inner = _visibility_node(child, (*route, index))
        if inner is not None:
            return inner
    return None


def _caseworker_access(user, case: Case) -> CaseAccess:
    if case.owner_id == user.pk:
        return CaseAccess("owner", all_categories(), _OWN)
    if user.team_id and case.team_id == user.team_id:
        return CaseAccess("team", all_categories(), _OWN)
    codenames = set(
        CaseUserObjectPermission.objects.filter(content_object=case, user=user).values_list(
            "permission__codename", flat=True
        )
    )
    if "change_case" in codenames:
        return CaseAccess("grant", all_categories(), _OWN)
    if "view_case" in codenames:
        return CaseAccess("grant", all_categories(), frozenset({VIEW}))
    return NO_ACCESS


def _shared_access(user, case: Case, now: datetime) -> CaseAccess:
    shared = _active_shares(user.organisation_id, timezone.localdate(now)).filter(case=case)
    categories = frozenset(c for share in shared.values_list("categories", flat=True) for c in share)
    return CaseAccess("share", categories, frozenset({VIEW})) if categories else NO_ACCESS


def case_access(user, case: Case, *, at: datetime | None = None) -> CaseAccess:
    """The strongest path by which `user` reaches `case` now."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.organisation_id is None:
        return NO_ACCESS
    if person_restricted(case):
        return NO_ACCESS
    now = at or timezone.now()
    role = user.role
    if role in CASEWORKER_ROLES:
        found = _caseworker_access(user, case)
        if found:
            return found
    if role == TEAMLEIDER and case.controller_id == user.organisation_id:
        return CaseAccess("supervision", all_categories(), _SUPERVISION)
    if _active_grants(user.pk, now).filter(case=case).exists():
        return CaseAccess("break_glass", all_categories(), frozenset({VIEW}))
    if role != PRIVACY_OFFICER:
        return _shared_access(user, case, now)
    return NO_ACCESS


def _direct_access(user, case: Case) -> CaseAccess:
    """Owner, team or supervision: decided from the row itself, without a query."""
    role = user.role
    if role in CASEWORKER_ROLES and case.owner_id == user.pk:
        return CaseAccess("owner", all_categories(), _OWN)
    if role in CASEWORKER_ROLES and user.team_id and case.team_id == user.team_id:
        return CaseAccess("team", all_categories(), _OWN)
    return NO_ACCESS


def _grant_access_many(user, ids: list) -> dict[Any, CaseAccess]:
    granted: dict[Any, set[str]] = {}
    for case_id, codename in CaseUserObjectPermission.objects.filter(
        content_object_id__in=ids, user=user,
    ).values_list("content_object_id", "permission__codename"):
        granted.setdefault(case_id, set()).add(codename)
    found = {}
    for case_id, codenames in granted.items():
        if "change_case" in codenames:
            found[case_id] = CaseAccess("grant", all_categories(), _OWN)
        elif "view_case" in codenames:
            found[case_id] = CaseAccess("grant", all_categories(), frozenset({VIEW}))
    return found


def _read_only_access_many(user, ids: list, now: datetime) -> dict[Any, CaseAccess]:
    """Break-the-glass grants, then sharing decisions (never for privacy officers)."""
    glass = set(_active_grants(user.pk, now).filter(case_id__in=ids).values_list("case_id", flat=True))
    found = {case_id: CaseAccess("break_glass", all_categories(), frozenset({VIEW})) for case_id in glass}
    if user.role == PRIVACY_OFFICER:
        return found
    shared: dict[Any, set[str]] = {}
    rows = _active_shares(user.organisation_id, timezone.localdate(now)).filter(case_id__in=ids).exclude(
        case_id__in=glass,
    ).values_list("case_id", "categories")
    for case_id, categories in rows:
        shared.setdefault(case_id, set()).update(categories)
    found.update({
        case_id: CaseAccess("share", frozenset(categories), frozenset({VIEW}))
        for case_id, categories in shared.items() if categories
    })
    return found


def case_access_many(user, cases: Sequence[Case], *, at: datetime | None = None) -> dict[Any, CaseAccess]:
    """`case_access` for a page of cases in at most three queries (grants, break-the-glass, shares).

    List pages use it to decide per row what to render (a partner sees a name only with a
    `personalia` share) without one query per row. Same precedence as `case_access`.
    """
    result: dict[Any, CaseAccess] = {case.pk: NO_ACCESS for case in cases}
    if not cases or not getattr(user, "is_authenticated", False) or not user.is_active \
            or user.organisation_id is None:
        return result
    restricted = _restricted_ids(cases)
    for case in cases:
        result[case.pk] = NO_ACCESS if case.pk in restricted else _direct_access(user, case)
    pending = [case for case in cases if not result[case.pk] and case.pk not in restricted]
    if pending and user.role in CASEWORKER_ROLES:
        result.update(_grant_access_many(user, [case.pk for case in pending]))
        pending = [case for case in pending if not result[case.pk]]
    if user.role == TEAMLEIDER:
        for case in pending:
            if case.controller_id == user.organisation_id:
                result[case.pk] = CaseAccess("supervision", all_categories(), _SUPERVISION)
        pending = [case for case in pending if not result[case.pk]]
    if pending:
        result.update(_read_only_access_many(user, [case.pk for case in pending], at or timezone.now()))
    return result


def record_denial(user, case: Case, action: str) -> None:
    restricted = "; restricted (AVG 18)" if person_restricted(case) else ""
    record(
        action=Action.ACCESS_DENIED, outcome=Outcome.DENIED, processing_activity=processing_activity_of(case),
        object_type="casework.Case", object_id=case.pk, case_id=case.pk, subject_id=case.person_id,
        reason=f"action:{action}{restricted}", actor=user,
    )


def require_category(user, case: Case, case_access: CaseAccess, category: str) -> None:
    """403 (recorded) unless the caller sees `category` of `case` (partners: only what is shared)."""
    if not case_access.sees(category):
        record_denial(user, case, f"view:{category}")
        raise PermissionDenied(_("You do not have access to this part of the case."))


def require(user, action: str, case: Case) -> CaseAccess:
    """Refuse (403 + audit event) unless `user` may do `action` on `case`; returns the access."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    access = case_access(user, case)
    if not access.allows(action):
        record_denial(user, case, action)
        raise PermissionDenied(_("You do not have access to this case."))
    if case.is_closed and action in (CHANGE, SHARE):
        raise PermissionDenied(_("This case is closed and read-only. Reopen it first."))
    return access


def can_break_glass(user, case: Case | None = None) -> bool:
    """Emergency access is for colleagues of the controlling organisation(s) only.

    Another organisation has no emergency path into a municipality's case: it needs a sharing
    decision, which records the legal basis and the weighing.
    """
    if not getattr(user, "is_active", False) or user.role not in BREAK_GLASS_ROLES:
        return False
    if case is None:
        return True
    if person_restricted(case):
        return False
    return user.organisation_id == case.controller_id or case.joint_controllers.filter(pk=user.organisation_id).exists()


__all__ = [
    "ACTIONS", "APPROVE", "CHANGE", "HANDOVER", "KETENPARTNER", "SHARE", "TRANSITION", "VIEW",
    "CaseAccess", "can_break_glass", "case_access", "case_access_many", "paths_of", "require", "visible_cases",
]
