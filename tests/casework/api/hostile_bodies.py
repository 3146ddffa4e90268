"""Where the API's hostile-input sweep (test_hostile.py) sends each write operation, and the plausible body it
changes one aspect of at a time: path parameters naming rows the role may write (an open case of the path's type
that the role owns, and that case's own rows, undecided ones first), and a body that names rows of that case
(an order, an announcement, a forfeiture), the role's own organisation or a partner organisation, and the case's
current version; and the values of members no rule fills in as an operation needs (the test's PLAUSIBLE_VALUES:
an address's free object, its imposed order's forfeiture, an occupant of the inspected object). Kept apart from
the test so the rules read in one place."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from django.apps import apps
from django.db.models import F

from accounts.models import Organisation, User
from casework import registry, workflow
from casework.models import Case
from tests.casework.api.conftest import CASE_ROWS, ROWS
from tests.casework.hostile_rows import ADDED, forfeiture_values, free_object_of, touched_cases

PARAMETER_MODELS = {**ROWS, **CASE_ROWS}
UNKNOWN = str(uuid.UUID(int=0))
# Body members that name an organisation: the role's own (a controller), or a partner of the chain.
OWN_ORGANISATION = {"controller"}
PARTNER_ORGANISATION = {"partner", "owner_organisation", "invited", "partners_to_invite", "attending"}
# Body members that name colleagues: the role's user itself will do.
COLLEAGUES = {"owner", "officers"}
# Body members that name the case's person.
PERSONS = {"addressee_person", "owner_person", "addressees", "occupant"}
# Body members that name a code of the case's type (hostile_bodies.Context.type_value).
CASE_TYPE_CODES = {"categories", "category", "processing_activity"}


@dataclass
class Context:
    """One address of an operation: its path parameters, the case they name (if any) and the role's user."""

    parameters: dict[str, str] = field(default_factory=dict)
    case: Case | None = None
    user: User | None = None

    def value_for(self, name: str, type_code: str) -> str | None:
        """An id for a body member that names a row, or None when no rule here knows it."""
        user = self.user
        if name in OWN_ORGANISATION and user is not None:
            return str(user.organisation_id)
        if name in PARTNER_ORGANISATION and user is not None:
            partner = Organisation.objects.exclude(pk=user.organisation_id).order_by("name").first()
            return str(partner.pk) if partner else None
        if name in COLLEAGUES and user is not None:
            return str(user.pk)
        if name in PERSONS and self.case is not None and self.case.person_id:
            return str(self.case.person_id)
        return self._case_row(name, type_code)

    def type_value(self, name: str) -> Any:
        """A code of the case's type: a sharing category (not a shielded one), its documents' category, its
        processing activity."""
        spec = registry.get(cast(Case, self.case).case_type)
        plain = [category.code for category in spec.categories if not category.shielded]
        if name == "categories":
            return plain[:1] or None
        if name == "category":
            return (spec.document_categories or tuple(plain))[0] if (spec.document_categories or plain) else None
        return spec.processing_activity

    def _case_row(self, name: str, type_code: str) -> str | None:
        """A row of this case whose model is named like the member (`order` -> PenaltyOrder or BehaviouralOrder,
        `forfeitures` -> Forfeiture), of the case type's own app first."""
        if self.case is None:
            return None
        singular = name.removesuffix("s")
        models = sorted((model for model in apps.get_models()
                         if model.__name__.lower().endswith(singular) and not model.__name__.startswith("Historical")
                         and any(f.name == "case" for f in model._meta.fields)),
                        key=lambda model: model._meta.app_label != type_code)
        for model in models:
            row = model.objects.filter(case=self.case).order_by("pk").values_list("pk", flat=True).first()
            if row is not None:
                return str(row)
        return None


def contexts(path: str, role: str, limit: int) -> Iterator[Context]:
    """Up to `limit` addresses for the operation, best first: open cases of the path's type the role owns, then
    other open cases of that type (a team lead decides on a colleague's case), by reference; with each, the
    rows the path names among that case's rows (undecided ones first); the cases the set-up changed
    (tests/casework/hostile_rows.py) before the others. A path without a case: one address."""
    user = User.objects.get(username=role)
    names = [segment.strip("{}") for segment in path.split("/") if segment.startswith("{")]
    if "case_id" not in names:
        yield Context(user=user)
        return
    type_code = path.strip("/").split("/")[0]
    cases = Case.objects.filter(closed_on__isnull=True).order_by("reference")
    if type_code != "cases":
        cases = cases.filter(case_type=type_code)
    touched = set(touched_cases())  # the cases the set-up put in the state an operation is for, first
    cases_in_order = sorted(cases, key=lambda case: case.pk not in touched)
    owned = [case for case in cases_in_order if case.owner_id == user.pk]
    others = [case for case in cases_in_order if case.owner_id != user.pk]
    given = 0
    for case in [*owned, *others]:
        parameters = {"case_id": str(case.pk)}
        for name in names[1:]:
            row = _row_of(name, case)
            if row is None:
                break
            parameters[name] = row
        else:
            yield Context(parameters=parameters, case=case, user=user)
            given += 1
            if given >= limit:
                return


