"""seed_demo's park part: "Rhederlaagse Meren" with 40 objects, 12 files in various states, 2
tolerance decisions, forfeitures of which one is near its limitation date, one referral to PGA;
the second run is checked with the whole demo in tests/casework/test_commands.py (casework/park/demo.py)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from casework import access, demo_history
from casework.links import links_for
from casework.models import Case, CaseLink, Person, SharingDecision
from casework.park import workflow as wf
from casework.park.demo import FILE_COUNT, OBJECT_COUNT, PARK_NAME, demo_bsns
from casework.park.limitation import limitation_warnings
from casework.park.models import Forfeiture, Occupant, Park, PenaltyOrder, RecreationObject, ToleranceDecision
from encryption.validators import is_valid_bsn

pytestmark = pytest.mark.django_db(transaction=True, databases="__all__")  # seeded_demo restores the databases


def _counts():
    return tuple(model.objects.count() for model in (Case, Person, RecreationObject, Occupant, PenaltyOrder,
                                                     Forfeiture, ToleranceDecision, CaseLink, SharingDecision))


@pytest.fixture
def seeded(seeded_demo):
    assert f"Park files (created): {FILE_COUNT}" in seeded_demo
    return Park.objects.get(name=PARK_NAME), seeded_demo


def test_the_park_demo_has_what_the_issue_asks(seeded):
    park, output = seeded
    assert RecreationObject.objects.filter(park=park).count() == OBJECT_COUNT == 40
    everything = Case.objects.filter(case_type="park", park__object__park=park)
    files = everything.exclude(demo_history.moved(timezone.localdate()))  # this year's files
    assert files.count() == FILE_COUNT == 12
    assert everything.filter(demo_history.moved(timezone.localdate())).count() == 15  # closed in earlier years
    statuses = set(files.values_list("status", flat=True))
    assert statuses == set(wf.STATES)  # every state, from inspection to closed
    assert ToleranceDecision.objects.filter(object__park=park, ended_on__isnull=True).count() == 2
    assert Forfeiture.objects.filter(case__in=files).count() >= 3
    warned = limitation_warnings(files, timezone.localdate())
    assert len(warned) == 1 and warned[0].limitation_date > timezone.localdate()
    orders = PenaltyOrder.objects.filter(case__in=files)
    assert orders.count() >= 6 and not orders.exclude(object__park=park).exists()  # each names its object
    assert "referrals to PGA: 1" in output and "1 near their limitation date" in output


def test_the_referral_created_a_shared_pga_case_linked_for_who_sees_both(seeded):
    from accounts.models import User

    link = CaseLink.objects.get(kind="referral_to_pga")
    pga = link.to_case
    assert pga.case_type == "pga" and pga.owner.username == "regisseur"
    assert SharingDecision.objects.get(case=pga).partner.name == "GGZ Demo"
    handhaver, lead = User.objects.get(username="handhaver"), User.objects.get(username="teamleider")
    assert links_for(lead, link.from_case) and not links_for(handhaver, link.from_case)
    assert not access.case_access(handhaver, pga)


def test_demo_data_is_synthetic(seeded):
    persons = [o.person for o in Occupant.objects.select_related("person")]
    assert persons and all(p.surname.startswith("Testbewoner ") for p in persons)
    assert all(p.bsn.startswith("99997") and is_valid_bsn(p.bsn) for p in persons)
    texts = " ".join(e.reason for e in AuditEvent.objects.using("audit").all())
    assert "Testbewoner" not in texts and not any(p.bsn in texts for p in persons)


def test_demo_bsns_pass_the_eleven_test_and_are_unique():
    numbers = [bsn for bsn, _ in zip(demo_bsns(), range(120), strict=False)]
    assert len(set(numbers)) == 120 and all(is_valid_bsn(n) for n in numbers)
