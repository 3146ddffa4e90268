"""Chain partners' reports on a shared PGA case (docs/adr/0031), through casework/pga/services/partners.py.

A partner reads the case through a sharing decision, so a POST needs only read access to the case here;
the service refuses (403, recorded) another organisation's agreement, a case without a decision in force
for the agreements' category, and every role but the chain partner. Reporting an agreement done changes
it: the body carries the case `version` (409 when stale). Lists show a partner only its own
organisation's reports, and nothing once the decision ended or was revoked.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from audit.actions import Action
from casework import access
from casework.api.base import CONFLICT, ERRORS, CaseApiView, named_row, validated_body
from casework.pga.api import presenters
from casework.pga.api.serializers.inbound import PartnerContributionInSerializer, PartnerContributionReviewInSerializer
from casework.pga.api.serializers.outbound import PartnerContributionSerializer
from casework.pga.casetype import CASE_TYPE, PGA_CONFERENCES
from casework.pga.models import Agreement, PartnerContribution
from casework.pga.selectors.partners import visible_to
from casework.pga.services import partner_agreement_done, partner_agreement_note, partner_contribution_review
from encryption.preload import preload_keys

TAGS = ["partner-contributions"]


class _Area(CaseApiView):
    case_type = CASE_TYPE
    category = PGA_CONFERENCES
    visibility_path = "case"
    serializer_class = PartnerContributionSerializer

    def visible(self):
        case = self.get_case()
        rows = PartnerContribution.objects.filter(case=case).select_related("organisation", "written_by")
        return visible_to(self.filter_queryset(rows), case=case, case_access=self.case_access, user=self.request.user)


class PartnerContributionList(_Area):
    case_actions = {"POST": access.VIEW}  # a partner reads the case; the service decides the rest (403 recorded)

    @extend_schema(summary="Reports of chain partners on a case", tags=TAGS,
                   responses={200: PartnerContributionSerializer(many=True), 403: ERRORS[403]})
    def get(self, request, case_id):
        rows = list(self.visible().order_by("written_at"))
        preload_keys(rows)
        self.record_read(action=Action.LIST, object_type="pga.PartnerContribution")
        return Response(PartnerContributionSerializer([presenters.partner_contribution(r) for r in rows],
                                                      many=True).data)

    @extend_schema(summary="Report an agreement of your organisation done, or add a monitoring note", tags=TAGS,
                   request=PartnerContributionInSerializer,
                   responses={201: PartnerContributionSerializer, **ERRORS, **CONFLICT})
    def post(self, request, case_id):
        case = self.get_case()
        values = validated_body(PartnerContributionInSerializer, request)
        agreement = named_row(Agreement.objects.select_related("case"), "agreement", values["agreement"],
                              _("No agreement of this case has this id."), case=case)
        agreement.case = case
        arguments = {"actor": request.user, "agreement": agreement, "text": values["text"],
                     "processing_activity": values["processing_activity"]}
        if values["kind"] == PartnerContribution.Kind.DONE:  # with a version (the serializer asks for it)
            with self.case_update(values["version"]):
                row = partner_agreement_done(**arguments)
        else:
            row = partner_agreement_note(**arguments)
        return Response(PartnerContributionSerializer(presenters.partner_contribution(row)).data,
                        status=status.HTTP_201_CREATED, headers={"Location": f"{request.path}/{row.pk}"})


class PartnerContributionDetail(_Area):
    def get_row(self) -> PartnerContribution:
        return get_object_or_404(self.visible().select_related("case"), pk=self.kwargs["contribution_id"])

    @extend_schema(summary="One report of a chain partner", tags=TAGS,
                   responses={200: PartnerContributionSerializer, **ERRORS})
    def get(self, request, case_id, contribution_id):
        row = self.get_row()
        self.record_read(action=Action.VIEW, object_type="pga.PartnerContribution", object_id=row.pk)
        return Response(PartnerContributionSerializer(presenters.partner_contribution(row)).data)

    @extend_schema(summary="Mark a chain partner's report as seen", tags=TAGS,
                   request=PartnerContributionReviewInSerializer,
                   responses={200: PartnerContributionSerializer, **ERRORS, **CONFLICT})
    def patch(self, request, case_id, contribution_id):
        values = validated_body(PartnerContributionReviewInSerializer, request)
        row = get_object_or_404(PartnerContribution.objects.select_related("case", "organisation", "written_by"),
                                pk=contribution_id, case=self.get_case())
        with self.case_update(values["version"]):
            row = partner_contribution_review(actor=request.user, contribution=row)
        return Response(PartnerContributionSerializer(presenters.partner_contribution(row)).data)
