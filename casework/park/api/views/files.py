"""Park enforcement files in the API: list (with filters), opening a file, detail per sharing
category, transitions; the recreation objects; the links of any case. Thin, like the Damocles
views: parse, call one service or selector, record the read, render. The legal tracks
(inspections, orders, forfeitures, referrals) live in casework/park/api/views/tracks.py.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts.roles import HANDHAVER, TEAMLEIDER
from audit import record_batch
from audit.actions import Action
from audit.services import Target
from casework import access
from casework.api.base import CONFLICT, ERRORS, ApiView, CaseApiView, named_row, record_case_list
from casework.api.pagination import Pagination
from casework.api.permissions import VisibleCasesFilter
from casework.api.presenters import step as step_row
from casework.api.serializers_out import StepCreatedSerializer, TransitionOptionSerializer
from casework.categories import PERSONALIA
from casework.models import Case
from casework.park.api import presenters
from casework.park.api.selectors import ObjectListFilter, ParkFileListFilter
from casework.park.api.serializers import (
    FileCreatedSerializer,
    FileDetailSerializer,
    FileListItemSerializer,
    FileOpenInSerializer,
    ObjectInSerializer,
    ObjectListItemSerializer,
    ParkCreatedSerializer,
    ParkTransitionInSerializer,
)
from casework.park.casetype import CASE_TYPE
from casework.park.casetype import PROCESSING_ACTIVITY as PARK_ENFORCEMENT
from casework.park.models import Park, RecreationObject
from casework.park.services import object_register, park_file_open
from casework.workflow import available_transitions, transition, workflow_for
from encryption.preload import preload_keys

TAG = ["park"]


class ParkArea(CaseApiView):
    """A view about one park file: another case type in the URL is a 404."""

    case_type = CASE_TYPE


def record_subjects(*, user, case: Case, action: str, object_type: str, subjects: list) -> None:
    """One event per data subject a response discloses (at least one, about the case), in one insert."""
    record_batch(action=action, processing_activity=PARK_ENFORCEMENT, actor=user, targets=[
        Target(object_type=object_type, object_id=case.pk, case_id=case.pk, subject_id=subject)
        for subject in (list(dict.fromkeys(subjects)) or [case.person_id])
    ])


def transition_options(case: Case, user) -> list[dict]:
    return [{"to": t.target, "label": workflow_for(case).label(t.target), "requires": list(t.requires)}
            for t in available_transitions(case=case, user=user)]


class FileList(CaseApiView):
    pagination_class = Pagination  # grows without bound: paged (ADR 0010 rule 5)
    filter_backends = (VisibleCasesFilter, ParkFileListFilter)
    serializer_class = FileListItemSerializer

    def get_queryset(self):
        return Case.objects.filter(case_type=CASE_TYPE).select_related(
            "owner", "team", "park", "park__object", "park__object__park",
        )

    @extend_schema(summary="Park enforcement files you may see", tags=TAG,
                   responses={200: FileListItemSerializer(many=True)})
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        accesses = access.case_access_many(request.user, page)
        preload_keys([c.park.object for c in page if accesses[c.pk].sees(PERSONALIA)])
        record_case_list(page, user=request.user)
        rows = [presenters.list_item(case, accesses[case.pk]) for case in page]
        return self.get_paginated_response(FileListItemSerializer(rows, many=True).data)

    @extend_schema(summary="Open an enforcement file for one named recreation object", tags=TAG,
                   request=FileOpenInSerializer, responses={201: FileCreatedSerializer, **ERRORS})
    def post(self, request):
        data = FileOpenInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        obj = named_row(RecreationObject.objects.select_related("park"), "object", values["object"])
        person = dict(values["person"]) if values.get("person") else None
        case = park_file_open(actor=request.user, object=obj, owner=values.get("owner"), person=person)
        body = {"id": case.pk, "reference": case.reference, "status": case.status, "object": obj.pk}
        return Response(FileCreatedSerializer(body).data, status=status.HTTP_201_CREATED,
                        headers={"Location": f"{request.path}/{case.pk}"})


class FileDetail(ParkArea):
    serializer_class = FileDetailSerializer

    @extend_schema(summary="One park file: metadata, and the categories you see", tags=TAG,
                   responses={200: FileDetailSerializer, 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request, case_id):
        case = self.get_case()
        body, subjects = presenters.file_detail(case, self.case_access, today=timezone.localdate(),
                                                transitions=transition_options(case, request.user))
        # One event per data subject the response discloses, before it is sent (fail closed).
        record_subjects(user=request.user, case=case, action=Action.VIEW, object_type="park.ParkFile",
                        subjects=subjects)
        return Response(FileDetailSerializer(body).data)


class FileTransitions(ParkArea):
    serializer_class = StepCreatedSerializer
    case_actions = {"POST": access.TRANSITION}

    @extend_schema(summary="Transitions you may take now", tags=TAG,
                   responses={200: TransitionOptionSerializer(many=True), 403: ERRORS[403]})
    def get(self, request, case_id):
        case = self.get_case()
        return Response(TransitionOptionSerializer(transition_options(case, request.user), many=True).data)

    @extend_schema(
        summary="Move the file to another status, with the data the step needs", tags=TAG,
        request=ParkTransitionInSerializer,
        responses={201: StepCreatedSerializer, **ERRORS,
                   **CONFLICT},
    )
    def post(self, request, case_id):
        case = self.get_case()
        data = ParkTransitionInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = {key: value for key, value in data.validated_data.items() if value not in (None, "")}
        for name in ("reported_on", "intention_sent_on", "decided_on"):  # step data is stored as JSON
            if name in values:
                values[name] = values[name].isoformat()
        if "order" in values:
            values["order"] = str(values["order"])
        step = transition(case=case, to=values.pop("to"), by=request.user, reason=values.pop("reason"),
                          expected_version=values.pop("version"), **values)
        body = {**step_row(step, sees_notes=True), "case_status": case.status, "case_version": case.version}
        return Response(StepCreatedSerializer(body).data, status=status.HTTP_201_CREATED)


def objects_for(user):
    """Recreation objects are dossiers outside any case: enforcement officers and team leads of the
    park's organisation see them (number, kind, park and open file: no personal data)."""
    if not user.is_active or user.role not in (HANDHAVER, TEAMLEIDER) or user.organisation_id is None:
        return RecreationObject.objects.none()
    return RecreationObject.objects.filter(park__controller_id=user.organisation_id)


