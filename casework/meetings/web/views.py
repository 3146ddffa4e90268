"""Meeting pages: the list of coming sittings, a sitting with its agenda (and its printable form),
putting a case on an agenda from the case page, minutes and attendance per item, cancelling.
Thin: the selectors decide and record what is seen, the services write."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
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
from casework.meetings.models import Meeting
from casework.meetings.web.forms import (
    AgendaAddForm,
    MeetingEditForm,
    MeetingFilterForm,
    MeetingForm,
    MinutesForm,
    MoveForm,
)
from casework.web.common import add_errors, case_url, load_case, record_view
from casework.web.versions import form_status, save_versioned, versioned


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
                                                  "filtered": bool(form.value("kind")),
                                                  "may_create": services.may_create(request.user)})


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
    # Minutes overwrite the item's (and the case's conference record's): the form carries the case version (ADR 0017).
    form = versioned(MinutesForm(request.POST or None, initial=initial), case)
    if request.method == "POST" and form.is_valid() and save_versioned(form, case, lambda: services.minutes_record(
            actor=request.user, item=item, minutes=form.cleaned_data["minutes"],
            attending=list(form.cleaned_data["attending"]))):
        messages.success(request, _("The minutes of item %(number)s were saved.") % {"number": item.number})
        return redirect(occurrence_url(occurrence))
    if request.method == "GET":
        record_view(case, object_type="meetings.AgendaItem", object_id=item.pk, actor=request.user)
    return render(request, "meetings/minutes_form.html", {
        "case": case, "form": form, "item": item, "occurrence": occurrence, "case_url": occurrence_url(occurrence),
    }, status=form_status(form))


def _form_page(request: AuthenticatedHttpRequest, form: Any, *, title: str, submit: str, back: str,
               intro: str = "") -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "meetings/meeting_form.html", {
        "form": form, "title": title, "submit_label": submit, "case_url": back, "intro": intro}, status=status)


@require_http_methods(["GET", "POST"])
def meeting_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_capability(request)
    organisation = services.require_may_create(request.user)
    form = MeetingForm(request.POST or None, organisation=organisation, initial={"chair": request.user})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_create(
                actor=request.user, organisation=organisation, staff=list(data.pop("staff")), **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The meeting was planned. The invitations go out before each sitting."))
            first = meeting.occurrences.order_by("starts").first()
            return redirect(occurrence_url(first) if first else reverse("casework:meeting_list"))
    return _form_page(request, form, title=_("New meeting"), submit=_("Plan the meeting"),
                      back=reverse("casework:meeting_list"),
                      intro=_("Keep names and case references out of the title: it goes out by mail."))


@require_http_methods(["GET", "POST"])
def meeting_edit(request: AuthenticatedHttpRequest, occurrence_id) -> HttpResponse:
    _require_capability(request)
    occurrence = selectors.occurrence_for(request.user, occurrence_id)
    meeting: Meeting = occurrence.meeting
    services.require_organiser(request.user, meeting)
    initial = {name: getattr(meeting, name) for name in services.EDITABLE}
    initial["staff"] = list(meeting.staff.all())
    form = MeetingEditForm(request.POST or None, organisation=meeting.organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_update(actor=request.user, meeting=meeting, staff=list(data.pop("staff")), **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The meeting was changed. Invitees already invited receive an update."))
            return redirect(occurrence_url(occurrence))
    return _form_page(request, form, title=_("Change meeting"), submit=_("Save"), back=occurrence_url(occurrence),
                      intro=_("Changes apply to every sitting of this meeting. To change the time of one sitting, "
                              "move it."))


@require_http_methods(["GET", "POST"])
def occurrence_move(request: AuthenticatedHttpRequest, occurrence_id) -> HttpResponse:
    _require_capability(request)
    occurrence = selectors.occurrence_for(request.user, occurrence_id)
    services.require_organiser(request.user, occurrence.meeting, occurrence)
    local = timezone.localtime(occurrence.starts)
    form = MoveForm(request.POST or None, initial={"on": local.date(), "at": local.time()})
    if request.method == "POST" and form.is_valid():
        starts = timezone.make_aware(datetime.combine(form.cleaned_data["on"], form.cleaned_data["at"]))
        try:
            services.occurrence_move(actor=request.user, occurrence=occurrence, starts=starts)
        except ValidationError as exc:
            add_errors(form, _on_field(exc, "starts", "on"))
        else:
            messages.success(request, _("The sitting was moved; the invitees receive an update."))
            return redirect(occurrence_url(occurrence))
    return _form_page(request, form, title=_("Move sitting"), submit=_("Move"), back=occurrence_url(occurrence),
                      intro=_("Only this sitting moves; the invitees receive an updated invitation."))


def _on_field(exc: ValidationError, name: str, to: str) -> ValidationError:
    """A service's error on `name` shown on the form's field `to`."""
    if hasattr(exc, "error_dict") and name in exc.error_dict:
        return ValidationError({to: exc.error_dict[name]})
    return exc
