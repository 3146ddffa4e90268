"""Rows of the woonoverlast API, per sharing category (the views check the category first)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from casework.access import CaseAccess
from casework.categories import PERSONALIA
from casework.models import Case, Person
from casework.woonoverlast.categories import EVIDENCE
from casework.woonoverlast.models import BehaviouralOrder, Closure, ClosureExtension, Intervention, Melding, Source
from casework.woonoverlast.selectors.overview import status_label
from encryption.preload import preload_keys


def _ref(obj: Any, name: str) -> dict[str, Any] | None:
    return {"id": obj.pk, "name": name} if obj is not None else None


def person(p: Person) -> dict[str, Any]:
    return {"id": p.pk, "first_names": p.first_names, "surname": p.surname, "date_of_birth": p.date_of_birth}


def list_item(case: Case) -> dict[str, Any]:
    return {"id": case.pk, "reference": case.reference, "status": case.status, "status_label": status_label(
        case.status), "opened_on": case.opened_on, "closed_on": case.closed_on,
        "owner": _ref(case.owner, case.owner.display_name)}


def file_detail(case: Case, case_access: CaseAccess) -> dict[str, Any]:
    body = {**list_item(case), "version": case.version, "dwelling_address": None, "bag_id": None,
            "bag_object_id": None, "address_verified": None, "reports_by_source": None}
    if case_access.sees(PERSONALIA):
        details = case.woonoverlast  # type: ignore[attr-defined]
        body.update(dwelling_address=details.dwelling_address, bag_id=details.bag_id,
                    bag_object_id=details.bag_object_id, address_verified=details.address_verified)
    if case_access.sees(EVIDENCE):
        counts = Counter(Melding.objects.filter(case=case).values_list("source", flat=True))
        labels = dict(Source.choices)
        body["reports_by_source"] = [{"source": code, "label": str(labels[code]), "count": counts[code]}
                                     for code in Source.values if counts[code]]
    return body


def reports(case: Case) -> tuple[list[dict[str, Any]], list[Any]]:
    rows = list(Melding.objects.filter(case=case).select_related("melder").order_by("reported_on", "created_at"))
    preload_keys([*rows, *(row.melder for row in rows)])
    return [{"id": row.pk, "melder": person(row.melder), "source": row.source, "reported_on": row.reported_on,
             "kind": row.kind, "description": row.description} for row in rows], [row.melder_id for row in rows]


def interventions(case: Case) -> list[dict[str, Any]]:
    rows = list(Intervention.objects.filter(case=case).order_by("carried_out_on", "created_at"))
    preload_keys(rows)
    return [{"id": row.pk, "kind": row.kind, "kind_label": row.get_kind_display(),
             "carried_out_on": row.carried_out_on, "outcome": row.outcome} for row in rows]


def decision(row: BehaviouralOrder | Closure) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": row.pk, "decision": "closure", "state": row.state,
        "decided_on": row.decided_on, "starts_on": row.starts_on, "ends_on": row.ends_on,
        "duration_weeks": row.duration_weeks, "urgent": row.urgent, "apv_article": None, "enforcement": None,
        "compliance_term_days": None, "amount": None, "maximum": None,
        "addressees": [person(p) for p in row.addressees.all()],
        "signatory": row.signatory, "under_mandate": row.under_mandate, "extension_weeks": None,
        "costs_amount": None, "costs_specification": None, "costs_decided_on": None,
    }
    if isinstance(row, BehaviouralOrder):
        body.update({"decision": "gedragsaanwijzing", "apv_article": row.apv_article.article,
                     "enforcement": row.enforcement, "compliance_term_days": row.compliance_term_days,
                     "amount": row.amount, "maximum": row.maximum})
    else:
        body.update({"extension_weeks": row.extension_weeks, "costs_amount": row.costs_amount,
                     "costs_specification": row.costs_specification, "costs_decided_on": row.costs_decided_on})
    return body


def extension(row: ClosureExtension) -> dict[str, Any]:
    return {"id": row.pk, "closure": row.closure_id, "state": row.state, "weeks": row.weeks, "ground": row.ground,
            "approval": row.approval.decision if row.approval else None, "decided_on": row.decided_on,
            "ends_on": row.ends_on, "signatory": row.signatory, "under_mandate": row.under_mandate}


def extensions(case: Case) -> list[dict[str, Any]]:
    rows = list(ClosureExtension.objects.filter(case=case).select_related("approval").order_by("created_at"))
    preload_keys(rows)
    return [extension(row) for row in rows]


def decisions(case: Case) -> tuple[list[dict[str, Any]], list[Any]]:
    rows: list[Any] = [*BehaviouralOrder.objects.filter(case=case).select_related("apv_article")
                       .prefetch_related("addressees").order_by("created_at"),
                       *Closure.objects.filter(case=case).prefetch_related("addressees").order_by("created_at")]
    people = [p for row in rows for p in row.addressees.all()]
    preload_keys([*rows, *people])
    return [decision(row) for row in rows], [p.pk for p in people]
