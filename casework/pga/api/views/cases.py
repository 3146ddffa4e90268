"""PGA cases in the API: list (visibility-filtered, with filters), detail (shared categories only), referral,
and status transitions. Thin: parse, call one service or selector, record the read, render."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from audit.actions import Action
from casework import access
from casework.api.base import CONFLICT, ERRORS, CaseApiView, record_case_list
from casework.api.pagination import Pagination
from casework.api.permissions import VisibleCasesFilter
from casework.api.selectors import TypeCaseListFilter
from casework.api.serializers_out import StepCreatedSerializer, TransitionOptionSerializer
from casework.models import Case
from casework.pga.api import presenters
from casework.pga.api.serializers.inbound import ReferralInSerializer, TransitionInSerializer
from casework.pga.api.serializers.outbound import (
    PgaCaseCreatedSerializer,
    PgaCaseDetailSerializer,
    PgaCaseListItemSerializer,
)
from casework.pga.casetype import CASE_TYPE
from casework.pga.services import referral_register
from casework.workflow import available_transitions, transition, workflow_for
from encryption.preload import preload_keys


class CaseList(CaseApiView):
    pagination_class = Pagination  # grows without bound: paged (ADR 0010 rule 5)
    filter_backends = (VisibleCasesFilter, TypeCaseListFilter)
    serializer_class = PgaCaseListItemSerializer
    case_type = CASE_TYPE

    def get_queryset(self):
        return Case.objects.filter(case_type=CASE_TYPE).select_related("owner", "team", "person", "pga")

    @extend_schema(summary="PGA cases you may see", tags=["pga"], responses={200: PgaCaseListItemSerializer(many=True)})
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        accesses = access.case_access_many(request.user, page)
        preload_keys([c.person for c in page if c.person_id and accesses[c.pk].sees("personalia")])
        record_case_list(page, user=request.user)
        rows = [presenters.case_list_item(case, accesses[case.pk]) for case in page]
        return self.get_paginated_response(PgaCaseListItemSerializer(rows, many=True).data)

    @extend_schema(summary="Register a referral (aanmelding)", tags=["pga"], request=ReferralInSerializer,
                   responses={201: PgaCaseCreatedSerializer, **ERRORS})
    def post(self, request):
        data = ReferralInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        user = request.user
        case = referral_register(
            actor=user, controller=values.pop("controller") or user.organisation,
            owner=values.pop("owner") or user, person=dict(values.pop("person")), **values,
        )
        return Response(PgaCaseCreatedSerializer(case).data, status=status.HTTP_201_CREATED,
                        headers={"Location": f"{request.path}/{case.pk}"})


class CaseDetail(CaseApiView):
    case_type = CASE_TYPE
    serializer_class = PgaCaseDetailSerializer

    @extend_schema(summary="One case: metadata, and the categories you see", tags=["pga"],
                   responses={200: PgaCaseDetailSerializer, 403: ERRORS[403]})
    def get(self, request, case_id):
        case = self.get_case()
        self.record_read(action=Action.VIEW, object_type="casework.Case")
        body = presenters.case_detail(case, self.case_access, user=request.user)
        return Response(PgaCaseDetailSerializer(body).data)


class Transitions(CaseApiView):
    case_type = CASE_TYPE
    serializer_class = StepCreatedSerializer
    case_actions = {"POST": access.TRANSITION}

    @extend_schema(summary="Transitions you may take now", tags=["transitions"],
                   responses={200: TransitionOptionSerializer(many=True), 403: ERRORS[403]})
    def get(self, request, case_id):
        case = self.get_case()
        rows = [{"to": t.target, "label": workflow_for(case).label(t.target), "requires": list(t.requires)}
                for t in available_transitions(case=case, user=request.user)]
        return Response(TransitionOptionSerializer(rows, many=True).data)

    @extend_schema(
        summary="Move the case to another status", tags=["transitions"], request=TransitionInSerializer,
        responses={201: StepCreatedSerializer, **ERRORS,
                   **CONFLICT},
    )
    def post(self, request, case_id):
        case = self.get_case()
        data = TransitionInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        step = transition(case=case, to=values.pop("to"), by=request.user, reason=values.pop("reason"),
                          expected_version=values.pop("version"), **values)
        body = {**presenters.step(step, sees_notes=True), "case_status": case.status, "case_version": case.version}
        return Response(StepCreatedSerializer(body).data, status=status.HTTP_201_CREATED)

