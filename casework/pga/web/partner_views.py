"""A chain partner's reports on a shared PGA case, and the process director marking them seen
(docs/adr/0031). Thin: the case is loaded for reading (the partner's path is a sharing decision), the
service checks the partner's organisation, the live decision and the input (403 recorded, 400 with the
form again); reporting an agreement done changes it, so it carries the case version (409 when stale,
the input kept: docs/adr/0017).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from casework import access
from casework.live_shares import activities_of
from casework.pga.casetype import CASE_TYPE, PGA_CONFERENCES
from casework.pga.models import Agreement, PartnerContribution
from casework.pga.services import partner_agreement_done, partner_agreement_note, partner_contribution_review
from casework.pga.services.partners import partner_shares
from casework.pga.web.partner_forms import PartnerReportForm, ReviewForm
from casework.web.common import case_url, load_case, record_view
from casework.web.versions import form_status, save, save_versioned, versioned


def _agreement(request: AuthenticatedHttpRequest, case_id, agreement_id, kind: str):
    """The case (read access), the agreement, and the activities of the live decisions (403 recorded
    for another organisation's agreement, no decision in force, or no category)."""
    case = load_case(request, case_id, access.VIEW, case_type=CASE_TYPE)
    agreement = get_object_or_404(Agreement.objects.select_related("owner_organisation", "case"),
                                  pk=agreement_id, case=case)
    agreement.case = case
    shares = partner_shares(request.user, agreement, kind)
    return case, agreement, activities_of(shares)


def _page(request, case, agreement, form, *, done: bool, status: int) -> HttpResponse:
    return render(request, "pga/partner_report.html", {
        "case": case, "case_url": case_url(case), "agreement": agreement, "form": form, "done": done,
    }, status=status)


@require_http_methods(["GET", "POST"])
def partner_agreement_done_view(request: AuthenticatedHttpRequest, case_id, agreement_id) -> HttpResponse:
    case, agreement, activities = _agreement(request, case_id, agreement_id, PartnerContribution.Kind.DONE)
    form = versioned(PartnerReportForm(request.POST or None, activities=activities), case)
    if request.method == "POST" and form.is_valid() and save_versioned(form, case, lambda: partner_agreement_done(
            actor=request.user, agreement=agreement, text=form.cleaned_data["text"],
            processing_activity=form.activity())):
        messages.success(request, _("The agreement was reported done. The process director sees your note."))
        return redirect(case_url(case))
    record_view(case, object_type="pga.Agreement", object_id=agreement.pk, actor=request.user)
    return _page(request, case, agreement, form, done=True, status=form_status(form))


@require_http_methods(["GET", "POST"])
def partner_agreement_note_view(request: AuthenticatedHttpRequest, case_id, agreement_id) -> HttpResponse:
    case, agreement, activities = _agreement(request, case_id, agreement_id, PartnerContribution.Kind.NOTE)
    form = PartnerReportForm(request.POST or None, activities=activities)
    if request.method == "POST" and form.is_valid() and save(form, case, lambda: partner_agreement_note(
            actor=request.user, agreement=agreement, text=form.cleaned_data["text"],
            processing_activity=form.activity())):
        messages.success(request, _("The monitoring note was saved. The process director sees it."))
        return redirect(case_url(case))
    record_view(case, object_type="pga.Agreement", object_id=agreement.pk, actor=request.user)
    return _page(request, case, agreement, form, done=False, status=form_status(form))


@require_http_methods(["POST"])
def partner_contribution_review_view(request: AuthenticatedHttpRequest, case_id, contribution_id) -> HttpResponse:
    """The process director marks a partner's report seen (a button on the case page; versioned)."""
    case = load_case(request, case_id, access.CHANGE, case_type=CASE_TYPE)
    contribution = get_object_or_404(PartnerContribution.objects.select_related("case"), pk=contribution_id, case=case)
    contribution.case = case
    form = versioned(ReviewForm(request.POST), case)
    if form.is_valid() and save_versioned(form, case, lambda: partner_contribution_review(
            actor=request.user, contribution=contribution)):
        messages.success(request, _("The partner's report was marked as seen."))
        return redirect(case_url(case))
    record_view(case, object_type="pga.PartnerContribution", object_id=contribution.pk, actor=request.user)
    return render(request, "pga/partner_review.html", {
        "case": case, "case_url": case_url(case), "contribution": contribution, "form": form,
        "category": PGA_CONFERENCES,
    }, status=form_status(form))
