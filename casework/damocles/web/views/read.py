"""Damocles read pages: the police report download and the deadline overview.

The download is an export of personal data: access and the category are checked first, the
`export` event is recorded before a single byte is sent (fail closed: AuditWriteError → 503),
and the response must not be cached. The deadline overview lists references, kinds and dates
only, for visible cases; each case shown is recorded as a `list` event, like the dashboards.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import roles_with
from audit import record
from audit.actions import Action
from casework import access, disclosures
from casework.damocles.casetype import DAMOCLES_REPORT
from casework.damocles.models import PoliceReport
from casework.damocles.selectors.deadlines import deadline_overview
from casework.models import processing_activity_of
from casework.uploads import attachment_response
from casework.web.common import load_case


@never_cache
@require_http_methods(["GET"])
def report_download(request: AuthenticatedHttpRequest, case_id, report_id) -> HttpResponse:
    case = load_case(request, case_id, access.VIEW, case_type="damocles")
    if not access.case_access(request.user, case).sees(DAMOCLES_REPORT):
        access.record_denial(request.user, case, "export")
        raise PermissionDenied(_("The police report was not shared with your organisation."))
    report = get_object_or_404(PoliceReport, pk=report_id, case=case)
    if not report.document:
        raise Http404
    record(action=Action.EXPORT, processing_activity=processing_activity_of(case),
           object_type="damocles.PoliceReport", object_id=report.pk, case_id=case.pk, subject_id=case.person_id,
           reason="police report download", actor=request.user)
    content = report.document.storage.open_for(report.document.name, owner_id=report.pk).read()
    return attachment_response(content, content_type="application/pdf",
                               filename=f"politierapport-{case.reference}.pdf")


@never_cache
@require_http_methods(["GET"])
def deadlines(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.user.role not in roles_with("damocles_deadlines"):
        raise PermissionDenied(_("The Damocles deadline overview is for enforcement officers."))
    today = timezone.localdate()
    overview = deadline_overview(cases=access.visible_cases(request.user), today=today)
    disclosures.cases_disclosed(action=Action.LIST, cases=overview.cases_shown(), reason="damocles deadlines")
    return render(request, "damocles/deadlines.html", {"overview": overview, "today": today})