class ObjectList(ApiView):
    pagination_class = Pagination  # grows without bound: paged (ADR 0010 rule 5)
    permission_classes = (IsAuthenticated,)
    filter_backends = (ObjectListFilter,)
    serializer_class = ObjectListItemSerializer

    @extend_schema(summary="Recreation objects of your organisation's parks", tags=TAG,
                   responses={200: ObjectListItemSerializer(many=True)})
    def get(self, request):
        objects = self.filter_queryset(objects_for(request.user).select_related("park").order_by("park", "number"))
        page = self.paginate_queryset(objects)
        open_files = {
            case.park.object_id: {"id": case.pk, "reference": case.reference, "status": case.status}
            for case in access.visible_cases(request.user).filter(
                case_type=CASE_TYPE, closed_on__isnull=True, park__object__in=[o.pk for o in page],
            ).select_related("park")
        }
        rows = [{**presenters.object_summary(obj, None), "open_file": open_files.get(obj.pk)} for obj in page]
        return self.get_paginated_response(ObjectListItemSerializer(rows, many=True).data)

    @extend_schema(summary="Register a recreation object (its own dossier)", tags=TAG,
                   request=ObjectInSerializer, responses={201: ParkCreatedSerializer, **ERRORS})
    def post(self, request):
        data = ObjectInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        park = named_row(Park._default_manager.all(), "park", values.pop("park"))
        obj = object_register(actor=request.user, park=park, **values)
        return Response(ParkCreatedSerializer({"id": obj.pk}).data, status=status.HTTP_201_CREATED)
