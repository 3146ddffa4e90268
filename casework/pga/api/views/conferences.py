"""Case conferences and agreements of one case (category pga_conferences), through the PGA services."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from audit.actions import Action
from casework.api.base import CONFLICT, ERRORS, CaseApiView, named_row
from casework.pga.api import presenters
from casework.pga.api.serializers.inbound import (
    AgreementInSerializer,
    AgreementUpdateInSerializer,
    ConferenceInSerializer,
    ConferenceRecordInSerializer,
)
from casework.pga.api.serializers.outbound import AgreementSerializer, ConferenceSerializer
from casework.pga.casetype import CASE_TYPE, PGA_CONFERENCES
from casework.pga.models import Agreement, Conference
from casework.pga.services import agreement_record, agreement_update, conference_plan, conference_record


def _parsed(serializer_class, request) -> dict:
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


class _ConferenceArea(CaseApiView):
    case_type = CASE_TYPE
    category = PGA_CONFERENCES
    visibility_path = "case"


class ConferenceList(_ConferenceArea):
    serializer_class = ConferenceSerializer

    def get_queryset(self):
        return Conference.objects.filter(case=self.get_case()).select_related("created_by").prefetch_related(
            "invited", "attending",
        )

    @extend_schema(summary="Conferences of a case", tags=["conferences"],
                   responses={200: ConferenceSerializer(many=True), 403: ERRORS[403]})
    def get(self, request, case_id):
        rows = list(self.filter_queryset(self.get_queryset()))
        self.record_read(action=Action.LIST, object_type="pga.Conference")
        return Response(ConferenceSerializer([presenters.conference(r) for r in rows], many=True).data)

    @extend_schema(summary="Plan a conference", tags=["conferences"], request=ConferenceInSerializer,
                   responses={201: ConferenceSerializer, **ERRORS})
    def post(self, request, case_id):
        case = self.get_case()
        conference = conference_plan(actor=request.user, case=case, **_parsed(ConferenceInSerializer, request))
        return Response(ConferenceSerializer(presenters.conference(conference)).data, status=status.HTTP_201_CREATED,
                        headers={"Location": f"{request.path}/{conference.pk}"})


class ConferenceDetail(_ConferenceArea):
    serializer_class = ConferenceSerializer

    def get_conference(self) -> Conference:
        return get_object_or_404(Conference, pk=self.kwargs["conference_id"], case=self.get_case())

    @extend_schema(summary="One conference", tags=["conferences"], responses={200: ConferenceSerializer, **ERRORS})
    def get(self, request, case_id, conference_id):
        conference = self.get_conference()
        self.record_read(action=Action.VIEW, object_type="pga.Conference", object_id=conference.pk)
        return Response(ConferenceSerializer(presenters.conference(conference)).data)

    @extend_schema(summary="Record attendance and minutes", tags=["conferences"],
                   request=ConferenceRecordInSerializer,
                   responses={200: ConferenceSerializer, **ERRORS, **CONFLICT})
    def patch(self, request, case_id, conference_id):
        conference = self.get_conference()
        values = _parsed(ConferenceRecordInSerializer, request)
        with self.case_update(values.pop("version")):
            conference = conference_record(actor=request.user, conference=conference, **values)
        return Response(ConferenceSerializer(presenters.conference(conference)).data)


class AgreementList(_ConferenceArea):
    serializer_class = AgreementSerializer

    def get_queryset(self):
        return Agreement.objects.filter(case=self.get_case()).select_related("owner_organisation")

    @extend_schema(summary="Agreements of a case", tags=["agreements"],
                   responses={200: AgreementSerializer(many=True), 403: ERRORS[403]})
    def get(self, request, case_id):
        rows = list(self.filter_queryset(self.get_queryset()))
        self.record_read(action=Action.LIST, object_type="pga.Agreement")
        return Response(AgreementSerializer([presenters.agreement(r) for r in rows], many=True).data)

    @extend_schema(summary="Record an agreement", tags=["agreements"], request=AgreementInSerializer,
                   responses={201: AgreementSerializer, **ERRORS})
    def post(self, request, case_id):
        case = self.get_case()
        values = _parsed(AgreementInSerializer, request)
        conference_id = values.pop("conference")
        conference = None if conference_id is None else named_row(
            Conference.objects.all(), "conference", conference_id, _("The conference belongs to another case."))
        agreement = agreement_record(actor=request.user, case=case, conference=conference, **values)
        return Response(AgreementSerializer(presenters.agreement(agreement)).data, status=status.HTTP_201_CREATED,
                        headers={"Location": f"{request.path}/{agreement.pk}"})


class AgreementDetail(_ConferenceArea):
    serializer_class = AgreementSerializer

    def get_agreement(self) -> Agreement:
        return get_object_or_404(Agreement.objects.select_related("owner_organisation", "case"),
                                 pk=self.kwargs["agreement_id"], case=self.get_case())

    @extend_schema(summary="One agreement", tags=["agreements"], responses={200: AgreementSerializer, **ERRORS})
    def get(self, request, case_id, agreement_id):
        agreement = self.get_agreement()
        self.record_read(action=Action.VIEW, object_type="pga.Agreement", object_id=agreement.pk)
        return Response(AgreementSerializer(presenters.agreement(agreement)).data)

    @extend_schema(summary="Update an agreement's status or due date", tags=["agreements"],
                   request=AgreementUpdateInSerializer,
                   responses={200: AgreementSerializer, **ERRORS, **CONFLICT})
    def patch(self, request, case_id, agreement_id):
        agreement = self.get_agreement()
        values = _parsed(AgreementUpdateInSerializer, request)
        with self.case_update(values.pop("version")):
            agreement = agreement_update(actor=request.user, agreement=agreement, **values)
        return Response(AgreementSerializer(presenters.agreement(agreement)).data)
