"""PGA child records: case conferences, agreements and the plan of approach.

Forms that show stored content (minutes, an agreement's text, the current plan) record a `view`
audit event before rendering; a failing audit write ends in a 503 without the content.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from casework import access
from casework.pga.models import Agreement, Conference
from casework.pga.services import (
    agreement_record,
    agreement_update,
    conference_plan,
    conference_record,
    plan_update,
)
from casework.web.action_common import add_errors, case_url, load_case, record_view
from casework.web.action_forms import (
    AgreementForm,
    AgreementUpdateForm,
    ConferenceForm,
    PlanFormSet,
    plan_goals,
    plan_initial,
)


def _render(request: HttpRequest, template: str, case, **context) -> HttpResponse:
    return render(request, f"casework/actions/{template}", {"case": case, "case_url": case_url(case), **context})


@require_http_methods(["GET", "POST"])
def conference_create(request: HttpRequest, case_id) -> HttpResponse:
    case = load_case(request, case_id, access.CHANGE)
    form = ConferenceForm(request.POST or None, initial={"invited": list(case.pga.partners_to_invite.all())})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            conference_plan(actor=request.user, case=case, held_on=data["held_on"], invited=list(data["invited"]),
                            attending=list(data["attending"]), minutes=data["minutes"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The case conference was saved."))
            return redirect(case_url(case))
    return _render(request, "conference_form.html", case, form=form, creating=True)


@require_http_methods(["GET", "POST"])
def conference_edit(request: HttpRequest, case_id, conference_id) -> HttpResponse:
    case = load_case(request, case_id, access.CHANGE)
    conference = get_object_or_404(Conference, pk=conference_id, case=case)
    initial = {"held_on": conference.held_on, "invited": list(conference.invited.all()),
               "attending": list(conference.attending.all()), "minutes": conference.minutes or ""}
    form = ConferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            conference_record(actor=request.user, conference=conference, held_on=data["held_on"],
                              invited=list(data["invited"]), attending=list(data["attending"]),
                              minutes=data["minutes"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The case conference was saved."))
            return redirect(case_url(case))
    if request.method == "GET":
        record_view(case, object_type="pga.Conference", object_id=conference.pk, actor=request.user)
    return _render(request, "conference_form.html", case, form=form, creating=False)


@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest, case_id) -> HttpResponse:
    case = load_case(request, case_id, access.CHANGE)
    form = AgreementForm(request.POST or None, case=case, initial={"conference": request.GET.get("conference")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreement_record(actor=request.user, case=case, description=data["description"],
                             owner_organisation=data["owner_organisation"], due_on=data["due_on"],
                             conference=data["conference"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The agreement was saved."))
            return redirect(case_url(case))
    return _render(request, "agreement_form.html", case, form=form)


@require_http_methods(["GET", "POST"])
def agreement_update_view(request: HttpRequest, case_id, agreement_id) -> HttpResponse:
    case = load_case(request, case_id, access.CHANGE)
    agreement = get_object_or_404(Agreement.objects.select_related("owner_organisation"), pk=agreement_id, case=case)
    form = AgreementUpdateForm(request.POST or None, initial={"status": agreement.status, "due_on": agreement.due_on})
    if request.method == "POST" and form.is_valid():
        try:
            agreement_update(actor=request.user, agreement=agreement, status=form.cleaned_data["status"],
                             due_on=form.cleaned_data["due_on"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The agreement was updated."))
            return redirect(case_url(case))
    # The form shows the agreement's text: audit the read first (also when re-rendered with errors).
    record_view(case, object_type="pga.Agreement", object_id=agreement.pk, actor=request.user)
    return _render(request, "agreement_update.html", case, form=form, agreement=agreement)


@require_http_methods(["GET", "POST"])
def plan_update_view(request: HttpRequest, case_id) -> HttpResponse:
    case = load_case(request, case_id, access.CHANGE)
    current = case.plan_versions.order_by("-number").first()
    formset = PlanFormSet(request.POST or None, prefix="goals", initial=plan_initial(current.goals if current else []))
    if request.method == "POST" and formset.is_valid():
        try:
            version = plan_update(actor=request.user, case=case, goals=plan_goals(formset))
        except ValidationError as exc:
            formset.service_errors = exc.messages
        else:
            messages.success(request, _("Version %(number)s of the plan was saved.") % {"number": version.number})
            return redirect(case_url(case))
    if request.method == "GET" and current is not None:
        record_view(case, object_type="pga.PlanVersion", object_id=current.pk, actor=request.user)
    return _render(request, "plan_form.html", case, formset=formset, current=current,
                   service_errors=getattr(formset, "service_errors", []))
