"""Audit append rates for `manage.py bench --appends N` (issue 15: ≥ 1,500 single and ≥ 20,000 batched
events per second, with the chain).

In this process, against the configured audit database: N events through `record()` (one transaction, one
chain lock and one insert each), then N through `record_batch()` in batches of 25 (a list page) and of 1,000
(a job). The events are real, chained events of the command's context, naming no object, case or
person; they stay in the trail as any processing does.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.test import override_settings

from audit import context as audit_context
from audit import record, record_batch
from audit.actions import Action
from audit.services import Target
from casework import registry

BATCHES = (25, 1000)
REASON = "bench appends"  # about no object, case or person


@dataclass(frozen=True)
class AppendRate:
    form: str
    events: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0


def append_rates(events: int) -> list[AppendRate]:
    """Measured as production runs: statements not logged (DEBUG off, as `bench` turns it off for its server)."""
    activity = next(spec.processing_activity for spec in registry.types() if not spec.example)
    rates = []
    with audit_context.command_context("bench"), override_settings(DEBUG=False):
        started = time.perf_counter()
        for _n in range(events):
            record(action=Action.EXPORT, processing_activity=activity, reason=REASON)
        rates.append(AppendRate("record(), one per transaction", events, time.perf_counter() - started))
        for size in BATCHES:
            targets = [Target() for _n in range(size)]
            batches = max(1, events // size)
            started = time.perf_counter()
            for _n in range(batches):
                record_batch(action=Action.EXPORT, processing_activity=activity, targets=targets, reason=REASON)
            rates.append(AppendRate(f"record_batch(), {size} per batch", batches * size,
                                    time.perf_counter() - started))
    return rates
