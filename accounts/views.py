"""Login, logout and the team lead's user administration. Thin: rules live in services."""

from __future__ import annotations

import time

import django_otp
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import passkeys, services
from accounts.forms import (
    DeactivateForm,
    LoginForm,
    OrganisationAddressForm,
    PasskeyForm,
    SecondFactorResetForm,
    UserForm,
)
from accounts.http import AuthenticatedHttpRequest
from accounts.middleware import LOGIN_TIME_KEY
from accounts.models import PasskeyDevice, User
from accounts.qr import qr_svg
from accounts.signals import LOGIN_REFUSAL_ATTR
from accounts.sso import session as sso_session
from accounts.sso.selectors import sso_login_choices

USERS_PER_PAGE = 25


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url("dashboard")


@sensitive_post_parameters("password", "otp_token", "passkey_assertion")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.user.is_verified():
        return redirect("dashboard")
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # One second factor per try: a passkey's signature when the page sent one, else the code.
        second = ({"passkey_assertion": data["passkey_assertion"]} if data["passkey_assertion"]
                  else {"otp_token": data["otp_token"]})
        user = authenticate(request, username=data["username"], password=data["password"], **second)
        if user is not None:
            login(request, user)
            django_otp.login(request, user.otp_device)
            request.session[LOGIN_TIME_KEY] = time.time()
            services.session_register(user=user, session_key=request.session.session_key or "")
            return redirect(_safe_next(request))
        if getattr(request, LOGIN_REFUSAL_ATTR, None):
            form.add_error(None, _("Your organisation logs in through its own login page. Use the button "
                                   "\"Log in via\" with the name of your organisation."))
        elif data["passkey_assertion"]:
            form.add_error(None, _("The username, password or passkey is incorrect."))
        else:
            form.add_error(None, _("The username, password or verification code is incorrect."))
    return render(request, "accounts/login.html", {"form": form, "next": _safe_next(request),
                                                   "identity_providers": sso_login_choices()})


@csrf_protect
@never_cache
@require_POST
def passkey_login_options(request: HttpRequest) -> HttpResponse:
    """The challenge a passkey signs on the login page (no account named: the passkey is discoverable)."""
    options, challenge = passkeys.authentication_options(rp=passkeys.relying_party(request))
    passkeys.challenge_store(request.session, passkeys.LOGIN_KEY, challenge)
    return HttpResponse(options, content_type="application/json")


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes calls this once a username + address is locked (5 failures, 15 minutes)."""
    form = LoginForm()
    return render(
        request,
        "accounts/login.html",
        {"form": form, "locked_out": True, "next": resolve_url("dashboard"), "identity_providers": sso_login_choices()},
        status=429,
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """A single sign-on session also ends at the IdP (RP-initiated logout), which sends the user back here."""
    idp_logout = sso_session.end_session_url(request)
    logout(request)
    messages.info(request, _("You have been logged out."))
    return redirect(idp_logout or "accounts:login")


# --- user administration (team lead) ---------------------------------------------------------


@require_GET
def user_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.require_user_manager(request.user)
    users = (
        User.objects.filter(organisation=request.user.organisation)
        .select_related("team")
        .prefetch_related("groups")
        .order_by("-is_active", "last_name", "first_name", "username")
    )
    page = Paginator(users, USERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page})


def _render_enrolment(request: AuthenticatedHttpRequest, user: User, device) -> HttpResponse:
    """Shown once: the new secret is not stored anywhere the team lead can see it again."""
    return render(
        request,
        "accounts/user_enrolment.html",
        {"subject": user, "config_url": device.config_url, "qr_svg": qr_svg(device.config_url)},
    )


@require_http_methods(["GET", "POST"])
def user_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.require_user_manager(request.user)
    if request.user.organisation is None:
        raise PermissionDenied
    form = UserForm(request.POST or None, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, device = services.user_create(
                actor=request.user,
                organisation=request.user.organisation,
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                role=data["role"],
                team=data["team"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("User %(name)s was created.") % {"name": user.display_name})
            return _render_enrolment(request, user, device)
    return render(request, "accounts/user_form.html", {"form": form, "creating": True})


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _managed_user(request: AuthenticatedHttpRequest, user_id) -> User:
    services.require_user_manager(request.user)
    target = get_object_or_404(User, pk=user_id)
    services.require_user_manager(request.user, target)
    return target


@require_http_methods(["GET", "POST"])
def user_edit(request: AuthenticatedHttpRequest, user_id) -> HttpResponse:
    target = _managed_user(request, user_id)
    initial = {
        "username": target.username, "first_name": target.first_name, "last_name": target.last_name,
        "email": target.email, "role": target.role, "team": target.team_id,
    }
    form = UserForm(request.POST or None, initial=initial, organisation=target.organisation, editing=target)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update(
                actor=request.user, user=target, first_name=data["first_name"], last_name=data["last_name"],
                email=data["email"], role=data["role"], team=data["team"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "subject": target, "creating": False})


@require_http_methods(["GET", "POST"])
def user_deactivate(request: AuthenticatedHttpRequest, user_id) -> HttpResponse:
    target = _managed_user(request, user_id)
    form = DeactivateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_deactivate(actor=request.user, user=target)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("%(name)s was deactivated.") % {"name": target.display_name})
            return redirect("accounts:user_list")
    return render(request, "accounts/user_deactivate.html", {"form": form, "subject": target})




@require_http_methods(["GET", "POST"])
def second_factor_reset(request: AuthenticatedHttpRequest, user_id) -> HttpResponse:
    target = _managed_user(request, user_id)
    form = SecondFactorResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.second_factor_reset(actor=request.user, user=target, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The second factor of %(name)s was reset.") % {"name": target.display_name})
            return _render_enrolment(request, target, device)
    return render(request, "accounts/second_factor_reset.html", {"form": form, "subject": target})


LETTER_DETAILS = ("municipality_name", "digital_objection_url", "court_name", "court_address")


@require_http_methods(["GET", "POST"])
def organisation_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The team lead's own organisation: its postal address (letterhead and objection address)."""
    services.require_user_manager(request.user)
    organisation = request.user.organisation
    if organisation is None:  # require_user_manager refuses a user without one; this narrows the type
        raise PermissionDenied(_("Only a team lead can manage users."))
    form = OrganisationAddressForm(request.POST or None, initial={
        field: getattr(organisation, field) for field in OrganisationAddressForm.base_fields})
    if request.method == "POST" and form.is_valid():
        details = {field: form.cleaned_data[field] for field in LETTER_DETAILS if field in request.POST}
        try:
            services.organisation_address_update(actor=request.user, postal_address=form.cleaned_data["postal_address"],
                                                 letter_details=details)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The postal address was saved."))
            return redirect("accounts:organisation_edit")
    return render(request, "accounts/organisation_form.html", {"form": form, "organisation": organisation},
                  status=400 if form.errors else 200)


