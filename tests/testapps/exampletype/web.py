"""The example type's one page of its own: settle a pending objection. It shows the pattern every type
follows for an update of an existing row (casework/web/versions.py): the form carries the case version,
the service runs under `case_update`, a stale submit answers 409 and keeps the input."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from audit.history import save_with_reason
from casework import access
from casework.web.common import case_url, load_case
from casework.web.versions import form_status, save_versioned, versioned
from tests.testapps.exampletype.casetype import CASE_TYPE
from tests.testapps.exampletype.models import ExampleObjection


class SettleForm(forms.Form):
    due_on = forms.DateField(required=False)
    reason = forms.CharField(max_length=200)


@transaction.atomic
def objection_settle(*, actor, objection: ExampleObjection, reason: str) -> ExampleObjection:
    """The service: no longer pending (the legal hold ends)."""
    access.require(actor, access.CHANGE, objection.case)
    if not objection.pending:
        raise ValidationError("This objection was already settled.")
    objection.pending = False
    save_with_reason(objection, reason=reason, user=actor)
    return objection


@require_http_methods(["GET", "POST"])
def objection_settle_view(request: AuthenticatedHttpRequest, case_id, objection_id) -> HttpResponse:
    case = load_case(request, case_id, access.CHANGE, case_type=CASE_TYPE)
    objection = get_object_or_404(ExampleObjection, pk=objection_id, case=case)
    form = versioned(SettleForm(request.POST or None), case)
    if request.method == "POST" and form.is_valid() and save_versioned(form, case, lambda: objection_settle(
            actor=request.user, objection=objection, reason=form.cleaned_data["reason"])):
        messages.success(request, "Settled.")
        return redirect(case_url(case))
    return render(request, "exampletype/settle.html", {"case": case, "form": form, "case_url": case_url(case)},
                  status=form_status(form))


urlpatterns = [
    path("cases/<uuid:case_id>/example/objections/<uuid:objection_id>/settle/", objection_settle_view,
         name="example_objection_settle"),
]
