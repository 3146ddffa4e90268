"""The privacy officer's audit search by person (casework:privacy_person_audit and its result pages).

Thin: the form parses (nothing posted is rendered back), `audit_search` checks the role, finds the
records, records the search and keeps the result under a server-side handle; the result pages are
addressed by that handle and a keyset cursor. A 403 for any other role is recorded by audit.middleware.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import has_capability
from casework.privacy import audit_search
from casework.privacy.forms import PersonAuditForm

TEMPLATE = "casework/privacy/person_audit.html"


def _require(request: AuthenticatedHttpRequest) -> None:
    if not has_capability(request.user, "privacy_subject_search"):
        raise PermissionDenied


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def person_audit_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request)
    if request.method == "GET":
        return render(request, TEMPLATE, {"form": PersonAuditForm()})
    form = PersonAuditForm(request.POST)
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form}, status=400)
    scope = audit_search.person_audit_search(user=request.user, **form.cleaned_data)
    token = audit_search.handle_create(request.session, scope)
    page = audit_search.results_page(scope)
    return render(request, TEMPLATE, {"form": PersonAuditForm(), "scope": scope, "token": token, "page": page})


@never_cache
@require_GET
def person_audit_results(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    _require(request)
    scope = audit_search.handle_scope(request.session, token)
    if scope is None:
        return render(request, TEMPLATE, {"form": PersonAuditForm(), "expired": True}, status=404)
    audit_search.page_viewed(user=request.user, scope=scope)
    page = audit_search.results_page(scope, older_than=request.GET.get("older"), newer_than=request.GET.get("newer"))
    return render(request, TEMPLATE, {"form": PersonAuditForm(), "scope": scope, "token": token, "page": page})
