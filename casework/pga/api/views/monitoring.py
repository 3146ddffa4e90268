"""Monitoring of a PGA case through the API: measurements of zelfredzaamheid per life domain (category
pga_self_reliance) and monitoring notes per agreement (category pga_conferences), through the same services
as the web pages (casework/pga/services/monitoring.py). Both are written once (no version), read with an
audit event, and shown only to who sees their category."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from audit.actions import Action
from casework.api.base import ERRORS, CaseApiView, validated_body
from casework.pga.api import presenters
from casework.pga.api.serializers.inbound import AgreementNoteInSerializer, MeasurementInSerializer
from casework.pga.api.serializers.outbound import AgreementNoteSerializer, MeasurementSerializer
from casework.pga.casetype import CASE_TYPE, PGA_CONFERENCES, PGA_SELF_RELIANCE
from casework.pga.models import Agreement, AgreementNote, SelfRelianceMeasurement
from casework.pga.services.monitoring import agreement_note_add, measurement_record
from encryption.preload import preload_keys


class Measurements(CaseApiView):
    case_type = CASE_TYPE
    category = PGA_SELF_RELIANCE
    serializer_class = MeasurementSerializer
    pagination_class = None  # one array of the case's rows (docs/adr/0010-api-rules.md rule 5)

    @extend_schema(summary="Measurements of self-reliance per life domain", tags=["monitoring"],
                   responses={200: MeasurementSerializer(many=True), 403: ERRORS[403]})
    def get(self, request, case_id):
        rows = list(SelfRelianceMeasurement.objects.filter(case=self.get_case()).select_related("created_by")
                    .order_by("measured_on", "created_at"))
        preload_keys(rows)
        self.record_read(action=Action.LIST, object_type="pga.SelfRelianceMeasurement")
        return Response(MeasurementSerializer([presenters.measurement(row) for row in rows], many=True).data)

    @extend_schema(summary="Record a measurement of self-reliance", tags=["monitoring"],
                   request=MeasurementInSerializer, responses={201: MeasurementSerializer, **ERRORS})
    def post(self, request, case_id):
        values = validated_body(MeasurementInSerializer, request)
        row = measurement_record(actor=request.user, case=self.get_case(), **values)
        return Response(MeasurementSerializer(presenters.measurement(row)).data, status=status.HTTP_201_CREATED)


class AgreementNotes(CaseApiView):
    case_type = CASE_TYPE
    category = PGA_CONFERENCES
    serializer_class = AgreementNoteSerializer
    pagination_class = None

    def get_agreement(self) -> Agreement:
        return get_object_or_404(Agreement.objects.select_related("case"), pk=self.kwargs["agreement_id"],
                                 case=self.get_case())

    @extend_schema(summary="Monitoring notes of an agreement", tags=["monitoring"],
                   responses={200: AgreementNoteSerializer(many=True), **ERRORS})
    def get(self, request, case_id, agreement_id):
        agreement = self.get_agreement()
        rows = list(AgreementNote.objects.filter(agreement=agreement).select_related("written_by")
                    .order_by("written_at"))
        preload_keys(rows)
        self.record_read(action=Action.LIST, object_type="pga.AgreementNote")
        return Response(AgreementNoteSerializer([presenters.agreement_note(row) for row in rows], many=True).data)

    @extend_schema(summary="Add a monitoring note to an agreement", tags=["monitoring"],
                   request=AgreementNoteInSerializer, responses={201: AgreementNoteSerializer, **ERRORS})
    def post(self, request, case_id, agreement_id):
        values = validated_body(AgreementNoteInSerializer, request)
        agreement = self.get_agreement()
        agreement.case = self.get_case()
        row = agreement_note_add(actor=request.user, agreement=agreement, **values)
        return Response(AgreementNoteSerializer(presenters.agreement_note(row)).data, status=status.HTTP_201_CREATED)
