"""The case page. Access is checked first (a refusal renders the "no access" page with status
403, offering emergency access to those who may use it); the view event is recorded before
anything of the case is read for rendering."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from casework import access, disclosures, workflow
from casework.models import Case
from casework.timeline import case_page


def no_access_response(request: HttpRequest, case: Case) -> HttpResponse:
    """403 without anything about the case (not even its reference), and the break-glass link."""
    return render(request, "casework/cases/no_access.html", {
        "case_id": case.pk, "can_break_glass": access.can_break_glass(request.user, case),
    }, status=403)


@never_cache
@require_http_methods(["GET"])
def case_detail(request: HttpRequest, case_id) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("person", "owner", "team", "controller",
                                                          "referring_organisation"), pk=case_id)
    try:
        case_access = access.require(request.user, access.VIEW, case)
    except PermissionDenied:
        return no_access_response(request, case)
    disclosures.case_viewed(case=case, reason=f"via:{case_access.via}")
    page = case_page(user=request.user, case=case, case_access=case_access)
    return render(request, "casework/cases/detail.html", {
        "page": page, "case": case,
        "transitions": [{"target": step.target, "label": workflow.workflow_for(case).label(step.target)}
                        for step in workflow.available_transitions(case=case, user=request.user)],
        "may_change": case_access.allows(access.CHANGE) and not case.is_closed,
        "may_share": case_access.allows(access.SHARE) and not case.is_closed,
        "may_hand_over": case_access.allows(access.HANDOVER),
    })
