"""Signals in the API (/api/v1/signals/...; docs/adr/0010-api-rules.md): list and register (staff and
chain partners), detail per sharing category, triage. Thin: parse, call one service, record the read
before the response is built (fail closed). The source of a signal is never in a response."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from audit import record_batch
from audit.actions import Action
from audit.services import Target
from casework import access
from casework.api.base import CONFLICT, ERRORS, CaseApiView, record_case_list, validated_body
from casework.api.pagination import Pagination
from casework.api.permissions import VisibleCasesFilter
from casework.models import Case
from casework.signals.api import presenters
from casework.signals.api.serializers import (
    SignalCreatedSerializer,
    SignalDetailSerializer,
    SignalInSerializer,
    SignalListItemSerializer,
    TriageCreatedSerializer,
    TriageInSerializer,
)
from casework.signals.casetype import CASE_TYPE, PROCESSING_ACTIVITY
from casework.signals.linked import parse_linked
from casework.signals.services import signal_register, signal_triage

TAG = ["signals"]


def _person(values: Any) -> dict | None:
    if not values:
        return None
    return {key: (value or None) if key != "surname" else value for key, value in dict(values).items()}


class SignalList(CaseApiView):
    pagination_class = Pagination
    filter_backends = (VisibleCasesFilter,)
    serializer_class = SignalListItemSerializer

    def get_queryset(self):
        return Case.objects.filter(case_type=CASE_TYPE).select_related("owner").order_by("-opened_on", "reference")

    @extend_schema(summary="Undermining signals you may see", tags=TAG,
                   responses={200: SignalListItemSerializer(many=True)})
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        record_case_list(page, user=request.user)
        return self.get_paginated_response(SignalListItemSerializer([presenters.list_item(c) for c in page],
                                                                    many=True).data)

    @extend_schema(summary="Register an undermining signal (staff: own municipality; partners: a municipality)",
                   tags=TAG, request=SignalInSerializer, responses={201: SignalCreatedSerializer, **ERRORS})
    def post(self, request):
        values = validated_body(SignalInSerializer, request)
        controller = values.pop("controller") or request.user.organisation
        persons = [{**entry, "person": _person(entry["person"])} for entry in values.pop("persons")]
        case = signal_register(actor=request.user, controller=controller, persons=persons,
                               source_person=_person(values.pop("source_person")), **values)
        body = {"id": case.pk, "reference": case.reference, "status": case.status}
        return Response(SignalCreatedSerializer(body).data, status=status.HTTP_201_CREATED,
                        headers={"Location": f"{request.path}/{case.pk}"})


class SignalDetail(CaseApiView):
    case_type = CASE_TYPE
    serializer_class = SignalDetailSerializer

    @extend_schema(summary="One signal: metadata, and the categories you see", tags=TAG,
                   responses={200: SignalDetailSerializer, 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request, case_id):
        case = self.get_case()
        body, subjects = presenters.detail(case, self.case_access)
        record_batch(action=Action.VIEW, processing_activity=PROCESSING_ACTIVITY, actor=request.user, targets=[
            Target(object_type="signals.Signal", object_id=case.pk, case_id=case.pk, subject_id=subject)
            for subject in (subjects or [None])])
        return Response(SignalDetailSerializer(body).data)


class Triage(CaseApiView):
    case_type = CASE_TYPE
    serializer_class = TriageCreatedSerializer
    case_actions = {"POST": access.TRANSITION}

    @extend_schema(summary="Triage the signal: an outcome of the table, with its routing", tags=TAG,
                   request=TriageInSerializer, responses={201: TriageCreatedSerializer, **ERRORS, **CONFLICT})
    def post(self, request, case_id):
        values = validated_body(TriageInSerializer, request)
        case = self.get_case()
        values["linked"] = (parse_linked(values["routed_to"], values["linked"], controller=case.controller)
                            if values["outcome"] == "case" else {})
        row = signal_triage(actor=request.user, case=case, expected_version=values.pop("version"), **values)
        case.refresh_from_db()
        body = {"id": row.pk, "case_status": case.status, "case_version": case.version,
                "linked_case_id": row.linked_case_id}
        return Response(TriageCreatedSerializer(body).data, status=status.HTTP_201_CREATED)
