"""Read-side rules the API needs on top of casework/access.py: list filters, persons reachable
through visible cases, category checks and which sharing decisions a caller may read.

Each refusal records `access_denied` (with case and subject) before raising PermissionDenied.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend

from audit import record
from audit.actions import Action, Outcome
from casework import access, registry
from casework.access import CaseAccess
from casework.categories import NOTES, PERSONALIA
from casework.models import Case, Person, SharingDecision
from casework.selectors import overdue_for

ORDERINGS = ("opened_on", "-opened_on", "reference", "-reference", "status", "-status")
TRUE = ("1", "true", "yes")
FALSE = ("0", "false", "no")

# name, type, description: documented in the OpenAPI schema by CaseListFilter.
CASE_FILTERS = (
    ("status", "string", "Only cases with this status (repeat for several)."),
    ("team", "string", "Only cases of this team (UUID)."),
    ("owner", "string", "`me` for your own cases, or a user's UUID."),
    ("open", "boolean", "true: open cases only; false: closed cases only."),
    ("overdue", "boolean", "true: open cases with a passed triage contact term or (when you see "
                           "conferences and agreements) an open or late agreement past its due date."),
    ("reference", "string", "Exact case reference, e.g. PGA-2026-0042."),
    # ...and the yes/no filters the case types register (registry `list_conditions`), e.g. `escalated`.
    ("ordering", "string", "One of: " + ", ".join(ORDERINGS) + " (default -opened_on)."),
)


def _flag(value: str | None) -> bool | None:
    value = (value or "").strip().lower()
    return True if value in TRUE else False if value in FALSE else None


def list_filtered(
    queryset: QuerySet[Case],
    params: Any,
    *,
    user,
    lookups: dict[str, str],
    conditions: dict[str, Callable[[], Q]],
) -> QuerySet[Case]:
    """The list filters every case endpoint shares, on an already visibility-filtered queryset.

    `status` (repeatable), exact `lookups` (parameter -> field), `owner` (`me` or a UUID), yes/no
    `conditions` (built only when the parameter is given: some cost a query) and `ordering`.
    """
    statuses = [s for s in params.getlist("status") if s]
    if statuses:
        queryset = queryset.filter(status__in=statuses)
    for name, lookup in lookups.items():
        values = [v for v in params.getlist(name) if v]
        if values:
            queryset = queryset.filter(**{f"{lookup}__in": values})
    owner = params.get("owner")
    if owner:
        queryset = queryset.filter(owner_id=user.pk if owner == "me" else owner)
    for name, condition in conditions.items():
        flag = _flag(params.get(name))
        if flag is not None:
            queryset = queryset.filter(condition() if flag else ~condition())
    ordering = params.get("ordering")
    return queryset.order_by(ordering if ordering in ORDERINGS else "-opened_on", "reference")


def type_conditions() -> dict[str, Callable[[], Q]]:
    """The yes/no list filters the case types register (registry `list_conditions`)."""
    return {name: condition for spec in registry.types() for name, (_doc, condition) in spec.list_conditions.items()}


def cases_filtered(queryset: QuerySet[Case], params: Any, *, user) -> QuerySet[Case]:
    """Apply the list filters of CASE_FILTERS to an already visibility-filtered queryset."""
    return list_filtered(
        queryset, params, user=user,
        lookups={"team": "team_id", "reference": "reference"},
        conditions={
            "open": lambda: Q(closed_on__isnull=True),
            "overdue": lambda: overdue_for(user, timezone.localdate()),  # the same rule as the web list
            **type_conditions(),
        },
    )


class DocumentedFilter(BaseFilterBackend):
    """A filter backend whose query parameters (name, type, description) appear in the OpenAPI schema."""

    parameters: tuple[tuple[str, str, str], ...] = ()

    def get_schema_operation_parameters(self, view) -> list[dict[str, Any]]:
        return [
            {"name": name, "required": False, "in": "query", "description": description, "schema": {"type": kind}}
            for name, kind, description in self.parameters
        ]


class CaseListFilter(DocumentedFilter):
    """The documented list filters (after VisibleCasesFilter has narrowed the rows)."""

    parameters = CASE_FILTERS

    def filter_queryset(self, request, queryset, view):
        return cases_filtered(queryset, request.query_params, user=request.user)


def require_category(user, case: Case, case_access: CaseAccess, category: str) -> None:
    """403 (recorded) unless the caller sees `category` of `case` (partners: only what is shared)."""
    if not case_access.sees(category):
        access.record_denial(user, case, f"view:{category}")
        raise PermissionDenied(_("You do not have access to this part of the case."))


def person_for_user(user, person_id) -> tuple[Person, list[Case], bool]:
    """A person reachable through a case the user may see with the personalia category.

    Returns (person, those cases, whether the notes category is seen too). There is no list of
    persons: a person is only reached by id, from a case. Refusals are recorded and raise.
    """
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise Person.DoesNotExist
    cases = list(access.visible_cases(user).filter(person=person).order_by("-opened_on"))
    accesses = access.case_access_many(user, cases)
    seeing = [c for c in cases if accesses[c.pk].sees(PERSONALIA)]
    if not seeing:
        record(
            action=Action.ACCESS_DENIED, outcome=Outcome.DENIED,
            processing_activity=access.processing_activity_of(cases[0]) if cases
            else registry.activity_for_role(user.role),
            object_type="casework.Person", object_id=person.pk, case_id=cases[0].pk if cases else "",
            subject_id=person.pk, reason="action:view:personalia", actor=user,
        )
        raise PermissionDenied(_("You do not have access to this person."))
    return person, seeing, any(accesses[c.pk].sees(NOTES) for c in seeing)


def shares_for(user, case: Case, case_access: CaseAccess) -> QuerySet[SharingDecision]:
    """Sharing decisions of a case: all of them for whoever may share it, supervises it or broke
    the glass; a partner reads only the decisions made for its own organisation."""
    shares = SharingDecision.objects.filter(case=case).select_related("partner", "decided_by")
    if case_access.allows(access.SHARE) or case_access.via in ("supervision", "break_glass", "grant"):
        return shares
    return shares.filter(partner_id=user.organisation_id)
