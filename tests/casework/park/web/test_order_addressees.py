"""Who a penalty order may be addressed to (issue 19 item 2): the object's owner — a person or a company —
every current occupant and the file's main person, each offered with their role; with nobody to offer,
the page says what to do instead of demanding an addressee it does not offer."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from casework.park.models import PenaltyOrder
from casework.park.services import announcement_register, occupant_register, order_impose
from casework.park.web.forms.actions import OrderForm
from casework.park.web.forms.fields import OWNER_ENTITY
from casework.park.web.forms.tracks import AnnouncementForm
from casework.remedies.models import Announcement
from tests.casework.park.web.support import park_url
from tests.casework.web.form_pattern_support import FormPage, check_linked
from tests.factories.park import approve, draft_order, make_object, make_park_case, make_person, to_intention

pytestmark = pytest.mark.django_db(databases="__all__")

COMPANY = "Testbeheer Recreatie B.V. (test)"
FIGURES = {"remedy": "Beëindig de permanente bewoning van het chalet (test).", "compliance_term_days": "28",
           "penalty_form": "lump_sum", "amount": "2500.00", "maximum": "2500.00"}


def choices(case):
    return [label for _value, label in OrderForm(case=case).fields["addressees"].choices]


def test_an_owner_person_is_offered_as_owner(handhaver, park):
    owner = make_person(handhaver, surname="Testeigenaar")
    case = make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park, owner_person=owner))
    assert choices(case) == ["Testine Testeigenaar (eigenaar)"]


def test_an_owner_company_is_offered_and_named_in_the_order(handhaver, park):
    case = make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park, owner_entity=COMPANY))
    assert choices(case) == [f"{COMPANY} (eigenaar, rechtspersoon)"]
    to_intention(case, by=handhaver)
    form = OrderForm({"addressees": [OWNER_ENTITY], **FIGURES}, case=case)
    assert form.is_valid(), form.errors
    assert form.service_kwargs()["addressees"] == [] and form.service_kwargs()["owner_entity"] is True


def test_every_current_occupant_and_the_files_person_are_offered(handhaver, park):
    obj = make_object(actor=handhaver, park=park)
    first, second, gone = (make_person(handhaver, surname=name) for name in ("Testbewoner", "Testgast", "Testweg"))
    for person in (first, second, gone):
        occupant_register(actor=handhaver, object=obj, person=person, since=date(2024, 1, 1))
    obj.occupants.filter(person=gone).update(left_on=date(2024, 6, 1))
    main = make_person(handhaver, surname="Testhoofdpersoon")
    case = make_park_case(owner=handhaver, obj=obj, person=main)
    assert choices(case) == ["Testine Testbewoner (bewoner)", "Testine Testgast (bewoner)",
                             "Testine Testhoofdpersoon (betrokkene van het dossier)"]


def test_with_nobody_to_address_the_page_says_what_to_do(client, login, handhaver, park):
    obj = make_object(actor=handhaver, park=park)
    case = make_park_case(owner=handhaver, obj=obj)
    to_intention(case, by=handhaver)
    login(client, handhaver)
    page = FormPage(client.get(park_url("order_create", case)).content.decode())
    help_text = page.by_id["id_addressees_helptext"]
    assert "Registreer eerst de bewoners van het object" in help_text.text
    assert [href for href, _text in help_text.links] == [park_url("occupant_create", object_id=obj.pk),
                                                        park_url("object_detail", object_id=obj.pk)]
    response = client.post(park_url("order_create", case), FIGURES)
    assert response.status_code == 400 and not PenaltyOrder.objects.filter(case=case).exists()
    page = FormPage(response.content.decode())
    check_linked(page)
    assert ("#id_addressees", "Geadresseerden: Er is nog niemand aan wie de last kan worden gericht: registreer "
            "eerst een bewoner van het object.") in page.summary().links


def test_the_company_addressee_is_announced_once(handhaver, lead, park):
    case = make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park, owner_entity=COMPANY))
    to_intention(case, by=handhaver)
    order = approve(draft_order(case, by=handhaver, addressees=[], owner_entity=True), lead=lead)
    assert order.addressee_entity == COMPANY and order.approval.payload["addressee_entity"] is True
    order = order_impose(actor=handhaver, order=order, reason="test: last opgelegd", decided_on=date(2025, 1, 6))
    form = AnnouncementForm({"order": order.pk, "addressee": OWNER_ENTITY, "method": "registered_post",
                             "announced_on": "2025-01-07"}, case=case)
    assert form.is_valid(), form.errors
    announcement = announcement_register(actor=handhaver, **form.service_kwargs())
    assert (announcement.addressee_person, announcement.addressee_name) == (None, COMPANY)
    with pytest.raises(ValidationError) as again:
        announcement_register(actor=handhaver, **form.service_kwargs())
    assert "addressee" in again.value.message_dict
    assert Announcement.objects.filter(case=case).count() == 1


def test_a_company_is_refused_when_the_object_has_none(handhaver, park):
    case = make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park),
                          person=make_person(handhaver))
    to_intention(case, by=handhaver)
    with pytest.raises(ValidationError) as error:
        draft_order(case, by=handhaver, addressees=[], owner_entity=True)
    assert "addressees" in error.value.message_dict
    assert not PenaltyOrder.objects.filter(case=case).exists()
