"""The privacy officer's subject search page (casework:privacy_subject_search).

Thin: the form parses, `subjects.subject_search` checks the role, looks up and records the
audit events; the page shows controller and pseudonym per record, with a link to the audit
trail filtered by that pseudonym. A 403 for any other role is recorded by audit.middleware.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import has_capability
from casework.privacy.forms import SubjectSearchForm
from casework.privacy.subjects import subject_search

TEMPLATE = "casework/privacy/subject_search.html"


@never_cache
@require_http_methods(["GET", "POST"])
def subject_search_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not has_capability(request.user, "privacy_subject_search"):
        raise PermissionDenied
    if request.method == "GET":
        return render(request, TEMPLATE, {"form": SubjectSearchForm(), "records": None})
    form = SubjectSearchForm(request.POST)
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form, "records": None}, status=400)
    records = subject_search(user=request.user, **form.cleaned_data)
    # A fresh form: the BSN that was searched is not echoed back into the page.
    return render(request, TEMPLATE, {"form": SubjectSearchForm(), "records": records})
