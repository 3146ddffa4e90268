"""Concurrency on PostgreSQL: marking one notification read from several tabs at once answers every
request without a 500; two mail senders at once (the post-commit send and the hourly job) send each
notification once."""

from __future__ import annotations

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from casework.notifications.kinds import Delivery, Kind
from casework.notifications.mail import mails_send
from casework.notifications.models import Notification
from tests.casework.versions.test_parallel_postgres import together
from tests.conftest import login_client

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, databases="__all__")]
PARALLEL = 4

def test_marking_one_notification_read_from_several_tabs_at_once(regisseur):
    assert connections["default"].vendor == "postgresql"
    notification = Notification.objects.create(recipient=regisseur, kind=Kind.CASE_HANDED_OVER)
    url = reverse("casework:notification_read", kwargs={"notification_id": notification.pk})
    clients = []
    for _ in range(PARALLEL):
        client = Client()
        login_client(client, regisseur)
        clients.append(client)
    statuses = together([(lambda c=c: c.post(url).status_code) for c in clients])
    assert statuses == [302] * PARALLEL
    assert Notification.objects.get(pk=notification.pk).read_at is not None

def test_two_senders_at_once_mail_each_notification_once(regisseur, mailoutbox):
    Notification.objects.bulk_create([Notification(recipient=regisseur, kind=Kind.APPROVAL_DECIDED,
                                                   delivery=Delivery.MAIL) for _ in range(5)])
    sent = together([mails_send, mails_send])
    assert sum(sent) == 5 and len(mailoutbox) == 5
    assert not Notification.objects.filter(sent_at__isnull=True).exists()

