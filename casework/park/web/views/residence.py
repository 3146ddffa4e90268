"""The BRP residence check of a recreation object (issue 20, ADR 0025): ask the BRP who lived at the object's
BAG address in a period and store the answer as evidence (casework/park/services/residence.py).

Only for an officer of the park's organisation (refusal audited by `require_park_officer`) who is municipal staff
with BRP access (refusal audited by `require_brp_access`), and only when a BRP is configured and the object's
address was picked in the BAG — otherwise the page says why, without a form. A failing BRP shows the client's
Dutch message; the service has then saved nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import HANDHAVER
from casework.brp.access import is_municipal_staff, require_brp_access
from casework.park.casetype import PROCESSING_ACTIVITY as PARK_ENFORCEMENT
from casework.park.models import RecreationObject
from casework.park.services.common import require_park_officer
from casework.park.services.residence import residence_check
from casework.park.web.forms.objects import ResidenceCheckForm
from casework.web.common import add_errors


def unavailable_reason(obj: RecreationObject) -> str:
    """Why the BRP cannot be asked for this object ("" when it can)."""
    if not getattr(settings, "BRP_SOURCE", ""):
        return _("No BRP is connected: record the occupants' BRP status by hand (not verified in the BRP).")
    if not (obj.address_verified and obj.bag_object_id):
        return _("The object's address was not picked in the BAG. The BRP is only searched by the BAG's "
                 "addressable object, never by a typed address: pick the address in the BAG first.")
    return ""


def may_check(user, obj: RecreationObject) -> bool:
    """Show the form's link on the dossier page: an officer of the park with BRP access."""
    return (user.role == HANDHAVER and user.organisation_id == obj.park.controller_id
            and is_municipal_staff(user))


@never_cache
@require_http_methods(["GET", "POST"])
def residence_check_create(request: AuthenticatedHttpRequest, object_id) -> HttpResponse:
    obj = get_object_or_404(RecreationObject.objects.select_related("park"), pk=object_id)
    require_park_officer(request.user, obj.park, what="residence_check", subject_id=obj.owner_person_id)
    if not is_municipal_staff(request.user):
        require_brp_access(request.user, PARK_ENFORCEMENT)  # records the refusal and raises (403)
    reason = unavailable_reason(obj)
    form = ResidenceCheckForm(request.POST or None, obj=obj)
    if request.method == "POST" and not reason and form.is_valid():
        try:
            check = residence_check(actor=request.user, object=obj, **form.service_kwargs())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The BRP was consulted; the answer of %(date)s is stored as evidence.")
                             % {"date": f"{check.checked_at:%d-%m-%Y}"})
            return redirect("casework:park_object_detail", object_id=obj.pk)
    return render(request, "park/residence_check.html", {"form": form, "object": obj, "unavailable": reason},
                  status=400 if form.errors else 200)