def _row_of(name: str, case: Case) -> str | None:
    model = apps.get_model(PARAMETER_MODELS[name]) if name in PARAMETER_MODELS else None
    if model is None:
        return None
    fields = {f.name for f in model._meta.fields}
    rows = model.objects.all()
    if "case" in fields:
        rows = rows.filter(case=case)
    pending = [F(name).asc(nulls_first=True) for name in ("decided_at", "decided_on") if name in fields]
    added = rows.filter(pk__in=ADDED.get(model, [])).values_list("pk", flat=True).first()  # the set-up's first
    found = added or rows.order_by(*pending, "pk").values_list("pk", flat=True).first()
    return str(found) if found is not None else None


def fill_rows(body: Any, schema: dict[str, Any], context: Context, type_code: str, resolve: Any) -> Any:
    """The body with its members that name rows set from the context, and `version` the case's."""
    if not isinstance(body, dict):
        return body
    properties = schema.get("properties", {})
    for name, sub in properties.items():
        if name not in body:
            continue
        sub = resolve(sub)
        if name in CASE_TYPE_CODES and context.case is not None:
            found = context.type_value(name)
            body[name] = found if found is not None else body[name]
        elif name == "version" and context.case is not None:
            body[name] = Case.objects.values_list("version", flat=True).get(pk=context.case.pk)
        elif name == "to" and context.case is not None:  # a transition: the first step the workflow allows
            steps = workflow.workflow_for(context.case).targets_from(context.case.status)
            body[name] = steps[0].target if steps else body[name]
        elif sub.get("format") == "uuid":
            body[name] = context.value_for(name, type_code) or body[name]
        elif sub.get("type") == "array" and resolve(sub.get("items", {})).get("format") == "uuid":
            found = context.value_for(name, type_code)
            body[name] = [found] if found else body[name]
    return body


# --- values of members no rule above fills in as an operation needs (test_hostile.PLAUSIBLE_VALUES) ---------------

OMIT = object()  # a plausible value that leaves the member out


def forfeiture(context: Context) -> dict[str, str]:
    """The members of a forfeiture the case's imposed order per time unit allows (hostile_rows.forfeiture_values);
    none when the case has no such order."""
    found = forfeiture_values(case=context.case)
    return found[1] if found is not None else {}


def free_object(context: Context) -> Any:
    user = context.user
    return (free_object_of(user.organisation_id) if user else None) or OMIT


def occupant(context: Context) -> Any:
    from casework.park.models import Inspection, Occupant

    inspection = Inspection.objects.filter(pk=context.parameters.get("inspection_id")).first()
    found = Occupant.objects.filter(object_id=inspection.object_id if inspection else None, left_on__isnull=True,
                                    person__controller_id=context.case.controller_id if context.case else None) \
        .order_by("pk").values_list("pk", flat=True).first()
    return str(found) if found else OMIT


def regisseur(context: Context) -> Any:
    from accounts.models import User

    user = context.user
    found = User.objects.filter(organisation_id=user.organisation_id if user else None, is_active=True,
                                groups__name="procesregisseur").order_by("username").values_list("pk", flat=True)
    return str(found[0]) if found else OMIT


def pga_codes() -> tuple[list[str], str]:
    """A category of the PGA case type that is not shielded, and its processing activity."""
    from casework import registry

    spec = registry.get("pga")
    return [next(c.code for c in spec.categories if not c.shielded)], spec.processing_activity


def apv_article(context: Context) -> Any:
    from casework.woonoverlast.models import ApvArticle

    case = context.case
    article = ApvArticle.objects.filter(organisation_id=case.controller_id if case else None) \
        .order_by("article").values_list("article", flat=True).first()
    return article or OMIT


def park(context: Context) -> Any:
    from casework.park.models import Park

    user = context.user
    found = Park.objects.filter(controller_id=user.organisation_id if user else None).order_by("name").first()
    return str(found.pk) if found else OMIT


def received(context: Context, name: str) -> str:
    """The day the row the path names (`name`_id) was received, as the API writes a date."""
    model = apps.get_model(PARAMETER_MODELS[f"{name}_id"])
    return model.objects.values_list("received_on", flat=True).get(pk=context.parameters[f"{name}_id"]).isoformat()
