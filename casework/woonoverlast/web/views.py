"""Woonoverlast pages: the overview list, opening a file, the four-eyes approval and the child rows
(reports, zwartboek, interventions, views, the gedragsaanwijzing and closure drafts, announcements,
compliance checks). Status steps (the intention, imposing the approved decision) are the core's step
page with the fields of `web/forms.py:step_fields`.

Thin views: `load_case` runs `access.require` first (403 + an `access_denied` event for anyone
else), the form parses input, one service does the work in one transaction (bad input leaves
nothing half-saved). The overview records one `list` event per file shown (one batch).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.models import Organisation
from accounts.roles import require_capability
from audit.actions import Action as AuditAction
from casework import access, disclosures
from casework.approvals import approval_decide as approval_decide_service
from casework.bag.forms import address_step, bag_form
from casework.brp.forms import brp_form, person_step
from casework.csv_export import csv_response
from casework.models import Approval
from casework.paging import CountedPaginator
from casework.web.common import add_errors, case_url, load_case, record_view
from casework.web.versions import form_status, save, save_versioned, versioned
from casework.woonoverlast import services
from casework.woonoverlast.casetype import CASE_TYPE, PROCESSING_ACTIVITY
from casework.woonoverlast.selectors import export, overview
from casework.woonoverlast.services.closures import EXTENSION_APPROVAL
from casework.woonoverlast.services.orders import CLOSURE_APPROVAL, ORDER_APPROVAL
from casework.woonoverlast.web import collection_forms, followup_forms, forms

FORM_TEMPLATE = "woonoverlast/form.html"
ORDER_LABEL, CLOSURE_LABEL = "woonoverlast.BehaviouralOrder", "woonoverlast.Closure"
PAGE_SIZE = 25


@never_cache
@require_http_methods(["GET"])
def overview_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The woonoverlast files the user may see, newest first, with status and report count."""
    require_capability(request.user, "woonoverlast_overview")
    page = CountedPaginator(overview.overview_pages(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    cases = list(page.object_list)
    disclosures.cases_disclosed(action=AuditAction.LIST, cases=cases, reason="woonoverlast overview")
    rows = overview.overview_rows(request.user, cases)
    return render(request, "woonoverlast/overview.html", {"page": page, "rows": rows})


@never_cache
@require_http_methods(["GET"])
def overview_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The file list as CSV (no names, addresses or reporters; figures only of shared categories);
    each file in it is recorded as exported (one event per file and its subject)."""
    require_capability(request.user, "woonoverlast_overview")
    cases = list(export.export_cases(request.user))
    lines = export.csv_rows(request.user, cases)
    disclosures.cases_disclosed(action=AuditAction.EXPORT, cases=cases, reason="woonoverlast overview csv")
    response = csv_response(lines[0], lines[1:], filename=f"woonoverlast-overzicht-{timezone.localdate()}.csv")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def file_open(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, "woonoverlast_register")
    data = request.POST if request.method == "POST" else None
    step = address_step(data, form_class=forms.FileOpenForm, processing_activity=PROCESSING_ACTIVITY)
    person = person_step(data, user=request.user, form_class=forms.FileOpenForm,
                         processing_activity=PROCESSING_ACTIVITY)
    form = brp_form(forms.FileOpenForm, data, person) if person.active else bag_form(
        forms.FileOpenForm, request.POST or None, step)
    if request.method == "POST" and not step.active and not person.active and form.is_valid():
        try:
            organisation = cast(Organisation, request.user.organisation)
            case = services.woonoverlast_file_open(actor=request.user, controller=organisation,
                                                   team=request.user.team, **form.service_kwargs())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Woonoverlast file opened as %(reference)s.") % {"reference": case.reference})
            return redirect(case_url(case))
    return render(request, FORM_TEMPLATE, {
        "form": form, "address": step, "person_step": person, "title": _("Open a woonoverlast file"),
        "case_url": reverse("casework:woonoverlast_overview"),
        "intro": _("A file concerns the person causing the nuisance and their dwelling. Register the reports and "
                   "their reporters on the file: reporters are shielded."),
    }, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def approval_decide(request: AuthenticatedHttpRequest, case_id, approval_id) -> HttpResponse:
    """A team lead approves or rejects a drafted decision; the service refuses the requester (four eyes)."""
    case = load_case(request, case_id, access.APPROVE, case_type=CASE_TYPE)
    approval = get_object_or_404(Approval.objects.select_related("requested_by"), pk=approval_id, case=case,
                                 subject__in=[ORDER_APPROVAL, CLOSURE_APPROVAL, EXTENSION_APPROVAL])
    decision = (case.woonoverlast_orders.filter(approval=approval).first()  # type: ignore[attr-defined]
                or case.woonoverlast_closures.filter(approval=approval).first()  # type: ignore[attr-defined]
                or case.woonoverlast_extensions.filter(approval=approval)  # type: ignore[attr-defined]
                .select_related("closure").first())
    record_view(case, object_type=decision._meta.label if decision else "casework.Approval",
                object_id=decision.pk if decision else approval.pk, actor=request.user)
    form = versioned(forms.ApprovalDecideForm(request.POST or None), case)
    if request.method == "POST" and form.is_valid() and save_versioned(form, case, lambda: approval_decide_service(
            approval=approval, approver=request.user, approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"])):
        messages.success(request, _("Your decision on the approval was recorded."))
        return redirect(case_url(case))
    return render(request, "woonoverlast/approval_decide.html", {
        "case": case, "form": form, "case_url": case_url(case), "approval": approval, "decision": decision,
    }, status=form_status(form))


@dataclass(frozen=True)
class ChildAction:
    form: type
    service: Callable[..., Any]
    title: Any
    success: Any
    intro: Any = ""
    updates: bool = False  # updates an existing row: the form carries the case version (casework/web/versions.py)


def _call(service: Callable[..., Any], case_arg: str | None = "case") -> Callable[..., Any]:
    def run(request: AuthenticatedHttpRequest, case: Any, data: dict[str, Any]) -> Any:
        if case_arg:
            data[case_arg] = case
        return service(actor=request.user, **data)
    return run


ACTIONS: dict[str, tuple[str, ChildAction]] = {
    "melding_create": ("reports/new/", ChildAction(
        forms.MeldingForm, _call(services.melding_register), gettext_lazy("Register a nuisance report"),
        gettext_lazy("The report was registered."),
        gettext_lazy("The reporter is a shielded party: never named in a letter or to the person causing the "
                     "nuisance, and shown to partners only with the dedicated category."))),
    "zwartboek_create": ("zwartboek/new/", ChildAction(
        forms.ZwartboekForm, _call(services.zwartboek_record), gettext_lazy("Record the zwartboek"),
        gettext_lazy("The zwartboek was recorded."),
        gettext_lazy("Anonymised statements: only these go into the intention and into objection and court files. "
                     "You record that you verified the reporters' identities."))),
    "intervention_create": ("interventions/new/", ChildAction(
        forms.InterventionForm, _call(services.intervention_record), gettext_lazy("Record an intervention"),
        gettext_lazy("The intervention was recorded."),
        gettext_lazy("A gedragsaanwijzing is a last resort: record the lighter means tried first."))),
    "view_create": ("views/new/", ChildAction(
        forms.ViewForm, _call(services.view_record, None), gettext_lazy("Record a view"),
        gettext_lazy("The view was recorded."))),
    "order_create": ("orders/new/", ChildAction(
        forms.OrderForm, _call(services.order_request_approval), gettext_lazy("Draft a gedragsaanwijzing"),
        gettext_lazy("The gedragsaanwijzing was drafted. A team lead decides on the approval."),
        gettext_lazy("A last onder bestuursdwang (art. 151d Gemeentewet and the APV) or, instead, a last onder "
                     "dwangsom (Awb 5:32 lid 1). The duration stays within the APV maximum."))),
    "closure_create": ("closures/new/", ChildAction(
        forms.ClosureForm, _call(services.closure_request_approval), gettext_lazy("Draft a closure (art. 174a)"),
        gettext_lazy("The closure was drafted. A team lead decides on the approval."))),
    "care_offer_create": ("care-offers/new/", ChildAction(
        followup_forms.CareOfferForm, _call(services.care_offer_refer), gettext_lazy("Offer care through a PGA case"),
        gettext_lazy("The care offer was recorded, the PGA case opened and shared, and both cases linked."),
        gettext_lazy("A PGA case is opened for the person causing the nuisance, owned by a process director. Data "
                     "pass to the care partner only through the sharing decision below, with its processing "
                     "activity; nothing is written without it."))),
    "closure_extension_create": ("closures/extensions/new/", ChildAction(
        followup_forms.ClosureExtensionForm, _call(services.closure_extension_request, None),
        gettext_lazy("Draft an extension of a closure (art. 174a lid 3)"),
        gettext_lazy("The extension was drafted. A team lead decides on the approval."),
        gettext_lazy("An extension is a decision of its own, with four eyes like the closure."))),
    "closure_extend": ("closures/extend/", ChildAction(
        followup_forms.ClosureExtendForm, _call(services.closure_extend, None),
        gettext_lazy("Decide on the extension of a closure (art. 174a lid 3)"),
        gettext_lazy("The closure was extended."),
        gettext_lazy("The approved extension, decided while the closure is in force."), updates=True)),
    "closure_costs": ("closures/costs/", ChildAction(
        followup_forms.ClosureCostsForm, _call(services.closure_costs_record, None),
        gettext_lazy("Recover the costs of a closure (Awb 5:25)"), gettext_lazy("The cost recovery was recorded."),
        gettext_lazy("One decision per closure, with the amount, its specification and the decision date."),
        updates=True)),
    "announcement_create": ("announcements/new/", ChildAction(
        forms.AnnouncementForm, _call(services.announcement_register), gettext_lazy("Record an announcement"),
        gettext_lazy("The announcement was recorded."),
        gettext_lazy("One announcement per addressee: the compliance term and the objection term run from it."))),
    "check_create": ("checks/new/", ChildAction(
        forms.CheckForm, _call(services.check_record, None), gettext_lazy("Record a compliance check"),
        gettext_lazy("The check was recorded."))),
    "forfeiture_create": ("forfeitures/new/", ChildAction(
        forms.ForfeitureForm, _call(services.forfeiture_record, None), gettext_lazy("Record a forfeiture"),
        gettext_lazy("The forfeiture was recorded."),
        gettext_lazy("Only after the compliance term has ended for every addressee; within the maximum (Awb 5:32b)."))),
    "collection_intention_create": ("collection/intentions/new/", ChildAction(
        collection_forms.CollectionIntentionForm, _call(services.collection_intention_record, None),
        gettext_lazy("Record an intention to collect"), gettext_lazy("The intention to collect was recorded."),
        gettext_lazy("The addressee may give a view within the term (Awb 4:8) before the collection decision."))),
    "collection_request_create": ("collection/requests/new/", ChildAction(
        collection_forms.CollectionRequestForm, _call(services.collection_request_record, None),
        gettext_lazy("Register a request for a collection decision"), gettext_lazy("The request was registered."),
        gettext_lazy("A collection decision must follow within four weeks of the request (Awb 5:37 lid 3)."))),
    "collection_decision_create": ("collection/decisions/new/", ChildAction(
        collection_forms.CollectionDecisionForm, _call(services.collection_decision_record, None),
        gettext_lazy("Record a collection decision"),
        gettext_lazy("The collection decision was recorded; the limitation dates were recomputed."))),
    "payment_create": ("payments/new/", ChildAction(
        collection_forms.PaymentForm, _call(services.payment_record, None), gettext_lazy("Record a payment"),
        gettext_lazy("The payment was recorded."))),
    "enforcement_create": ("enforcement/new/", ChildAction(
        forms.EnforcementActForm, _call(services.enforcement_act_record, None),
        gettext_lazy("Record bestuursdwang carried out"), gettext_lazy("The bestuursdwang was recorded."),
        gettext_lazy("Only after the compliance term has ended for every addressee, unless urgent (Awb 5:31) with "
                     "its reasons; then the written decision must follow."))),
}


def child_view(kind: str) -> Callable[..., HttpResponse]:
    spec = ACTIONS[kind][1]

    @never_cache
    @require_http_methods(["GET", "POST"])
    def view(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
        case = load_case(request, case_id, access.CHANGE, case_type=CASE_TYPE)
        form = spec.form(request.POST if request.method == "POST" else None, case=case)
        if spec.updates:
            form = versioned(form, case)
        if request.method == "POST" and form.is_valid():
            data = {name: value for name, value in form.service_kwargs().items() if name != "version"}
            if save(form, case, lambda: spec.service(request, case, data)):
                messages.success(request, str(spec.success))
                return redirect(case_url(case))
        return render(request, FORM_TEMPLATE, {
            "case": case, "form": form, "case_url": case_url(case), "title": spec.title, "intro": spec.intro,
        }, status=form_status(form))

    view.__name__ = f"woonoverlast_{kind}"
    return view