# --- the user's own account: passkeys (docs/adr/0036) ----------------------------------------------


def _account_page(request: AuthenticatedHttpRequest, form: PasskeyForm, status: int = 200) -> HttpResponse:
    return render(request, "accounts/account.html", {
        "form": form, "passkeys": passkeys.passkeys_of(request.user),
        "may_add_passkeys": passkeys.may_have_passkeys(request.user),
    }, status=status)


@require_http_methods(["GET", "POST"])
def account_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's own account: who they are here, and their passkeys (add one here; JS signs it)."""
    form = PasskeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        challenge = passkeys.challenge_take(request.session, passkeys.REGISTER_KEY)
        try:
            passkeys.passkey_register(user=request.user, name=form.cleaned_data["name"],
                                      response=form.cleaned_data["passkey_attestation"], challenge=challenge,
                                      rp=passkeys.relying_party(request))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The passkey was added. From now on you can log in with it instead of "
                                        "the verification code."))
            return redirect("accounts:account")
    return _account_page(request, form, status=400 if form.errors else 200)


@never_cache
@require_POST
def passkey_register_options(request: AuthenticatedHttpRequest) -> HttpResponse:
    options, challenge = passkeys.registration_options(user=request.user, rp=passkeys.relying_party(request))
    passkeys.challenge_store(request.session, passkeys.REGISTER_KEY, challenge)
    return HttpResponse(options, content_type="application/json")


@require_POST
def passkey_remove(request: AuthenticatedHttpRequest, device_id: int) -> HttpResponse:
    current = getattr(request.user, "otp_device", None)
    passkeys.passkey_remove(user=request.user, device_id=device_id)
    if isinstance(current, PasskeyDevice) and current.pk == device_id:
        # This session was verified with that passkey: it ends with it.
        logout(request)
        messages.success(request, _("The passkey was removed. You had logged in with it, so log in again."))
        return redirect("accounts:login")
    messages.success(request, _("The passkey was removed."))
    return redirect("accounts:account")
