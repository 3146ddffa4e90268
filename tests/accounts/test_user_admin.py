"""A team lead manages users of their own organisation (accounts/services.py, views.py)."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from accounts.models import User, UserSession
from accounts.roles import HANDHAVER, PROCESREGISSEUR, TEAMLEIDER
from tests.conftest import TEST_PASSWORD, count_queries, totp_now

pytestmark = pytest.mark.django_db(databases="__all__")


def user_data(**overrides):
    data = {"username": "nieuwe.collega", "first_name": "Nieuwe", "last_name": "Testcollega",
            "email": "nieuw@example.invalid", "role": HANDHAVER, "team": ""}
    data.update(overrides)
    return data


def test_team_lead_creates_a_user_and_sees_the_enrolment_code_once(client, make_user, login):
    lead = make_user(role=TEAMLEIDER)
    login(client, lead)
    response = client.post(reverse("accounts:user_create"), user_data())
    assert response.status_code == 200
    body = response.content.decode()
    assert "otpauth://totp/" in body and "<svg" in body
    created = User.objects.get(username="nieuwe.collega")
    assert created.organisation == lead.organisation
    assert created.role == HANDHAVER
    assert not created.has_usable_password()


def test_duplicate_username_shows_an_error_and_saves_nothing(client, make_user, login):
    lead = make_user(role=TEAMLEIDER)
    login(client, lead)
    before = User.objects.count()
    response = client.post(reverse("accounts:user_create"), user_data(username=lead.username.upper()))
    assert response.status_code == 200
    assert "al in gebruik" in response.content.decode()
    assert User.objects.count() == before


def test_invalid_email_is_refused_with_a_field_error(client, make_user, login):
    lead = make_user(role=TEAMLEIDER)
    login(client, lead)
    response = client.post(reverse("accounts:user_create"), user_data(email="geen-adres"))
    assert response.status_code == 200
    assert not User.objects.filter(username="nieuwe.collega").exists()


@pytest.mark.parametrize("role", [PROCESREGISSEUR, HANDHAVER])
def test_other_roles_cannot_manage_users(client, make_user, login, role):
    user = make_user(role=role)
    login(client, user)
    assert client.get(reverse("accounts:user_list")).status_code == 403
    assert client.post(reverse("accounts:user_create"), user_data()).status_code == 403
    assert not User.objects.filter(username="nieuwe.collega").exists()


def test_team_lead_cannot_touch_users_of_another_organisation(client, make_user, login, other_organisation):
    lead = make_user(role=TEAMLEIDER)
    stranger = make_user(role=PROCESREGISSEUR, organisation=other_organisation)
    login(client, lead)
    assert client.get(reverse("accounts:user_edit", args=[stranger.pk])).status_code == 403
    response = client.post(reverse("accounts:user_deactivate", args=[stranger.pk]), {"confirm": "on"})
    assert response.status_code == 403
    stranger.refresh_from_db()
    assert stranger.is_active
    listing = client.get(reverse("accounts:user_list")).content.decode()
    assert stranger.username not in listing


def test_team_lead_edits_role_and_name(client, make_user, login):
    lead = make_user(role=TEAMLEIDER)
    member = make_user(role=PROCESREGISSEUR)
    login(client, lead)
    response = client.post(
        reverse("accounts:user_edit", args=[member.pk]),
        user_data(username=member.username, first_name="Gewijzigd", role=HANDHAVER),
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.first_name == "Gewijzigd" and member.role == HANDHAVER


def test_deactivation_ends_the_users_session_at_once(client, make_user, login):
    from django.test import Client

    lead = make_user(role=TEAMLEIDER)
    member = make_user(role=PROCESREGISSEUR)
    member_client = Client()
    member_client.post("/accounts/login/", {"username": member.username, "password": TEST_PASSWORD,
                                            "otp_token": totp_now(member)})
    assert member_client.get(reverse("dashboard")).status_code == 200
    session_key = member_client.session.session_key
    assert UserSession.objects.filter(user=member, session_key=session_key).exists()

    login(client, lead)
    response = client.post(reverse("accounts:user_deactivate", args=[member.pk]), {"confirm": "on"})
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=session_key).exists()
    follow = member_client.get(reverse("dashboard"))
    assert follow.status_code == 302 and follow["Location"].startswith("/accounts/login/")


def test_deactivated_user_is_logged_out_even_if_a_session_survives(client, make_user, login):
    member = make_user(role=PROCESREGISSEUR)
    login(client, member)
    User.objects.filter(pk=member.pk).update(is_active=False)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302


def test_team_lead_cannot_deactivate_themselves(client, make_user, login):
    lead = make_user(role=TEAMLEIDER)
    login(client, lead)
    response = client.post(reverse("accounts:user_deactivate", args=[lead.pk]), {"confirm": "on"})
    assert response.status_code == 200
    lead.refresh_from_db()
    assert lead.is_active


def test_user_list_query_count_does_not_grow_with_the_number_of_users(client, make_user, login):
    lead = make_user(role=TEAMLEIDER)
    for _ in range(3):
        make_user(role=PROCESREGISSEUR)
    login(client, lead)
    client.get(reverse("accounts:user_list"))  # warm caches (content types, translations)
    with count_queries() as few:
        client.get(reverse("accounts:user_list"))
    for _ in range(30):
        make_user(role=PROCESREGISSEUR)
    with count_queries() as many:
        response = client.get(reverse("accounts:user_list"))
    assert response.status_code == 200
    assert "Pagina 1 van 2" in response.content.decode()
    assert len(many) == len(few)


def test_second_factor_reset_replaces_the_device_and_ends_sessions(client, make_user, login):
    from django.test import Client

    from accounts.models import SealedTOTPDevice as TOTPDevice

    lead = make_user(role=TEAMLEIDER)
    member = make_user(role=PROCESREGISSEUR)
    old_key = member.device.key
    member_client = Client()
    login(member_client, member)
    login(client, lead)
    response = client.post(reverse("accounts:second_factor_reset", args=[member.pk]), {"reason": "Telefoon kwijt"})
    assert response.status_code == 200 and "otpauth://totp/" in response.content.decode()
    devices = TOTPDevice.objects.filter(user=member)
    assert devices.count() == 1 and devices.get().key != old_key
    assert member_client.get(reverse("dashboard")).status_code == 302


def test_second_factor_reset_needs_a_reason_and_keeps_the_device_without_one(client, make_user, login):
    from accounts.models import SealedTOTPDevice as TOTPDevice

    lead = make_user(role=TEAMLEIDER)
    member = make_user(role=PROCESREGISSEUR)
    login(client, lead)
    response = client.post(reverse("accounts:second_factor_reset", args=[member.pk]), {"reason": "  "})
    assert response.status_code == 200
    assert TOTPDevice.objects.get(user=member).key == member.device.key


def test_a_team_lead_cannot_reset_their_own_second_factor(client, make_user, login):
    """As for deactivating: another team lead resets it. A reset from one's own session showed a new secret on a
    screen that needed no second factor to reach it again, and ended that session (found by the web sweep's
    duplicate submit, which then wrote again as a logged-out request, 7 December 2026)."""
    from accounts.models import SealedTOTPDevice as TOTPDevice

    lead = make_user(role=TEAMLEIDER)
    login(client, lead)
    response = client.post(reverse("accounts:second_factor_reset", args=[lead.pk]), {"reason": "Telefoon kwijt"})
    assert response.status_code == 200  # the form again, with its error (as the other account forms)
    assert "U kunt uw eigen tweede factor niet opnieuw instellen" in response.content.decode()
    assert TOTPDevice.objects.get(user=lead).key == lead.device.key
    listed = client.get(reverse("accounts:user_list")).content.decode()  # still logged in
    assert reverse("accounts:second_factor_reset", args=[lead.pk]) not in listed  # and not offered


def test_second_factor_reset_of_another_organisation_is_refused(client, make_user, login, other_organisation):
    lead = make_user(role=TEAMLEIDER)
    stranger = make_user(role=PROCESREGISSEUR, organisation=other_organisation)
    login(client, lead)
    response = client.post(reverse("accounts:second_factor_reset", args=[stranger.pk]), {"reason": "x"})
    assert response.status_code == 403


def test_a_role_change_is_recorded_in_the_audit_trail(client, make_user, login):
    from audit.models import AuditEvent

    lead = make_user(role=TEAMLEIDER)
    member = make_user(role=PROCESREGISSEUR)
    login(client, lead)
    client.post(reverse("accounts:user_edit", args=[member.pk]),
                user_data(username=member.username, first_name=member.first_name, last_name=member.last_name,
                          email=member.email, role=HANDHAVER))
    event = AuditEvent.objects.using("audit").get(action="update", object_id=str(member.pk))
    assert event.actor_id == str(lead.pk) and event.reason == "role:handhaver changed:role"
    assert member.email not in event.reason


def test_a_new_user_has_one_role_group_and_one_device_and_changes_replace_them(make_user):
    """A new user is created without first removing groups and devices it cannot have yet; a role change and a
    new enrolment still replace what the user had."""
    from accounts.models import SealedTOTPDevice
    from accounts.services import totp_device_create, user_update

    lead = make_user(role=TEAMLEIDER)
    member = make_user(role=PROCESREGISSEUR)
    assert list(member.groups.values_list("name", flat=True)) == [PROCESREGISSEUR]
    assert list(SealedTOTPDevice.objects.filter(user=member)) == [member.device]

    user_update(actor=lead, user=member, first_name=member.first_name, last_name=member.last_name,
                email=member.email, role=HANDHAVER, team=None)
    assert list(member.groups.values_list("name", flat=True)) == [HANDHAVER]
    again = totp_device_create(user=member)
    assert list(SealedTOTPDevice.objects.filter(user=member)) == [again] and again.pk != member.device.pk
