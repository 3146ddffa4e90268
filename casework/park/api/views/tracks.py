"""The work on one park file beside its status: inspections (and the referral of an occupant or a
Damocles procedure from one), the penalty order with its four-eyes approval, and forfeitures
with their limitation dates. Thin views over casework/park/services/ (links.py for the referral
and the Damocles procedure) and casework/approvals.py; reads are checked against the sharing
category of the part they disclose and audited before rendering.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from audit.actions import Action
from casework import access
from casework.api.base import CONFLICT, ERRORS, named_row, validated_body
from casework.api.serializers_in import VersionedInSerializer
from casework.approvals import approval_decide
from casework.models import Approval, CaseLink
from casework.park.api import presenters
from casework.park.api.serializers import (
    DamoclesFromFindingInSerializer,
    ForfeitureInSerializer,
    ForfeitureSerializer,
    InspectionInSerializer,
    InspectionSerializer,
    LinkCreatedSerializer,
    OrderInSerializer,
    OrderSerializer,
    ParkApprovalDecisionInSerializer,
    ParkCreatedSerializer,
    ParkReferralInSerializer,
)
from casework.park.api.views.files import TAG, ParkArea, record_subjects
from casework.park.categories import PARK_INSPECTIONS, PARK_ORDERS
from casework.park.models import Forfeiture, Inspection, Occupant, PenaltyOrder
from casework.park.services import (
    APPROVAL_SUBJECT,
    forfeiture_mark_expired,
    forfeiture_record,
    inspection_record,
    order_request_approval,
)
from casework.park.services.links import open_damocles_from_finding, refer_occupant_to_pga


def _link_body(link: CaseLink) -> dict:
    return {"id": link.pk, "kind": link.kind, "to_case": link.to_case_id, "to_reference": link.to_case.reference}


class Inspections(ParkArea):
    category = PARK_INSPECTIONS
    serializer_class = InspectionSerializer

    @extend_schema(summary="Inspections and re-inspections of the file's object", tags=TAG,
                   responses={200: InspectionSerializer(many=True), **ERRORS})
    def get(self, request, case_id):
        case = self.get_case()
        self.record_read(action=Action.VIEW, object_type="park.Inspection")
        return Response(InspectionSerializer(presenters.inspections(case), many=True).data)

    @extend_schema(summary="Record an inspection (with `order`: a re-inspection of that order)", tags=TAG,
                   request=InspectionInSerializer, responses={201: InspectionSerializer, **ERRORS})
    def post(self, request, case_id):
        case = self.get_case()
        values = validated_body(InspectionInSerializer, request)
        order_id = values.pop("order")
        order = named_row(PenaltyOrder.objects.all(), "order", order_id, case=case) if order_id else None
        inspection = inspection_record(actor=request.user, case=case, order=order,
                                       officers=values.pop("officers") or [request.user], **values)
        return Response(InspectionSerializer(presenters.inspection(inspection)).data, status=status.HTTP_201_CREATED)


def _inspection(case, inspection_id) -> Inspection:
    return get_object_or_404(Inspection.objects.select_related("case", "object"), pk=inspection_id, case=case)


class Referral(ParkArea):
    serializer_class = LinkCreatedSerializer

    @extend_schema(summary="Refer an occupant found at this inspection to a new PGA case, with its sharing "
                           "decision (one step)", tags=TAG, request=ParkReferralInSerializer,
                   responses={201: LinkCreatedSerializer, **ERRORS})
    def post(self, request, case_id, inspection_id):
        case = self.get_case()
        inspection = _inspection(case, inspection_id)
        values = validated_body(ParkReferralInSerializer, request)
        occupant = named_row(Occupant.objects.select_related("person"), "occupant", values.pop("occupant"))
        link = refer_occupant_to_pga(actor=request.user, inspection=inspection, occupant=occupant, **values)
        return Response(LinkCreatedSerializer(_link_body(link)).data, status=status.HTTP_201_CREATED)


class DamoclesFromFinding(ParkArea):
    serializer_class = LinkCreatedSerializer

    @extend_schema(summary="Open a Damocles procedure (art. 13b Opiumwet) from this inspection's drugs finding",
                   tags=TAG, request=DamoclesFromFindingInSerializer,
                   responses={201: LinkCreatedSerializer, **ERRORS})
    def post(self, request, case_id, inspection_id):
        case = self.get_case()
        inspection = _inspection(case, inspection_id)
        values = validated_body(DamoclesFromFindingInSerializer, request)
        values["findings"] = [dict(finding) for finding in values["findings"]]
        link = open_damocles_from_finding(actor=request.user, inspection=inspection, **values)
        return Response(LinkCreatedSerializer(_link_body(link)).data, status=status.HTTP_201_CREATED)


class Orders(ParkArea):
    category = PARK_ORDERS
    serializer_class = OrderSerializer

    @extend_schema(summary="Orders subject to a penalty, with announcements, remedies and forfeitures", tags=TAG,
                   responses={200: OrderSerializer(many=True), **ERRORS})
    def get(self, request, case_id):
        case = self.get_case()
        subjects: list = []
        rows = presenters.orders(case, timezone.localdate(), subjects)
        record_subjects(user=request.user, case=case, action=Action.VIEW, object_type="park.PenaltyOrder",
                        subjects=subjects)
        return Response(OrderSerializer(rows, many=True).data)

    @extend_schema(summary="Draft the order for the file's object and ask a team lead to approve it (four eyes)",
                   tags=TAG, request=OrderInSerializer, responses={201: OrderSerializer, **ERRORS})
    def post(self, request, case_id):
        case = self.get_case()
        order = order_request_approval(actor=request.user, case=case, **validated_body(OrderInSerializer, request))
        return Response(OrderSerializer(presenters.order(order, timezone.localdate(), [])).data,
                        status=status.HTTP_201_CREATED)


class OrderApprovalDecision(ParkArea):
    serializer_class = ParkCreatedSerializer
    case_actions = {"POST": access.APPROVE}

    @extend_schema(summary="Approve or reject the drafted order (team lead, not the requester)", tags=TAG,
                   request=ParkApprovalDecisionInSerializer,
                   responses={200: ParkCreatedSerializer, **ERRORS, **CONFLICT})
    def post(self, request, case_id, order_id):
        case = self.get_case()
        order = get_object_or_404(PenaltyOrder, pk=order_id, case=case)
        approval = get_object_or_404(Approval.objects.select_related("case", "requested_by"), pk=order.approval_id,
                                     case=case, subject=APPROVAL_SUBJECT)
        values = validated_body(ParkApprovalDecisionInSerializer, request)
        with self.case_update(values.pop("version")):
            approval = approval_decide(approval=approval, approver=request.user, **values)
        return Response(ParkCreatedSerializer({"id": approval.pk}).data)


class Forfeitures(ParkArea):
    category = PARK_ORDERS
    serializer_class = ForfeitureSerializer

    @extend_schema(summary="Forfeited penalties with payment and limitation dates, and their warning level",
                   tags=TAG, responses={200: ForfeitureSerializer(many=True), **ERRORS})
    def get(self, request, case_id):
        case = self.get_case()
        self.record_read(action=Action.VIEW, object_type="penalties.Forfeiture")
        return Response(ForfeitureSerializer(presenters.forfeitures_of(case, timezone.localdate()), many=True).data)

    @extend_schema(summary="Record a forfeited amount (Awb 5:33); its limitation date is computed", tags=TAG,
                   request=ForfeitureInSerializer, responses={201: ForfeitureSerializer, **ERRORS})
    def post(self, request, case_id):
        case = self.get_case()
        values = validated_body(ForfeitureInSerializer, request)
        order = named_row(PenaltyOrder.objects.select_related("case"), "order", values.pop("order"), case=case)
        basis = named_row(Inspection.objects.all(), "basis", values.pop("basis"), case=case)
        row = forfeiture_record(actor=request.user, order=order, basis=basis, **values)
        return Response(ForfeitureSerializer(presenters.forfeiture(row, timezone.localdate())).data,
                        status=status.HTTP_201_CREATED)


class ForfeitureExpired(ParkArea):
    serializer_class = ForfeitureSerializer

    @extend_schema(summary="Mark a forfeiture time-barred (verjaard): refused on or before its limitation date",
                   tags=TAG, request=VersionedInSerializer,
                   responses={200: ForfeitureSerializer, **ERRORS, **CONFLICT})
    def post(self, request, case_id, forfeiture_id):
        case = self.get_case()
        row = get_object_or_404(Forfeiture.objects.select_related("case"), pk=forfeiture_id,
                                case=case)
        with self.case_update(validated_body(VersionedInSerializer, request)["version"]):
            row = forfeiture_mark_expired(actor=request.user, forfeiture=row)
        return Response(ForfeitureSerializer(presenters.forfeiture(row, timezone.localdate())).data)

