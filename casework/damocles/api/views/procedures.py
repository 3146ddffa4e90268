"""Damocles procedures (art. 13b Opiumwet) in the API: list, detail per sharing category, and
transitions. Thin, like the PGA views: parse, call one service or selector, record the read,
render. Legal tracks (assessment, announcements, objections, approvals) live in
tracks.py beside this module.
"""

from __future__ import annotations

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
from casework.api.serializers_out import StepCreatedSerializer, TransitionOptionSerializer
from casework.categories import PERSONALIA
from casework.damocles.api import presenters
from casework.damocles.api.selectors import ProcedureListFilter
from casework.damocles.api.serializers.inbound import DamoclesTransitionInSerializer, ProcedureInSerializer
from casework.damocles.api.serializers.outbound import (
    ProcedureCreatedSerializer,
    ProcedureDetailSerializer,
    ProcedureListItemSerializer,
)
from casework.damocles.casetype import CASE_TYPE
from casework.damocles.casetype import PROCESSING_ACTIVITY as DAMOCLES
from casework.damocles.services import procedure_register
from casework.models import Case
from casework.workflow import available_transitions, transition, workflow_for
from encryption.preload import preload_keys


class _DamoclesArea(CaseApiView):
    """A view about one Damocles procedure: another case type in the URL is a 404."""

    case_type = CASE_TYPE


def record_subjects(*, user, case: Case, action: str, object_type: str, subjects: list) -> None:
    """One event per data subject a response discloses (at least one, about the case), in one insert."""
    record_batch(action=action, processing_activity=DAMOCLES, actor=user, targets=[
        Target(object_type=object_type, object_id=case.pk, case_id=case.pk, subject_id=subject)
        for subject in (list(dict.fromkeys(subjects)) or [case.person_id])
    ])


def transition_options(case: Case, user) -> list[dict]:
    return [{"to": t.target, "label": workflow_for(case).label(t.target), "requires": list(t.requires)}
            for t in available_transitions(case=case, user=user)]


class ProcedureList(CaseApiView):
    pagination_class = Pagination  # grows without bound: paged (ADR 0010 rule 5)
    filter_backends = (VisibleCasesFilter, ProcedureListFilter)
    serializer_class = ProcedureListItemSerializer

    def get_queryset(self):
        return Case.objects.filter(case_type=CASE_TYPE).select_related(
            "owner", "team", "damocles", "damocles__premises",
        )

    @extend_schema(summary="Damocles procedures you may see", tags=["damocles"],
                   responses={200: ProcedureListItemSerializer(many=True)})
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        accesses = access.case_access_many(request.user, page)
        preload_keys([c.damocles.premises for c in page if accesses[c.pk].sees(PERSONALIA)])
        record_case_list(page, user=request.user)
        rows = [presenters.list_item(case, accesses[case.pk]) for case in page]
        return self.get_paginated_response(ProcedureListItemSerializer(rows, many=True).data)

    @extend_schema(summary="Register a police report as a new procedure", tags=["damocles"],
                   request=ProcedureInSerializer, responses={201: ProcedureCreatedSerializer, **ERRORS})
    def post(self, request):
        data = ProcedureInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = _plain(data.validated_data)
        user = request.user
        case = procedure_register(actor=user, controller=user.organisation, owner=values.pop("owner") or user,
                                  **values)
        body = {"id": case.pk, "reference": case.reference, "status": case.status,
                "premises": case.damocles.premises_id,
                "earlier_procedures": presenters.earlier_visible(user, case)}
        return Response(ProcedureCreatedSerializer(body).data, status=status.HTTP_201_CREATED,
                        headers={"Location": f"{request.path}/{case.pk}"})


def _plain(value):
    """Nested serializer output (OrderedDicts, lists) as plain dicts and lists for the services."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


class ProcedureDetail(_DamoclesArea):
    serializer_class = ProcedureDetailSerializer

    @extend_schema(summary="One Damocles procedure: metadata, and the categories you see", tags=["damocles"],
                   responses={200: ProcedureDetailSerializer, 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request, case_id):
        case = self.get_case()
        # One event per data subject the response discloses, before it is built (fail closed).
        record_subjects(user=request.user, case=case, action=Action.VIEW, object_type="damocles.DamoclesCase",
                        subjects=presenters.persons_shown(case, self.case_access))
        body = presenters.procedure_detail(case, self.case_access, transitions=transition_options(case, request.user))
        return Response(ProcedureDetailSerializer(body).data)


class ProcedureTransitions(_DamoclesArea):
    serializer_class = StepCreatedSerializer
    case_actions = {"POST": access.TRANSITION}

    @extend_schema(summary="Transitions you may take now", tags=["damocles"],
                   responses={200: TransitionOptionSerializer(many=True), 403: ERRORS[403]})
    def get(self, request, case_id):
        case = self.get_case()
        return Response(TransitionOptionSerializer(transition_options(case, request.user), many=True).data)

    @extend_schema(
        summary="Move the procedure to another status, with the data the step needs", tags=["damocles"],
        request=DamoclesTransitionInSerializer,
        responses={201: StepCreatedSerializer, **ERRORS,
                   **CONFLICT},
    )
    def post(self, request, case_id):
        case = self.get_case()
        data = DamoclesTransitionInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if "costs_recovered" in values:  # step data is stored as JSON
            values["costs_recovered"] = str(values["costs_recovered"])
        step = transition(case=case, to=values.pop("to"), by=request.user, reason=values.pop("reason"),
                          expected_version=values.pop("version"), **values)
        body = {**step_row(step, sees_notes=True), "case_status": case.status, "case_version": case.version}
        return Response(StepCreatedSerializer(body).data, status=status.HTTP_201_CREATED)
