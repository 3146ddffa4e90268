"""seed_demo's Damocles part: exactly 24 procedures of the demo handhaver (the second run:
tests/casework/test_commands.py) with the variety the demo promises (casework/damocles/demo.py)."""

from __future__ import annotations

import pytest

from accounts.models import Organisation, User
from casework.damocles import workflow as wf
from casework.damocles.demo import demo_bsns
from casework.damocles.models import DamoclesCase, Premises, PremisesParty
from casework.models import Approval, Case, Person
from casework.pga.demo import demo_bsns as pga_demo_bsns
from casework.remedies.models import Announcement, Objection
from encryption.validators import is_valid_bsn

pytestmark = pytest.mark.django_db(transaction=True, databases="__all__")  # seeded_demo restores the databases


def _counts():
    return tuple(model.objects.count() for model in (Case, DamoclesCase, Premises, PremisesParty, Person,
                                                     Announcement, Objection, Approval))


@pytest.fixture
def seeded(seeded_demo):
    assert "Damocles procedures (created): 24" in seeded_demo
    return Organisation.objects.get(name="Gemeente Demodorp")


def test_the_procedures_have_the_required_variety(seeded):
    handhaver, lead = User.objects.get(username="handhaver"), User.objects.get(username="teamleider")
    cases = Case.objects.filter(case_type="damocles")
    assert set(cases.values_list("owner", flat=True)) == {handhaver.pk}
    assert set(cases.values_list("controller", flat=True)) == {seeded.pk}
    statuses = set(cases.values_list("status", flat=True))
    assert len(statuses) >= 12 and {wf.RAPPORTAGE_ONTVANGEN, wf.WAARSCHUWING, wf.BESLUIT, wf.BEKENDGEMAAKT,
                                    wf.SLUITING_UITGEVOERD, wf.SPOEDEISENDE_SLUITING, wf.AFGESLOTEN} <= statuses

    # A second offence: two procedures at one premises, the later one assessed as offence 2.
    repeat = [p for p in Premises.objects.all() if p.procedures.count() == 2]
    assert len(repeat) == 1
    later = repeat[0].procedures.order_by("-case__opened_on", "-case__reference").first()
    assert later.offence_number == 2 and later.chosen_sanction == "closure"
    assert repeat[0].procedures.filter(case__status=wf.WAARSCHUWING).count() == 1

    urgent = DamoclesCase.objects.filter(urgent=True)
    assert urgent.count() == 1 and urgent.get().urgency_reason.startswith("Demo:")
    assert urgent.get().case.status == wf.SPOEDEISENDE_SLUITING

    objection = Objection.objects.get(case__case_type="damocles")  # the park demo has its own
    assert objection.decision_due_on is not None and objection.decision_due_on > objection.received_on

    two = [c for c in cases if c.announcements.count() == 2]
    assert len(two) == 1
    owner, tenant = two[0].announcements.order_by("announced_on")
    assert (owner.role, tenant.role) == ("owner", "tenant") and owner.announced_on != tenant.announced_on
    assert owner.objection_deadline != tenant.objection_deadline and tenant.addressee_person_id

    decided = DamoclesCase.objects.filter(decided_on__isnull=False)
    assert decided.exists()
    for details in decided:
        assert details.approval.decision == Approval.Decision.APPROVED
        assert details.approval.decided_by == lead and details.approval.requested_by == handhaver
        assert details.signatory and details.policy_version_id


def test_demo_persons_are_synthetic_and_clear_of_the_pga_range(seeded):
    damocles = list(itertools_take(demo_bsns(), 40))
    pga = set(itertools_take(pga_demo_bsns(), 40))
    assert all(is_valid_bsn(bsn) and bsn.startswith("99995") for bsn in damocles) and not pga & set(damocles)
    for case in Case.objects.filter(case_type="damocles", person__isnull=False).select_related("person"):
        assert case.person.surname.startswith("Testpersoon")
    for premises in Premises.objects.all():
        assert (premises.street, premises.postcode, premises.city) == ("Teststraat", "9999 XX", "Demodorp")


def itertools_take(iterator, n: int) -> list:
    return [next(iterator) for _ in range(n)]
