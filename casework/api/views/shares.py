"""Sharing decisions of one case: list, create, revoke (casework/sharing.py writes the events).

A revocation is an update of the case: it carries the case `version` (casework/versions.py)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from audit.actions import Action
from casework import access
from casework.api import presenters
from casework.api.base import CONFLICT, ERRORS, CaseApiView
from casework.api.selectors import shares_for
from casework.api.serializers_in import RevocationInSerializer, ShareInSerializer
from casework.api.serializers_out import ShareSerializer
from casework.models import SharingDecision
from casework.sharing import share_create, share_revoke


class _ShareArea(CaseApiView):
    serializer_class = ShareSerializer
    visibility_path = "case"
    case_actions = {"POST": access.SHARE}

    def present(self, share: SharingDecision) -> dict:
        return presenters.share(share, show_weighing=self.case_access.allows(access.SHARE),
                                today=timezone.localdate())


class ShareList(_ShareArea):
    def get_queryset(self):
        return shares_for(self.request.user, self.get_case(), self.case_access)

    @extend_schema(summary="Sharing decisions of a case", tags=["shares"],
                   responses={200: ShareSerializer(many=True), 403: ERRORS[403]})
    def get(self, request, case_id):
        self.get_case()
        rows = list(self.filter_queryset(self.get_queryset().order_by("decided_at", "id")))
        self.record_read(action=Action.LIST, object_type="casework.SharingDecision")
        return Response(ShareSerializer([self.present(r) for r in rows], many=True).data)

    @extend_schema(summary="Share the case (or categories of it) with a partner", tags=["shares"],
                   request=ShareInSerializer, responses={201: ShareSerializer, **ERRORS})
    def post(self, request, case_id):
        case = self.get_case()
        data = ShareInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        share = share_create(actor=request.user, case=case, **data.validated_data)
        return Response(ShareSerializer(self.present(share)).data, status=status.HTTP_201_CREATED)


class ShareRevoke(_ShareArea):
    @extend_schema(summary="Revoke a sharing decision (ends access at once)", tags=["shares"],
                   request=RevocationInSerializer, responses={200: ShareSerializer, **ERRORS, **CONFLICT})
    def post(self, request, case_id, share_id):
        case = self.get_case()
        share = get_object_or_404(SharingDecision.objects.select_related("partner", "decided_by", "case"),
                                  pk=share_id, case=case)
        data = RevocationInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with self.case_update(data.validated_data["version"]):
            share = share_revoke(actor=request.user, share=share, reason=data.validated_data["reason"])
        return Response(ShareSerializer(self.present(share)).data)
