"""Account services: creating, editing and deactivating users, two-factor devices, sessions.

Views and management commands call these; the rules (who may manage whom, what a deactivation
does) live here only.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from accounts import signals
from accounts.models import Organisation, PasskeyDevice, SealedTOTPDevice, Team, User, UserSession
from accounts.roles import ROLES, roles_with


def can_manage_users(actor: User) -> bool:
    return actor.is_active and actor.organisation_id is not None and actor.role in roles_with("manage_users")


def require_user_manager(actor: User, target: User | None = None) -> None:
    """A team lead manages users of their own organisation only."""
    if not can_manage_users(actor):
        raise PermissionDenied(_("Only a team lead can manage users."))
    if target is not None and target.organisation_id != actor.organisation_id:
        raise PermissionDenied(_("You can only manage users of your own organisation."))


def _set_role(user: User, role: str, *, new: bool = False) -> None:
    """Give the user `role` as their one role group; `new`: a user saved just now, who has no group to remove."""
    if role not in ROLES:
        raise ValidationError({"role": _("Unknown role.")})
    if not new:
        user.groups.remove(*Group.objects.filter(name__in=ROLES))
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    user.__dict__.pop("role", None)  # drop the cached role


def totp_device_create(*, user: User, new: bool = False) -> SealedTOTPDevice:
    """Replace the user's TOTP devices by one new confirmed device; returns it (its URI is shown once).

    The secret is sealed at rest (accounts/totp_secrets.py); plaintext devices of django-otp's own
    TOTP model are removed too. `new`: a user saved just now, who has no device to remove.
    """
    if not new:
        TOTPDevice.objects.filter(user=user).delete()
        SealedTOTPDevice.objects.filter(user=user).delete()
    device = SealedTOTPDevice(user=user, name=_("Authenticator app"), confirmed=True)
    device.set_secret(secrets.token_bytes(20))
    device.save()
    return device


def _check_team(team: Team | None, organisation: Organisation | None) -> None:
    if team is not None and (organisation is None or team.organisation_id != organisation.pk):
        raise ValidationError({"team": _("The team must belong to the user's organisation.")})


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    organisation: Organisation,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    team: Team | None = None,
    password: str | None = None,
) -> tuple[User, SealedTOTPDevice]:
    """Create a user with a role and a TOTP device. `actor` None means a management command."""
    if actor is not None:
        require_user_manager(actor)
        if organisation.pk != actor.organisation_id:
            raise PermissionDenied(_("You can only manage users of your own organisation."))
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This username is already taken.")})
    _check_team(team, organisation)
    user = User(
        username=username, first_name=first_name, last_name=last_name, email=email,
        organisation=organisation, team=team,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    _set_role(user, role, new=True)
    device = totp_device_create(user=user, new=True)
    signals.user_created.send(sender=User, actor=actor, user=user, role=role)
    return user, device


@transaction.atomic
def user_update(
    *, actor: User, user: User, first_name: str, last_name: str, email: str, role: str, team: Team | None
) -> User:
    require_user_manager(actor, user)
    _check_team(team, user.organisation)
    before = {"first_name": user.first_name, "last_name": user.last_name, "email": user.email,
              "team": user.team_id, "role": user.role}
    user.first_name, user.last_name, user.email, user.team = first_name, last_name, email, team
    user.full_clean()
    user.save()
    _set_role(user, role)
    after = {"first_name": first_name, "last_name": last_name, "email": email, "team": user.team_id, "role": role}
    changed = sorted(name for name in before if before[name] != after[name])
    if changed:
        signals.user_updated.send(sender=User, actor=actor, user=user, role=role, changed=changed)
    return user


def session_register(*, user: User, session_key: str) -> None:
    """Remember which sessions belong to a user, so deactivation can end them at once."""
    UserSession.objects.get_or_create(user=user, session_key=session_key)


def sessions_end(*, user: User) -> int:
    """End the user's sessions and revoke their API tokens (issued to those sessions)."""
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    deleted, _detail = Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    AuthToken.objects.filter(user=user).delete()
    return deleted


@transaction.atomic
def user_deactivate(*, actor: User, user: User) -> User:
    """Deactivate a user and end every session they have, effective on their next request."""
    require_user_manager(actor, user)
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate yourself."))
    user.is_active = False
    user.save(update_fields=["is_active"])
    sessions_end(user=user)
    signals.user_deactivated.send(sender=User, actor=actor, user=user)
    return user


@transaction.atomic
def second_factor_reset(*, actor: User, user: User, reason: str) -> SealedTOTPDevice:
    """Give a user a new authenticator secret (lost phone), remove their passkeys; ends their sessions. Audited."""
    require_user_manager(actor, user)
    if user.pk == actor.pk:  # as deactivating: another team lead does it (a new secret from one's own session)
        raise ValidationError(_("You cannot reset your own second factor: ask another team lead."))
    if not reason.strip():
        raise ValidationError({"reason": _("State why the second factor is reset.")})
    device = totp_device_create(user=user)
    PasskeyDevice.objects.filter(user=user).delete()  # a lost laptop or security key goes with it
    sessions_end(user=user)
    signals.second_factor_reset.send(sender=User, actor=actor, user=user, reason=reason)
    return device


def _address(value: str, field: str, *, required: bool) -> str:
    lines = [line.strip() for line in value.strip().splitlines() if line.strip()]
    if required and not lines:
        raise ValidationError({field: _("Enter the postal address.")})
    if len(lines) > 4:
        raise ValidationError({field: _("Use at most four lines.")})
    return "\n".join(lines)


@transaction.atomic
def organisation_address_update(*, actor: User, postal_address: str, letter_details: dict[str, str] | None = None,
                                ) -> Organisation:
    """A team lead sets the postal address of their own organisation (letterhead, objection address)
    and, in `letter_details`, what its letters name besides: `municipality_name`,
    `digital_objection_url` (Awb 2:15), `court_name` and `court_address` (Awb 8:81); a key left out
    is left unchanged. Audited like every team-lead change; an event that cannot be stored undoes it."""
    require_user_manager(actor)
    organisation = actor.organisation
    assert organisation is not None  # noqa: S101 - require_user_manager checked it
    values = {"postal_address": _address(postal_address, "postal_address", required=True)}
    for field in ("municipality_name", "digital_objection_url", "court_name", "court_address"):
        if letter_details is not None and field in letter_details:
            value = str(letter_details[field] or "").strip()
            values[field] = _address(value, field, required=False) if field == "court_address" else value
    if bool(values.get("court_name", organisation.court_name)) != bool(values.get("court_address",
                                                                                  organisation.court_address)):
        raise ValidationError({"court_address": _("Enter both the court and its postal address, or neither.")})
    changed = [field for field, value in values.items() if getattr(organisation, field) != value]
    for field, value in values.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save(update_fields=list(values))
    signals.organisation_updated.send(sender=Organisation, actor=actor, organisation=organisation,
                                      changed=changed)  # a save that changed nothing names no field
    return organisation
