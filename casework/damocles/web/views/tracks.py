"""Damocles legal tracks beside the status: announcements per addressee, objections, interim relief
and appeals (child rows with their own dates, casework/damocles/services/tracks.py).

Thin views: `load_case` checks access first (403 + event), the form parses, one service in
tracks.py validates, computes the terms (objection deadline, decision on objection) and saves.
Update pages prefill encrypted values, so they record a `view` event before rendering.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from casework import access
from casework.damocles import services
from casework.damocles.casetype import CASE_TYPE
from casework.damocles.services.tracks import RULES
from casework.damocles.web.forms.actions import (
    AnnouncementForm,
    AppealForm,
    AppealUpdateForm,
    InterimReliefForm,
    InterimReliefUpdateForm,
    ObjectionForm,
    ObjectionUpdateForm,
)
from casework.models import Case
from casework.remedies.letters import extension_notice_pdf
from casework.remedies.models import Appeal, InterimRelief, Objection
from casework.web.common import case_url, load_case, record_view
from casework.web.objection_fields import objection_changes, objection_initial
from casework.web.versions import form_status, save, service_data, versioned

TEMPLATE = "damocles/track_form.html"
TITLES = {
    "announcement": gettext_lazy("Record an announcement of the decision"),
    "objection": gettext_lazy("Register an objection"),
    "objection_update": gettext_lazy("Update an objection"),
    "relief": gettext_lazy("Register a request for interim relief"),
    "relief_update": gettext_lazy("Update a request for interim relief"),
    "appeal": gettext_lazy("Register an appeal"),
    "appeal_update": gettext_lazy("Update an appeal"),
}
INTROS = {
    "announcement": gettext_lazy("One announcement per addressee (owner, tenant, occupant): each gets their own "
                                 "objection deadline, six weeks from the day after the announcement (Awb 6:7/6:8), "
                                 "extended by the Algemene termijnenwet."),
    "objection": gettext_lazy("An objection does not suspend the decision (Awb 6:16). The term for the decision on "
                              "the objection starts the day after the objection window ends (Awb 7:10)."),
    "relief": gettext_lazy("Only the judge's suspension suspends the decision (Awb 8:81); a pending request does "
                           "not. Record whether the municipality waits voluntarily."),
}


def _case(request: AuthenticatedHttpRequest, case_id) -> Case:
    return load_case(request, case_id, access.CHANGE, case_type=CASE_TYPE)


def _handle(request: AuthenticatedHttpRequest, case: Case, form, kind: str, call: Callable[[dict[str, Any]], Any],
            success: str) -> HttpResponse:
    """Validate, call the service, redirect to the case; or render the form again with its errors."""
    if request.method == "POST" and form.is_valid() and save(form, case, lambda: call(service_data(form))):
        messages.success(request, success)
        return redirect(case_url(case))
    return render(request, TEMPLATE, {"case": case, "form": form, "case_url": case_url(case),
                                      "title": TITLES[kind], "intro": INTROS.get(kind.removesuffix("_update"), "")},
                  status=form_status(form))


@never_cache
@require_http_methods(["GET", "POST"])
def announcement_create(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    case = _case(request, case_id)
    form = AnnouncementForm(request.POST or None)
    return _handle(request, case, form, "announcement", lambda data: services.announcement_register(
        actor=request.user, case=case, **data), _("The announcement was recorded."))


@never_cache
@require_http_methods(["GET", "POST"])
def objection_create(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    case = _case(request, case_id)
    form = ObjectionForm(request.POST or None, case=case)
    return _handle(request, case, form, "objection", lambda data: services.objection_register(
        actor=request.user, case=case, **data), _("The objection was registered."))


@never_cache
@require_http_methods(["GET", "POST"])
def objection_update(request: AuthenticatedHttpRequest, case_id, objection_id) -> HttpResponse:
    case = _case(request, case_id)
    objection = get_object_or_404(Objection.objects.select_related("case", "announcement"), pk=objection_id, case=case)
    fields = ("state", "suspension_days", "outcome", "decided_on")
    initial = {**{name: getattr(objection, name) for name in fields}, **objection_initial(objection)}
    form = versioned(ObjectionUpdateForm(request.POST or None, initial=initial), case)
    if request.method == "GET":
        record_view(case, object_type="remedies.Objection", object_id=objection.pk, actor=request.user)
    return _handle(request, case, form, "objection_update", lambda data: services.objection_update(
        actor=request.user, objection=objection, **{**objection_changes(data),
                                                    "suspension_days": data["suspension_days"] or 0}),
                   _("The objection was updated."))


@never_cache
@require_http_methods(["GET"])
def objection_notice(request: AuthenticatedHttpRequest, case_id, objection_id) -> HttpResponse:
    """The written notice of the extension (Awb 7:10 lid 5) as a PDF; the print is audited."""
    case = _case(request, case_id)
    objection = get_object_or_404(Objection.objects.select_related("case", "announcement"), pk=objection_id, case=case)
    try:
        pdf = extension_notice_pdf(actor=request.user, rules=RULES, objection=objection)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(case_url(case))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="verdaging-{objection.pk}.pdf"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def interim_relief_create(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    case = _case(request, case_id)
    form = InterimReliefForm(request.POST or None)
    return _handle(request, case, form, "relief", lambda data: services.interim_relief_register(
        actor=request.user, case=case, **data), _("The request for interim relief was registered."))


@never_cache
@require_http_methods(["GET", "POST"])
def interim_relief_update(request: AuthenticatedHttpRequest, case_id, relief_id) -> HttpResponse:
    case = _case(request, case_id)
    relief = get_object_or_404(InterimRelief.objects.select_related("case"), pk=relief_id, case=case)
    form = versioned(InterimReliefUpdateForm(request.POST or None, initial={
        "state": relief.state, "municipality_waits": relief.municipality_waits, "ruled_on": relief.ruled_on}), case)
    return _handle(request, case, form, "relief_update", lambda data: services.interim_relief_update(
        actor=request.user, relief=relief, **data), _("The request for interim relief was updated."))


@never_cache
@require_http_methods(["GET", "POST"])
def appeal_create(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    case = _case(request, case_id)
    form = AppealForm(request.POST or None)
    return _handle(request, case, form, "appeal", lambda data: services.appeal_register(
        actor=request.user, case=case, **data), _("The appeal was registered."))


@never_cache
@require_http_methods(["GET", "POST"])
def appeal_update(request: AuthenticatedHttpRequest, case_id, appeal_id) -> HttpResponse:
    case = _case(request, case_id)
    appeal = get_object_or_404(Appeal.objects.select_related("case"), pk=appeal_id, case=case)
    form = versioned(AppealUpdateForm(request.POST or None, initial={
        "ruled_on": appeal.ruled_on, "outcome": appeal.outcome, "annulled": appeal.annulled}), case)
    if request.method == "GET":
        record_view(case, object_type="remedies.Appeal", object_id=appeal.pk, actor=request.user)
    return _handle(request, case, form, "appeal_update", lambda data: services.appeal_update(
        actor=request.user, appeal=appeal, **data), _("The appeal was updated."))
