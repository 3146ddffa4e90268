"""The policy rules (beleidsregels) pages: every version with its tiers, one version, a new version.

Enforcement officers and team leads read; only a team lead adds a version (casework/damocles/
services/policy_table.py checks the role again and audits the creation). Policy data holds no personal
data, so reading it is not an audit event; a refusal is (403, recorded by the audit middleware).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import TEAMLEIDER
from casework.damocles.models import PolicyVersion
from casework.damocles.selectors.policy_table import (
    current_version,
    require_policy_read,
    version_in_force_on,
    versions_with_tiers,
)
from casework.damocles.services.policy_table import policy_version_create, require_policy_edit
from casework.damocles.web.forms.policy import PolicyVersionForm, initial_from


@require_http_methods(["GET"])
def policy_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_policy_read(request.user)
    versions, today = versions_with_tiers(), timezone.localdate()
    return render(request, "damocles/policy_list.html", {
        "versions": versions, "in_force": version_in_force_on(today, versions), "today": today,
        "may_edit": request.user.role == TEAMLEIDER})


@require_http_methods(["GET"])
def policy_detail(request: AuthenticatedHttpRequest, version_id: int) -> HttpResponse:
    require_policy_read(request.user)
    version = get_object_or_404(PolicyVersion.objects.prefetch_related("tiers"), pk=version_id)
    return render(request, "damocles/policy_detail.html", {
        "version": version, "in_force": current_version(), "may_edit": request.user.role == TEAMLEIDER})


@never_cache
@require_http_methods(["GET", "POST"])
def policy_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_policy_edit(request.user)
    if request.method == "GET":
        current = current_version()
        form = PolicyVersionForm(initial=initial_from(current))
        return render(request, "damocles/policy_form.html", {"form": form, "based_on": current})
    form = PolicyVersionForm(request.POST)
    if form.is_valid():
        try:
            version = policy_version_create(actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The new policy version was saved."))
            return redirect("casework:damocles_policy_detail", version_id=version.pk)
    return render(request, "damocles/policy_form.html", {"form": form, "based_on": None}, status=400)
