"""Woonoverlast files in the API (/api/v1/woonoverlast/...; docs/adr/0010-api-rules.md): list and
open, detail per sharing category, transitions with their step data, the nuisance reports (only
with the shielded category `woonoverlast_melders`), interventions and decisions, a closure's
extensions (four eyes) and its cost recovery. Thin: parse, call
one service or presenter, record the read before the response is built (fail closed)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from audit import record_batch
from audit.actions import Action
from audit.services import Target
from casework import access
from casework.api.base import CONFLICT, ERRORS, CaseApiView, record_case_list
from casework.api.pagination import Pagination
from casework.api.permissions import VisibleCasesFilter
from casework.api.presenters import step as step_row
from casework.api.serializers_out import StepCreatedSerializer
from casework.models import Case, Person
from casework.woonoverlast.api import presenters
from casework.woonoverlast.api.serializers import (
    WoonoverlastCostsInSerializer,
    WoonoverlastCreatedSerializer,
    WoonoverlastDecisionSerializer,
    WoonoverlastExtensionDecisionInSerializer,
    WoonoverlastExtensionInSerializer,
    WoonoverlastExtensionSerializer,
    WoonoverlastFileCreatedSerializer,
    WoonoverlastFileDetailSerializer,
    WoonoverlastFileListItemSerializer,
    WoonoverlastFileOpenInSerializer,
    WoonoverlastInterventionInSerializer,
    WoonoverlastInterventionSerializer,
    WoonoverlastOrderInSerializer,
    WoonoverlastReportInSerializer,
    WoonoverlastReportSerializer,
    WoonoverlastTransitionInSerializer,
)
from casework.woonoverlast.casetype import CASE_TYPE, PROCESSING_ACTIVITY
from casework.woonoverlast.categories import DECISIONS, INTERVENTIONS, MELDERS
from casework.woonoverlast.models import Closure, ClosureExtension
from casework.woonoverlast.services import (
    closure_costs_record,
    closure_extend,
    closure_extension_request,
    intervention_record,
    melding_register,
    order_request_approval,
    woonoverlast_file_open,
)
from casework.workflow import transition

TAG = ["woonoverlast"]


def _parsed(serializer_class, request) -> dict:
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


def _addressees(case: Case, values: dict) -> list[Person]:
    """The addressees named by id, in one query; an unknown id (or another controller's person) is bad input."""
    ids = list(dict.fromkeys(values.pop("addressees")))
    people = {p.pk: p for p in Person.objects.filter(pk__in=ids, controller_id=case.controller_id)}
    if len(people) != len(ids):
        raise ValidationError({"addressees": _("Name only persons registered by this organisation.")})
    return [people[pk] for pk in ids]


def _person(values: dict) -> dict:
    return {key: (value or None) if key != "surname" else value for key, value in dict(values).items()}


def created(row: Any) -> Response:
    """201 with the id of a row that has no address of its own."""
    return Response(WoonoverlastCreatedSerializer({"id": row.pk}).data, status=status.HTTP_201_CREATED)


class Area(CaseApiView):
    case_type = CASE_TYPE

    def record_subjects(self, *, object_type: str, subjects: list) -> None:
        """One `view` event per data subject the response discloses (at least the case's), one insert."""
        case = self.get_case()
        record_batch(action=Action.VIEW, processing_activity=PROCESSING_ACTIVITY, actor=self.request.user, targets=[
            Target(object_type=object_type, object_id=case.pk, case_id=case.pk, subject_id=subject)
            for subject in (list(dict.fromkeys(subjects)) or [case.person_id])])


class FileList(CaseApiView):
    pagination_class = Pagination  # grows without bound: paged (ADR 0010 rule 5)
    filter_backends = (VisibleCasesFilter,)
    serializer_class = WoonoverlastFileListItemSerializer

    def get_queryset(self):
        return Case.objects.filter(case_type=CASE_TYPE).select_related("owner").order_by("-opened_on", "reference")

    @extend_schema(summary="Woonoverlast files you may see", tags=TAG,
                   responses={200: WoonoverlastFileListItemSerializer(many=True)})
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        record_case_list(page, user=request.user)
        return self.get_paginated_response(WoonoverlastFileListItemSerializer([presenters.list_item(c) for c in page],
                                                                  many=True).data)

    @extend_schema(summary="Open a woonoverlast file about the person causing the nuisance", tags=TAG,
                   request=WoonoverlastFileOpenInSerializer,
                   responses={201: WoonoverlastFileCreatedSerializer, **ERRORS})
    def post(self, request):
        values = _parsed(WoonoverlastFileOpenInSerializer, request)
        case = woonoverlast_file_open(actor=request.user, controller=request.user.organisation,
                                      person=_person(values.pop("person")), team=request.user.team, **values)
        body = {"id": case.pk, "reference": case.reference, "status": case.status}
        return Response(WoonoverlastFileCreatedSerializer(body).data, status=status.HTTP_201_CREATED,
                        headers={"Location": f"{request.path}/{case.pk}"})


class FileDetail(Area):
    serializer_class = WoonoverlastFileDetailSerializer

    @extend_schema(summary="One woonoverlast file: metadata, and the categories you see", tags=TAG,
                   responses={200: WoonoverlastFileDetailSerializer, 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request, case_id):
        case = self.get_case()
        self.record_read(action=Action.VIEW, object_type="woonoverlast.WoonoverlastFile")
        return Response(WoonoverlastFileDetailSerializer(presenters.file_detail(case, self.case_access)).data)


class Transitions(Area):
    serializer_class = StepCreatedSerializer
    case_actions = {"POST": access.TRANSITION}

    @extend_schema(summary="Move the file to another status, with the data the step needs", tags=TAG,
                   request=WoonoverlastTransitionInSerializer,
                   responses={201: StepCreatedSerializer, **ERRORS, **CONFLICT})
    def post(self, request, case_id):
        case = self.get_case()
        values = {key: value for key, value in _parsed(WoonoverlastTransitionInSerializer, request).items()
                  if value not in (None, "")}
        for name in ("intention_sent_on", "decided_on"):  # step data is stored as JSON
            if name in values:
                values[name] = values[name].isoformat()
        step = transition(case=case, to=values.pop("to"), by=request.user, reason=values.pop("reason"),
                          expected_version=values.pop("version"), **values)
        body = {**step_row(step, sees_notes=True), "case_status": case.status, "case_version": case.version}
        return Response(StepCreatedSerializer(body).data, status=status.HTTP_201_CREATED)


class Reports(Area):
    """The nuisance reports and their reporters: only with the shielded category."""

    category = MELDERS
    serializer_class = WoonoverlastReportSerializer

    @extend_schema(summary="Nuisance reports with their (shielded) reporters", tags=TAG,
                   responses={200: WoonoverlastReportSerializer(many=True), **ERRORS})
    def get(self, request, case_id):
        case = self.get_case()
        rows, subjects = presenters.reports(case)
        self.record_subjects(object_type="woonoverlast.Melding", subjects=subjects)
        return Response(WoonoverlastReportSerializer(rows, many=True).data)

    @extend_schema(summary="Register a nuisance report; the reporter becomes a shielded party", tags=TAG,
                   request=WoonoverlastReportInSerializer, responses={201: WoonoverlastCreatedSerializer, **ERRORS})
    def post(self, request, case_id):
        case = self.get_case()
        values = _parsed(WoonoverlastReportInSerializer, request)
        row = melding_register(actor=request.user, case=case, melder=_person(values.pop("melder")), **values)
        return created(row)


class Interventions(Area):
    category = INTERVENTIONS
    serializer_class = WoonoverlastInterventionSerializer

    @extend_schema(summary="Lighter interventions tried", tags=TAG,
                   responses={200: WoonoverlastInterventionSerializer(many=True), **ERRORS})
    def get(self, request, case_id):
        self.get_case()
        self.record_read(action=Action.VIEW, object_type="woonoverlast.Intervention")
        return Response(WoonoverlastInterventionSerializer(presenters.interventions(self.get_case()), many=True).data)

    @extend_schema(summary="Record a lighter intervention", tags=TAG, request=WoonoverlastInterventionInSerializer,
                   responses={201: WoonoverlastCreatedSerializer, **ERRORS})
    def post(self, request, case_id):
        values = _parsed(WoonoverlastInterventionInSerializer, request)
        row = intervention_record(actor=request.user, case=self.get_case(), **values)
        return created(row)


class Decisions(Area):
    category = DECISIONS
    serializer_class = WoonoverlastDecisionSerializer

    @extend_schema(summary="Gedragsaanwijzingen and closures", tags=TAG,
                   responses={200: WoonoverlastDecisionSerializer(many=True), **ERRORS})
    def get(self, request, case_id):
        case = self.get_case()
        rows, subjects = presenters.decisions(case)
        self.record_subjects(object_type="woonoverlast.BehaviouralOrder", subjects=subjects)
        return Response(WoonoverlastDecisionSerializer(rows, many=True).data)


class Orders(Area):
    serializer_class = WoonoverlastDecisionSerializer

    @extend_schema(summary="Draft a gedragsaanwijzing and ask a team lead to approve it (four eyes)", tags=TAG,
                   request=WoonoverlastOrderInSerializer, responses={201: WoonoverlastDecisionSerializer, **ERRORS})
    def post(self, request, case_id):
        case = self.get_case()
        values = _parsed(WoonoverlastOrderInSerializer, request)
        order = order_request_approval(actor=request.user, case=case, addressees=_addressees(case, values),
                                       **values)
        return Response(WoonoverlastDecisionSerializer(presenters.decision(order)).data, status=status.HTTP_201_CREATED)


def _closure(case: Case, closure_id) -> Closure:
    return get_object_or_404(Closure, pk=closure_id, case=case)


class Extensions(Area):
    """Extensions of a closure (art. 174a lid 3): drafted for the four-eyes approval, then decided."""

    category = DECISIONS
    serializer_class = WoonoverlastExtensionSerializer

    @extend_schema(summary="Extensions of the file's closures", tags=TAG,
                   responses={200: WoonoverlastExtensionSerializer(many=True), **ERRORS})
    def get(self, request, case_id, closure_id):
        case = self.get_case()
        _closure(case, closure_id)
        self.record_read(action=Action.VIEW, object_type="woonoverlast.ClosureExtension")
        return Response(WoonoverlastExtensionSerializer(
            [row for row in presenters.extensions(case) if str(row["closure"]) == str(closure_id)], many=True).data)

    @extend_schema(summary="Draft an extension of an imposed closure and ask a team lead to approve it (four eyes)",
                   tags=TAG, request=WoonoverlastExtensionInSerializer,
                   responses={201: WoonoverlastExtensionSerializer, **ERRORS})
    def post(self, request, case_id, closure_id):
        case = self.get_case()
        values = _parsed(WoonoverlastExtensionInSerializer, request)
        row = closure_extension_request(actor=request.user, closure=_closure(case, closure_id), **values)
        return Response(WoonoverlastExtensionSerializer(presenters.extension(row)).data,
                        status=status.HTTP_201_CREATED)


class ExtensionDecision(Area):
    category = DECISIONS
    serializer_class = WoonoverlastExtensionSerializer

    @extend_schema(summary="Decide an approved extension: decision date and signatory (moves the closure's end)",
                   tags=TAG, request=WoonoverlastExtensionDecisionInSerializer,
                   responses={200: WoonoverlastExtensionSerializer, **ERRORS, **CONFLICT})
    def post(self, request, case_id, extension_id):
        case = self.get_case()
        row = get_object_or_404(ClosureExtension, pk=extension_id, case=case)
        values = _parsed(WoonoverlastExtensionDecisionInSerializer, request)
        with self.case_update(values.pop("version")):
            row = closure_extend(actor=request.user, extension=row, **values)
        return Response(WoonoverlastExtensionSerializer(presenters.extension(row)).data)


class CostRecovery(Area):
    category = DECISIONS
    serializer_class = WoonoverlastDecisionSerializer

    @extend_schema(summary="Record the decision recovering the costs of a closure (Awb 5:25)", tags=TAG,
                   request=WoonoverlastCostsInSerializer,
                   responses={200: WoonoverlastDecisionSerializer, **ERRORS, **CONFLICT})
    def post(self, request, case_id, closure_id):
        case = self.get_case()
        closure = _closure(case, closure_id)
        values = _parsed(WoonoverlastCostsInSerializer, request)
        with self.case_update(values.pop("version")):
            closure = closure_costs_record(actor=request.user, closure=closure, **values)
        return Response(WoonoverlastDecisionSerializer(presenters.decision(closure)).data)
