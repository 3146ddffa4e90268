"""The team lead's page of days equated with holidays (Algemene termijnenwet art. 3 lid 3).

Shows the Atw holidays and the equated days of this year and the next two, the decree of each
equated day, and a warning when a coming year has none yet; adds and removes equated days through
casework/calendar_admin.py (which checks the capability again and records the change).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import require_capability
from casework.calendar_admin import CAPABILITY, equated_day_add, equated_day_remove, missing_years
from casework.deadlines import statutory_holidays
from casework.models import EquatedDay
from casework.web.common import add_errors
from casework.web.forms import EquatedDayForm

YEARS_SHOWN = 3


@require_http_methods(["GET", "POST"])
def equated_days(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    form = EquatedDayForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                equated_day_add(actor=request.user, day=data["date"], description=data["description"],
                                source=data["source"])
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The equated day was added; statutory terms take it into account."))
                return redirect("casework:equated_days")
        status = 400
    year = timezone.localdate().year
    years = list(range(year, year + YEARS_SHOWN))
    return render(request, "casework/calendar.html", {
        "form": form, "years": [(y, sorted(statutory_holidays(y))) for y in years],
        "equated": EquatedDay.objects.filter(date__year__gte=year).order_by("date"),
        "missing": missing_years(ahead=YEARS_SHOWN - 1), "today": timezone.localdate(),
    }, status=status)


@require_http_methods(["POST"])
def equated_day_delete(request: AuthenticatedHttpRequest, day_id: int) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    equated = get_object_or_404(EquatedDay, pk=day_id)
    try:
        equated_day_remove(actor=request.user, equated=equated)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The equated day was removed."))
    return redirect("casework:equated_days")
