"""Events announced by the layers below `audit` (accounts, encryption, Django's auth).

Those layers must not import `audit`, so they send signals; this is the only place the project
uses signals. A receiver that cannot write raises AuditWriteError to the sender: a login, a
key rotation or a shredding whose event cannot be stored fails rather than going unrecorded.
Failed logins store no password, no code and no typed username: only the account it named, when
that account exists (a password typed into the username field must not end up in the log).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts import signals as account_signals
from audit.actions import Action, Outcome
from audit.activities import ACCOUNT_ADMINISTRATION, INFORMATION_SECURITY
from audit.services import record
from encryption import signals as key_signals

USER_TYPE = "accounts.User"
DOSSIER_TYPE = "encryption.Dossier"
ORGANISATION_TYPE = "accounts.Organisation"


@receiver(user_logged_in, dispatch_uid="audit_login")
def on_login(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    record(action=Action.LOGIN, processing_activity=ACCOUNT_ADMINISTRATION, actor=user,
           object_type=USER_TYPE, object_id=user.pk if user else "")


@receiver(user_logged_out, dispatch_uid="audit_logout")
def on_logout(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    if user is None:
        return  # an anonymous visitor "logged out": nothing happened to any account
    record(action=Action.LOGOUT, processing_activity=ACCOUNT_ADMINISTRATION, actor=user,
           object_type=USER_TYPE, object_id=user.pk)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def on_login_failed(sender: Any, credentials: dict | None = None, request: Any = None, **kwargs: Any) -> None:
    refusal = getattr(request, account_signals.LOGIN_REFUSAL_ATTR, None)
    if refusal is not None:  # a backend said why (single sign-on: which check failed; no claim values)
        reason, account_id = refusal
        record(action=Action.LOGIN_FAILED, outcome=Outcome.DENIED, processing_activity=ACCOUNT_ADMINISTRATION,
               actor=None, object_type=USER_TYPE, object_id=account_id, reason=reason)
        return
    username = (credentials or {}).get("username") or ""
    account = get_user_model().objects.filter(username__iexact=username).first() if username else None
    record(
        action=Action.LOGIN_FAILED, outcome=Outcome.DENIED, processing_activity=ACCOUNT_ADMINISTRATION,
        actor=None, object_type=USER_TYPE, object_id=account.pk if account else "",
        reason="" if account else "unknown username",
    )


@receiver(account_signals.roles_from_claims, dispatch_uid="audit_roles_from_claims")
def on_roles_from_claims(sender: Any, user: Any = None, old_role: Any = None, new_role: str = "",
                         old_team: Any = None, new_team: Any = None, claim: str = "", groups: Any = (),
                         **kwargs: Any) -> None:
    """Single sign-on set a user's role or team from the IdP's group claim (who, old -> new, which claim)."""
    reason = (f"from claim {claim}={','.join(groups)}: role {old_role or '-'} -> {new_role}; "
              f"team {old_team or '-'} -> {new_team or '-'}")
    record(action=Action.UPDATE, processing_activity=ACCOUNT_ADMINISTRATION, actor=None,
           object_type=USER_TYPE, object_id=user.pk, reason=reason[:1000])


@receiver(account_signals.sso_session_refused, dispatch_uid="audit_sso_session_refused")
def on_sso_session_refused(sender: Any, user: Any = None, reason: str = "", **kwargs: Any) -> None:
    """The identity provider refused a session's periodic re-check: the session ends."""
    record(action=Action.ACCESS_DENIED, outcome=Outcome.DENIED, processing_activity=ACCOUNT_ADMINISTRATION,
           actor=user, object_type=USER_TYPE, object_id=user.pk, reason=f"single sign-on re-check: {reason}")


@receiver(account_signals.identity_provider_updated, dispatch_uid="audit_identity_provider_updated")
def on_identity_provider_updated(sender: Any, actor: Any = None, organisation: Any = None, changed: Any = (),
                                 **kwargs: Any) -> None:
    """An organisation's single sign-on configuration or group mapping changed (fields, never the secret)."""
    record(action=Action.UPDATE, processing_activity=ACCOUNT_ADMINISTRATION, actor=actor,
           object_type=ORGANISATION_TYPE, object_id=organisation.pk, reason=f"single sign-on: {','.join(changed)}")


