"""The privacy officer's workspace: event search, subjects per user, event detail, chain status,
exports. Privacy officers only (403 otherwise, which the middleware records). No case content.

Each view records its own event (search, view, export) *before* rendering, like every view that
shows personal data: if that write fails, AuditWriteError becomes a 503 and nothing is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import BadRequest, PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.roles import has_capability
from audit import exports, labels, selectors
from audit.actions import Action
from audit.activities import PRIVACY_SUPERVISION
from audit.forms import EventSearchForm, UserSubjectsForm
from audit.models import AuditEvent, ProcessingActivity
from audit.services import record

PAGE_SIZE = 25
EVENT_TYPE = "audit.AuditEvent"


def privacy_officer_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if not has_capability(request.user, "audit_workspace"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _page(rows, number) -> Page:
    """A page evaluated now: the search's own event, recorded next, must not shift the results."""
    page = Paginator(rows, PAGE_SIZE).get_page(number)
    page.object_list = list(page.object_list)
    return page


# Filters that name a person (a data subject's pseudonym, an employee's username) travel in POST
# bodies, never in URLs, so they stay out of access logs, browser history and Referer headers
# (issue "Production", structured logs). A GET may carry only the other filters and the cursor.
PERSONAL_FILTERS = ("subject", "username")
EXPORT_FORMATS = ("csv", "json", "logboek")


def _filter_data(request: HttpRequest) -> QueryDict | None:
    if request.method == "POST":
        return request.POST
    data = request.GET.copy()
    for name in (*PERSONAL_FILTERS, "older", "newer", "page"):
        data.pop(name, None)
    return data or None


@require_http_methods(["GET", "POST"])
@privacy_officer_required
def search(request: HttpRequest) -> HttpResponse:
    data = _filter_data(request)
    source = request.POST if request.method == "POST" else request.GET
    form = EventSearchForm(data)
    if form.is_bound and not form.is_valid():
        return render(request, "audit/search.html", {"form": form, "page": None}, status=400)
    filters = form.filters() if form.is_bound else selectors.EventFilters()
    page = selectors.events_page(filters, older_than=source.get("older"), newer_than=source.get("newer"),
                                 size=PAGE_SIZE)
    labels.label_events(page.object_list, objects=False)  # the list shows no object
    record(action=Action.SEARCH, processing_activity=PRIVACY_SUPERVISION, object_type=EVENT_TYPE,
           subject_pseudonym=filters.subject_pseudonym, case_id=filters.case_id, reason=filters.describe())
    return render(request, "audit/search.html", {
        "form": form, "page": page, "searched": form.is_bound, "export_formats": EXPORT_FORMATS,
    })


@require_http_methods(["GET", "POST"])
@privacy_officer_required
def user_subjects(request: HttpRequest) -> HttpResponse:
    form = UserSubjectsForm(request.POST if request.method == "POST" else None)
    page = None
    if form.is_bound and form.is_valid():
        start, end = form.period()
        if start is None or end is None:  # both dates are required in this form
            raise BadRequest("incomplete period")
        user_id = form.cleaned_data["username"]
        rows = selectors.subjects_opened(actor_id=user_id, start=start, end=end)
        page = _page(rows, request.POST.get("page"))
        record(action=Action.SEARCH, processing_activity=PRIVACY_SUPERVISION, object_type="accounts.User",
               object_id=user_id, reason=f"subjects opened from {start.isoformat()} until {end.isoformat()}")
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "audit/user_subjects.html", {"form": form, "page": page}, status=status)


@require_GET
@privacy_officer_required
def event_detail(request: HttpRequest, sequence: int) -> HttpResponse:
    event = get_object_or_404(AuditEvent, sequence=sequence)
    activity = ProcessingActivity.objects.filter(code=event.processing_activity).first()
    record(action=Action.VIEW, processing_activity=PRIVACY_SUPERVISION, object_type=EVENT_TYPE,
           object_id=event.sequence, subject_pseudonym=event.subject_pseudonym, case_id=event.case_id)
    labels.label_events([event])
    return render(request, "audit/event_detail.html", {"event": event, "activity": activity})


@require_GET
@privacy_officer_required
def chain_status(request: HttpRequest) -> HttpResponse:
    return render(request, "audit/status.html", {"status": selectors.chain_status()})


@require_http_methods(["GET", "POST"])
@privacy_officer_required
def export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    if fmt not in exports.EXPORTS:
        raise BadRequest("invalid export request")
    form = EventSearchForm(_filter_data(request))
    if form.is_bound and not form.is_valid():
        raise BadRequest("invalid export request")
    filters = form.filters() if form.is_bound else selectors.EventFilters()
    queryset = selectors.events_matching(filters)
    record(action=Action.EXPORT, processing_activity=PRIVACY_SUPERVISION, object_type=EVENT_TYPE,
           object_id=fmt, subject_pseudonym=filters.subject_pseudonym, case_id=filters.case_id,
           reason=filters.describe())
    chunks, content_type, extension = exports.export_stream(fmt, queryset)
    response = StreamingHttpResponse(chunks, content_type=content_type)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    response["Content-Disposition"] = f'attachment; filename="audit-{fmt}-{stamp}.{extension}"'
    response["Cache-Control"] = "no-store"
    return response
