"""Objections against a park order, as announced to one addressee: registered (Awb 6:9: a late one is
flagged for the official's admissibility decision, 6:11; docs/adr/0015) and updated (posting date,
excusable lateness, the 7:10 lid 2 suspension, lid 3 extension and lid 4 postponement with their
lid 5 notice, state and outcome). Thin views over the services the web pages call
(casework/park/services/tracks.py, on the core's casework/remedies/objections.py); an update carries
the case `version` (ADR 0010: 409 `stale` when it changed). Reads need the `remedies` category and
are audited before the response is built.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from audit.actions import Action
from casework.api.base import CONFLICT, ERRORS, named_row, validated_body
from casework.api.remedies import ObjectionInSerializer, ObjectionUpdateInSerializer
from casework.park.api import presenters
from casework.park.api.serializers import ParkObjectionSerializer
from casework.park.api.views.files import TAG, ParkArea
from casework.park.services import objection_register, objection_update
from casework.park.services.tracks import DECISION
from casework.remedies.component import REMEDIES
from casework.remedies.models import Announcement, Objection


class _Remedies(ParkArea):
    category = REMEDIES
    serializer_class = ParkObjectionSerializer


class Objections(_Remedies):
    @extend_schema(summary="Objections against the file's orders, with admissibility and decision terms", tags=TAG,
                   responses={200: ParkObjectionSerializer(many=True), **ERRORS})
    def get(self, request, case_id):
        case = self.get_case()
        rows = list(Objection.objects.filter(case=case).order_by("received_on", "id"))
        self.record_read(action=Action.LIST, object_type="remedies.Objection")
        return Response(ParkObjectionSerializer([presenters.objection(r) for r in rows], many=True).data)

    @extend_schema(summary="Register an objection against an order as announced to one addressee (a late one is "
                           "flagged, Awb 6:9)", tags=TAG, request=ObjectionInSerializer,
                   responses={201: ParkObjectionSerializer, **ERRORS})
    def post(self, request, case_id):
        case = self.get_case()
        values = validated_body(ObjectionInSerializer, request)
        announcement = named_row(Announcement.objects.all(), "announcement", values.pop("announcement"),
                                 _("Choose an announcement of an order of this file."), case=case,
                                 decision_type=DECISION)
        objection = objection_register(actor=request.user, announcement=announcement, **values)
        return Response(ParkObjectionSerializer(presenters.objection(objection)).data, status=status.HTTP_201_CREATED)


class ObjectionDetail(_Remedies):
    def get_objection(self) -> Objection:
        return get_object_or_404(Objection.objects.select_related("case", "announcement"),
                                 pk=self.kwargs["objection_id"], case=self.get_case())

    @extend_schema(summary="One objection", tags=TAG, responses={200: ParkObjectionSerializer, **ERRORS})
    def get(self, request, case_id, objection_id):
        objection = self.get_objection()
        self.record_read(action=Action.VIEW, object_type="remedies.Objection", object_id=objection.pk)
        return Response(ParkObjectionSerializer(presenters.objection(objection)).data)

    @extend_schema(summary="Posting date, excusable lateness (Awb 6:9, 6:11), suspension, extension and "
                           "postponement with their notice (Awb 7:10 lid 2-5), state and outcome", tags=TAG,
                   request=ObjectionUpdateInSerializer,
                   responses={200: ParkObjectionSerializer, **ERRORS, **CONFLICT})
    def patch(self, request, case_id, objection_id):
        objection = self.get_objection()
        values = validated_body(ObjectionUpdateInSerializer, request)
        with self.case_update(values.pop("version")):
            objection = objection_update(actor=request.user, objection=objection, **values)
        return Response(ParkObjectionSerializer(presenters.objection(objection)).data)
