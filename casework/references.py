"""Readable case references: PGA-2026-0042, numbered per case type and year without gaps.

The prefix is the case type's (registry `reference_prefix`).
"""

from __future__ import annotations

from django.db import transaction

from casework import registry
from casework.models import ReferenceCounter


def next_reference(*, case_type: str, year: int) -> str:
    with transaction.atomic():
        counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(case_type=case_type, year=year)
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
    return f"{registry.get(case_type).reference_prefix}-{year}-{counter.last_number:04d}"
