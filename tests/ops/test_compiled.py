"""`CompiledSubquery` (config/compiled.py): a subquery compiled once per vendor and shape, bound to each use's
values. Its SQL and parameters equal the ORM's compile of the built queryset for the same values; a builder
that derives a value from a slot, or whose text depends on one, is refused rather than frozen."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection

from casework.models import BreakGlassGrant, SharingDecision
from config.compiled import CompiledSubquery, Slot

USER = Slot(BreakGlassGrant._meta.get_field("user"), (uuid.UUID(int=1), uuid.UUID(int=2)))
TODAY = Slot(SharingDecision._meta.get_field("starts_on"), (date(1903, 3, 3), date(1904, 4, 4)))
NOW = Slot(BreakGlassGrant._meta.get_field("granted_at"),
           (datetime(1901, 1, 1, tzinfo=UTC), datetime(1902, 2, 2, tzinfo=UTC)))


def _grants(values):
    grants = BreakGlassGrant.objects.filter(user_id=values["user"], granted_at__lte=values["now"])
    if values["wide"]:
        grants = grants.filter(case__reference__startswith="PGA")
    return grants.values("case_id").order_by()


@pytest.mark.django_db
def test_each_use_binds_its_own_values_to_the_compiled_text():
    compiled = CompiledSubquery(_grants, {"user": USER, "now": NOW})
    for wide in (False, True):
        for _ in range(3):  # the first use compiles; the later ones only bind
            values = {"user": uuid.uuid4(), "now": datetime.now(tz=UTC), "wide": wide}
            sql, params = compiled.as_sql(connection, wide, values)
            assert (sql, params) == compiled.compile_built(connection, values)
            assert sql.startswith("(SELECT") and "%s" in sql


@pytest.mark.django_db
def test_a_value_derived_from_a_slot_is_refused_not_frozen():
    def derived(values):
        return SharingDecision.objects.filter(starts_on__lte=values["today"] + timedelta(days=1)).values("case_id")

    compiled = CompiledSubquery(derived, {"today": TODAY})
    with pytest.raises(ValueError, match="cannot be rebound"):
        compiled.as_sql(connection, "shape", {"today": date(2026, 12, 4)})


@pytest.mark.django_db
def test_a_text_that_depends_on_a_slot_is_refused():
    def branching(values):
        grants = BreakGlassGrant.objects.filter(user_id=values["user"])
        if values["user"].int % 2:
            grants = grants.filter(expires_at__isnull=False)
        return grants.values("case_id")

    compiled = CompiledSubquery(branching, {"user": USER})
    with pytest.raises(ValueError, match="depends on a slot"):
        compiled.as_sql(connection, "shape", {"user": uuid.uuid4()})
