"""The work on one Damocles procedure beside its status: the assessment, the four-eyes approval of
the decision, and the parallel legal tracks (announcements per addressee, objections, interim
relief). Thin views over casework/damocles/services/ and casework/approvals.py; reads are
checked against the sharing category of the part they disclose and audited before rendering.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from audit.actions import Action
from casework import access
from casework.api.base import CONFLICT, ERRORS, named_row
from casework.api.remedies import ObjectionInSerializer, ObjectionUpdateInSerializer
from casework.approvals import approval_decide
from casework.damocles.api import presenters
from casework.damocles.api.serializers.inbound import (
    AnnouncementInSerializer,
    ApprovalDecisionInSerializer,
    AssessmentInSerializer,
    ClosureRegistrationInSerializer,
    InterimReliefInSerializer,
    InterimReliefUpdateInSerializer,
)
from casework.damocles.api.serializers.outbound import (
    AnnouncementSerializer,
    ApprovalSerializer,
    AssessmentAreaSerializer,
    DecisionSerializer,
    InterimReliefSerializer,
    ObjectionSerializer,
)
from casework.damocles.api.views.procedures import _DamoclesArea, record_subjects
from casework.damocles.casetype import DAMOCLES_DECISION
from casework.damocles.services import (
    APPROVAL_SUBJECT,
    announcement_register,
    assessment_record,
    interim_relief_register,
    interim_relief_update,
    objection_register,
    objection_update,
    propose_sanction,
)
from casework.damocles.services.decisions import closure_registration_record, decision_approval_request
from casework.models import Approval, Person
from casework.remedies.component import REMEDIES
from casework.remedies.models import Announcement, InterimRelief, Objection


def _parsed(serializer_class, request) -> dict:
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


class Assessment(_DamoclesArea):
    category = DAMOCLES_DECISION
    serializer_class = AssessmentAreaSerializer

    def body(self, case) -> dict:
        try:
            proposal = propose_sanction(case=case)
        except ValidationError as error:  # no policy in force, no report: say so, still show the record
            return {"proposal": None, "proposal_error": " ".join(error.messages),
                    "assessment": presenters.assessment(case.damocles)}
        return {"proposal": presenters.proposal(proposal), "proposal_error": None,
                "assessment": presenters.assessment(case.damocles)}

    @extend_schema(summary="The policy's proposal and the recorded assessment", tags=["damocles"],
                   responses={200: AssessmentAreaSerializer, **ERRORS})
    def get(self, request, case_id):
        case = self.get_case()
        self.record_read(action=Action.VIEW, object_type="damocles.DamoclesCase")
        return Response(AssessmentAreaSerializer(self.body(case)).data)

    @extend_schema(summary="Record the assessment: the chosen sanction and the proportionality test",
                   tags=["damocles"], request=AssessmentInSerializer,
                   responses={200: AssessmentAreaSerializer, **ERRORS, **CONFLICT})
    def post(self, request, case_id):
        self.get_case()  # access first: a refused caller learns nothing about the input
        values = _parsed(AssessmentInSerializer, request)
        with self.case_update(values.pop("version")) as case:
            assessment_record(actor=request.user, case=case, **values)
        case.damocles.refresh_from_db()
        return Response(AssessmentAreaSerializer(self.body(case)).data)


class Approvals(_DamoclesArea):
    """Four eyes: the officer asks; a team lead of the controller (not the requester) decides."""

    serializer_class = ApprovalSerializer

    @extend_schema(summary="Ask a team lead to approve the decision (four eyes)", tags=["damocles"],
                   request=None, responses={201: ApprovalSerializer, **ERRORS})
    def post(self, request, case_id):
        case = self.get_case()
        approval = decision_approval_request(actor=request.user, case=case)
        return Response(ApprovalSerializer(presenters.approval(approval)).data, status=status.HTTP_201_CREATED)


class ApprovalDecision(_DamoclesArea):
    serializer_class = ApprovalSerializer
    case_actions = {"POST": access.APPROVE}

    @extend_schema(summary="Approve or reject the decision (team lead, not the requester)", tags=["damocles"],
                   request=ApprovalDecisionInSerializer, responses={200: ApprovalSerializer, **ERRORS, **CONFLICT})
    def post(self, request, case_id, approval_id):
        case = self.get_case()
        approval = get_object_or_404(Approval.objects.select_related("case", "requested_by"), pk=approval_id,
                                     case=case, subject=APPROVAL_SUBJECT)
        values = _parsed(ApprovalDecisionInSerializer, request)
        with self.case_update(values.pop("version")):
            approval = approval_decide(approval=approval, approver=request.user, **values)
        return Response(ApprovalSerializer(presenters.approval(approval)).data)


class ClosureRegistration(_DamoclesArea):
    serializer_class = DecisionSerializer

    @extend_schema(summary="Record the posted order and the Wkpb registration after the sealing",
                   tags=["damocles"], request=ClosureRegistrationInSerializer,
                   responses={200: DecisionSerializer, **ERRORS, **CONFLICT})
    def post(self, request, case_id):
        self.get_case()
        values = _parsed(ClosureRegistrationInSerializer, request)
        with self.case_update(values.pop("version")) as case:
            details = closure_registration_record(actor=request.user, case=case, **values)
        return Response(DecisionSerializer(presenters.decision(details, self.case_access)).data)


class _Remedies(_DamoclesArea):
    category = REMEDIES
    visibility_path = "case"


class Announcements(_Remedies):
    serializer_class = AnnouncementSerializer

    @extend_schema(summary="Announcements of the decision, one per addressee", tags=["damocles"],
                   responses={200: AnnouncementSerializer(many=True), **ERRORS})
    def get(self, request, case_id):
        case = self.get_case()
        rows = list(self.filter_queryset(Announcement.objects.filter(case=case).select_related("addressee_person")))
        record_subjects(user=request.user, case=case, action=Action.LIST, object_type="remedies.Announcement",
                        subjects=[r.addressee_person_id for r in rows if r.addressee_person_id])
        return Response(AnnouncementSerializer([presenters.announcement(r) for r in rows], many=True).data)

    @extend_schema(summary="Register the announcement to one addressee (own objection deadline)",
                   tags=["damocles"], request=AnnouncementInSerializer, responses={201: AnnouncementSerializer,
                                                                                  **ERRORS})
    def post(self, request, case_id):
        case = self.get_case()
        values = _parsed(AnnouncementInSerializer, request)
        person_id = values.pop("addressee_person")
        person = None if person_id is None else named_row(Person.objects.all(), "addressee_person", person_id,
                                                          _("Choose a registered person."))
        announcement = announcement_register(actor=request.user, case=case, addressee_person=person, **values)
        return Response(AnnouncementSerializer(presenters.announcement(announcement)).data,
                        status=status.HTTP_201_CREATED)


class Objections(_Remedies):
    serializer_class = ObjectionSerializer

    @extend_schema(summary="Objections against the decision, with their decision terms", tags=["damocles"],
                   responses={200: ObjectionSerializer(many=True), **ERRORS})
    def get(self, request, case_id):
        case = self.get_case()
        rows = list(self.filter_queryset(Objection.objects.filter(case=case)))
        self.record_read(action=Action.LIST, object_type="remedies.Objection")
        return Response(ObjectionSerializer([presenters.objection(r) for r in rows], many=True).data)

    @extend_schema(summary="Register an objection (the decision term is computed)", tags=["damocles"],
                   request=ObjectionInSerializer, responses={201: ObjectionSerializer, **ERRORS})
    def post(self, request, case_id):
        case = self.get_case()
        values = _parsed(ObjectionInSerializer, request)
        announcement = named_row(Announcement.objects.all(), "announcement", values.pop("announcement"),
                                 _("The announcement belongs to another case."), case=case)
        objection = objection_register(actor=request.user, case=case, announcement=announcement, **values)
        return Response(ObjectionSerializer(presenters.objection(objection)).data, status=status.HTTP_201_CREATED)


class ObjectionDetail(_Remedies):
    serializer_class = ObjectionSerializer

    def get_objection(self) -> Objection:
        return get_object_or_404(Objection.objects.select_related("case", "announcement"),
                                 pk=self.kwargs["objection_id"], case=self.get_case())

    @extend_schema(summary="One objection", tags=["damocles"], responses={200: ObjectionSerializer, **ERRORS})
    def get(self, request, case_id, objection_id):
        objection = self.get_objection()
        self.record_read(action=Action.VIEW, object_type="remedies.Objection", object_id=objection.pk)
        return Response(ObjectionSerializer(presenters.objection(objection)).data)

    @extend_schema(summary="Suspension, extension (with ground), state and outcome of an objection",
                   tags=["damocles"], request=ObjectionUpdateInSerializer,
                   responses={200: ObjectionSerializer, **ERRORS, **CONFLICT})
    def patch(self, request, case_id, objection_id):
        objection = self.get_objection()
        values = _parsed(ObjectionUpdateInSerializer, request)
        with self.case_update(values.pop("version")):
            objection = objection_update(actor=request.user, objection=objection, **values)
        return Response(ObjectionSerializer(presenters.objection(objection)).data)


class InterimReliefs(_Remedies):
    serializer_class = InterimReliefSerializer

    @extend_schema(summary="Requests for interim relief (only the judge's suspension suspends)",
                   tags=["damocles"], responses={200: InterimReliefSerializer(many=True), **ERRORS})
    def get(self, request, case_id):
        case = self.get_case()
        rows = list(self.filter_queryset(InterimRelief.objects.filter(case=case)))
        self.record_read(action=Action.LIST, object_type="remedies.InterimRelief")
        return Response(InterimReliefSerializer([presenters.interim_relief(r) for r in rows], many=True).data)

    @extend_schema(summary="Register a request for interim relief", tags=["damocles"],
                   request=InterimReliefInSerializer, responses={201: InterimReliefSerializer, **ERRORS})
    def post(self, request, case_id):
        relief = interim_relief_register(actor=request.user, case=self.get_case(),
                                         **_parsed(InterimReliefInSerializer, request))
        return Response(InterimReliefSerializer(presenters.interim_relief(relief)).data,
                        status=status.HTTP_201_CREATED)


class InterimReliefDetail(_Remedies):
    serializer_class = InterimReliefSerializer

    @extend_schema(summary="The judge's ruling, a withdrawal, or whether the municipality waits",
                   tags=["damocles"], request=InterimReliefUpdateInSerializer,
                   responses={200: InterimReliefSerializer, **ERRORS, **CONFLICT})
    def patch(self, request, case_id, relief_id):
        relief = get_object_or_404(InterimRelief.objects.select_related("case"), pk=relief_id, case=self.get_case())
        values = _parsed(InterimReliefUpdateInSerializer, request)
        with self.case_update(values.pop("version")):
            relief = interim_relief_update(actor=request.user, relief=relief, **values)
        return Response(InterimReliefSerializer(presenters.interim_relief(relief)).data)
