"""Case-level actions of every case type: status transitions, handover and break-the-glass.

Thin views: `load_case` runs `access.require` (403 + audit event for anyone else), the form
parses input, one service does the work and enforces the rules. Sharing decisions are in
sharing.py; a case type's own actions are in its package (`casework/<type>/web/`).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from casework import access, registry, workflow
from casework.breakglass import break_glass_open
from casework.models import Case
from casework.services import case_handover
from casework.web.common import (
    add_errors,
    case_url,
    illegal_transition,
    load_case,
    posted_version_is_stale,
)
from casework.web.forms import BreakGlassForm, HandoverForm, TransitionForm
from casework.web.versions import mark_conflict


@require_http_methods(["GET", "POST"])
def case_transition(request: AuthenticatedHttpRequest, case_id, target: str) -> HttpResponse:
    case = load_case(request, case_id, access.TRANSITION, case_type=None)
    step_view = registry.get(case.case_type).step_view
    if step_view:  # the type's steps carry data this form does not know: its own step page
        return redirect(step_view, case_id=case.pk, target=target)
    try:
        step = workflow.allowed_step(case=case, to=target)
    except workflow.IllegalTransition as exc:
        if posted_version_is_stale(request, case):
            stale = workflow.StaleEdit(_("This case was changed by someone else in the meantime. "
                                         "Reload the page and try again."), code="stale")
            return illegal_transition(request, case, stale, status=409)
        return illegal_transition(request, case, exc)
    if step not in workflow.available_transitions(case=case, user=request.user):
        access.record_denial(request.user, case, access.TRANSITION)
        raise PermissionDenied(_("Your role may not take this step."))
    form = TransitionForm(request.POST or None, step=step, case_type=case.case_type,
                          initial={"version": case.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            workflow.transition(case=case, to=target, by=request.user, reason=form.cleaned_data["reason"],
                                expected_version=form.cleaned_data["version"], **form.step_data())
        except workflow.IllegalTransition as exc:
            return illegal_transition(request, case, exc)
        except workflow.StaleEdit:
            mark_conflict(form, case)
            status = 409
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The case now has the status “%(status)s”.")
                             % {"status": workflow.workflow_for(case).label(target)})
            return redirect(case_url(case))
    context = {
        "case": case, "form": form, "case_url": case_url(case),
        "source_label": workflow.workflow_for(case).label(case.status),
        "target_label": workflow.workflow_for(case).label(target), "closes": step.closes,
    }
    return render(request, "casework/actions/transition.html", context, status=status)


@require_http_methods(["GET", "POST"])
def handover(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    case = load_case(request, case_id, access.HANDOVER, case_type=None)
    form = HandoverForm(request.POST or None, case=case, initial={"version": case.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case_handover(actor=request.user, case=case, new_owner=data["new_owner"], reason=data["reason"],
                          expected_version=data["version"])
        except workflow.StaleEdit:
            mark_conflict(form, case)
            status = 409
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The case was handed over to %(name)s.")
                             % {"name": data["new_owner"].display_name})
            return redirect(case_url(case))
    return render(request, "casework/actions/handover.html",
                  {"case": case, "form": form, "case_url": case_url(case)}, status=status)


@require_http_methods(["GET", "POST"])
def break_glass(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    """Emergency access. Shows nothing of the case, not even its reference: the user has no access yet."""
    case = get_object_or_404(Case, pk=case_id)
    if not access.can_break_glass(request.user, case):
        access.record_denial(request.user, case, "break_glass")
        raise PermissionDenied(_("Your role does not allow emergency access."))
    if access.case_access(request.user, case):
        return redirect(case_url(case))
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            break_glass_open(user=request.user, case=case, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.warning(request, _("Emergency access is open for 4 hours. The privacy officer will review it."))
            return redirect(case_url(case))
    return render(request, "casework/actions/break_glass.html", {"form": form})
