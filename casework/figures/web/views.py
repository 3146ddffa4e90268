"""The annual figures page, its CSV and XLSX exports, and the team lead's goals and external figures.

Thin: parse the years, call casework/figures/selectors.py (which checks the capability and applies
the suppression rule) or a service, render. An export is recorded as an `export` event: the figures
hold no personal data, but they leave the system.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import Capability, has_capability
from audit import record
from audit.actions import Action
from casework.figures import exports, services
from casework.figures.access import MANAGE, PROCESSING_ACTIVITY, VIEW, require
from casework.figures.models import ExternalFigure, Goal
from casework.figures.selectors import Report, annual_figures, indicator_choices
from casework.figures.stored import YEARS_SHOWN
from casework.figures.web.forms import ExternalFigureForm, GoalForm, YearsForm
from casework.web.common import add_errors


def _years(data: Any) -> tuple[YearsForm, list[int]]:
    """The four years up to the one asked (`tot`, in the query or the posted form), else up to this year."""
    form = YearsForm(data or None)
    last = form.cleaned_data["tot"] if form.is_bound and form.is_valid() else timezone.localdate().year
    return form, list(range(last - YEARS_SHOWN + 1, last + 1))


@require_http_methods(["GET"])
def figures_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, years = _years(request.GET)
    report = annual_figures(user=request.user, years=years)
    return render(request, "figures/page.html", {
        "form": form, "report": report, "query": request.GET.urlencode(), "last_year": years[-1],
        "may_manage": _may(request, MANAGE),
    })


@require_http_methods(["POST"])
def figures_refresh(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Compute the years shown now (the form on the page posts the last of them)."""
    _form, years = _years(request.POST)
    services.figures_refresh(actor=request.user, years=years)  # refuses whoever may not see the figures
    messages.success(request, _("The figures were computed anew."))
    return redirect(f"{reverse('casework:figures')}?{urlencode({'tot': years[-1]})}")


def _may(request: AuthenticatedHttpRequest, capability: Capability) -> bool:
    return has_capability(request.user, capability.code)


def _export(request: AuthenticatedHttpRequest, kind: str) -> tuple[Report, str]:
    require(request.user, VIEW)
    _form, years = _years(request.GET)
    report = annual_figures(user=request.user, years=years)
    record(action=Action.EXPORT, processing_activity=PROCESSING_ACTIVITY, object_type="figures.annual",
           object_id=str(request.user.organisation_id), reason=f"annual figures {years[0]}-{years[-1]} {kind}")
    return report, f"jaarcijfers-{years[0]}-{years[-1]}.{kind}"


@require_http_methods(["GET"])
def figures_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    report, filename = _export(request, "csv")
    return exports.csv_download(report, filename=filename)


@require_http_methods(["GET"])
def figures_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse:
    report, filename = _export(request, "xlsx")
    return exports.xlsx_download(report, filename=filename)


@require_http_methods(["GET", "POST"])
def goals(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, MANAGE)
    this_year = timezone.localdate().year
    indicators = indicator_choices(request.user.organisation_id)
    form = GoalForm(request.POST or None, indicators=indicators, initial={"year": this_year})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.goal_set(actor=request.user, indicator=data["indicator"], year=data["year"],
                                  comparison=data["comparison"], value=data["value"])
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The goal was saved."))
                return redirect("casework:figures_goals")
        status = 400
    labels = dict(indicators)
    rows = [(goal, labels.get(goal.indicator, goal.indicator))
            for goal in Goal.objects.filter(organisation=request.user.organisation)
            .order_by("-year", "indicator")]
    return render(request, "figures/goals.html", {"form": form, "goals": rows}, status=status)


@require_http_methods(["POST"])
def goal_delete(request: AuthenticatedHttpRequest, goal_id: int) -> HttpResponse:
    require(request.user, MANAGE)
    goal = get_object_or_404(Goal, pk=goal_id, organisation_id=request.user.organisation_id)
    services.goal_remove(actor=request.user, goal=goal)
    messages.success(request, _("The goal was removed."))
    return redirect("casework:figures_goals")


@require_http_methods(["GET", "POST"])
def external(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, MANAGE)
    form = ExternalFigureForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.external_figure_set(actor=request.user, kind=data["kind"], year=data["year"],
                                             value=data["value"], source=data["source"])
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The figure was saved."))
                return redirect("casework:figures_external")
        status = 400
    figures = ExternalFigure.objects.filter(organisation=request.user.organisation).order_by("-year", "kind")
    return render(request, "figures/external.html", {"form": form, "figures": figures}, status=status)
