"""Register a Damocles procedure (a police report about premises): enforcement officers only.

Thin: parse the form, call `registration.procedure_register` (which validates everything before
writing, in one transaction), redirect to the case page. The address block's search and pick steps
(casework/bag/forms.py) come back to this page without saving anything. When the premises were already known,
the officer sees how many earlier procedures of their own organisation exist there (a repeat
offence) — a count only, nothing of those cases, and nothing of other controllers.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import roles_with
from casework.bag.forms import address_step, bag_form
from casework.brp.forms import brp_form, person_step
from casework.damocles.casetype import PROCESSING_ACTIVITY as DAMOCLES
from casework.damocles.selectors.case_section import earlier_procedures_count
from casework.damocles.services.registration import procedure_register
from casework.damocles.web.forms.register import RegisterForm


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def procedure_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.user.role not in roles_with("damocles_register") or request.user.organisation is None:
        raise PermissionDenied(_("Only enforcement officers register Damocles procedures."))
    data = request.POST if request.method == "POST" else None
    step = address_step(data, form_class=RegisterForm, processing_activity=DAMOCLES)
    person = person_step(data, user=request.user, form_class=RegisterForm, processing_activity=DAMOCLES)
    form = brp_form(RegisterForm, data, person) if person.active else bag_form(
        RegisterForm, request.POST or None, step, files=request.FILES or None)
    if request.method == "POST" and not step.active and not person.active and form.is_valid():
        try:
            case = procedure_register(actor=request.user, controller=request.user.organisation, owner=request.user,
                                      team=request.user.team, **form.service_kwargs())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Procedure registered as %(reference)s.") % {"reference": case.reference})
            earlier = earlier_procedures_count(case.damocles.premises_id, case=case)
            if earlier:
                messages.warning(request, ngettext(
                    "These premises are already known: %(count)d earlier procedure of your organisation.",
                    "These premises are already known: %(count)d earlier procedures of your organisation.",
                    earlier) % {"count": earlier})
            return redirect("casework:case_detail", case_id=case.pk)
    return render(request, "damocles/register.html", {"form": form, "address": step, "person_step": person})
