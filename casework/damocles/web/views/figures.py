"""The Damocles figures page (chart + tables) and its CSV download.

Thin: check the role, call the selector in casework/damocles/selectors/figures.py, render. The figures are
aggregates without personal data; the CSV download is still recorded as an `export` (processing
activity DAMOCLES) because it leaves the system.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from audit import record
from audit.actions import Action
from casework.csv_export import csv_response
from casework.damocles.casetype import PROCESSING_ACTIVITY as DAMOCLES
from casework.damocles.selectors import figures


@require_http_methods(["GET"])
def figures_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    figures.require_figures_access(request.user)
    data, computed_at = figures.stored_figures(organisation_id=request.user.organisation_id)
    return render(request, "damocles/figures.html", {
        "tables": figures.figure_tables(data), "chart": figures.chart(data), "computed_at": computed_at,
        "measures": figures.MEASURES, "kinds": figures.KINDS,
    })


@require_http_methods(["POST"])
def figures_refresh(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Compute the figures now instead of at the next night; recorded with who asked."""
    figures.require_figures_access(request.user)
    figures.refresh_stored(request.user.organisation_id)
    record(action=Action.UPDATE, processing_activity=DAMOCLES, object_type="figures.StoredFigures",
           object_id=str(request.user.organisation_id), reason="damocles figures computed on request")
    messages.success(request, _("The figures were computed anew."))
    return redirect("casework:damocles_figures")


@require_http_methods(["GET"])
def figures_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    figures.require_figures_access(request.user)
    data, _computed_at = figures.stored_figures(organisation_id=request.user.organisation_id)
    header, *rows = figures.csv_rows(data)
    record(action=Action.EXPORT, processing_activity=DAMOCLES, object_type="damocles.figures",
           object_id=str(request.user.organisation_id), reason="damocles figures csv")
    return csv_response(header, rows, filename=f"damocles-cijfers-{timezone.localdate().isoformat()}.csv")
