"""Case list ("Mijn casussen") and case search. Thin: parse the form, call a selector, record
the disclosure (before rendering: fail closed), render."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts.roles import require_capability
from audit.actions import Action
from casework import disclosures, selectors
from casework.web.read_forms import CaseFilterForm, CaseSearchForm


@never_cache
@require_http_methods(["GET"])
def case_list(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, "find_cases")
    form = CaseFilterForm(request.GET or None, user=request.user)
    filters = form.filters() if request.GET else selectors.CaseFilters()
    today = timezone.localdate()
    calendar = selectors.calendar_around(today)
    cases = selectors.case_list(user=request.user, filters=filters, today=today, calendar=calendar)
    page = Paginator(cases, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.case_rows(user=request.user, cases=list(page.object_list), today=today, calendar=calendar)
    disclosures.cases_disclosed(action=Action.LIST, cases=[row.case for row in rows], reason="case list")
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "casework/cases/list.html", {
        "form": form, "page": page, "rows": rows, "query": query.urlencode(), "today": today,
    })


def _search(user, form: CaseSearchForm) -> list:
    data = form.cleaned_data
    if data["by"] == CaseSearchForm.BY_BSN:
        return selectors.search_by_bsn(user=user, bsn=data["bsn"])
    if data["by"] == CaseSearchForm.BY_NAME:
        return selectors.search_by_name_and_birth(
            user=user, surname=data["surname"], date_of_birth=data["date_of_birth"],
        )
    return selectors.search_by_reference(user=user, reference=data["reference"])


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def case_search(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, "find_cases")
    form = CaseSearchForm(request.POST if request.method == "POST" else None)
    rows = None
    if request.method == "POST" and form.is_valid():
        cases = _search(request.user, form)[: selectors.PAGE_SIZE]
        rows = selectors.case_rows(user=request.user, cases=cases)
        disclosures.cases_disclosed(action=Action.SEARCH, cases=cases, reason=f"search:{form.cleaned_data['by']}",
                                    role=request.user.role)
    return render(request, "casework/cases/search.html", {"form": form, "rows": rows})
