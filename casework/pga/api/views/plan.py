"""The plan of approach of one case (category pga_plan): read the latest version, add a version."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from audit.actions import Action
from casework.api.base import ERRORS, CaseApiView
from casework.pga.api import presenters
from casework.pga.api.serializers.inbound import PlanInSerializer
from casework.pga.api.serializers.outbound import PlanSerializer
from casework.pga.casetype import CASE_TYPE, PGA_PLAN
from casework.pga.services import plan_update


class Plan(CaseApiView):
    case_type = CASE_TYPE
    category = PGA_PLAN
    serializer_class = PlanSerializer

    @extend_schema(summary="Latest version of the plan of approach", tags=["plan"],
                   responses={200: PlanSerializer, 404: OpenApiResponse(description="No plan yet."), **ERRORS})
    def get(self, request, case_id):
        case = self.get_case()
        body = presenters.latest_plan(case)
        if body is None:
            raise Http404
        self.record_read(action=Action.VIEW, object_type="pga.PlanVersion")
        return Response(PlanSerializer(body).data)

    @extend_schema(summary="Add a version of the plan of approach", tags=["plan"], request=PlanInSerializer,
                   responses={201: PlanSerializer, **ERRORS})
    def post(self, request, case_id):
        case = self.get_case()
        data = PlanInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        goals = [{**goal, "interventions": [{**item, "id": item.get("id") or "", "partner_id": str(item["partner_id"])}
                                             for item in goal["interventions"]]}
                 for goal in data.validated_data["goals"]]
        with self.case_update(data.validated_data["version"]):
            plan_update(actor=request.user, case=case, goals=goals)
        return Response(PlanSerializer(presenters.latest_plan(case)).data, status=status.HTTP_201_CREATED)
