"""Single sign-on rules: from verified claims to an account, its role and team; provider configuration.

Matching (docs/adr/0024): an account is found by (issuer, subject) only. E-mail and username are
never used to find an account, and an existing local account is never linked to an identity: a
first login creates a new account when the organisation allows it (`create_users`), else it is
refused. Roles and team come from the group claim at every login, through the organisation's
mapping; a chain partner's provider can only give the chain-partner role. Every change is audited.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import signals
from accounts.models import (
    ExternalIdentity,
    GroupRoleMapping,
    IdentityProvider,
    IdentityProviderDevice,
    Organisation,
    Team,
    User,
    is_partner,
)
from accounts.roles import PARTNER_CLAIM_ROLES, ROLES, roles_with
from accounts.services import _set_role, require_user_manager

# Why a login was refused: the code goes to the audit trail, the text to the user (Dutch in the UI).
REFUSALS = {
    "provider": gettext_lazy("Single sign-on of your organisation is not available. Try again later or contact "
                             "your application administrator."),
    "token": gettext_lazy("The login could not be verified. Try again, or contact your application "
                          "administrator if this keeps happening."),
    "mfa": gettext_lazy("Your organisation requires a login with two factors (for example an authenticator app). "
                        "Log in again with two factors."),
    "unknown_account": gettext_lazy("There is no account for you in this application yet. Ask your team lead "
                                    "to create one."),
    "no_role": gettext_lazy("Your account at your organisation does not give a role in this application. Ask "
                            "your team lead to add you to the right group."),
    "inactive": gettext_lazy("Your account has been deactivated. Contact your team lead."),
    "other_organisation": gettext_lazy("This account belongs to another organisation."),
}


class LoginRefused(Exception):
    def __init__(self, code: str, user: User | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.user = user

    @property
    def message(self) -> str:
        return str(REFUSALS.get(self.code, REFUSALS["token"]))


def require_mfa(provider: IdentityProvider, claims: dict[str, Any]) -> None:
    """The ID token says the login used more than one factor: an accepted `acr` or `amr` value."""
    acr = claims.get("acr")
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    if isinstance(acr, str) and acr in provider.accepted_acr:
        return
    if isinstance(amr, list) and provider.accepted_amr.intersection(str(value) for value in amr):
        return
    raise LoginRefused("mfa")


def claim_groups(claims: dict[str, Any], claim: str) -> list[str]:
    value = claims.get(claim) or []
    if isinstance(value, str):
        value = [value]
    return [str(item) for item in value if isinstance(item, str | int)] if isinstance(value, list) else []


def role_from_groups(organisation: Organisation, groups: Iterable[str]) -> tuple[str, Team | None, list[str]]:
    """The role (first in the order of ROLES), its team, and the group values that gave them.

    A mapping row that gives a partner a role other than chain partner is never applied, even
    when it got into the database past the model's validation.
    """
    mappings = list(GroupRoleMapping.objects.filter(organisation=organisation, group__in=list(groups))
                    .select_related("team"))
    if is_partner(organisation):
        mappings = [mapping for mapping in mappings if mapping.role in PARTNER_CLAIM_ROLES]
    if not mappings:
        raise LoginRefused("no_role")
    role = min((mapping.role for mapping in mappings), key=ROLES.index)
    chosen = [mapping for mapping in mappings if mapping.role == role]
    team = next((mapping.team for mapping in chosen if mapping.team is not None), None)
    return role, team, sorted(mapping.group for mapping in chosen)


def _username(issuer: str, subject: str) -> str:
    """Not derived from any name or e-mail: an opaque handle of the identity."""
    return "sso-" + hashlib.sha256(f"{issuer}|{subject}".encode()).hexdigest()[:20]


def _provision(provider: IdentityProvider, claims: dict[str, Any]) -> User:
    user = User(
        username=_username(claims["iss"], claims["sub"]),
        first_name=str(claims.get("given_name") or "")[:150], last_name=str(claims.get("family_name") or "")[:150],
        email=str(claims.get("email") or "")[:254], organisation=provider.organisation,
    )
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
            ExternalIdentity.objects.create(user=user, issuer=claims["iss"], subject=claims["sub"])
    except IntegrityError as exc:  # a parallel first login of the same identity
        raise LoginRefused("token") from exc
    return user


def _apply_role(user: User, role: str, team: Team | None, *, claim: str, groups: list[str], new: bool) -> None:
    old_role, old_team = (None if new else user.role), (None if new else user.team_id)
    if old_role != role:
        _set_role(user, role, new=new)
    if old_team != (team.pk if team else None) or new:
        user.team = team
        user.save(update_fields=["team"])
    if new:
        signals.user_created.send(sender=User, actor=None, user=user, role=role)
    if old_role != role or old_team != user.team_id:
        signals.roles_from_claims.send(sender=User, user=user, old_role=old_role, new_role=role, old_team=old_team,
                                       new_team=user.team_id, claim=claim, groups=groups)


@transaction.atomic
def sso_login_user(*, provider: IdentityProvider, claims: dict[str, Any]) -> User:
    """The account for verified claims (iss, sub, acr/amr, groups), its role and team set from the claims."""
    require_mfa(provider, claims)
    identity = (ExternalIdentity.objects.select_related("user", "user__organisation")
                .filter(issuer=claims["iss"], subject=claims["sub"]).first())
    user = identity.user if identity is not None else None
    if user is not None and user.organisation_id != provider.organisation_id:
        raise LoginRefused("other_organisation", user)
    if user is not None and not user.is_active:
        raise LoginRefused("inactive", user)
    role, team, groups = role_from_groups(provider.organisation, claim_groups(claims, provider.group_claim))
    if user is None:
        if not provider.create_users:
            raise LoginRefused("unknown_account")
        user = _provision(provider, claims)
        new = True
    else:
        new = False
    _apply_role(user, role, team, claim=provider.group_claim, groups=groups, new=new)
    return user


def sso_device(user: User) -> IdentityProviderDevice:
    """The marker device a single sign-on session is verified with (django-otp)."""
    device, _created = IdentityProviderDevice.objects.get_or_create(
        user=user, defaults={"name": "identity provider", "confirmed": True})
    return device


def local_login_refused(user: User) -> bool:
    """A user of an organisation with single sign-on on (and local login off) logs in there only."""
    if user.organisation_id is None:
        return False
    provider = IdentityProvider.objects.filter(organisation_id=user.organisation_id, enabled=True).first()
    return provider is not None and not provider.local_login_allowed


# --- configuration (management commands; a team lead of the organisation) -------------------------

PROVIDER_FIELDS = ("enabled", "issuer", "discovery_url", "client_id", "scopes", "group_claim", "acr_values",
                   "amr_values", "recheck_minutes", "local_login_allowed", "create_users")


def _require_admin(actor: User | None, organisation: Organisation) -> None:
    """None is a management command (the application administrator); else a team lead of that organisation."""
    if actor is None:
        return
    require_user_manager(actor)
    if actor.organisation_id != organisation.pk:
        raise PermissionDenied(_("You can only manage users of your own organisation."))


@transaction.atomic
def identity_provider_configure(*, actor: User | None, organisation: Organisation, client_secret: str | None = None,
                                **values: Any) -> IdentityProvider:
    """Create or change the organisation's provider; `client_secret` None keeps the stored one."""
    _require_admin(actor, organisation)
    unknown = set(values) - set(PROVIDER_FIELDS)
    if unknown:
        raise ValueError(f"unknown identity provider fields: {sorted(unknown)}")
    provider = IdentityProvider.objects.filter(organisation=organisation).first()
    creating = provider is None
    if provider is None:
        provider = IdentityProvider(organisation=organisation)
        if not client_secret:
            raise ValidationError({"client_secret": _("Enter the client secret.")})
    changed = [field for field in values if getattr(provider, field) != values[field] or creating]
    for field, value in values.items():
        setattr(provider, field, value)
    if client_secret:
        provider.set_client_secret(client_secret)
        changed.append("client_secret")
    provider.full_clean()
    provider.save()
    signals.identity_provider_updated.send(sender=IdentityProvider, actor=actor, organisation=organisation,
                                           changed=sorted(changed))
    return provider


