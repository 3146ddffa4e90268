"""Dashboard per role. Case lists and deadlines join it as the case types arrive."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.roles import HANDHAVER, KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER

DASHBOARD_TEMPLATES = {
    PROCESREGISSEUR: "casework/dashboard_procesregisseur.html",
    HANDHAVER: "casework/dashboard_handhaver.html",
    PRIVACY_OFFICER: "casework/dashboard_privacy_officer.html",
    KETENPARTNER: "casework/dashboard_ketenpartner.html",
    TEAMLEIDER: "casework/dashboard_teamleider.html",
}


def dashboard(request: HttpRequest) -> HttpResponse:
    template = DASHBOARD_TEMPLATES.get(request.user.role or "", "casework/dashboard_none.html")
    return render(request, template)
