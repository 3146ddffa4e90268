"""The audit trail. Other apps use `audit.record(...)` and `audit.record_batch(...)`.

These wrappers import lazily: `audit` is imported while apps load, before models may be used.
"""

from __future__ import annotations

from typing import Any


def record(**kwargs: Any) -> Any:
    """Record one event; see audit.services.record (keyword-only)."""
    from audit.services import record as _record

    return _record(**kwargs)


def record_batch(**kwargs: Any) -> Any:
    """Record one event per target in one insert; see audit.services.record_batch."""
    from audit.services import record_batch as _record_batch

    return _record_batch(**kwargs)
