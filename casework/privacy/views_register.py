"""Pages of the sharing register and the reviews (privacy officers only; thin: forms, services, render).

Every page is audited by its service before it renders; a refusal is an audited `access_denied`.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts.http import AuthenticatedHttpRequest
from audit import labels
from casework.privacy import anomalies, register, reviews
from casework.privacy.forms_register import AnomalySettingsForm, RegisterFilterForm, ReviewFilterForm, ReviewForm

PAGE_SIZE = 25
EVENTS_SHOWN = 50


def _query_without_page(request: AuthenticatedHttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _page(rows, request: AuthenticatedHttpRequest) -> Page:
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    return page


@never_cache
@require_GET
def sharing_register(request: AuthenticatedHttpRequest) -> HttpResponse:
    reviews.require_privacy_officer(request.user, what="sharing_register")
    form = RegisterFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "casework/privacy/register.html", {"form": form, "page": None}, status=400)
    filters = form.filters()
    page = _page(register.sharing_register(filters), request)
    register.register_page_shown(user=request.user, shares=list(page.object_list), filters=filters)
    today = timezone.localdate()
    rows = [(share, register.state_of(share, today), register.category_labels(share.categories))
            for share in page.object_list]
    return render(request, "casework/privacy/register.html", {
        "form": form, "page": page, "rows": rows, "query": _query_without_page(request),
    })


@never_cache
@require_GET
def sharing_register_csv(request: AuthenticatedHttpRequest) -> HttpResponseBase:
    reviews.require_privacy_officer(request.user, what="sharing_register_export")
    form = RegisterFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "casework/privacy/register.html", {"form": form, "page": None}, status=400)
    lines = register.register_csv(user=request.user, filters=form.filters())
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    response["Content-Disposition"] = f'attachment; filename="deelregister-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_GET
def sharing_register_detail(request: AuthenticatedHttpRequest, share_id) -> HttpResponse:
    reviews.require_privacy_officer(request.user, what="sharing_register_detail")
    share = get_object_or_404(register.sharing_register(register.RegisterFilters()), pk=share_id)
    register.share_detail(user=request.user, share=share)
    return render(request, "casework/privacy/register_detail.html", {
        "share": share, "state": register.state_of(share, timezone.localdate()),
        "categories": register.category_labels(share.categories),
    })


@never_cache
@require_GET
def review_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    reviews.require_privacy_officer(request.user, what="review_list")
    form = ReviewFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "casework/privacy/review_list.html", {"form": form, "page": None}, status=400)
    filters = form.filters()
    page = _page(reviews.review_list(user=request.user, filters=filters), request)
    _name_cases(page.object_list)
    return render(request, "casework/privacy/review_list.html", {
        "form": form, "page": page, "filters": filters, "query": _query_without_page(request),
    })


@never_cache
@require_http_methods(["GET", "POST"])
def review_detail(request: AuthenticatedHttpRequest, rule: str, key: str) -> HttpResponse:
    reviews.require_privacy_officer(request.user, what="review_detail")
    if rule not in anomalies.RULES:
        raise Http404
    finding = reviews.finding_detail(user=request.user, rule=rule, key=key)
    if finding is None:
        raise Http404
    form = ReviewForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                reviews.review_record(reviewer=request.user, finding=finding, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The review was saved."))
                return redirect("casework:privacy_review_detail", rule=rule, key=key)
        status = 400
    events = labels.label_events(anomalies.finding_events(finding)[:EVENTS_SHOWN])
    _name_cases([finding])
    return render(request, "casework/privacy/review_detail.html", {
        "finding": finding, "form": form, "events": events, "events_shown": EVENTS_SHOWN,
        "own": finding.actor_id == str(request.user.pk),
    }, status=status)


def _name_cases(findings) -> None:
    """Each finding's case by its reference, not its id (one query)."""
    references = labels.case_references(finding.case_id for finding in findings)
    for finding in findings:
        finding.case_reference = references.get(finding.case_id, "")


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


@never_cache
@require_http_methods(["GET", "POST"])
def review_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    reviews.require_privacy_officer(request.user, what="anomaly_settings")
    current = anomalies.settings_in_force()
    form = AnomalySettingsForm(request.POST if request.method == "POST" else None, current=current)
    if request.method == "POST":
        if form.is_valid():
            for key, value in form.values().items():
                if current[key] != value:
                    reviews.anomaly_setting_set(actor=request.user, key=key, value=value)
            messages.success(request, _("The thresholds were saved."))
            return redirect("casework:privacy_review_settings")
        return render(request, "casework/privacy/review_settings.html", {"form": form}, status=400)
    return render(request, "casework/privacy/review_settings.html", {"form": form})
