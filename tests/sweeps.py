"""How much of the long sweeps a run covers: a fixed, seeded sample in `make test`, everything in
`make test-full` (which sets TEST_FULL=1).

Hypothesis runs with two profiles registered in tests/conftest.py, both without a deadline and
without the timing health check (no test may depend on how busy the machine is):
- `fixed` (default): derandomized, so every run draws the same examples, at most `examples(n)`.
- `full`: random examples, FULL_FACTOR times as many, the example database on.
"""

from __future__ import annotations

import os

FULL = os.environ.get("TEST_FULL", "").strip().lower() in {"1", "true", "yes", "on"}
FULL_FACTOR = 25
DEFAULT_EXAMPLES = 100  # hypothesis's own default, kept for tests that name no count


def full_only(reason: str):
    """Skip a long test in `make test`; `make test-full` runs it. `reason` says what guards it meanwhile."""
    import pytest

    return pytest.mark.skipif(not FULL, reason=f"make test-full only: {reason}")


def examples(count: int) -> int:
    """The number of hypothesis examples for a test that draws `count` in `make test`."""
    return count * FULL_FACTOR if FULL else count


def register_hypothesis_profiles() -> None:
    from hypothesis import HealthCheck, settings

    settings.register_profile("fixed", deadline=None, max_examples=DEFAULT_EXAMPLES, derandomize=True,
                              database=None, suppress_health_check=[HealthCheck.too_slow])
    settings.register_profile("full", deadline=None, max_examples=examples(DEFAULT_EXAMPLES),
                              suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile("full" if FULL else "fixed")
