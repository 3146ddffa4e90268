"""Damocles action pages on the main line: status steps with their data, the assessment, the
four-eyes approval of the decision (request and decide) and the closure registration.

Thin views: `load_case` runs `access.require` first (403 + an `access_denied` event for anyone
else), the form parses input, one service does the work and enforces the rules. Pages that show
case content record a `view` event before rendering (fail closed).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from casework import access
from casework.approvals import approval_decide
from casework.damocles import services
from casework.damocles.casetype import CASE_TYPE
from casework.damocles.services.decisions import (
    APPROVAL_SUBJECT,
    closure_registration_record,
    decision_approval_request,
)
from casework.damocles.web.forms.actions import (
    ApprovalDecideForm,
    ApprovalRequestForm,
    AssessmentForm,
    SealingForm,
    StepForm,
    assessment_initial,
)
from casework.models import Approval, Case
from casework.web.common import add_errors, case_url, load_case, record_view, step_page
from casework.web.versions import form_status, save_versioned, service_data, versioned

DAMOCLES = CASE_TYPE


def _page(request: AuthenticatedHttpRequest, template: str, case: Case, form, status: int = 200,
          **extra) -> HttpResponse:
    return render(request, template, {"case": case, "form": form, "case_url": case_url(case), **extra},
                  status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def step(request: AuthenticatedHttpRequest, case_id, target: str) -> HttpResponse:
    """A status step with the data its guard needs (the generic page knows only PGA step data)."""
    case = load_case(request, case_id, access.TRANSITION, case_type=DAMOCLES)
    return step_page(
        request, case, target, done_message=_("The case now has the status “%(status)s”."),
        make_form=lambda definition: StepForm(request.POST or None, step=definition,
                                              initial={"version": case.version}),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def assessment(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    """The policy's proposal, the officer's choice and the three-step proportionality test."""
    case = load_case(request, case_id, access.CHANGE, case_type=DAMOCLES)
    details = case.damocles
    record_view(case, object_type="damocles.DamoclesCase", object_id=details.pk, actor=request.user)
    try:
        proposal, proposal_error = services.propose_sanction(case=case), ""
    except ValidationError as exc:
        proposal, proposal_error = None, " ".join(exc.messages)
    form = versioned(AssessmentForm(request.POST or None, initial=assessment_initial(details, proposal),
                                    proposal=proposal), case)
    if request.method == "POST" and form.is_valid() and save_versioned(form, case, lambda: services.assessment_record(
            actor=request.user, case=case, **form.service_kwargs())):
        messages.success(request, _("The assessment was recorded."))
        return redirect(case_url(case))
    return _page(request, "damocles/assessment.html", case, form, form_status(form),
                 proposal=proposal, proposal_error=proposal_error)


@never_cache
@require_http_methods(["GET", "POST"])
def approval_request(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    case = load_case(request, case_id, access.CHANGE, case_type=DAMOCLES)
    details = case.damocles
    record_view(case, object_type="damocles.DamoclesCase", object_id=details.pk, actor=request.user)
    form = ApprovalRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decision_approval_request(actor=request.user, case=case)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Approval was requested. A team lead decides on it."))
            return redirect(case_url(case))
    return _page(request, "damocles/approval_request.html", case, form, 400 if form.errors else 200,
                 details=details)


@never_cache
@require_http_methods(["GET", "POST"])
def approval_decide_view(request: AuthenticatedHttpRequest, case_id, approval_id) -> HttpResponse:
    """A team lead approves or rejects; the service refuses the requester (four eyes)."""
    case = load_case(request, case_id, access.APPROVE, case_type=DAMOCLES)
    approval = get_object_or_404(Approval.objects.select_related("requested_by"), pk=approval_id, case=case,
                                 subject=APPROVAL_SUBJECT)
    details = case.damocles
    record_view(case, object_type="damocles.DamoclesCase", object_id=details.pk, actor=request.user)
    form = versioned(ApprovalDecideForm(request.POST or None), case)
    if request.method == "POST" and form.is_valid() and save_versioned(form, case, lambda: approval_decide(
            approval=approval, approver=request.user, approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"])):
        messages.success(request, _("Your decision on the approval was recorded."))
        return redirect(case_url(case))
    return _page(request, "damocles/approval_decide.html", case, form, form_status(form),
                 details=details, approval=approval)


@never_cache
@require_http_methods(["GET", "POST"])
def sealing(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    """After the sealing step: the order posted and the Wkpb registration."""
    case = load_case(request, case_id, access.CHANGE, case_type=DAMOCLES)
    details = case.damocles
    form = versioned(SealingForm(request.POST or None, initial={
        "order_posted": details.order_posted, "wkpb_registered_on": details.wkpb_registered_on}), case)
    if request.method == "POST" and form.is_valid() and save_versioned(form, case, lambda: closure_registration_record(
            actor=request.user, case=case, **service_data(form))):
        messages.success(request, _("The closure registration was saved."))
        return redirect(case_url(case))
    return _page(request, "damocles/sealing.html", case, form, form_status(form),
                 details=details)
