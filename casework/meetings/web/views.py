"""Meeting pages: the list of coming sittings, a sitting with its agenda (and its printable form),
putting a case on an agenda from the case page, minutes and attendance per item, cancelling.
Thin: the selectors decide and record what is seen, the services write."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import require_capability
from audit import record
from audit.actions import Action
from audit.activities import CHAIN_SHARING
from casework import access
from casework.meetings import selectors, services
from casework.meetings.categories import CAPABILITY
from casework.meetings.web.forms import AgendaAddForm, MeetingFilterForm, MinutesForm
from casework.web.common import add_errors, case_url, load_case, record_view


def _require_capability(request: AuthenticatedHttpRequest) -> None:
    require_capability(request.user, CAPABILITY.code)


def occurrence_url(occurrence) -> str:
    return reverse("casework:meeting_occurrence", kwargs={"occurrence_id": occurrence.pk})


@never_cache
@require_http_methods(["GET"])
def meeting_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_capability(request)
    form = MeetingFilterForm(request.GET)
    occurrences = selectors.upcoming(request.user, kind=form.value("kind")).annotate(item_count=Count("items"))
    page = form.paginate(cast(Sequence[Any], occurrences), request.GET.get("page"))
    record(action=Action.LIST, processing_activity=CHAIN_SHARING, object_type="meetings.MeetingOccurrence",
           reason=f"meetings shown:{len(page.object_list)}", actor=request.user)
    return render(request, "meetings/list.html", {"form": form, "page": page, "query": form.query(),
                                                  "filtered": bool(form.value("kind"))})


@require_http_methods(["GET"])
def meeting_occurrence(request: AuthenticatedHttpRequest, occurrence_id) -> HttpResponse:
    _require_capability(request)
    occurrence = selectors.occurrence_for(request.user, occurrence_id)
    agenda = selectors.agenda(user=request.user, occurrence=occurrence)
    return render(request, "meetings/occurrence.html", {
        "agenda": agenda, "occurrence": occurrence, "meeting": occurrence.meeting,
        "deadline": services.referral_deadline(occurrence)})


@require_http_methods(["GET"])
def meeting_print(request: AuthenticatedHttpRequest, occurrence_id) -> HttpResponse:
    _require_capability(request)
    occurrence = selectors.occurrence_for(request.user, occurrence_id)
    agenda = selectors.agenda(user=request.user, occurrence=occurrence, purpose="print")
    return render(request, "meetings/print.html", {"agenda": agenda, "occurrence": occurrence,
                                                   "meeting": occurrence.meeting})


@require_POST
def occurrence_cancel(request: AuthenticatedHttpRequest, occurrence_id) -> HttpResponse:
    _require_capability(request)
    occurrence = selectors.occurrence_for(request.user, occurrence_id)
    services.occurrence_cancel(actor=request.user, occurrence=occurrence)
    messages.success(request, _("The meeting was cancelled; the invitees receive a cancellation."))
    return redirect(occurrence_url(occurrence))


@require_http_methods(["GET", "POST"])
def agenda_add(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    case = load_case(request, case_id, access.CHANGE, case_type=None)
    form = AgendaAddForm(request.POST or None, occurrences=selectors.open_for_case(user=request.user, case=case))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.agenda_add(actor=request.user, occurrence=data["occurrence"], case=case,
                                       goal=data["goal"], invited=list(data["invited"]))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The case is item %(number)s on the agenda.") % {"number": item.number})
            return redirect(case_url(case))
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "meetings/agenda_add.html", {"case": case, "form": form, "case_url": case_url(case)},
                  status=status)


@require_http_methods(["GET", "POST"])
def item_minutes(request: AuthenticatedHttpRequest, occurrence_id, number: int) -> HttpResponse:
    _require_capability(request)
    occurrence = selectors.occurrence_for(request.user, occurrence_id)
    item = selectors.item_for(occurrence=occurrence, number=number)
    case = load_case(request, item.case_id, access.CHANGE, case_type=None)
    initial = {"attending": list(item.attending.all()), "minutes": item.minutes or ""}
    form = MinutesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_record(actor=request.user, item=item, minutes=form.cleaned_data["minutes"],
                                    attending=list(form.cleaned_data["attending"]))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The minutes of item %(number)s were saved.") % {"number": item.number})
            return redirect(occurrence_url(occurrence))
    if request.method == "GET":
        record_view(case, object_type="meetings.AgendaItem", object_id=item.pk, actor=request.user)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "meetings/minutes_form.html", {
        "case": case, "form": form, "item": item, "occurrence": occurrence, "case_url": occurrence_url(occurrence),
    }, status=status)
