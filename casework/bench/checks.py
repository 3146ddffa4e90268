"""Deploy check: the bench baseline (unfiltered case rows) is never on in production."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register


def baseline_errors(enabled: bool) -> list[Error]:
    if enabled:
        return [Error("BENCH_BASELINE is on: /bench/baseline/ lists cases without the permission filter",
                      hint="Unset BENCH_BASELINE; it is for `manage.py bench` on synthetic data only.",
                      id="casework.E020")]
    return []


@register(Tags.security, deploy=True)
def bench_baseline_off(app_configs, **kwargs):
    return baseline_errors(getattr(settings, "BENCH_BASELINE", False))
