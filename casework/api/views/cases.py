"""Cases of every type: the list (visibility-filtered, with the core filters and `caseType`) and one
case's core columns. The type's own resources (`/api/v1/<case_type>/...`) show the rest.

Core columns only, each filtered by what the caller sees: the person needs the personalia
category, and is left out when they are also a shielded party of the case (a melder) unless the
caller holds that category too. Thin: one selector, one audit batch, render.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from audit.actions import Action
from casework import access, selectors
from casework.api import presenters
from casework.api.base import ERRORS, CaseApiView, record_case_list
from casework.api.pagination import Pagination
from casework.api.permissions import VisibleCasesFilter
from casework.api.selectors import CaseListFilter
from casework.api.serializers_out import CaseDetailSerializer, CaseSerializer
from casework.models import Case
from casework.person_roles import shielded_subjects
from encryption.preload import preload_keys


class CaseList(CaseApiView):
    pagination_class = Pagination  # grows without bound: paged (ADR 0010 rule 5)
    filter_backends = (VisibleCasesFilter, CaseListFilter)
    serializer_class = CaseSerializer

    def get_queryset(self):
        # a row shows its person's names and birth date (presenters.person_summary), nothing else of them
        return Case.objects.select_related("owner", "team", "person").defer(
            *selectors.unlisted_person_fields(shown=("date_of_birth",)))

    @extend_schema(summary="Cases of every type you may see", tags=["cases"],
                   responses={200: CaseSerializer(many=True), 400: ERRORS[400]})
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        accesses = access.case_access_many(request.user, page)
        shielded = shielded_subjects(page)
        shown = {case.pk for case in page if presenters.shows_person(case, accesses[case.pk], shielded)}
        preload_keys([case.person for case in page if case.pk in shown])
        record_case_list(page, user=request.user)
        rows = [presenters.case_item(case, accesses[case.pk], show_person=case.pk in shown) for case in page]
        return self.get_paginated_response(CaseSerializer(rows, many=True).data)


class CaseDetail(CaseApiView):
    serializer_class = CaseDetailSerializer

    @extend_schema(summary="One case of any type: its core columns, and the version to send with updates",
                   tags=["cases"], responses={200: CaseDetailSerializer, 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request, case_id):
        case = self.get_case()
        self.record_read(action=Action.VIEW, object_type="casework.Case")
        changes = self.case_access.allows(access.CHANGE) or self.case_access.allows(access.TRANSITION)
        show = presenters.shows_person(case, self.case_access, shielded_subjects([case]))
        body = {**presenters.case_item(case, self.case_access, show_person=show),
                "categories": sorted(self.case_access.categories), "version": case.version if changes else None}
        return Response(CaseDetailSerializer(body).data)
