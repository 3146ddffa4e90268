"""Notifications older than the retention period are purged by the daily job; newer ones stay."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from casework.notifications.kinds import RETENTION_DAYS, Kind
from casework.notifications.models import Notification

pytestmark = pytest.mark.django_db(databases="__all__")


def test_the_daily_purge_deletes_what_is_older_than_the_policy(regisseur):
    now = timezone.now()
    old = Notification.objects.create(recipient=regisseur, kind=Kind.CASE_HANDED_OVER,
                                      created_at=now - timedelta(days=RETENTION_DAYS, minutes=1))
    kept = Notification.objects.create(recipient=regisseur, kind=Kind.CASE_HANDED_OVER,
                                       created_at=now - timedelta(days=RETENTION_DAYS - 1))
    call_command("purge_notifications")
    assert list(Notification.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not Notification.objects.filter(pk=old.pk).exists()
    with pytest.raises(CommandError):
        call_command("purge_notifications", "--days", "0")
