"""Actions on a recreation object's dossier (outside any one file): register an object, register an
occupant or their departure, grant or end a personal tolerance decision.

Thin: the services (casework/park/services/objects.py, tolerance.py) check that the actor is an
officer of the park's organisation (a refusal is audited) and validate everything. Registering an
occupant first registers the person (casework/persons.py) and then the occupancy, in one
transaction: when the second step refuses, the person is not left behind either.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import HANDHAVER, TEAMLEIDER, require_capability
from casework.bag.forms import AddressStep, address_step, bag_form
from casework.park.casetype import PROCESSING_ACTIVITY as PARK_ENFORCEMENT
from casework.park.models import Occupant, RecreationObject, ToleranceDecision
from casework.park.services.common import require_park_officer
from casework.park.services.objects import object_register, occupant_register
from casework.park.services.objects import occupant_leave as occupant_leave_service
from casework.park.services.tolerance import tolerance_end as tolerance_end_service
from casework.park.services.tolerance import tolerance_grant
from casework.park.web.forms import objects as forms
from casework.persons import person_register
from casework.web.common import add_errors

TEMPLATE = "park/form.html"


def _object(request: AuthenticatedHttpRequest, object_id, *, what: str, roles=(HANDHAVER,)) -> RecreationObject:
    obj = get_object_or_404(RecreationObject.objects.select_related("park", "owner_person"), pk=object_id)
    require_park_officer(request.user, obj.park, what=what, roles=roles, subject_id=obj.owner_person_id)
    return obj


def _page(request: AuthenticatedHttpRequest, form, *, title, obj: RecreationObject | None = None,
          intro="", address: AddressStep | None = None) -> HttpResponse:
    back = reverse("casework:park_object_detail", kwargs={"object_id": obj.pk}) if obj else \
        reverse("casework:park_overview")
    return render(request, TEMPLATE, {"form": form, "title": title, "intro": intro, "case_url": back,
                                      "address": address},
                  status=400 if form.errors else 200)


def _to_object(obj: RecreationObject) -> HttpResponse:
    return redirect("casework:park_object_detail", object_id=obj.pk)


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def object_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, "park_register")  # accounts/roles.py CAPABILITIES
    step = address_step(request.POST if request.method == "POST" else None, form_class=forms.ObjectForm,
                        processing_activity=PARK_ENFORCEMENT)
    form = bag_form(forms.ObjectForm, request.POST or None, step, user=request.user)
    if request.method == "POST" and not step.active and form.is_valid():
        try:
            obj = object_register(actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Recreation object %(number)s was registered.") % {"number": obj.number})
            return _to_object(obj)
    return _page(request, form, address=step, title=_("Register a recreation object"),
                 intro=_("The object is its own dossier: every file, order and forfeiture names it. The BAG address "
                         "is stored encrypted."))


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def occupant_create(request: AuthenticatedHttpRequest, object_id) -> HttpResponse:
    obj = _object(request, object_id, what="occupant_register")
    form = forms.OccupantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                person, _created = person_register(actor=request.user, controller=obj.park.controller,
                                                   processing_activity=PARK_ENFORCEMENT, **form.person_kwargs())
                occupant_register(actor=request.user, object=obj, person=person, **form.occupant_kwargs())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The occupant was registered."))
            return _to_object(obj)
    return _page(request, form, obj=obj, title=_("Register an occupant"),
                 intro=_("Occupants must be registered in the BRP (or the overnight register) even when living "
                         "there is not allowed; registration gives no right to stay."))


@never_cache
@require_http_methods(["GET", "POST"])
def occupant_leave(request: AuthenticatedHttpRequest, object_id, occupant_id) -> HttpResponse:
    obj = _object(request, object_id, what="occupant_leave")
    occupant = get_object_or_404(Occupant, pk=occupant_id, object=obj)
    form = forms.LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            occupant_leave_service(actor=request.user, occupant=occupant, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The departure was recorded."))
            return _to_object(obj)
    return _page(request, form, obj=obj, title=_("Record an occupant's departure"),
                 intro=_("A personal tolerance decision of this occupant for this object ends with the departure."))



@never_cache
@require_http_methods(["GET", "POST"])
def tolerance_create(request: AuthenticatedHttpRequest, object_id) -> HttpResponse:
    obj = _object(request, object_id, what="tolerance_grant")
    form = forms.ToleranceGrantForm(request.POST or None, obj=obj)
    if request.method == "POST" and form.is_valid():
        try:
            tolerance_grant(actor=request.user, object=obj, **form.service_kwargs())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The tolerance decision was granted."))
            return _to_object(obj)
    return _page(request, form, obj=obj, title=_("Grant a personal tolerance decision"),
                 intro=_("Only for a person living on the object since before the reference date (nationally "
                         "31 October 2003). Personal and not transferable: it ends when the person leaves. While it "
                         "is in force, no order against this person for this object can be imposed."))


@never_cache
@require_http_methods(["GET", "POST"])
def tolerance_end(request: AuthenticatedHttpRequest, object_id, decision_id) -> HttpResponse:
    obj = _object(request, object_id, what="tolerance_end", roles=(HANDHAVER, TEAMLEIDER))
    decision = get_object_or_404(ToleranceDecision, pk=decision_id, object=obj)
    form = forms.ToleranceEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tolerance_end_service(actor=request.user, decision=decision, **form.service_kwargs())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The tolerance decision was ended."))
            return _to_object(obj)
    return _page(request, form, obj=obj, title=_("End a personal tolerance decision"))
