"""Passkeys (WebAuthn) as a second factor beside the authenticator app, for local accounts (docs/adr/0036).

The login stays one step with both factors at once (docs/adr/0005): the browser signs a challenge
that the login page fetched before the form is sent, and the form carries username, password and
that signature together; accounts.backends.PasswordAndPasskeyBackend accepts only when both match.
The WebAuthn checks themselves (challenge, origin, relying party, signature, counter) are py_webauthn's.

Stored per passkey: the credential id, its public key and the signature counter. A counter that
does not go up refuses the login (a cloned authenticator). Registration and removal are audited
through signals (accounts sits below audit).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url, parse_authentication_credential_json
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from accounts import signals
from accounts.models import PasskeyDevice, User
from accounts.sso.services import local_login_refused

# A challenge is good for one ceremony and for this long (the browser's own timeout is shorter).
CHALLENGE_SECONDS = 300
TIMEOUT_MS = 120_000
MAX_PASSKEYS = 10
REGISTER_KEY = "accounts_passkey_register"
LOGIN_KEY = "accounts_passkey_login"


@dataclass(frozen=True)
class RelyingParty:
    """This application as WebAuthn sees it: the domain passkeys are bound to and the accepted origins."""

    rp_id: str
    name: str
    origins: tuple[str, ...]


def relying_party(request: Any) -> RelyingParty:
    """From the settings (WEBAUTHN_RP_ID, WEBAUTHN_ORIGINS), else from the request's checked host (ALLOWED_HOSTS)."""
    host = request.get_host()
    rp_id = settings.WEBAUTHN_RP_ID or host.rsplit(":", 1)[0]
    origins = tuple(settings.WEBAUTHN_ORIGINS) or (f"{request.scheme}://{host}",)
    return RelyingParty(rp_id=rp_id, name=settings.WEBAUTHN_RP_NAME, origins=origins)


def challenge_store(session: Any, key: str, challenge: bytes) -> None:
    session[key] = {"challenge": bytes_to_base64url(challenge), "at": time.time()}


def challenge_take(session: Any, key: str) -> bytes | None:
    """The stored challenge, removed at once: a challenge is never used twice."""
    stored = session.pop(key, None)
    if not isinstance(stored, dict) or time.time() - float(stored.get("at", 0)) > CHALLENGE_SECONDS:
        return None
    return base64url_to_bytes(str(stored.get("challenge", "")))


def passkeys_of(user: User) -> list[PasskeyDevice]:
    return list(PasskeyDevice.objects.filter(user=user, confirmed=True).order_by("created_at"))


def may_have_passkeys(user: User) -> bool:
    """Local accounts only: a single sign-on account's second factor is the identity provider's."""
    return user.is_active and user.has_usable_password() and not local_login_refused(user)


def _require_local_account(user: User) -> None:
    if not may_have_passkeys(user):
        raise PermissionDenied(_("Passkeys are only for accounts that log in to this application itself."))


def registration_options(*, user: User, rp: RelyingParty) -> tuple[str, bytes]:
    """The options for navigator.credentials.create (JSON) and the challenge to keep in the session.

    A discoverable credential (a passkey) is asked for, so the login page needs no username to ask
    for a signature; the user handle is the account's UUID, never a name.
    """
    _require_local_account(user)
    options = generate_registration_options(
        rp_id=rp.rp_id, rp_name=rp.name, user_id=user.pk.bytes, user_name=user.username,
        user_display_name=user.display_name, timeout=TIMEOUT_MS,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.PREFERRED),
        exclude_credentials=[PublicKeyCredentialDescriptor(id=bytes(device.credential_id))
                             for device in passkeys_of(user)],
    )
    return options_to_json(options), options.challenge


@transaction.atomic
def passkey_register(*, user: User, name: str, response: str, challenge: bytes | None,
                     rp: RelyingParty) -> PasskeyDevice:
    """Verify the browser's attestation against the challenge and store the credential's public key."""
    _require_local_account(user)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Enter a name for the passkey, for example the device it is on.")})
    if challenge is None or not response:
        raise ValidationError(_("The passkey was not created. Try again."))
    if PasskeyDevice.objects.filter(user=user).count() >= MAX_PASSKEYS:
        raise ValidationError(_("You already have the highest number of passkeys. Remove one first."))
    try:
        verified = verify_registration_response(credential=response, expected_challenge=challenge,
                                                expected_rp_id=rp.rp_id, expected_origin=list(rp.origins))
    except (WebAuthnException, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(_("The passkey was not created. Try again.")) from exc
    if PasskeyDevice.objects.filter(credential_id=verified.credential_id).exists():
        raise ValidationError(_("This passkey is already registered."))
    transports = _transports(response)
    device = PasskeyDevice.objects.create(
        user=user, name=name[:64], confirmed=True, credential_id=verified.credential_id,
        public_key=verified.credential_public_key, sign_count=verified.sign_count, transports=transports)
    signals.passkey_changed.send(sender=PasskeyDevice, actor=user, user=user, device_id=device.pk, added=True)
    return device


def _transports(response: str) -> str:
    try:
        values = json.loads(response).get("response", {}).get("transports", [])
    except (ValueError, AttributeError):
        return ""
    return " ".join(str(value) for value in values if isinstance(value, str))[:200]


@transaction.atomic
def passkey_remove(*, user: User, device_id: int) -> None:
    """Remove one of the user's own passkeys; the account keeps its authenticator app."""
    device = PasskeyDevice.objects.filter(user=user, pk=device_id).first()
    if device is None:
        raise PermissionDenied(_("This passkey does not exist or is not yours."))
    device.delete()
    signals.passkey_changed.send(sender=PasskeyDevice, actor=user, user=user, device_id=device_id, added=False)


def authentication_options(*, rp: RelyingParty) -> tuple[str, bytes]:
    """Options for navigator.credentials.get, without naming any account (the passkey is discoverable)."""
    options = generate_authentication_options(rp_id=rp.rp_id, timeout=TIMEOUT_MS,
                                              user_verification=UserVerificationRequirement.PREFERRED)
    return options_to_json(options), options.challenge


def passkey_verify(*, user: User, response: str, challenge: bytes | None, rp: RelyingParty) -> PasskeyDevice | None:
    """The user's passkey that signed this challenge, its counter moved on; None when anything does not match.

    Refused: no or an old challenge, a credential of another account or a removed one, a wrong
    origin or relying party, a bad signature, a counter that did not go up.
    """
    if challenge is None or not response:
        return None
    try:
        credential = parse_authentication_credential_json(response)
    except (WebAuthnException, ValueError, KeyError, TypeError):
        return None
    device = PasskeyDevice.objects.filter(user=user, confirmed=True, credential_id=credential.raw_id).first()
    if device is None:
        return None
    if credential.response.user_handle is not None and credential.response.user_handle != user.pk.bytes:
        return None
    try:
        verified = verify_authentication_response(
            credential=credential, expected_challenge=challenge, expected_rp_id=rp.rp_id,
            expected_origin=list(rp.origins), credential_public_key=bytes(device.public_key),
            credential_current_sign_count=device.sign_count)
    except (WebAuthnException, ValueError, KeyError, TypeError):
        return None
    device.sign_count = verified.new_sign_count
    device.last_used_at = timezone.now()
    device.save(update_fields=["sign_count", "last_used_at"])
    return device
