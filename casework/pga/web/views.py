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
from django.utils import timezone
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
from casework.pga.selectors.monitoring import criteria_for
from casework.pga.services import (
    agreement_note_add,
    agreement_record,
    agreement_update,
    conference_plan,
    conference_record,
    escalation_set,
    measurement_record,
    open_cases_for_person,
    plan_update,
    referral_register,
)
from casework.pga.web import plan_forms
from casework.pga.web.forms import (
    AgreementForm,
    AgreementNoteForm,
    AgreementUpdateForm,
    ConferenceForm,
    EscalationForm,
    MeasurementForm,
    ReferralForm,
)
from casework.templatetags.form_pattern import summary_items
from casework.versions import case_update
from casework.web.common import add_errors, case_url, load_case, record_view
from casework.web.versions import form_status, mark_conflict, save_versioned, versioned
from casework.workflow import StaleEdit


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


def _is_htmx(request: AuthenticatedHttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@require_http_methods(["GET", "POST"])
def plan_update_view(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    """The plan editor (casework/pga/web/plan_forms.py): editing buttons change the draft only (an htmx
    request gets the editor part back, a plain post the whole page); "save" appends a plan version for
    the case version the page was opened with (a version saved in between is a 409 conflict)."""
    case = load_case(request, case_id, access.CHANGE, case_type=CASE_TYPE)
    current = case.plan_versions.order_by("-number").first()
    form = versioned(forms.Form(request.POST or None), case)
    action = request.POST.get("action", plan_forms.SAVE) if request.method == "POST" else ""
    focus, status = "", 200
    if request.method == "GET":
        drafts = plan_forms.build_forms(plan_forms.draft_from_plan(current.goals if current else []), bound=False)
        if current is not None:
            record_view(case, object_type="pga.PlanVersion", object_id=current.pk, actor=request.user)
    elif action != plan_forms.SAVE:
        drafts, focus = plan_forms.apply_action(plan_forms.draft_from_post(request.POST), action)
        plan_forms.set_focus(plan_forms.build_forms(drafts, bound=False), focus)
    else:
        drafts = plan_forms.build_forms(plan_forms.draft_from_post(request.POST), bound=True)
        saved: list[Any] = []
        drafts_valid, version_valid = plan_forms.is_valid(drafts), form.is_valid()
        if drafts_valid and version_valid:
            try:
                with case_update(case=case, expected_version=form.cleaned_data["version"]):
                    saved.append(plan_update(actor=request.user, case=case, goals=plan_forms.goals_of(drafts)))
            except StaleEdit:
                mark_conflict(form, case)
            except ValidationError as exc:
                plan_forms.place_errors(drafts, exc, form)
        if saved:
            messages.success(request, _("Version %(number)s of the plan was saved.") % {"number": saved[0].number})
            return redirect(case_url(case))
        status = 409 if form.conflict else 400
    every_form = [form, *(f for draft in drafts for f in (draft.form, *draft.intervention_forms))]
    context = {"drafts": drafts, "version_form": form, "current": current, "focus": focus,
               "editor_url": request.path, "summary": summary_items(*every_form)}
    if _is_htmx(request) and action != plan_forms.SAVE:
        return _render(request, "_plan_editor.html", case, **context)
    return _render(request, "plan_form.html", case, status=status, **context)


@require_http_methods(["GET", "POST"])
def measurement_create(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    case = load_case(request, case_id, access.CHANGE, case_type=CASE_TYPE)
    form = MeasurementForm(request.POST or None, criteria=criteria_for(case.controller_id),
                           initial={"measured_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            measurement_record(actor=request.user, case=case, measured_on=form.cleaned_data["measured_on"],
                               scores=form.scores())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The measurement was saved."))
            return redirect(case_url(case))
    return _render(request, "measurement_form.html", case, form=form, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def agreement_note_create(request: AuthenticatedHttpRequest, case_id, agreement_id) -> HttpResponse:
    case = load_case(request, case_id, access.CHANGE, case_type=CASE_TYPE)
    agreement = get_object_or_404(Agreement.objects.select_related("owner_organisation"), pk=agreement_id, case=case)
    form = AgreementNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agreement_note_add(actor=request.user, agreement=agreement, text=form.cleaned_data["text"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The monitoring note was saved."))
            return redirect(case_url(case))
    # The page shows the agreement's text: audit the read first.
    record_view(case, object_type="pga.Agreement", object_id=agreement.pk, actor=request.user)
    return _render(request, "agreement_note_form.html", case, form=form, agreement=agreement,
                   status=400 if form.errors else 200)


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
