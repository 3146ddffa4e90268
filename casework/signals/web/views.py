"""Signal pages: the list (audited, query count independent of the rows), registering a signal (staff
and partners; the address picked in the BAG) and the triage (the type's step page).

Thin views: `load_case` runs `access.require` first (403 + an `access_denied` event for anyone else),
the form parses input, one service does the work in one transaction (bad input leaves nothing saved).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import KETENPARTNER, require_capability
from audit.actions import Action as AuditAction
from casework import access, disclosures
from casework.bag.forms import address_step, bag_form
from casework.paging import CountedPaginator
from casework.signals import selectors
from casework.signals.casetype import CASE_TYPE, PROCESSING_ACTIVITY
from casework.signals.services import signal_register, signal_triage
from casework.signals.web.forms import SignalForm, TriageForm
from casework.web.common import add_errors, case_url, load_case
from casework.web.versions import form_status, mark_conflict, versioned
from casework.workflow import StaleEdit

PAGE_SIZE = 25
FORM_TEMPLATE = "signals/form.html"


@never_cache
@require_http_methods(["GET"])
def signal_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The signals the user may see, open first; each one shown is recorded (one `list` batch)."""
    require_capability(request.user, "signals_list")
    page = CountedPaginator(selectors.signal_pages(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    cases = list(page.object_list)
    disclosures.cases_disclosed(action=AuditAction.LIST, cases=cases, reason="signals list")
    return render(request, "signals/list.html", {"page": page, "rows": selectors.list_rows(request.user, cases)})


@never_cache
@require_http_methods(["GET", "POST"])
def signal_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, "signals_register")
    data = request.POST if request.method == "POST" else None
    step = address_step(data, form_class=SignalForm, processing_activity=PROCESSING_ACTIVITY)
    form = bag_form(SignalForm, data, step, user=request.user)
    if request.method == "POST" and not step.active and form.is_valid():
        try:
            case = signal_register(actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if request.user.role == KETENPARTNER or not access.case_access(request.user, case):
                messages.success(request, _("The signal has been registered as %(reference)s and goes to triage.")
                                 % {"reference": case.reference})
                return redirect("dashboard")
            messages.success(request, _("Signal registered as %(reference)s.") % {"reference": case.reference})
            return redirect(case_url(case))
    return render(request, FORM_TEMPLATE, {
        "form": form, "address": step, "title": _("Register an undermining signal"),
        "case_url": reverse("dashboard"),
        "intro": _("A signal of undermining crime goes to an enforcement officer for triage. Who reported it is "
                   "shielded: never named in the description."),
    }, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def signal_triage_page(request: AuthenticatedHttpRequest, case_id, target: str = "") -> HttpResponse:
    case = load_case(request, case_id, access.TRANSITION, case_type=CASE_TYPE)
    form = versioned(TriageForm(request.POST or None, case=case), case)
    if request.method == "POST" and form.is_valid():
        try:
            signal_triage(actor=request.user, case=case, expected_version=form.cleaned_data["version"],
                          **form.service_kwargs())
        except StaleEdit:
            mark_conflict(form, case)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The triage of the signal was recorded."))
            return redirect(case_url(case))
    return render(request, FORM_TEMPLATE, {
        "form": form, "case": case, "case_url": case_url(case), "title": _("Triage of the signal"),
        "intro": _("Choose the outcome. A routing needs its purpose and a sharing decision with the partner."),
    }, status=form_status(form))
