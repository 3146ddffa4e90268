"""seed_demo's privacy part (casework/privacy/demo.py): data-subject requests of each kind and state,
a restricted person, one case past its retention period and one under a legal hold; the second run is checked
with the whole demo in tests/casework/test_commands.py; nothing destroyed."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User
from audit.models import AuditEvent
from casework import access
from casework.models import Case, Person
from casework.pga.demo import DEMO_CASE_COUNT
from casework.privacy.demo import PERSONS, demo_bsns, privacy_demo_case_ids
from casework.privacy.models import DataSubjectRequest, DestructionBatch, LegalHold, Tombstone
from encryption.validators import is_valid_bsn

pytestmark = pytest.mark.django_db(transaction=True, databases="__all__")  # seeded_demo restores the databases


def _counts():
    return tuple(model.objects.count() for model in (Case, Person, DataSubjectRequest, LegalHold, DestructionBatch,
                                                     Tombstone))


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(seeded_demo):
    assert "Data-subject requests (created): 3" in seeded_demo
    return seeded_demo


def _cases() -> dict[str, Case]:
    by_surname = {case.person.surname: case for case in Case.objects.filter(pk__in=privacy_demo_case_ids())}
    return {person.key: by_surname[person.surname] for person in PERSONS}


def test_the_pga_demo_still_counts_only_its_own_cases(seeded):
    assert f"PGA cases (created): {DEMO_CASE_COUNT}" in seeded
    assert len(privacy_demo_case_ids()) == len(PERSONS) == 4


def test_requests_of_each_kind_and_state(seeded):
    cases = _cases()
    rows = {(row.kind, row.status, row.outcome): row for row in DataSubjectRequest.objects.all()}
    assert set(rows) == {("inzage", "received", ""), ("correctie", "decided", "granted"),
                         ("beperking", "decided", "granted")}
    inzage = rows[("inzage", "received", "")]
    assert inzage.person_id == cases["requests"].person_id and inzage.is_open
    assert rows[("beperking", "decided", "granted")].objection_deadline is not None


def test_the_restricted_persons_case_is_refused_to_the_procesregisseur(seeded):
    case = _cases()["restricted"]
    regisseur = User.objects.get(username="regisseur")
    assert case.owner == regisseur and case.person.restricted
    assert not access.case_access(regisseur, case)
    assert not access.visible_cases(regisseur).filter(pk=case.pk).exists()
    assert access.case_access(regisseur, _cases()["requests"])  # only that person is restricted


def test_apply_retention_dry_run_lists_the_due_case_and_the_held_one(seeded):
    cases = _cases()
    output = _run("apply_retention")
    due, _sep, held = output.partition("1 held:\n")
    assert "1 cases past their retention period" in due and cases["due"].reference in due
    assert cases["held"].reference in held and cases["held"].reference not in due
    assert cases["requests"].reference not in output  # open: not due
    assert not DestructionBatch.objects.exists() and not Tombstone.objects.exists()  # nothing destroyed
    assert Case.objects.filter(pk=cases["due"].pk).exists()


def test_demo_data_is_synthetic_and_a_second_privacy_officer_exists(seeded):
    first, second = User.objects.get(username="privacy"), User.objects.get(username="privacy2")
    assert first.role == second.role == "privacy_officer" and first.organisation_id == second.organisation_id
    for case in _cases().values():
        assert case.person.surname.startswith("Testpersoon ") and is_valid_bsn(case.person.bsn)
        assert case.person.bsn.startswith("99993")
    texts = " ".join(e.reason + e.object_id for e in AuditEvent.objects.using("audit").all())
    assert "Testpersoon" not in texts and next(demo_bsns()) not in texts
