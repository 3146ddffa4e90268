"""The person overview (casework:person_overview): every case the user may see that links one person.

Thin: the selector (casework/person_overview.py) decides what is listed; the view records one
`view` event (the person as object and subject) before rendering, and answers a person the user
sees no case of exactly as an unknown id: the 404 page, with a recorded refusal.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import require_capability
from casework import disclosures, person_overview
from casework.web.forms import PersonCasesForm


@never_cache
@require_http_methods(["GET"])
def person_overview_view(request: AuthenticatedHttpRequest, person_id) -> HttpResponse:
    require_capability(request.user, "find_cases")
    form = PersonCasesForm(request.GET)
    overview = person_overview.person_overview(user=request.user, person_id=person_id,
                                               case_type=form.value("case_type"))
    if overview is None:
        disclosures.person_refused(person_id=person_id, role=request.user.role or "", reason="person overview")
        raise Http404
    page = form.paginate(overview.rows, request.GET.get("page"))
    disclosures.person_viewed(person_id=overview.person.pk, processing_activity=overview.processing_activity,
                              reason="person overview")
    return render(request, "casework/persons/overview.html", {
        "person": overview.person, "page": page, "form": form, "query": form.query(),
        "filtered": bool(form.value("case_type")),
    })
