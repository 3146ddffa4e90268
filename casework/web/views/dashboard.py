"""Dashboard per role. The roles that work with cases get their cases, deadlines and approvals
(casework/dashboards.py); the cases shown are recorded as `list` events before rendering."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import HANDHAVER, KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER
from audit.actions import Action
from casework import dashboards, disclosures

DASHBOARD_TEMPLATES = {
    PROCESREGISSEUR: "casework/dashboard_procesregisseur.html",
    HANDHAVER: "casework/dashboard_handhaver.html",
    PRIVACY_OFFICER: "casework/dashboard_privacy_officer.html",
    KETENPARTNER: "casework/dashboard_ketenpartner.html",
    TEAMLEIDER: "casework/dashboard_teamleider.html",
}
DASHBOARD_SELECTORS = {
    PROCESREGISSEUR: dashboards.procesregisseur_dashboard,
    HANDHAVER: dashboards.handhaver_dashboard,
    TEAMLEIDER: dashboards.teamleider_dashboard,
    KETENPARTNER: dashboards.ketenpartner_dashboard,
}


@never_cache
@require_GET
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    role = request.user.role or ""
    template = DASHBOARD_TEMPLATES.get(role, "casework/dashboard_none.html")
    selector = DASHBOARD_SELECTORS.get(role)
    context: dict[str, Any] = {}
    if role == PRIVACY_OFFICER:
        context["reviews"] = dashboards.privacy_officer_reviews()
    if selector is not None:
        board = selector(user=request.user)
        disclosures.cases_disclosed(action=Action.LIST, cases=board.cases_shown(), reason="dashboard")
        context["board"] = board
    return render(request, template, context)
