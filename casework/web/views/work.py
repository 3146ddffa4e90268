"""Mijn werk: what waits for the user over every case type, by urgency (casework/worklist.py).

Thin: parse the filters (the list-and-filter component, casework/web/listing.py), call the
selector, record a `list` event per case on the page shown (as the case list does), render.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import has_capability, require_capability
from audit import record
from audit.actions import Action
from audit.activities import CHAIN_SHARING
from casework import disclosures, registry, selectors, worklist
from casework.meetings import selectors as meetings
from casework.meetings.categories import CAPABILITY as MEETINGS
from casework.models import SavedFilter
from casework.web.forms import WorkFilterForm
from casework.web.views.saved_filters import saved_for


@never_cache
@require_http_methods(["GET"])
def my_work(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, "find_cases")
    form = WorkFilterForm(request.GET)
    filters = worklist.WorkFilters(case_type=form.value("case_type"), kind=form.value("kind"),
                                   window=form.value("window"))
    today = timezone.localdate()
    items = worklist.work_items(user=request.user, filters=filters, today=today)
    page = form.paginate(items, request.GET.get("page"))
    shown = {item.case.pk: item.case for item in page.object_list}
    disclosures.cases_disclosed(action=Action.LIST, cases=shown.values(), reason="my work")
    rows = [(item, registry.label(item.case.case_type), selectors.status_label(item.case.case_type, item.case.status),
             worklist.KINDS.get(item.kind, "")) for item in page.object_list]
    shows_meetings = has_capability(request.user, MEETINGS.code)
    sittings = meetings.my_week(request.user) if shows_meetings else []
    if sittings:  # as the meetings list records its page (titles, times and places: no case, no name)
        record(action=Action.LIST, processing_activity=CHAIN_SHARING, object_type="meetings.MeetingOccurrence",
               reason=f"meetings shown on my work:{len(sittings)}", actor=request.user)
    return render(request, "casework/my_work.html", {
        "form": form, "page": page, "rows": rows, "query": form.query(), "today": today,
        "filtered": any((filters.case_type, filters.kind, filters.window)), "sittings": sittings,
        "meetings": shows_meetings,
        "saved_filters": saved_for(SavedFilter.Page.WORK, request.user), "saved_page": SavedFilter.Page.WORK,
    })
