"""Helpers shared by the action views: load a case behind `require`, map service errors onto forms.

Kept apart from the views so each view stays a few lines: parse the form, call one service,
redirect to the case page or render the form again.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse

from audit import record
from audit.actions import Action
from casework import access
from casework.models import Case, CaseType, processing_activity_of


def load_case(request: HttpRequest, case_id, action: str, *, case_type: str | None = CaseType.PGA) -> Case:
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
