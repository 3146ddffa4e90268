"""Park file actions: open a file, status steps with their data, the four-eyes approval of an order,
and the child rows (inspections, the order, announcements, remedies, forfeitures and collection).

Thin views: `load_case` runs `access.require` first (403 + an `access_denied` event for anyone
else), the form parses input, one service does the work and enforces the rules in one transaction
(so bad input leaves nothing half-saved). Pages that show case content (prefilled update forms,
the approval page) record a `view` event before rendering (fail closed).

The child-row pages are one table (`ACTIONS`): the URL name is `park_<kind>`, the form class, the
service and the texts per kind. Imposing the order is the `last_onder_dwangsom` step (park_step).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import require_capability
from casework import access
from casework.approvals import approval_decide as approval_decide_service
from casework.models import Approval
from casework.park.casetype import CASE_TYPE
from casework.park.services.files import inspection_record, park_file_open
from casework.park.services.orders import APPROVAL_SUBJECT, order_request_approval
from casework.park.web.forms import actions as forms
from casework.park.web.views import tracks
from casework.park.web.views.tracks import Action
from casework.web.common import add_errors, case_url, load_case, record_view, step_page
from casework.web.versions import FIELD as VERSION
from casework.web.versions import form_status, save, save_versioned, versioned

PARK = CASE_TYPE
FORM_TEMPLATE = "park/form.html"


@never_cache
@require_http_methods(["GET", "POST"])
def file_open(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Open a park enforcement file for one named object (enforcement officers of the park's organisation)."""
    require_capability(request.user, "park_register")  # accounts/roles.py CAPABILITIES
    initial = {"object": request.GET.get("object")} if request.method == "GET" else None
    form = forms.FileOpenForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            case = park_file_open(actor=request.user, team=request.user.team, **form.service_kwargs())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Park file opened as %(reference)s.") % {"reference": case.reference})
            return redirect(case_url(case))
    return render(request, FORM_TEMPLATE, {
        "form": form, "title": _("Open a park file"), "case_url": reverse("casework:park_overview"),
        "intro": _("A file concerns one recreation object: every inspection, order and forfeiture names it. "
                   "Register the object first if it is not in the list."),
    }, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def step(request: AuthenticatedHttpRequest, case_id, target: str) -> HttpResponse:
    """A status step with the data its guard needs (report, intention, imposing the approved order)."""
    case = load_case(request, case_id, access.TRANSITION, case_type=PARK)
    return step_page(
        request, case, target, done_message=_("The file now has the status “%(status)s”."),
        make_form=lambda definition: forms.StepForm(request.POST or None, step=definition, case=case,
                                                    initial={"version": case.version}),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def approval_decide(request: AuthenticatedHttpRequest, case_id, approval_id) -> HttpResponse:
    """A team lead approves or rejects the drafted order; the service refuses the requester (four eyes)."""
    case = load_case(request, case_id, access.APPROVE, case_type=PARK)
    approval = get_object_or_404(Approval.objects.select_related("requested_by"), pk=approval_id, case=case,
                                 subject=APPROVAL_SUBJECT)
    order = case.park_orders.filter(approval=approval).prefetch_related("addressees").first()
    record_view(case, object_type="park.PenaltyOrder", object_id=order.pk if order else approval.pk,
                actor=request.user)
    form = versioned(forms.ApprovalDecideForm(request.POST or None), case)
    if request.method == "POST" and form.is_valid() and save_versioned(form, case, lambda: approval_decide_service(
            approval=approval, approver=request.user, approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"])):
        messages.success(request, _("Your decision on the approval was recorded."))
        return redirect(case_url(case))
    return render(request, "park/approval_decide.html", {
        "case": case, "form": form, "case_url": case_url(case), "approval": approval, "order": order,
    }, status=form_status(form))


# --- child rows -----------------------------------------------------------------------------------

def _inspection(request, case, data):
    return inspection_record(actor=request.user, case=case, **data)


def _order(request, case, data):
    return order_request_approval(actor=request.user, case=case, **data)


ACTIONS: dict[str, Action] = {
    "inspection_create": Action(
        form=lambda request, case, row, data, files: forms.InspectionForm(data, files, case=case, actor=request.user),
        service=_inspection, title=gettext_lazy("Record an inspection"),
        success=gettext_lazy("The inspection was recorded."),
        intro=gettext_lazy("A re-inspection names the order it checks and says whether it was complied with. "
                           "Photos are stored encrypted.")),
    "order_create": Action(
        form=lambda request, case, row, data, files: forms.OrderForm(data, case=case),
        service=_order, title=gettext_lazy("Draft an order subject to a penalty"),
        success=gettext_lazy("The order was drafted. A team lead decides on the approval."),
        intro=gettext_lazy("The order names this file's recreation object. A compliance term is mandatory "
                           "(Awb 5:32a); the penalty has a maximum (Awb 5:32b). A team lead approves it (four eyes) "
                           "before it is imposed.")),
    **tracks.actions(),
}
ROUTES: dict[str, str] = {
    "inspection_create": "inspections/new/",
    "order_create": "orders/new/",
    **tracks.ROUTES,
}


def _service_kwargs(form, spec: Action, row) -> dict:
    kwargs = form.service_kwargs()
    kwargs.pop(VERSION, None)
    if spec.row_arg:
        kwargs[spec.row_arg] = row
    return kwargs


def child_view(kind: str) -> Callable[..., HttpResponse]:
    spec = ACTIONS[kind]

    @never_cache
    @require_http_methods(["GET", "POST"])
    def view(request: AuthenticatedHttpRequest, case_id, row_id=None) -> HttpResponse:
        case = load_case(request, case_id, access.CHANGE, case_type=PARK)
        row = spec.row(case, row_id) if spec.row is not None else None
        if spec.shows_content and request.method == "GET" and row is not None:
            record_view(case, object_type=row._meta.label, object_id=row.pk, actor=request.user)
        posted = request.method == "POST"  # a form whose fields are all optional may come back empty
        form = spec.form(request, case, row, request.POST if posted else None, request.FILES if posted else None)
        if row is not None:  # an update of an existing row carries the case version (a creation does not)
            form = versioned(form, case)
        if request.method == "POST" and form.is_valid() and save(form, case, lambda: spec.service(
                request, case, _service_kwargs(form, spec, row))):
            messages.success(request, str(spec.success))
            return redirect(case_url(case))
        return render(request, FORM_TEMPLATE, {
            "case": case, "form": form, "case_url": case_url(case), "title": spec.title, "intro": spec.intro,
            "multipart": any(getattr(f.widget, "needs_multipart_form", False) for f in form.fields.values()),
        }, status=form_status(form))

    view.__name__ = f"park_{kind}"
    return view
