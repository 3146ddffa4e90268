"""The applications of a case, for every case type that uses the core's remedies and names its
`RemedyRules` in the registry (`CaseTypeSpec.remedy_rules`): register a request for enforcement or
tolerance (Awb 4:13 lid 2: decided within eight weeks, extended by the Atw), record the notice of
delay (4:14 lid 1) and the decision or withdrawal. One set of pages and one template for all types
(lifted from the park); the type's rules say who may act (casework/remedies/applications.py).

Thin views: `load_case` runs `access.require` first (403 plus an `access_denied` event for a
partner or anyone else), the form parses input, one service does the work in one transaction (bad
input leaves nothing saved; the history row is the audited write), and a page that shows an
application records a `view` event before rendering (fail closed). A case type without remedy
rules has no such pages (404). The delay and decision pages update an existing row, so their forms
carry the case version (casework/web/versions.py: a stale submit answers 409 and keeps the input).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from casework import access, registry
from casework.models import Case
from casework.remedies import applications
from casework.remedies.models import Application
from casework.remedies.rules import RemedyRules
from casework.web.application_forms import ApplicationDecideForm, ApplicationDelayForm, ApplicationForm
from casework.web.common import case_url, load_case, record_view
from casework.web.versions import form_status, save, service_data, versioned

TEMPLATE = "casework/remedies/application_form.html"


@dataclass(frozen=True)
class Page:
    form: type[forms.Form]
    service: Callable[..., Any]  # (actor=, rules=, case=, application=, **cleaned_data) -> Application
    title: Any
    success: Any
    intro: Any = ""


PAGES = {
    "create": Page(ApplicationForm, lambda *, application, **data: applications.application_register(**data),
                   _("Register a request for enforcement or tolerance"), _("The application was registered."),
                   _("No statute sets a term: decide within a reasonable term, at most eight weeks after receipt "
                     "(Awb 4:13).")),
    "delay": Page(ApplicationDelayForm, lambda *, case, **data: applications.application_delay(**data),
                  _("Record a notice of delay"), _("The notice of delay was recorded."),
                  _("Tell the applicant before the term ends, with a date as short as possible (Awb 4:14 lid 1).")),
    "decide": Page(ApplicationDecideForm, lambda *, case, **data: applications.application_decide(**data),
                   _("Record the decision on an application"), _("The application was updated.")),
}


def remedy_rules(case: Case) -> RemedyRules:
    """The case type's rules for the remedies (registry `remedy_rules`); 404 when it has none."""
    rules = registry.get(case.case_type).provider("remedy_rules")
    if rules is None:
        raise Http404
    return rules


def _page(kind: str) -> Callable[..., HttpResponse]:
    page = PAGES[kind]

    @never_cache
    @require_http_methods(["GET", "POST"])
    def view(request: AuthenticatedHttpRequest, case_id, row_id=None) -> HttpResponse:
        case = load_case(request, case_id, access.CHANGE, case_type=None)
        rules = remedy_rules(case)
        application = None
        if row_id is not None:
            application = get_object_or_404(Application, pk=row_id, case=case)
        form = page.form(request.POST if request.method == "POST" else None)
        if application is not None:  # an update of the row: the form carries the case version
            form = versioned(form, case)
        if request.method == "POST" and form.is_valid():
            data = service_data(form)
            if save(form, case, lambda: page.service(actor=request.user, rules=rules, case=case,
                                                     application=application, **data)):
                messages.success(request, str(page.success))
                return redirect(case_url(case))
        if application is not None:  # the page shows the application, also again after an error
            record_view(case, object_type="remedies.Application", object_id=application.pk, actor=request.user)
        return render(request, TEMPLATE, {
            "case": case, "form": form, "case_url": case_url(case), "title": page.title, "intro": page.intro,
            "application": application,
        }, status=form_status(form))

    view.__name__ = f"application_{kind}"
    return view


application_create = _page("create")
application_delay = _page("delay")
application_decide = _page("decide")
