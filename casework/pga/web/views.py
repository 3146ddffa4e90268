"""PGA pages: the referral (aanmelding), case conferences, agreements, the plan of approach and
escalation. Thin: `load_case` checks access (403 + audit event), a form parses input, one service
from casework/pga/services/ does the work.

Forms that show stored content (minutes, an agreement's text, the current plan) record a `view`
audit event before rendering; a failing audit write ends in a 503 without the content. A partner
registers a referral for a municipality and gets no access to the case it creates.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import KETENPARTNER, roles_with
from casework import access
from casework.brp.forms import brp_form, person_step
from casework.pga.casetype import CASE_TYPE, PROCESSING_ACTIVITY
from casework.pga.models import Agreement, Conference
from casework.pga.services import (
    agreement_record,
    agreement_update,
    conference_plan,
    conference_record,
    escalation_set,
    open_cases_for_person,
    plan_update,
    referral_register,
)
from casework.pga.web.forms import (
    AgreementForm,
    AgreementUpdateForm,
    ConferenceForm,
    EscalationForm,
    PlanFormSet,
    ReferralForm,
    plan_goals,
    plan_initial,
)
from casework.web.common import add_errors, case_url, load_case, record_view
from casework.web.versions import form_status, save_versioned, versioned


def _render(request: AuthenticatedHttpRequest, template: str, case, *, status: int = 200, **context) -> HttpResponse:
    return render(request, f"pga/{template}", {"case": case, "case_url": case_url(case), **context}, status=status)


@require_http_methods(["GET", "POST"])
def conference_create(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    case = load_case(request, case_id, access.CHANGE, case_type=CASE_TYPE)
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
def conference_edit(request: AuthenticatedHttpRequest, case_id, conference_id) -> HttpResponse:
    case = load_case(request, case_id, access.CHANGE, case_type=CASE_TYPE)
    conference = get_object_or_404(Conference, pk=conference_id, case=case)
    initial = {"held_on": conference.held_on, "invited": list(conference.invited.all()),
               "attending": list(conference.attending.all()), "minutes": conference.minutes or ""}
    form = versioned(ConferenceForm(request.POST or None, initial=initial), case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if save_versioned(form, case, lambda: conference_record(
                actor=request.user, conference=conference, held_on=data["held_on"], invited=list(data["invited"]),
                attending=list(data["attending"]), minutes=data["minutes"])):
            messages.success(request, _("The case conference was saved."))
            return redirect(case_url(case))
    if request.method == "GET":
        record_view(case, object_type="pga.Conference", object_id=conference.pk, actor=request.user)
    return _render(request, "conference_form.html", case, form=form, creating=False, status=form_status(form))


@require_http_methods(["GET", "POST"])
def agreement_create(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    case = load_case(request, case_id, access.CHANGE, case_type=CASE_TYPE)
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
def agreement_update_view(request: AuthenticatedHttpRequest, case_id, agreement_id) -> HttpResponse:
    case = load_case(request, case_id, access.CHANGE, case_type=CASE_TYPE)
    agreement = get_object_or_404(Agreement.objects.select_related("owner_organisation"), pk=agreement_id, case=case)
    form = versioned(AgreementUpdateForm(request.POST or None,
                                         initial={"status": agreement.status, "due_on": agreement.due_on}), case)
    if request.method == "POST" and form.is_valid() and save_versioned(form, case, lambda: agreement_update(
            actor=request.user, agreement=agreement, status=form.cleaned_data["status"],
            due_on=form.cleaned_data["due_on"])):
        messages.success(request, _("The agreement was updated."))
        return redirect(case_url(case))
    # The form shows the agreement's text: audit the read first (also when re-rendered with errors).
    record_view(case, object_type="pga.Agreement", object_id=agreement.pk, actor=request.user)
    return _render(request, "agreement_update.html", case, form=form, agreement=agreement, status=form_status(form))


@require_http_methods(["GET", "POST"])
def plan_update_view(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    case = load_case(request, case_id, access.CHANGE, case_type=CASE_TYPE)
    current = case.plan_versions.order_by("-number").first()
    formset = PlanFormSet(request.POST or None, prefix="goals", initial=plan_initial(current.goals if current else []))
    # A new plan version builds on the one the user saw: a version saved in between is a conflict.
    form = versioned(forms.Form(request.POST or None), case)
    saved: list[Any] = []
    if request.method == "POST" and formset.is_valid() and form.is_valid() and save_versioned(
            form, case, lambda: saved.append(plan_update(actor=request.user, case=case, goals=plan_goals(formset)))):
        messages.success(request, _("Version %(number)s of the plan was saved.") % {"number": saved[0].number})
        return redirect(case_url(case))
    if request.method == "GET" and current is not None:
        record_view(case, object_type="pga.PlanVersion", object_id=current.pk, actor=request.user)
    status = 400 if request.method == "POST" and not formset.is_valid() else form_status(form)
    return _render(request, "plan_form.html", case, formset=formset, version_form=form, current=current,
                   service_errors=[*form.non_field_errors(), *form.errors.get("version", [])], status=status)


@require_http_methods(["GET", "POST"])
def escalation(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    case = load_case(request, case_id, access.CHANGE, case_type=CASE_TYPE)
    details = case.pga
    form = versioned(EscalationForm(request.POST or None, initial={
        "escalated": details.escalated, "reason": details.escalation_reason or ""}), case)
    if request.method == "POST" and form.is_valid() and save_versioned(form, case, lambda: escalation_set(
            actor=request.user, case=case, escalated=form.cleaned_data["escalated"],
            reason=form.cleaned_data["reason"])):
        messages.success(request, _("The escalation was saved."))
        return redirect(case_url(case))
    if request.method == "GET":
        record_view(case, object_type="pga.PgaCase", object_id=details.pk, actor=request.user)
    return render(request, "pga/escalation.html", {"case": case, "form": form, "case_url": case_url(case)},
                  status=form_status(form))


# --- the referral ---------------------------------------------------------------------------------

REFERRING_ROLES = roles_with("register_referral")  # the capability table in accounts/roles.py


def _point_to_open_cases(request: AuthenticatedHttpRequest, case) -> None:
    """A re-registered BSN: show the process director the other open cases they may see."""
    others = [c.reference for c in open_cases_for_person(user=request.user, person_id=case.person_id)
              if c.pk != case.pk]
    if others:
        messages.warning(request, _("This person is already known here with open case(s): %(references)s.")
                         % {"references": ", ".join(others)})


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def referral_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.user.role not in REFERRING_ROLES:
        raise PermissionDenied(_("Your role cannot register referrals."))
    data = request.POST if request.method == "POST" else None
    person = person_step(data, user=request.user, form_class=ReferralForm, processing_activity=PROCESSING_ACTIVITY)
    form = brp_form(ReferralForm, data, person, user=request.user)
    if request.method == "POST" and not person.active and form.is_valid():
        kwargs = form.service_kwargs()
        try:
            case = referral_register(actor=request.user, **kwargs)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if request.user.role == KETENPARTNER:
                messages.success(request, _("The referral has been sent to %(municipality)s for triage.")
                                 % {"municipality": kwargs["controller"].name})
                return redirect("dashboard")
            messages.success(request, _("Referral registered as %(reference)s.") % {"reference": case.reference})
            _point_to_open_cases(request, case)
            return redirect("casework:case_detail", case_id=case.pk)
    return render(request, "pga/referral_form.html", {"form": form, "person_step": person})
