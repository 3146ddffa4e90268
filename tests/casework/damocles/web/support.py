"""Helpers for the Damocles web tests (tests/casework/damocles/web/test_*.py); the cast is in
tests/casework/damocles/web/conftest.py. Import by name."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from audit.activities import CHAIN_SHARING
from casework.models import SharingDecision
from casework.sharing import share_create
from tests.auditlog import events

WEIGHING = "Deling is nodig voor de afstemming over de sluiting; minder gegevens volstaan niet (test)."
PDF = b"%PDF-1.4\n% synthetic test report\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def denied(case):
    return events(action="access_denied", case_id=str(case.pk))


def damocles_url(name, case, **kwargs):
    return reverse(f"casework:damocles_{name}", kwargs={"case_id": case.pk, **kwargs})


def share_with(case, *, actor, partner_org, categories, expired=False):
    share = share_create(actor=actor, case=case, partner=partner_org, categories=list(categories),
                         processing_activity=CHAIN_SHARING, purpose="Afstemming sluiting (test)", weighing=WEIGHING,
                         ends_on=timezone.localdate() + timedelta(days=30))
    if expired:
        yesterday = timezone.localdate() - timedelta(days=1)
        SharingDecision.objects.filter(pk=share.pk).update(starts_on=yesterday - timedelta(days=10),
                                                           ends_on=yesterday)
    return share
