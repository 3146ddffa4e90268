"""Notification pages: the own list (mark one or all read) and the settings per kind.

Thin: the selectors decide what each entry shows (a fresh access check per case), the services
write; the list records one `list` event per case it shows. A role without the capability gets a
403 that the audit middleware records; someone else's notification is a 404 (it is not there).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import require_capability
from audit.actions import Action
from casework import disclosures
from casework.notifications import selectors, services
from casework.notifications.categories import CAPABILITY
from casework.notifications.web.forms import PreferencesForm
from casework.web.common import add_errors
from casework.web.context_processors import UNREAD_KEY, forget_kept

PAGE_SIZE = 25


def _list_url(page: str | None = None) -> str:
    url = reverse("casework:notification_list")
    return f"{url}?{urlencode({'page': page})}" if page and page.isdigit() else url


@never_cache
@require_http_methods(["GET"])
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY.code)
    forget_kept(request, UNREAD_KEY)  # the count in the navigation agrees with the list below it
    page = Paginator(selectors.notifications_of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    found = selectors.entries(user=request.user, notifications=list(page.object_list))
    disclosures.cases_disclosed(action=Action.LIST, cases=selectors.shown_cases(found), reason="notifications")
    return render(request, "notifications/list.html", {"page": page, "entries": found, "query": ""})


@require_POST
def notification_read(request: AuthenticatedHttpRequest, notification_id: int) -> HttpResponse:
    require_capability(request.user, CAPABILITY.code)
    if not services.notification_read(user=request.user, notification_id=notification_id):
        raise Http404
    return redirect(_list_url(request.POST.get("page")))


@require_POST
def notifications_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY.code)
    count = services.notifications_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect(_list_url())


@never_cache
@require_http_methods(["GET", "POST"])
def notification_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY.code)
    current = services.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.preferences_set(user=request.user, choices=form.choices())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("casework:notification_settings")
    return render(request, "notifications/settings.html", {"form": form, "has_email": bool(request.user.email)})
