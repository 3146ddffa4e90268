"""The settings page (form pattern): a choice per kind, stored and recorded; bad input refused whole."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from audit.actions import Action
from casework.notifications.kinds import Delivery, Kind
from casework.notifications.models import NotificationPreference
from casework.notifications.services import preferences_of, preferences_set
from tests.auditlog import events

pytestmark = pytest.mark.django_db(databases="__all__")

SETTINGS = "/meldingen/instellingen/"


def _all(delivery: str, **override) -> dict[str, str]:
    return {**dict.fromkeys(Kind.values, delivery), **override}


def test_the_page_stores_the_choices_and_records_which_kinds_changed(client, login, regisseur):
    login(client, regisseur)
    html = client.get(SETTINGS).content.decode()
    assert html.count('type="radio"') == len(Kind.values) * len(Delivery.values) and "<fieldset" in html
    response = client.post(SETTINGS, _all(Delivery.IN_APP, approval_requested=Delivery.MAIL,
                                          referral_new=Delivery.DIGEST))
    assert response.status_code == 302
    assert preferences_of(regisseur) == _all(Delivery.IN_APP, approval_requested=Delivery.MAIL,
                                             referral_new=Delivery.DIGEST)
    event = events(action=Action.UPDATE, object_type="notifications.NotificationPreference").get()
    assert event.reason == "notification preferences:approval_requested,referral_new"
    assert event.actor_id == str(regisseur.pk)


def test_an_unknown_choice_is_refused_with_a_message_and_nothing_is_stored(client, login, regisseur):
    login(client, regisseur)
    response = client.post(SETTINGS, _all(Delivery.MAIL, case_handed_over="sms"))
    html = response.content.decode()
    assert response.status_code == 200 and 'aria-invalid="true"' in html and "Fout:" in html
    assert not NotificationPreference.objects.exists()


def test_without_an_email_address_only_in_app_delivery_is_possible(regisseur):
    regisseur.email = ""
    regisseur.save()
    with pytest.raises(ValidationError):
        preferences_set(user=regisseur, choices={Kind.CASE_HANDED_OVER: Delivery.MAIL})
    assert not NotificationPreference.objects.exists()
    assert preferences_set(user=regisseur, choices={Kind.CASE_HANDED_OVER: Delivery.IN_APP}) == []
