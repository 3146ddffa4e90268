"""mozilla-django-oidc's login views, given the organisation's provider (code flow, PKCE, state, nonce)."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import django_otp
from django.contrib import messages
from django.contrib.auth import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_http_methods, require_POST
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts import services as account_services
from accounts import signals
from accounts.forms import GroupMappingForm
from accounts.middleware import LOGIN_TIME_KEY
from accounts.models import GroupRoleMapping, IdentityProvider, Organisation, is_partner
from accounts.roles import ROLES
from accounts.sso import discovery, session
from accounts.sso import services as sso_services
from accounts.sso.services import REFUSALS, sso_device

STATE_PROVIDER_KEY = "provider"


def _provider(provider_id: Any) -> IdentityProvider:
    provider = (IdentityProvider.objects.select_related("organisation")
                .filter(pk=provider_id, enabled=True, organisation__is_active=True).first())
    if provider is None:
        raise Http404
    return provider


class SSOStartView(OIDCAuthenticationRequestView):
    """"Inloggen via <organisatie>": redirect to the organisation's IdP."""

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)  # the library's __init__ reads one global provider from settings
        self.provider: IdentityProvider | None = None

    def get_settings(self, attr: str, *args: Any) -> Any:  # type: ignore[override]
        if attr == "OIDC_RP_SCOPES" and self.provider is not None:
            return self.provider.scopes
        return import_from_settings(attr, *args)

    def get(self, request: HttpRequest, provider_id: Any = None) -> HttpResponse:  # type: ignore[override]
        self.provider = _provider(provider_id)
        try:
            found = discovery.endpoints(self.provider)
        except discovery.DiscoveryError:
            messages.error(request, str(REFUSALS["provider"]))
            return HttpResponseRedirect(resolve_url("accounts:login"))
        self.OIDC_OP_AUTH_ENDPOINT = found.authorization
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        response = super().get(request)
        state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
        request.session["oidc_states"][state][STATE_PROVIDER_KEY] = str(self.provider.pk)
        request.session.modified = True
        return response

    def get_extra_params(self, request: HttpRequest) -> dict[str, str]:
        assert self.provider is not None  # noqa: S101
        return {"acr_values": self.provider.acr_values} if self.provider.acr_values else {}


class SSOCallbackView(OIDCAuthenticationCallbackView):
    """The IdP's redirect back: the state names the provider; the backend verifies and finds the account."""

    def get(self, request: HttpRequest) -> HttpResponse:  # type: ignore[override]
        state = request.GET.get("state", "")
        entry = request.session.get("oidc_states", {}).get(state)
        if not entry or STATE_PROVIDER_KEY not in entry:
            return self._fail(request, "token", "unknown state")
        request.sso_provider = _provider(entry[STATE_PROVIDER_KEY])  # type: ignore[attr-defined]
        if request.GET.get("error"):
            return self._fail(request, "token", "error from identity provider")
        return super().get(request)

    def _fail(self, request: HttpRequest, code: str, detail: str) -> HttpResponse:
        setattr(request, signals.LOGIN_REFUSAL_ATTR, (f"single sign-on: {code} ({detail})", ""))
        request.sso_refusal = code  # type: ignore[attr-defined]
        user_login_failed.send(sender=__name__, credentials={}, request=request)
        return self.login_failure()

    def login_failure(self) -> HttpResponse:
        code = getattr(self.request, "sso_refusal", "token")
        messages.error(self.request, str(REFUSALS.get(code, REFUSALS["token"])))
        return HttpResponseRedirect(resolve_url("accounts:login"))

    def login_success(self) -> HttpResponse:
        response = super().login_success()  # django.contrib.auth.login: the login event
        request, user = self.request, self.user
        django_otp.login(request, sso_device(user))
        request.session[LOGIN_TIME_KEY] = time.time()
        session.start(request, provider=request.sso_provider, subject=request.sso_subject,  # type: ignore[attr-defined]
                      user_id=user.pk, token_set=request.sso_tokens)  # type: ignore[attr-defined]
        request.session.pop("oidc_id_token_expiration", None)
        account_services.session_register(user=user, session_key=request.session.session_key or "")
        return response

    @property
    def success_url(self) -> str:
        next_url = self.request.session.pop("oidc_login_next", None)
        return next_url or resolve_url("dashboard")


# --- the group mapping of the team lead's own organisation (docs/adr/0024) ----------------------------------


def _own_organisation(request: HttpRequest) -> Organisation:
    user = request.user
    account_services.require_user_manager(user)  # type: ignore[arg-type]
    organisation = getattr(user, "organisation", None)
    if organisation is None:
        raise PermissionDenied
    return organisation


@require_http_methods(["GET", "POST"])
def group_mapping_list(request: HttpRequest) -> HttpResponse:
    """View, add or change the organisation's group → role (and team) mappings; removing is a POST per row."""
    organisation = _own_organisation(request)
    roles = frozenset(code for code in ROLES if sso_services.partner_may_get(code)) if is_partner(organisation) \
        else None
    form = GroupMappingForm(request.POST or None, organisation=organisation, roles=roles)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sso_services.group_mapping_set(actor=request.user, organisation=organisation,  # type: ignore[arg-type]
                                           group=data["group"], role=data["role"], team=data["team"])
        except ValidationError as exc:
            found = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            for field, errors in found.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The group was saved."))
            return redirect("accounts:group_mapping_list")
    return render(request, "accounts/group_mappings.html", {
        "form": form, "organisation": organisation, "mappings": sso_services.group_mappings(organisation),
        "provider": IdentityProvider.objects.filter(organisation=organisation).first(),
    }, status=400 if form.errors else 200)


@require_POST
def group_mapping_remove(request: HttpRequest, mapping_id: Any) -> HttpResponse:
    organisation = _own_organisation(request)
    mapping = get_object_or_404(GroupRoleMapping, pk=mapping_id, organisation=organisation)
    sso_services.group_mapping_delete(actor=request.user, organisation=organisation,  # type: ignore[arg-type]
                                      group=mapping.group)
    messages.success(request, _("The group was removed. Accounts keep their role until their next login."))
    return redirect("accounts:group_mapping_list")
