"""Read-side rules the API needs on top of casework/access.py: list filters, persons reachable
through visible cases, category checks and which sharing decisions a caller may read.

Each refusal records `access_denied` (with case and subject) before raising PermissionDenied.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection
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
from casework.api.problems import InvalidQuery, query_error
from casework.categories import NOTES, PERSONALIA
from casework.models import Case, Person, SharingDecision
from casework.selectors import overdue_for

ORDERINGS = ("opened_on", "-opened_on", "reference", "-reference", "status", "-status")
TRUE = ("1", "true", "yes")
FALSE = ("0", "false", "no")

# name, type, description: documented in the OpenAPI schema by CaseListFilter. Query keys are
# lowerCamelCase (Logius /core/query-keys-camel-case); "uuid" documents a string in UUID format.
CASE_FILTERS = (
    ("caseType", "string", "Only cases of this case type, e.g. `pga` (repeat for several)."),
    ("status", "string", "Only cases with this status (repeat for several)."),
    ("team", "uuid", "Only cases of this team (repeat for several)."),
    ("owner", "string", "`me` for your own cases, or a user's UUID."),
    ("open", "boolean", "true: open cases only; false: closed cases only."),
    ("overdue", "boolean", "true: open cases with a passed term, by each case type's own rule (partners: "
                           "only terms of the categories shared with them)."),
    ("reference", "string", "Exact case reference, e.g. PGA-2026-0042."),
    ("ordering", "string", "One of: " + ", ".join(ORDERINGS) + " (default -opened_on)."),
)


def _flag(value: str) -> bool | None:
    value = value.strip().lower()
    return True if value in TRUE else False if value in FALSE else None


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _checked(params: Any, *, uuids: tuple[str, ...], choices: dict[str, Collection[str]],
             flags: Collection[str]) -> None:
    """400 naming every invalid query parameter (and the position of a repeated one)."""
    errors = []
    for name in uuids:
        errors += [query_error(name, _("Give a UUID."), index=i) for i, v in enumerate(params.getlist(name))
                   if v and not _is_uuid(v)]
    for name, allowed in choices.items():
        errors += [query_error(name, _("Choose one of: %(choices)s.") % {"choices": ", ".join(sorted(allowed))},
                               code="invalid_choice", index=i)
                   for i, v in enumerate(params.getlist(name)) if v and v not in allowed]
    errors += [query_error(name, _("Give true or false."), code="invalid_boolean")
               for name in flags if params.get(name) and _flag(params[name]) is None]
    owner = params.get("owner")
    if owner and owner != "me" and not _is_uuid(owner):
        errors.append(query_error("owner", _("Give `me` or a user's UUID.")))
    ordering = params.get("ordering")
    if ordering and ordering not in ORDERINGS:
        errors.append(query_error("ordering", _("Choose one of: %(choices)s.") % {"choices": ", ".join(ORDERINGS)},
                                  code="invalid_choice"))
    if errors:
        raise InvalidQuery(errors)


def list_filtered(
    queryset: QuerySet[Case],
    params: Any,
    *,
    user,
    lookups: dict[str, str],
    conditions: dict[str, Callable[[], Q]],
    uuids: tuple[str, ...] = (),
    choices: dict[str, Collection[str]] | None = None,
) -> QuerySet[Case]:
    """The list filters every case endpoint shares, on an already visibility-filtered queryset.

    `status` (repeatable), exact `lookups` (parameter -> field; those in `uuids` must be UUIDs,
    those in `choices` one of the allowed values), `owner` (`me` or a UUID), yes/no `conditions`
    (built only when the parameter is given: some cost a query) and `ordering`. An invalid value
    is a 400 naming the parameter (InvalidQuery), never silently ignored.
    """
    _checked(params, uuids=uuids, choices=choices or {}, flags=conditions)
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
        flag = _flag(params.get(name) or "")
        if flag is not None:
            queryset = queryset.filter(condition() if flag else ~condition())
    return queryset.order_by(params.get("ordering") or "-opened_on", "reference")


def cases_filtered(queryset: QuerySet[Case], params: Any, *, user,
                   extra: dict[str, Callable[[], Q]] | None = None) -> QuerySet[Case]:
    """Apply the list filters of CASE_FILTERS (and a type's own yes/no filters) to an already
    visibility-filtered queryset."""
    return list_filtered(
        queryset, params, user=user,
        lookups={"caseType": "case_type", "team": "team_id", "reference": "reference"},
        uuids=("team",), choices={"caseType": [spec.code for spec in registry.types()]},
        conditions={
            "open": lambda: Q(closed_on__isnull=True),
            "overdue": lambda: overdue_for(user, timezone.localdate()),  # the same rule as the web list
            **(extra or {}),
        },
    )


class DocumentedFilter(BaseFilterBackend):
    """A filter backend whose query parameters (name, type, description) appear in the OpenAPI schema."""

    parameters: tuple[tuple[str, str, str], ...] = ()

    def get_schema_operation_parameters(self, view) -> list[dict[str, Any]]:
        return [
            {"name": name, "required": False, "in": "query", "description": description,
             "schema": {"type": "string", "format": "uuid"} if kind == "uuid" else {"type": kind}}
            for name, kind, description in self.parameters
        ]


class CaseListFilter(DocumentedFilter):
    """The documented list filters of `/api/v1/cases` (after VisibleCasesFilter has narrowed the rows)."""

    parameters = CASE_FILTERS

    def filter_queryset(self, request, queryset, view):
        return cases_filtered(queryset, request.query_params, user=request.user)


class TypeCaseListFilter(DocumentedFilter):
    """The list filters of one case type's case list (`/api/v1/<code>/cases`): the core filters but
    `caseType`, and the yes/no filters the type registers (registry `list_conditions`), e.g. PGA's
    `escalated`. A view names its type in `case_type`."""

    @staticmethod
    def _conditions(view) -> dict[str, tuple[str, Callable[[], Q]]]:
        return dict(registry.get(view.case_type).list_conditions)

    def get_schema_operation_parameters(self, view) -> list[dict[str, Any]]:
        self.parameters = tuple(p for p in CASE_FILTERS if p[0] != "caseType") + tuple(
            (name, "boolean", doc) for name, (doc, _condition) in self._conditions(view).items())
        return super().get_schema_operation_parameters(view)

    def filter_queryset(self, request, queryset, view):
        extra = {name: condition for name, (_doc, condition) in self._conditions(view).items()}
        return cases_filtered(queryset, request.query_params, user=request.user, extra=extra)


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
