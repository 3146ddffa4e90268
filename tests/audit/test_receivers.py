"""audit.receivers: logins, logouts, failed logins and the accounts/encryption signals."""

from __future__ import annotations

import uuid

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from accounts import signals as account_signals
from audit.actions import Action, Outcome
from audit.activities import ACCOUNT_ADMINISTRATION, INFORMATION_SECURITY
from encryption import signals as key_signals
from tests.auditlog import event_list as events
from tests.conftest import TEST_PASSWORD, totp_now

pytestmark = pytest.mark.django_db(databases="__all__")

WRONG_PASSWORD = "Wrong-Password-Testwaarde-77"


def _all_text(event) -> str:
    return " ".join(str(value) for value in model_to_dict(event).values())


def test_login_and_logout_are_recorded(client, procesregisseur):
    response = client.post(reverse("accounts:login"), {
        "username": procesregisseur.username, "password": TEST_PASSWORD, "otp_token": totp_now(procesregisseur),
    }, REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 302
    (login,) = events(action=Action.LOGIN)
    assert login.actor_id == str(procesregisseur.pk) and login.outcome == Outcome.OK
    assert login.processing_activity == ACCOUNT_ADMINISTRATION
    assert login.client_address == "198.51.100.4"
    assert TEST_PASSWORD not in _all_text(login)

    client.post(reverse("accounts:logout"))
    (logout,) = events(action=Action.LOGOUT)
    assert logout.actor_id == str(procesregisseur.pk)


def test_failed_login_is_recorded_without_password_or_code(client, procesregisseur):
    code = totp_now(procesregisseur)
    client.post(reverse("accounts:login"), {
        "username": procesregisseur.username, "password": WRONG_PASSWORD, "otp_token": code,
    })
    (failed,) = events(action=Action.LOGIN_FAILED)
    assert failed.outcome == Outcome.DENIED
    assert failed.object_id == str(procesregisseur.pk)
    assert failed.actor_id == ""
    text = _all_text(failed)
    assert WRONG_PASSWORD not in text and code not in text


def test_failed_login_with_unknown_username_does_not_store_what_was_typed(client):
    typed = "Geheim-Wachtwoord-In-Gebruikersnaamveld"
    client.post(reverse("accounts:login"), {"username": typed, "password": WRONG_PASSWORD, "otp_token": "123456"})
    (failed,) = events(action=Action.LOGIN_FAILED)
    assert typed not in _all_text(failed)
    assert failed.object_id == "" and failed.reason == "unknown username"


def test_account_signals_are_recorded(make_user, procesregisseur):
    lead = make_user(role="teamleider")
    account_signals.second_factor_reset.send(sender=None, actor=lead, user=procesregisseur, reason="telefoon kwijt")
    account_signals.user_deactivated.send(sender=None, actor=lead, user=procesregisseur)
    (reset,) = events(action=Action.SECOND_FACTOR_RESET)
    assert reset.actor_id == str(lead.pk) and reset.object_id == str(procesregisseur.pk)
    assert reset.reason == "telefoon kwijt"
    (deactivated,) = events(action=Action.DEACTIVATE)
    assert deactivated.object_id == str(procesregisseur.pk)
    created = events(action=Action.CREATE, object_id=str(lead.pk))
    assert created and created[0].reason == "role teamleider"


def test_key_signals_are_recorded(procesregisseur):
    dossier = uuid.uuid4()
    now = timezone.now()
    key_signals.key_rotation.send(sender=None, actor=None, when=now, kek_id="kek-2026-02", count=12)
    key_signals.dossier_reencrypted.send(sender=None, actor=procesregisseur, when=now, dossier_id=dossier,
                                         old_key_id="1", new_key_id="2")
    key_signals.dossier_shredded.send(sender=None, actor=None, when=now, dossier_id=dossier, key_id="2",
                                      reason="retention period ended")
    rotation, reencrypt, shred = (events(action=a)[0] for a in (Action.KEY_ROTATION, Action.REENCRYPT, Action.SHRED))
    assert rotation.object_id == "kek-2026-02" and "12" in rotation.reason
    assert reencrypt.object_id == str(dossier) and reencrypt.actor_id == str(procesregisseur.pk)
    assert shred.object_id == str(dossier) and "retention period ended" in shred.reason
    assert {rotation.processing_activity, reencrypt.processing_activity, shred.processing_activity} == {
        INFORMATION_SECURITY
    }
