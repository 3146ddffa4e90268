"""casework/damocles/policy.py and the seeded table (migration 0002): the proposal the policy gives.

Seeded example (Westervoort 2017, recidive within 5 years), closure days 28 / 91 / 182 / 365.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from casework.damocles import workflow as wf
from casework.damocles.models import PolicyTier, PolicyVersion, Sanction
from casework.damocles.policy import earlier_procedures, policy_in_force, propose_sanction
from tests.factories.damocles import assess, make_damocles_case, premises_data, step

pytestmark = pytest.mark.django_db(databases="__all__")

FOUND_ON = date(2026, 3, 2)
W, C = Sanction.WARNING, Sanction.CLOSURE

# (substance, amount, unit) -> expected (sanction, days) for the 1st, 2nd and 3rd offence
TABLE = [
    ("softdrugs", "20", "g", [(W, None), (C, 28), (C, 91)]),
    ("softdrugs", "30", "g", [(W, None), (C, 28), (C, 91)]),
    ("hemp_plants", "12", "plants", [(W, None), (C, 28), (C, 91)]),
    ("hemp_plants", "30", "plants", [(W, None), (C, 28), (C, 91)]),
    ("softdrugs", "30.01", "g", [(C, 28), (C, 91), (C, 182)]),
    ("hemp_plants", "31", "plants", [(C, 28), (C, 91), (C, 182)]),
    ("harddrugs", "0.6", "g", [(W, None), (C, 28), (C, 91)]),
    ("harddrugs", "5", "g", [(W, None), (C, 28), (C, 91)]),
    ("harddrugs", "5.5", "g", [(C, 91), (C, 182), (C, 365)]),
]


def earlier_offence(officer, premises, found_on: date, *, counted: bool = True):
    """An earlier procedure at `premises` that ended in a warning (or was closed without one)."""
    case = make_damocles_case(owner=officer, premises=premises, found_on=found_on,
                              findings=[{"substance": "softdrugs", "amount": "10", "unit": "g"}])
    step(case, wf.BEOORDELING, by=officer)
    if counted:
        assess(case, by=officer, sanction=W, reasons="Eerder geval (testtekst).")
        step(case, wf.WAARSCHUWING, by=officer)
    else:
        step(case, wf.AFGESLOTEN, by=officer)
    return case


def test_the_seeded_policy_is_the_westervoort_example():
    version = policy_in_force(FOUND_ON)
    assert version.effective_from == date(2017, 1, 1) and version.lookback_years == 5
    assert version.tiers.count() == 6
    assert not version.tiers.filter(substance__in=["ghb", "sub_b_objects"]).exists()


@pytest.mark.parametrize("offence", [1, 2, 3])
@pytest.mark.parametrize(("substance", "amount", "unit", "expected"), TABLE)
def test_the_proposal_for_every_tier_and_offence_number(officer, substance, amount, unit, expected, offence):
    first = make_damocles_case(owner=officer, found_on=date(2025, 1, 10), findings=[
        {"substance": "softdrugs", "amount": "10", "unit": "g"}])
    premises = first.damocles.premises
    earlier = [earlier_offence(officer, premises, date(2024, 6, n)) for n in range(1, offence)]
    case = make_damocles_case(owner=officer, premises=premises, found_on=FOUND_ON,
                              findings=[{"substance": substance, "amount": amount, "unit": unit}])
    proposal = propose_sanction(case=case)
    assert proposal.offence_number == offence == len(earlier) + 1
    assert (proposal.sanction, proposal.days) == expected[offence - 1]
    assert proposal.policy_version.effective_from == date(2017, 1, 1)
    assert proposal.tier is not None and proposal.tier.substance == substance


def test_a_fourth_offence_is_proposed_as_the_third(officer):
    premises = make_damocles_case(owner=officer, found_on=date(2020, 1, 1)).damocles.premises
    for day in (1, 2, 3):
        earlier_offence(officer, premises, date(2025, 5, day))
    case = make_damocles_case(owner=officer, premises=premises, found_on=FOUND_ON,
                              findings=[{"substance": "harddrugs", "amount": "6", "unit": "g"}])
    proposal = propose_sanction(case=case)
    assert proposal.offence_number == 3 and (proposal.sanction, proposal.days) == (C, 365)


@pytest.mark.parametrize("amount", ["5", "3", "0.01"])
def test_softdrugs_up_to_the_threshold_give_no_proposal(officer, amount):
    case = make_damocles_case(owner=officer, findings=[{"substance": "softdrugs", "amount": amount, "unit": "g"}])
    proposal = propose_sanction(case=case)
    assert proposal.sanction == Sanction.NONE and proposal.tier is None and proposal.days is None


def test_the_heaviest_finding_decides(officer):
    case = make_damocles_case(owner=officer, findings=[
        {"substance": "softdrugs", "amount": "40", "unit": "g"},
        {"substance": "harddrugs", "amount": "7", "unit": "g"},
        {"substance": "hemp_plants", "amount": "3", "unit": "plants"},
    ])
    proposal = propose_sanction(case=case)
    assert (proposal.sanction, proposal.days) == (C, 91) and proposal.tier.label == "harddrugs > 5 g"


def test_an_offence_just_inside_the_window_counts_and_one_just_outside_does_not(officer):
    premises = make_damocles_case(owner=officer, found_on=date(2019, 1, 1)).damocles.premises
    outside = earlier_offence(officer, premises, date(2021, 3, 1))  # 5 years and 1 day before
    inside = earlier_offence(officer, premises, date(2021, 3, 2))  # exactly 5 years before
    case = make_damocles_case(owner=officer, premises=premises, found_on=FOUND_ON)
    found = earlier_procedures(premises=premises, before=FOUND_ON, years=5, exclude=case)
    assert [d.case_id for d in found] == [inside.pk]
    assert outside.pk not in [d.case_id for d in found]
    assert propose_sanction(case=case).offence_number == 2


def test_procedures_without_a_sanction_elsewhere_or_later_do_not_count(officer):
    premises = make_damocles_case(owner=officer, found_on=date(2019, 1, 1)).damocles.premises
    earlier_offence(officer, premises, date(2025, 1, 5), counted=False)  # closed without a sanction
    make_damocles_case(owner=officer, premises=premises, found_on=date(2025, 2, 5))  # still open, no sanction
    other = make_damocles_case(owner=officer, found_on=date(2019, 1, 1)).damocles.premises
    earlier_offence(officer, other, date(2025, 3, 5))  # another address
    case = make_damocles_case(owner=officer, premises=premises, found_on=FOUND_ON)
    later = earlier_offence(officer, premises, date(2026, 4, 1))  # after this finding
    assert earlier_procedures(premises=premises, before=FOUND_ON, years=5, exclude=case) == []
    assert propose_sanction(case=case).offence_number == 1
    # the later one sees this case? No: this case has no warning or decision yet.
    assert propose_sanction(case=later).offence_number == 1


def test_ghb_and_sub_b_findings_get_no_automatic_proposal(officer):
    ghb = make_damocles_case(owner=officer, findings=[{"substance": "ghb", "amount": "250", "unit": "ml"}])
    sub_b = make_damocles_case(owner=officer, ground="sub_b",
                               findings=[{"substance": "sub_b_objects", "amount": "4", "unit": "items"}])
    mixed = make_damocles_case(owner=officer, findings=[{"substance": "ghb", "amount": "50", "unit": "ml"},
                                                        {"substance": "harddrugs", "amount": "9", "unit": "g"}])
    for case in (ghb, sub_b, mixed):
        proposal = propose_sanction(case=case)
        assert proposal.sanction == Sanction.NONE and proposal.tier is None
        assert proposal.offence_number == 1


def test_a_tier_added_for_ghb_gives_a_proposal(officer):
    version = policy_in_force(FOUND_ON)
    PolicyTier.objects.create(
        version=version, substance="ghb", unit="ml", min_amount=Decimal("5"), max_amount=None, label="GHB > 5 ml",
        first_sanction=C, first_days=91, second_sanction=C, second_days=182, third_sanction=C, third_days=365,
    )
    case = make_damocles_case(owner=officer, findings=[{"substance": "ghb", "amount": "250", "unit": "ml"}])
    assert (propose_sanction(case=case).sanction, propose_sanction(case=case).days) == (C, 91)


def test_the_policy_in_force_on_the_date_of_the_finding_decides(officer):
    newer = PolicyVersion.objects.create(name="Beleidsregels 2026 (test)", effective_from=date(2026, 6, 1),
                                         lookback_years=3)
    PolicyTier.objects.create(
        version=newer, substance="harddrugs", unit="g", min_amount=Decimal("0.5"), max_amount=None,
        label="harddrugs > 0,5 g", first_sanction=C, first_days=182, second_sanction=C, second_days=365,
        third_sanction=C, third_days=365,
    )
    assert policy_in_force(date(2026, 5, 31)).effective_from == date(2017, 1, 1)
    assert policy_in_force(date(2026, 6, 1)) == newer
    before = make_damocles_case(owner=officer, found_on=date(2026, 5, 31))
    after = make_damocles_case(owner=officer, found_on=date(2026, 6, 1))
    assert (propose_sanction(case=before).days, propose_sanction(case=after).days) == (91, 182)
    assert propose_sanction(case=after).policy_version == newer


def test_no_policy_before_the_first_date_of_effect():
    with pytest.raises(ValidationError) as error:
        policy_in_force(date(2016, 12, 31))
    assert error.value.code == "no_policy"


def test_the_premises_of_a_new_case_is_found_again_so_the_second_offence_counts(officer):
    address = premises_data(number=7, addition="a")
    first = make_damocles_case(owner=officer, premises=address, found_on=date(2024, 2, 1),
                               findings=[{"substance": "softdrugs", "amount": "10", "unit": "g"}])
    step(first, wf.BEOORDELING, by=officer)
    assess(first, by=officer)
    step(first, wf.WAARSCHUWING, by=officer)
    second = make_damocles_case(owner=officer, premises={**address, "house_number_addition": "A "},
                                found_on=FOUND_ON)
    assert second.damocles.premises_id == first.damocles.premises_id
    proposal = propose_sanction(case=second)
    assert proposal.offence_number == 2 and (proposal.sanction, proposal.days) == (C, 182)


def test_a_decision_revoked_on_objection_or_annulled_on_appeal_does_not_count(officer, lead):
    """Recidive counts only earlier decisions that still stand (a revoked one never happened in law)."""
    from casework.damocles.services import appeal_register, appeal_update, objection_register, objection_update
    from tests.factories.damocles import announce, walk_to_decision

    premises = make_damocles_case(owner=officer, found_on=date(2019, 1, 1)).damocles.premises
    revoked = walk_to_decision(make_damocles_case(owner=officer, premises=premises, found_on=date(2024, 1, 10)),
                               by=officer, lead=lead, decided_on=date(2024, 2, 12))
    annulled = walk_to_decision(make_damocles_case(owner=officer, premises=premises, found_on=date(2025, 1, 10)),
                                by=officer, lead=lead, decided_on=date(2025, 2, 12))
    case = make_damocles_case(owner=officer, premises=premises, found_on=FOUND_ON)
    assert propose_sanction(case=case).offence_number == 3  # both earlier decisions count

    announcement = announce(revoked, by=officer, announced_on=date(2024, 2, 13))
    objection = objection_register(actor=officer, case=revoked, announcement=announcement,
                                   received_on=date(2024, 3, 1))
    objection_update(actor=officer, objection=objection, state="decided", outcome="revoked",
                     decided_on=date(2024, 5, 1))
    appeal = appeal_register(actor=officer, case=annulled, level="beroep", lodged_on=date(2025, 6, 1))
    with pytest.raises(ValidationError):  # annulled without a ruling date
        appeal_update(actor=officer, appeal=appeal, annulled=True)
    appeal_update(actor=officer, appeal=appeal, ruled_on=date(2025, 10, 1), annulled=True)
    assert earlier_procedures(premises=premises, before=FOUND_ON, years=5, exclude=case) == []
    assert propose_sanction(case=case).offence_number == 1

    # the municipality wins on higher appeal: the annulled decision stands again and counts
    higher = appeal_register(actor=officer, case=annulled, level="hoger_beroep", lodged_on=date(2025, 11, 1))
    appeal_update(actor=officer, appeal=higher, ruled_on=date(2026, 2, 1), annulled=False)
    assert [d.case_id for d in earlier_procedures(premises=premises, before=FOUND_ON, years=5, exclude=case)] == [
        annulled.pk]
    assert propose_sanction(case=case).offence_number == 2
