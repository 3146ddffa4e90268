"""Saved filters of the list pages: save the filters on screen, remove a saved one (POST only).

The list page posts its own filter query string; it is parsed again by that page's filter form,
so only codes and ids the form accepts are kept (casework/saved_filters.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import require_capability
from casework import saved_filters
from casework.models import SavedFilter
from casework.web.forms import CaseFilterForm, WorkFilterForm
from casework.web.listing import ListFilterForm

LISTS: dict[str, tuple[str, Callable[[Any, Any], ListFilterForm]]] = {
    SavedFilter.Page.CASES: ("casework:case_list", lambda data, user: CaseFilterForm(data, user=user)),
    SavedFilter.Page.WORK: ("casework:my_work", lambda data, user: WorkFilterForm(data)),
}


def filter_form(page: str, data: Any, user: Any) -> ListFilterForm:
    return LISTS[page][1](data, user)


def saved_for(page: str, user: Any) -> list[dict[str, Any]]:
    """The user's saved filters of a list page, each with its label in words and its link."""
    url = reverse(LISTS[page][0])
    return [{"id": saved.pk, "url": f"{url}?{saved.query}",
             "label": filter_form(page, QueryDict(saved.query), user).describe() or saved.query}
            for saved in saved_filters.saved_filters(user=user, page=page)]


def _back(page: str, query: str = "") -> HttpResponseRedirect:
    url = reverse(LISTS[page][0])
    return HttpResponseRedirect(f"{url}?{query}" if query else url)


@require_POST
def saved_filter_create(request: AuthenticatedHttpRequest, page: str) -> HttpResponse:
    require_capability(request.user, "find_cases")
    if page not in LISTS:
        raise Http404
    form = filter_form(page, QueryDict(request.POST.get("query", "")[:1000]), request.user)
    query = form.query()
    try:
        saved_filters.saved_filter_save(user=request.user, page=page, query=query)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Filters saved: %(label)s.") % {"label": form.describe()})
    return _back(page, query)


@require_POST
def saved_filter_delete(request: AuthenticatedHttpRequest, filter_id: int) -> HttpResponse:
    require_capability(request.user, "find_cases")
    try:
        page = saved_filters.saved_filter_delete(user=request.user, filter_id=filter_id)
    except SavedFilter.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("Saved filter removed."))
    return _back(page)
