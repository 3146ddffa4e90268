"""Sharing decisions (gegevensdeling): create and revoke. The services write the audit events."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from audit.models import ProcessingActivity
from casework import access
from casework.categories import label_of
from casework.models import SharingDecision
from casework.sharing import share_create, share_revoke
from casework.web.common import add_errors, case_url, load_case
from casework.web.forms import ReasonForm, ShareForm
from casework.web.versions import form_status, save_versioned, versioned


@require_http_methods(["GET", "POST"])
def share_create_view(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    case = load_case(request, case_id, access.SHARE, case_type=None)
    activities = list(ProcessingActivity.objects.filter(is_active=True).order_by("name"))
    form = ShareForm(request.POST or None, case=case, activities=activities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            share = share_create(actor=request.user, case=case, partner=data["partner"],
                                 categories=form.chosen_categories(), processing_activity=data["processing_activity"],
                                 purpose=data["purpose"], weighing=data["weighing"], ends_on=data["ends_on"],
                                 shielded_weighing=data.get("shielded_weighing") or "")
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The data are shared with %(partner)s until %(date)s.")
                             % {"partner": share.partner.name, "date": date_format(share.ends_on, "j F Y")})
            return redirect(case_url(case))
    return render(request, "casework/actions/share_form.html",
                  {"case": case, "form": form, "case_url": case_url(case)})


@require_http_methods(["GET", "POST"])
def share_revoke_view(request: AuthenticatedHttpRequest, case_id, share_id) -> HttpResponse:
    case = load_case(request, case_id, access.SHARE, case_type=None)
    share = get_object_or_404(SharingDecision.objects.select_related("partner"), pk=share_id, case=case)
    form = versioned(ReasonForm(request.POST or None), case)
    if request.method == "POST" and form.is_valid() and save_versioned(form, case, lambda: share_revoke(
            actor=request.user, share=share, reason=form.cleaned_data["reason"])):
        messages.success(request, _("The sharing decision was revoked; the partner has no access any more."))
        return redirect(case_url(case))
    categories = [label_of(code) for code in share.categories]
    return render(request, "casework/actions/share_revoke.html",
                  {"case": case, "form": form, "share": share, "categories": categories, "case_url": case_url(case)},
                  status=form_status(form))
