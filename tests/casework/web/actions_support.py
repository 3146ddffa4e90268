"""Helpers for the action-page tests (tests/casework/web/test_actions_*.py); the cast is in
tests/casework/conftest.py and tests/casework/web/conftest.py."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from audit.activities import CHAIN_SHARING
from casework.models import SharingDecision
from casework.pga.casetype import PGA_CONFERENCES, PGA_PLAN
from casework.sharing import share_create
from tests.auditlog import events

WEIGHING = "Deling is nodig voor de afstemming in het casusoverleg; minder gegevens volstaan niet (test)."


def denied_events(case):
    return events(action="access_denied", case_id=str(case.pk))


def share_with(case, *, partner, actor, expired: bool = False, categories=(PGA_PLAN, PGA_CONFERENCES)):
    share = share_create(actor=actor, case=case, partner=partner, categories=list(categories),
                         processing_activity=CHAIN_SHARING, purpose="Afstemming (test)", weighing=WEIGHING,
                         ends_on=timezone.localdate() + timedelta(days=30))
    if expired:
        # Dates only (no encrypted field): moving the window into the past needs no history row.
        yesterday = timezone.localdate() - timedelta(days=1)
        SharingDecision.objects.filter(pk=share.pk).update(starts_on=yesterday - timedelta(days=10), ends_on=yesterday)
    return share
