"""Signals built through the services (synthetic data only)."""

from __future__ import annotations

import datetime
from typing import Any

from casework.signals.services import signal_register
from tests.factories.casework import person_data


def signal_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "category": "drugs", "received_on": datetime.date(2026, 3, 2), "legal_ground": "avg10_law",
        "description": "Veel bezoek kort na elkaar en dichtgeplakte ramen (testtekst).",
        "address": "Proeflaan 12, 9999 XX Demodorp", "source_kind": "citizen",
        "source_person": person_data(), "persons": [],
    }
    return data | overrides


def make_signal(actor, controller=None, **overrides: Any):
    return signal_register(actor=actor, controller=controller or actor.organisation, **signal_data(**overrides))
