"""casework/park/selectors/objects.py: an object's dossier shows its persons and only the files the
user may see, and decrypts nothing itself (the page records the view events first)."""

from __future__ import annotations

import pytest

from accounts.roles import HANDHAVER
from casework.park.selectors.objects import object_dossier
from casework.park.services import occupant_register
from tests.factories.park import make_object, make_park_case, make_person

pytestmark = pytest.mark.django_db(databases="__all__")


def test_the_dossier_names_its_persons_once_and_only_the_files_the_user_may_see(make_user):
    officer = make_user(role=HANDHAVER)
    owner = make_person(officer, surname="Testeigenaar")
    obj = make_object(actor=officer, owner_person=owner)
    resident = make_person(officer, surname="Testbewoner")
    occupant_register(actor=officer, object=obj, person=resident)
    occupant_register(actor=officer, object=obj, person=owner)  # the owner lives there too: one subject
    case = make_park_case(owner=officer, obj=obj, person=resident)
    dossier = object_dossier(obj=obj, user=officer)
    assert [park_file.case for park_file in dossier.files] == [case]
    assert {o.person_id for o in dossier.occupants} == {owner.pk, resident.pk}
    assert dossier.subject_ids() == sorted([owner.pk, resident.pk], key=str)
    assert object_dossier(obj=obj, user=make_user(role=HANDHAVER)).files == []  # no access to the file


@pytest.mark.both_databases
def test_the_dossier_lists_current_occupants_first_then_who_left_most_recently(make_user):
    """Current occupants (no leaving date) first, then the most recent leavers; by arrival within each, an unknown
    arrival last. The same on both databases, which put a NULL at opposite ends of an order."""
    from datetime import date

    from casework.park.models import Occupant

    officer = make_user(role=HANDHAVER)
    obj = make_object(actor=officer, owner_person=make_person(officer, surname="Testeigenaar"))
    names = ("Testlang", "Testkort", "Testonbekend", "Testvertrokken2024", "Testvertrokken2025")
    occupants = {name: occupant_register(actor=officer, object=obj, person=make_person(officer, surname=name))
                 for name in names}
    for name, since, left_on in (("Testlang", date(2010, 1, 1), None), ("Testkort", date(2024, 6, 1), None),
                                 ("Testonbekend", None, None), ("Testvertrokken2024", date(2020, 1, 1),
                                                                 date(2024, 3, 1)),
                                 ("Testvertrokken2025", date(2021, 1, 1), date(2025, 3, 1))):
        Occupant.objects.filter(pk=occupants[name].pk).update(since=since, left_on=left_on)
    listed = [occupant.pk for occupant in object_dossier(obj=obj, user=officer).occupants]
    assert listed == [occupants[name].pk for name in ("Testlang", "Testkort", "Testonbekend", "Testvertrokken2025",
                                                      "Testvertrokken2024")]
