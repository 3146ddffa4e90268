"""casework/persons.py: one record per BSN per controller, found through the blind index only."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext

from accounts.roles import PROCESREGISSEUR
from casework.models import Person
from casework.persons import person_register, persons_by_bsn, persons_by_name_and_birth
from encryption import blind_index
from tests.factories.casework import TEST_BSNS, person_data

pytestmark = pytest.mark.django_db(databases="__all__")

BSN_MESSAGE = "Enter a valid BSN: 9 digits that pass the 11-test."


@pytest.fixture
def actor(make_user):
    return make_user(role=PROCESREGISSEUR)


def register(actor, controller, **overrides):
    return person_register(actor=actor, controller=controller, **{**person_data(), **overrides})


def test_the_same_bsn_under_the_same_controller_reuses_the_record(actor, organisation):
    first, created = register(actor, organisation, bsn=TEST_BSNS[0])
    again, created_again = register(actor, organisation, bsn=TEST_BSNS[0], surname="Testpersoon Anders")
    assert created and not created_again
    assert again.pk == first.pk
    assert Person.objects.count() == 1
    assert Person.objects.get().surname == first.surname  # the second registration changed nothing


def test_the_same_bsn_under_another_controller_is_a_new_record(actor, organisation, other_organisation):
    mine, _ = register(actor, organisation, bsn=TEST_BSNS[0])
    theirs, created = register(actor, other_organisation, bsn=TEST_BSNS[0])
    assert created and theirs.pk != mine.pk
    assert persons_by_bsn(controller=organisation, bsn=TEST_BSNS[0]) == [mine]
    assert persons_by_bsn(controller=other_organisation, bsn=TEST_BSNS[0]) == [theirs]


@pytest.mark.parametrize("bad", ["123456789", "12345678", "1234567890", "abcdefghi", "000000000"])
def test_an_invalid_bsn_is_refused_with_the_translated_message_and_nothing_saved(actor, organisation, bad):
    with translation.override("nl"), pytest.raises(ValidationError) as caught:
        register(actor, organisation, bsn=bad)
    assert caught.value.code == "invalid_bsn"
    with translation.override("nl"):
        assert caught.value.messages == [gettext(BSN_MESSAGE)]
    assert Person.objects.count() == 0


def test_a_person_without_bsn_needs_surname_and_date_of_birth(actor, organisation):
    with pytest.raises(ValidationError) as caught:
        person_register(actor=actor, controller=organisation, first_names="Testine", surname="Testpersoon",
                        date_of_birth=None)
    assert "bsn" in caught.value.message_dict
    assert Person.objects.count() == 0


def test_a_person_without_bsn_is_found_by_surname_and_date_of_birth(actor, organisation, other_organisation):
    wanted, _ = register(actor, organisation, bsn=None, surname="Testpersoon Ünal-de Vries",
                         date_of_birth=date(1980, 5, 6))
    register(actor, organisation, bsn=None, surname="Testpersoon Ünal-de Vries", date_of_birth=date(1980, 5, 7))
    register(actor, other_organisation, bsn=None, surname="Testpersoon Ünal-de Vries", date_of_birth=date(1980, 5, 6))
    found = persons_by_name_and_birth(controller=organisation, surname="testpersoon unal de vries",
                                      date_of_birth=date(1980, 5, 6))
    assert found == [wanted]


@pytest.mark.parametrize("index_bytes", [0, 1])
def test_colliding_blind_indexes_never_return_a_wrong_person(monkeypatch, actor, organisation, index_bytes):
    monkeypatch.setattr(blind_index, "INDEX_BYTES", index_bytes)
    people = {bsn: register(actor, organisation, bsn=bsn)[0] for bsn in TEST_BSNS[:4]}
    if index_bytes == 0:
        assert len(set(Person.objects.values_list("bsn_index", flat=True))) == 1  # all candidates
    for bsn, person in people.items():
        assert persons_by_bsn(controller=organisation, bsn=bsn) == [person]
    assert persons_by_bsn(controller=organisation, bsn=TEST_BSNS[5]) == []
    # Registering again under a colliding index still reuses exactly the right record.
    again, created = register(actor, organisation, bsn=TEST_BSNS[2])
    assert not created and again.pk == people[TEST_BSNS[2]].pk


def test_the_blind_index_column_holds_no_bsn(actor, organisation):
    register(actor, organisation, bsn=TEST_BSNS[1])
    stored = Person.objects.values_list("bsn_index", flat=True).get()
    assert stored and TEST_BSNS[1] not in stored


def test_the_audit_event_names_the_processing_the_person_is_registered_for(organisation, make_user):
    from audit.models import AuditEvent
    from casework.damocles.casetype import PROCESSING_ACTIVITY as DAMOCLES
    from encryption.pseudonyms import subject_pseudonym

    actor = make_user(role="handhaver")
    person, _created = person_register(actor=actor, controller=organisation, first_names="Testine",
                                       surname="Testpand", bsn="123456782", processing_activity=DAMOCLES)
    event = AuditEvent.objects.using("audit").get(action="create", subject_pseudonym=subject_pseudonym(person.pk))
    assert event.processing_activity == DAMOCLES
