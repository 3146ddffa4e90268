"""Helpers for the read-page tests (tests/casework/web/test_read_*.py); the cast is in
tests/casework/conftest.py. Shares are made through the real service; an expired share is moved
into the past with a queryset update (the service refuses an end date in the past, rightly)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from audit.activities import CHAIN_SHARING
from casework.models import SharingDecision
from casework.sharing import share_create

WEIGHING = "Deling is nodig voor de afstemming in het casusoverleg; minder gegevens volstaan niet (test)."


def share_with(case, actor, partner, categories, days=30):
    return share_create(
        actor=actor, case=case, partner=partner, categories=list(categories), processing_activity=CHAIN_SHARING,
        purpose="Afstemming in het casusoverleg (test).", weighing=WEIGHING,
        ends_on=timezone.localdate() + timedelta(days=days),
    )


def expire(share):
    today = timezone.localdate()
    SharingDecision.objects.filter(pk=share.pk).update(starts_on=today - timedelta(days=20),
                                                       ends_on=today - timedelta(days=1))