@receiver(account_signals.passkey_changed, dispatch_uid="audit_passkey_changed")
def on_passkey_changed(sender: Any, actor: Any = None, user: Any = None, device_id: Any = None, added: bool = True,
                       **kwargs: Any) -> None:
    """A user registered or removed a passkey of their own (which one by its number; never its name or key)."""
    record(action=Action.CREATE if added else Action.DELETE, processing_activity=ACCOUNT_ADMINISTRATION,
           actor=actor, object_type=USER_TYPE, object_id=user.pk,
           reason=f"passkey {device_id} {'registered' if added else 'removed'}")


@receiver(account_signals.second_factor_reset, dispatch_uid="audit_second_factor_reset")
def on_second_factor_reset(sender: Any, actor: Any = None, user: Any = None, reason: str = "", **kwargs: Any) -> None:
    record(action=Action.SECOND_FACTOR_RESET, processing_activity=ACCOUNT_ADMINISTRATION, actor=actor,
           object_type=USER_TYPE, object_id=user.pk, reason=reason)


@receiver(account_signals.user_deactivated, dispatch_uid="audit_user_deactivated")
def on_user_deactivated(sender: Any, actor: Any = None, user: Any = None, **kwargs: Any) -> None:
    record(action=Action.DEACTIVATE, processing_activity=ACCOUNT_ADMINISTRATION, actor=actor,
           object_type=USER_TYPE, object_id=user.pk)


@receiver(account_signals.user_updated, dispatch_uid="audit_user_updated")
def on_user_updated(sender: Any, actor: Any = None, user: Any = None, role: str = "", changed: Any = (),
                    **kwargs: Any) -> None:
    """A team lead changed an account (role and team decide what the user may reach)."""
    record(action=Action.UPDATE, processing_activity=ACCOUNT_ADMINISTRATION, actor=actor,
           object_type=USER_TYPE, object_id=user.pk, reason=f"role:{role} changed:{','.join(changed)}")


@receiver(account_signals.user_created, dispatch_uid="audit_user_created")
def on_user_created(sender: Any, actor: Any = None, user: Any = None, role: str = "", **kwargs: Any) -> None:
    record(action=Action.CREATE, processing_activity=ACCOUNT_ADMINISTRATION, actor=actor,
           object_type=USER_TYPE, object_id=user.pk, reason=f"role {role}" if role else "")


@receiver(account_signals.organisation_updated, dispatch_uid="audit_organisation_updated")
def on_organisation_updated(sender: Any, actor: Any = None, organisation: Any = None, changed: Any = (),
                            **kwargs: Any) -> None:
    """A team lead changed their organisation (its postal address heads every letter); the fields, not the values."""
    record(action=Action.UPDATE, processing_activity=ACCOUNT_ADMINISTRATION, actor=actor,
           object_type=ORGANISATION_TYPE, object_id=organisation.pk, reason=f"changed:{','.join(changed)}")


@receiver(key_signals.key_rotation, dispatch_uid="audit_key_rotation")
def on_key_rotation(sender: Any, actor: Any = None, kek_id: str = "", count: int = 0, **kwargs: Any) -> None:
    record(action=Action.KEY_ROTATION, processing_activity=INFORMATION_SECURITY, actor=actor,
           object_type="encryption.KEK", object_id=kek_id, reason=f"{count} data keys re-wrapped")


@receiver(key_signals.dossier_reencrypted, dispatch_uid="audit_dossier_reencrypted")
def on_dossier_reencrypted(sender: Any, actor: Any = None, dossier_id: Any = None, old_key_id: Any = "",
                           new_key_id: Any = "", **kwargs: Any) -> None:
    record(action=Action.REENCRYPT, processing_activity=INFORMATION_SECURITY, actor=actor,
           object_type=DOSSIER_TYPE, object_id=dossier_id,
           reason=f"data key {old_key_id} replaced by {new_key_id}")


@receiver(key_signals.dossier_shredded, dispatch_uid="audit_dossier_shredded")
def on_dossier_shredded(sender: Any, actor: Any = None, dossier_id: Any = None, key_id: Any = "",
                        reason: str = "", **kwargs: Any) -> None:
    record(action=Action.SHRED, processing_activity=INFORMATION_SECURITY, actor=actor,
           object_type=DOSSIER_TYPE, object_id=dossier_id, reason=f"data key {key_id} destroyed: {reason}")


@receiver(key_signals.orphan_keys_destroyed, dispatch_uid="audit_orphan_keys_destroyed")
def on_orphan_keys_destroyed(sender: Any, actor: Any = None, count: int = 0, **kwargs: Any) -> None:
    record(action=Action.SHRED, processing_activity=INFORMATION_SECURITY, actor=actor,
           object_type="encryption.DataKey", reason=f"{count} orphan data keys destroyed (no row referred to them)")
