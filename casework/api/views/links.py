"""Links between cases (casework/links.py): listed only when the caller may see both cases."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from casework.api.base import CaseApiView
from casework.links import links_for


class LinkedCaseSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    case_type = serializers.CharField()
    status = serializers.CharField()


class LinkSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    outgoing = serializers.BooleanField(help_text="true: this case led to the other one.")
    other = LinkedCaseSerializer()
    at = serializers.DateTimeField()



class CaseLinks(CaseApiView):
    """Links of any case; a link is listed only when you may see both of its cases."""

    serializer_class = LinkSerializer

    @extend_schema(summary="Cases linked to this case (shown only when you see both)", tags=["cases"],
                   responses={200: LinkSerializer(many=True),
                              403: OpenApiResponse(description="No access (recorded as access_denied)."),
                              404: OpenApiResponse(description="No such case.")})
    def get(self, request, case_id):
        case = self.get_case()
        rows = [
            {"id": view.link.pk, "kind": view.link.kind, "kind_label": view.kind_label, "outgoing": view.outgoing,
             "other": {"id": view.other.pk, "reference": view.other.reference, "case_type": view.other.case_type,
                       "status": view.other.status}, "at": view.link.at}
            for view in links_for(request.user, case)
        ]
        return Response(LinkSerializer(rows, many=True).data)
