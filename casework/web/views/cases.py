"""Case list ("Mijn casussen"), case search and the case page. Thin: parse the form, call a
selector, record the disclosure (before rendering: fail closed), render.

The case page checks access first (a refusal renders the "no access" page with status 403,
offering emergency access to those who may use it); the view event is recorded before anything
of the case is read for rendering."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import require_capability
from audit.actions import Action
from casework import access, disclosures, registry, selectors, workflow
from casework.csv_export import csv_response
from casework.models import Case, SavedFilter
from casework.timeline import case_page
from casework.web import exports
from casework.web.forms import CaseFilterForm, CaseSearchForm
from casework.web.views.saved_filters import saved_for

EXPORT_LIMIT = 1000  # below paging.LIST_COUNT_CAP, where the list stops counting (RowsByPage.first_within)


def _filtered(request: AuthenticatedHttpRequest) -> tuple[CaseFilterForm, Any, date, Any]:
    """The case list's filters and the cases they select (the list page and its CSV export)."""
    require_capability(request.user, "find_cases")
    form = CaseFilterForm(request.GET, user=request.user)
    today = timezone.localdate()
    calendar = selectors.calendar_around(today)
    return form, selectors.case_list(user=request.user, filters=form.filters(), today=today,
                                     calendar=calendar), today, calendar


@never_cache
@require_http_methods(["GET"])
def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, cases, today, calendar = _filtered(request)
    page = form.paginate(cases, request.GET.get("page"))
    rows = selectors.case_rows(user=request.user, cases=list(page.object_list), today=today, calendar=calendar)
    disclosures.cases_disclosed(action=Action.LIST, cases=[row.case for row in rows], reason="case list")
    return render(request, "casework/cases/list.html", {
        "form": form, "page": page, "rows": rows, "query": form.query(), "today": today,
        "saved_filters": saved_for(SavedFilter.Page.CASES, request.user), "saved_page": SavedFilter.Page.CASES,
        "export_limit": EXPORT_LIMIT,
    })


@never_cache
@require_http_methods(["GET"])
def case_list_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The filtered case list as CSV: at most EXPORT_LIMIT rows, what each row's viewer may see
    (the person's name only where personalia are shared), one `export` event per case."""
    form, found, today, calendar = _filtered(request)
    cases = found.first_within(EXPORT_LIMIT)  # a refused export reads no row (casework/paging.py)
    if cases is None:
        messages.error(request, _("More than %(limit)d cases match these filters. Narrow the filters to export "
                                  "them.") % {"limit": EXPORT_LIMIT})
        url = reverse("casework:case_list")
        return redirect(f"{url}?{form.query()}" if form.query() else url)
    rows = selectors.case_rows(user=request.user, cases=cases, today=today, calendar=calendar)
    disclosures.cases_disclosed(action=Action.EXPORT, cases=[row.case for row in rows], reason="case list export")
    return csv_response(*exports.case_rows_csv(rows), filename=f"casussen-{today.isoformat()}.csv")


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
def case_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, "find_cases")
    form = CaseSearchForm(request.POST if request.method == "POST" else None)
    rows = None
    if request.method == "POST" and form.is_valid():
        cases = _search(request.user, form)[: selectors.PAGE_SIZE]
        rows = selectors.case_rows(user=request.user, cases=cases)
        disclosures.cases_disclosed(action=Action.SEARCH, cases=cases, reason=f"search:{form.cleaned_data['by']}",
                                    role=request.user.role or "")
    return render(request, "casework/cases/search.html", {"form": form, "rows": rows})


def no_access_response(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    """403 without anything about the case (not even its reference), and the break-glass link."""
    return render(request, "casework/cases/no_access.html", {
        "case_id": case.pk, "can_break_glass": access.can_break_glass(request.user, case),
    }, status=403)


@never_cache
@require_http_methods(["GET"])
def case_detail(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    return _case_page(request, case_id, printing=False)


@never_cache
@require_http_methods(["GET"])
def case_print(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    """The case page laid out for paper: no navigation, forms or buttons; a `print` event."""
    return _case_page(request, case_id, printing=True)


def _case_page(request: AuthenticatedHttpRequest, case_id, *, printing: bool) -> HttpResponse:
    case = selectors.case_with_parties(case_id)
    if case is None:
        raise Http404
    try:
        case_access = access.require(request.user, access.VIEW, case)
    except PermissionDenied:
        return no_access_response(request, case)
    disclosures.case_viewed(case=case, reason=f"via:{case_access.via}", printed=printing)
    page = case_page(user=request.user, case=case, case_access=case_access)
    return render(request, "casework/cases/print.html" if printing else "casework/cases/detail.html", {
        "page": page, "case": case, "printing": printing, "printed_at": timezone.localtime(),
        "transitions": [] if printing else [
            {"target": step.target, "label": workflow.workflow_for(case).label(step.target)}
            for step in workflow.available_transitions(case=case, user=request.user)],
        "may_change": not printing and case_access.allows(access.CHANGE) and not case.is_closed,
        "may_share": not printing and case_access.allows(access.SHARE) and not case.is_closed,
        "may_hand_over": not printing and case_access.allows(access.HANDOVER),
        "case_actions": [(reverse(action.url_name, kwargs={"case_id": case.pk}), action.label)
                         for action in registry.get(case.case_type).case_actions],
    })