def partner_may_get(role: str) -> bool:
    """A chain partner's IdP gives the chain-partner role only: never staff, privacy officer, team lead, nor any
    role that may break the glass (checked against the capability table, so a future role is covered too)."""
    return role in PARTNER_CLAIM_ROLES and role not in roles_with("break_glass")


def group_mappings(organisation: Organisation) -> list[GroupRoleMapping]:
    return list(GroupRoleMapping.objects.filter(organisation=organisation).select_related("team").order_by("group"))


@transaction.atomic
def group_mapping_set(*, actor: User | None, organisation: Organisation, group: str, role: str,
                      team: Team | None = None) -> GroupRoleMapping:
    """Map one group claim value to a role (and team); a partner's mapping is refused any role but chain partner."""
    _require_admin(actor, organisation)
    group = group.strip()
    if not group:
        raise ValidationError({"group": ValidationError(_("Enter the value of the group claim."), code="required")})
    if is_partner(organisation) and not partner_may_get(role):
        raise ValidationError({"role": ValidationError(_("A chain partner's identity provider can only give the chain "
                                                         "partner role."), code="partner_role")})
    mapping = GroupRoleMapping.objects.filter(organisation=organisation, group=group).first()
    old = f"{mapping.role}/{mapping.team_id or '-'}" if mapping else "-"
    mapping = mapping or GroupRoleMapping(organisation=organisation, group=group)
    mapping.role, mapping.team = role, team
    mapping.full_clean()
    mapping.save()
    # Group values are the IdP's group names, not personal data: the trail says which one now gives what.
    new = f"{role}/{team.pk if team else '-'}"
    signals.identity_provider_updated.send(sender=GroupRoleMapping, actor=actor, organisation=organisation,
                                           changed=[f"group mapping {group[:100]}: {old} -> {new}"])
    return mapping


@transaction.atomic
def group_mapping_delete(*, actor: User | None, organisation: Organisation, group: str) -> int:
    _require_admin(actor, organisation)
    deleted, _detail = GroupRoleMapping.objects.filter(organisation=organisation, group=group).delete()
    if deleted:
        signals.identity_provider_updated.send(sender=GroupRoleMapping, actor=actor, organisation=organisation,
                                               changed=[f"group mapping {group[:100]} deleted"])
    return deleted
