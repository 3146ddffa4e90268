"""Helpers shared by the action views: load a case behind `require`, map service errors onto forms.

Kept apart from the views so each view stays a few lines: parse the form, call one service,
redirect to the case page or render the form again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from audit import record
from audit.actions import Action
from casework import access, workflow
from casework.models import Case, processing_activity_of


def load_case(request: HttpRequest, case_id, action: str, *, case_type: str | None) -> Case:
    """The case, after `access.require` (403 plus an `access_denied` event for anyone else).

    The case-type check comes after the permission check, so a refusal does not reveal the type.
    """
    case = get_object_or_404(Case.objects.select_related("controller", "owner", "team"), pk=case_id)
    access.require(request.user, action, case)
    if case_type is not None and case.case_type != case_type:
        raise Http404
    return case


def case_url(case: Case) -> str:
    """The case page (casework:case_detail, built in the read pages); a plain path until it exists."""
    try:
        return reverse("casework:case_detail", kwargs={"case_id": case.pk})
    except NoReverseMatch:
        return f"/cases/{case.pk}/"


def record_view(case: Case, *, object_type: str, object_id: Any, actor) -> None:
    """Audit a read of case content BEFORE it is rendered (fails closed: AuditWriteError → 503)."""
    record(
        action=Action.VIEW, processing_activity=processing_activity_of(case), object_type=object_type,
        object_id=object_id, case_id=case.pk, subject_id=case.person_id, actor=actor,
    )


def add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the named field when the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def illegal_transition(request: HttpRequest, case: Case, exc: ValidationError, *, status: int = 400) -> HttpResponse:
    """The page that explains why a step cannot be taken (409 when someone else changed the case first)."""
    return render(request, "casework/actions/illegal_transition.html",
                  {"case": case, "message": " ".join(exc.messages), "case_url": case_url(case),
                   "conflict": status == 409}, status=status)


def posted_version_is_stale(request: HttpRequest, case: Case) -> bool:
    """A POST from a form loaded before someone else changed the case (e.g. took this very step)."""
    posted = request.POST.get("version", "")
    return request.method == "POST" and posted.isdigit() and int(posted) != case.version


def step_page(request: HttpRequest, case: Case, target: str, *, make_form: Callable[[workflow.Transition], Any],
              done_message: str) -> HttpResponse:
    """A case type's own status-step page (steps with data of their own): the step's data form, then
    `workflow.transition`.

    An illegal step answers the explanation page (409 when the posted version is stale, else 400); a step
    the user's role may not take is refused (403 plus an `access_denied` event). `make_form(step)` builds
    the bound form; `done_message` (with `%(status)s`) is shown after the step was taken.
    """
    try:
        definition = workflow.allowed_step(case=case, to=target)
    except workflow.IllegalTransition as exc:
        return illegal_transition(request, case, exc, status=409 if posted_version_is_stale(request, case) else 400)
    if definition not in workflow.available_transitions(case=case, user=request.user):
        access.record_denial(request.user, case, access.TRANSITION)
        raise PermissionDenied(_("Your role may not take this step."))
    form = make_form(definition)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            workflow.transition(case=case, to=target, by=request.user, reason=form.cleaned_data["reason"],
                                expected_version=form.cleaned_data["version"], **form.step_data())
        except workflow.StaleEdit:
            from casework.web.versions import mark_conflict  # casework.web.versions imports this module

            mark_conflict(form, case)
            status = 409
        except ValidationError as exc:
            add_errors(form, exc)
            status = 400
        else:
            messages.success(request, done_message % {"status": workflow.workflow_for(case).label(target)})
            return redirect(case_url(case))
    label = workflow.workflow_for(case).label
    return render(request, "casework/actions/transition.html", {
        "case": case, "form": form, "case_url": case_url(case), "source_label": label(case.status),
        "target_label": label(target), "closes": definition.closes,
    }, status=status)
