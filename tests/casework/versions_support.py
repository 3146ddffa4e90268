"""The case version a form would carry (casework/web/versions.py): read afresh, as a page load would."""

from __future__ import annotations

from casework.models import Case


def version(case) -> int:
    return Case.objects.values_list("version", flat=True).get(pk=case.pk)


def with_version(case, data: dict) -> dict:
    """`data` as a form loaded now would post it: with the case's current version."""
    return {**data, "version": version(case)}


def version_of(case) -> dict:
    """`{"version": n}`, to spread into a posted form: `{**version_of(case), "field": ...}`."""
    return {"version": version(case)}
