"""Mails carry the kind and a link only (every kind); the chosen delivery is honoured: in the
application only, a mail at once (after commit; retried hourly when sending failed), or the daily e-mail."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from casework import reminders
from casework.notifications import mail
from casework.notifications.kinds import Delivery, Kind
from casework.notifications.models import Notification
from casework.notifications.services import notify, preferences_set
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")

BSN = "999990019"


@pytest.fixture
def case(regisseur):
    return make_pga_case(owner=regisseur, bsn=BSN, surname="Testpersoonmail")


def _forbidden(case) -> list[str]:
    """What must never be in a notification mail: the reference, the case id, the person, the free text."""
    return [case.reference, str(case.pk), BSN, "Testpersoonmail", "Testine", "Teststraat", "Demodorp",
            "Zorgen over woonsituatie", case.owner.last_name]


@pytest.mark.parametrize("kind", Kind.values)
def test_every_kinds_mail_names_the_kind_and_a_link_only(kind, case, colleague, mailoutbox,
                                                         django_capture_on_commit_callbacks):
    preferences_set(user=colleague, choices={kind: Delivery.MAIL})
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notify(kind, case=case, recipients=[colleague])
    (sent,) = [message for message in mailoutbox if message.to == [colleague.email]]
    text = sent.subject + "\n" + sent.body
    with translation.override("nl"):
        assert sent.subject == f"Melding: {Kind(kind).label}"
    assert all(secret not in text for secret in _forbidden(case)), text
    assert re.findall(r"https?://\S+", text) == [mail.list_link()]
    assert sent.attachments == []


def test_in_app_only_sends_nothing_and_mail_goes_out_once(case, colleague, regisseur, mailoutbox,
                                                          django_capture_on_commit_callbacks):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notify(Kind.APPROVAL_DECIDED, case=case, recipients=[colleague])
    assert mailoutbox == []
    preferences_set(user=colleague, choices={Kind.APPROVAL_DECIDED: Delivery.MAIL})
    with django_capture_on_commit_callbacks(execute=True):
        notify(Kind.APPROVAL_DECIDED, case=case, recipients=[colleague, regisseur])
    assert [message.to for message in mailoutbox] == [[colleague.email]]
    call_command("send_notification_mails")  # the hourly job finds nothing left
    assert len(mailoutbox) == 1


def test_a_failed_mail_stays_pending_for_the_hourly_job(case, colleague, mailoutbox, monkeypatch,
                                                        django_capture_on_commit_callbacks):
    preferences_set(user=colleague, choices={Kind.CASE_HANDED_OVER: Delivery.MAIL})

    def down(*args, **kwargs):
        raise ConnectionRefusedError("mail server down (test)")

    monkeypatch.setattr(mail, "send_mail", down)
    with django_capture_on_commit_callbacks(execute=True):
        notify(Kind.CASE_HANDED_OVER, case=case, recipients=[colleague])  # no error reaches the caller
    assert Notification.objects.get(recipient=colleague).sent_at is None
    monkeypatch.undo()
    mailoutbox.clear()
    call_command("send_notification_mails")
    assert [message.to for message in mailoutbox] == [[colleague.email]]
    assert Notification.objects.get(recipient=colleague).sent_at is not None


def test_the_daily_email_carries_the_digest_without_case_or_name(case, colleague, mailoutbox, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    preferences_set(user=colleague, choices={Kind.APPROVAL_DECIDED: Delivery.DIGEST,
                                             Kind.CASE_HANDED_OVER: Delivery.DIGEST})
    notify(Kind.APPROVAL_DECIDED, case=case, recipients=[colleague])
    notify(Kind.CASE_HANDED_OVER, case=case, recipients=[colleague])
    notify(Kind.CASE_HANDED_OVER, case=None, recipients=[colleague])
    mailoutbox.clear()
    reminders.deadline_reminders_send(today=timezone.localdate())
    (sent,) = [message for message in mailoutbox if message.to == [colleague.email]]
    assert "- 2 × Er is een casus aan u overgedragen" in sent.body
    assert "- 1 × Over uw verzoek om goedkeuring is besloten" in sent.body
    assert mail.list_link() in sent.body
    assert all(secret not in sent.subject + sent.body for secret in _forbidden(case))
    assert not Notification.objects.filter(recipient=colleague, sent_at__isnull=True).exists()
    mailoutbox.clear()
    reminders.deadline_reminders_send(today=timezone.localdate(), force=True)
    assert [message for message in mailoutbox if message.to == [colleague.email]] == []  # nothing new
