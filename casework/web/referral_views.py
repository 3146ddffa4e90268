"""Register a PGA referral (aanmelding): procesregisseurs for their own organisation, chain
partners for a municipality (the case arrives there for triage; the partner gets no access)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts.roles import KETENPARTNER, roles_with
from casework.pga.referral_forms import ReferralForm
from casework.pga.services import open_cases_for_person, referral_register

REFERRING_ROLES = roles_with("register_referral")  # the capability table in accounts/roles.py


def _point_to_open_cases(request: HttpRequest, case) -> None:
    """A re-registered BSN: show the process director the other open cases they may see."""
    others = [c.reference for c in open_cases_for_person(user=request.user, person_id=case.person_id)
              if c.pk != case.pk]
    if others:
        messages.warning(request, _("This person is already known here with open case(s): %(references)s.")
                         % {"references": ", ".join(others)})


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def referral_create(request: HttpRequest) -> HttpResponse:
    if request.user.role not in REFERRING_ROLES:
        raise PermissionDenied(_("Your role cannot register referrals."))
    form = ReferralForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        try:
            case = referral_register(actor=request.user, **kwargs)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if request.user.role == KETENPARTNER:
                messages.success(request, _("The referral has been sent to %(municipality)s for triage.")
                                 % {"municipality": kwargs["controller"].name})
                return redirect("dashboard")
            messages.success(request, _("Referral registered as %(reference)s.") % {"reference": case.reference})
            _point_to_open_cases(request, case)
            return redirect("casework:case_detail", case_id=case.pk)
    return render(request, "casework/cases/referral_form.html", {"form": form})
