"""The garbage collector's settings for the processes this project starts (ADR 0040, ADR 0055).

A Django process holds about a million long-lived objects once it has loaded the app (Django, the URLconf,
the models, compiled templates). With Python's defaults the youngest generation is collected after every
700 allocations and a full collection, which scans all of them, follows every hundred of those: loading
the app alone costs a Django process about 0.2 s of CPU in collections that free almost nothing.

- `collect_young_later()` starts a young collection after GEN0 allocations instead (a page allocates
  tens of thousands of objects); gunicorn's workers (config/gunicorn.py) and every `manage.py` command call
  it before they load the app, the test processes when pytest configures them (tests/conftest.py).
- `freeze_long_lived()` moves what is alive now out of the collector's view for good, so later full
  collections scan only what was made after: called once the process is warm (a gunicorn worker after
  its first requests, a test process once its tests are collected).

Neither turns the collector off: cycles made later are still found and freed.
"""

from __future__ import annotations

import gc

GEN0 = 20_000


def collect_young_later(gen0: int = GEN0) -> None:
    """Collect the youngest generation after `gen0` allocations; the older generations' ratios stay."""
    gc.set_threshold(gen0, *gc.get_threshold()[1:])


def freeze_long_lived() -> None:
    """Collect once, then keep every object alive now out of later collections (`gc.freeze`)."""
    gc.collect()
    gc.freeze()
