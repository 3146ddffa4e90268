"""The demo's earlier years (casework/demo_history.py): cases built today by the services, then moved
whole years back with every row that points at them, so the annual figures show trends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Organisation
from casework import demo_history, registry
from casework.models import Case
from casework.pga import workflow as pga
from casework.pga.models import Agreement
from casework.pga.services import agreement_record
from tests.factories.casework import make_pga_case

YEARS = [timezone.localdate().year - back for back in (3, 2, 1, 0)]


@pytest.mark.django_db(databases="__all__")
def test_a_case_and_the_rows_that_point_at_it_move_whole_years_back(regisseur, partner_org):
    today = timezone.localdate()
    case = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    agreement = agreement_record(actor=regisseur, case=case, description="Testafspraak", owner_organisation=partner_org,
                                 due_on=today + timedelta(days=10))
    reference = case.reference
    history_rows = Agreement.history.filter(id=agreement.pk).count()
    assert demo_history.shift_into_past(case, years=2) >= 2
    case.refresh_from_db()
    agreement.refresh_from_db()
    assert case.opened_on.year == today.year - 2 and case.reference == reference
    assert agreement.due_on.year == (today + timedelta(days=10)).year - 2
    assert Agreement.history.filter(id=agreement.pk).count() == history_rows  # the change history is not rewritten
    assert not Case.objects.filter(demo_history.moved(today), pk=case.pk).exists()  # still open: not "moved"


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_the_demo_gives_every_type_figures_in_earlier_years(seeded_demo):
    organisation = Organisation.objects.get(name="Gemeente Demodorp")
    found = {}
    for spec in registry.types():
        if spec.figures is not None:
            for indicator in spec.provider("figures")(organisation_id=organisation.pk, years=YEARS):
                found[(spec.code, indicator.code)] = {year for year, value in indicator.years.items() if value}
    earlier = set(YEARS[:3])
    for key in [("damocles", "premises"), ("park", "orders"), ("park", "forfeitures"), ("park", "collected"),
                ("woonoverlast", "files"), ("woonoverlast", "reports"), ("woonoverlast", "orders"),
                ("woonoverlast", "closures")]:
        assert found[key] >= earlier, key
    for key in [("pga", "referrals"), ("pga", "started"), ("pga", "closed"), ("pga", "days_to_conference"),
                ("pga", "self_reliance")]:
        assert YEARS[2] in found[key], key  # PGA keeps closed files two years: one earlier year
    assert "closed in earlier years (annual figures" in seeded_demo
    # the current year's demo keeps its own counts (the earlier years are reported on their own line)
    assert "PGA cases (created): 30" in seeded_demo and "Woonoverlast files (created): 12" in seeded_demo
