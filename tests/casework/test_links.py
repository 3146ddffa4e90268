"""casework/links.py: a referral from a park inspection creates a PGA case and its sharing decision,
a drugs finding opens a linked Damocles procedure, and a link shows only to users who see both cases.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisation
from accounts.roles import HANDHAVER, PROCESREGISSEUR
from audit.actions import Action, Outcome
from audit.activities import CHAIN_SHARING
from audit.history import save_with_reason
from casework import access
from casework.categories import METADATA, PERSONALIA
from casework.links import links_for
from casework.models import Case, CaseLink, SharingDecision
from casework.park.casetype import PROCESSING_ACTIVITY as PARK_ENFORCEMENT
from casework.park.models import Inspection, Occupant, Park, ParkFile, RecreationObject
from casework.park.services.links import open_damocles_from_finding, refer_occupant_to_pga
from casework.persons import person_register
from casework.pga.casetype import PGA_REFERRAL
from casework.pga.casetype import PROCESSING_ACTIVITY as PGA_PROCESREGIE
from encryption.keystore import datakey_create
from tests.auditlog import events
from tests.conftest import count_queries
from tests.factories.accounts import OrganisationFactory, TeamFactory

pytestmark = pytest.mark.django_db(databases="__all__")

WEIGHING = "Alleen de gegevens die de GGZ nodig heeft voor het eerste contact; minder ingrijpend kan niet (test)."
REASON = "Bewoner lijkt verward en vereenzaamd; zorgsignaal bij de controle (test)."


@pytest.fixture
def handhaver(make_user, organisation):
    return make_user(role=HANDHAVER, team=TeamFactory(organisation=organisation, name="Handhaving Park"))


@pytest.fixture
def regisseur(make_user, organisation):
    return make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation, name="Procesregie"))


@pytest.fixture
def partner_org(db):
    return OrganisationFactory(name="Test-GGZ Oost", kind=Organisation.Kind.GGZ)


@pytest.fixture
def outsider(make_user, other_organisation):
    return make_user(role=PROCESREGISSEUR, organisation=other_organisation)


def _case(owner, reference: str) -> Case:
    """A park file shell (the park services own the real opening; here only the rows a link needs)."""
    case = Case(data_key_id=datakey_create().id, case_type="park", reference=reference, status="controle",
                controller=owner.organisation, owner=owner, team=owner.team, opened_on=timezone.localdate())
    save_with_reason(case, reason="test park file", user=owner)
    return case


@pytest.fixture
def park_setup(handhaver, organisation):
    """A park file on chalet B-017 (with a BAG address), its inspection and an occupant; a second object."""
    park = Park._default_manager.create(  # Park.objects is shadowed by related_name="objects"
        name="Testpark De Proefplas", municipality="Demodorp", controller=organisation)
    objects = []
    for number, street in (("B-017", "Recreatieweg"), ("B-018", None)):
        obj = RecreationObject(data_key_id=datakey_create().id, park=park, number=number, kind="chalet",
                               street=street, house_number="17" if street else None,
                               postcode="9999 XA" if street else None, city="Demodorp" if street else None)
        save_with_reason(obj, reason="test object", user=handhaver)
        objects.append(obj)
    case = _case(handhaver, "PRK-2026-9001")
    save_with_reason(ParkFile(case=case, data_key_id=case.data_key_id, object=objects[0]), reason="test",
                     user=handhaver)
    inspection = Inspection(case=case, data_key_id=case.data_key_id, object=objects[0],
                            inspected_on=timezone.localdate() - timedelta(days=2), sources=["observation"],
                            findings="Chalet permanent bewoond; bewoner verward (test).", drugs_found=True,
                            created_by=handhaver)
    save_with_reason(inspection, reason="test inspection", user=handhaver)
    occupants = []
    for obj, bsn in ((objects[0], "999990032"), (objects[1], "999990044")):
        person, _created = person_register(actor=handhaver, controller=organisation, first_names="Testan",
                                           surname=f"Testbewoner {obj.number}", bsn=bsn,
                                           date_of_birth=date(1950, 3, 4), processing_activity=PARK_ENFORCEMENT)
        occupant = Occupant(object=obj, data_key_id=obj.data_key_id, person=person, since=date(2015, 1, 1))
        save_with_reason(occupant, reason="test occupant", user=handhaver)
        occupants.append(occupant)
    return {"case": case, "inspection": inspection, "occupant": occupants[0], "elsewhere": occupants[1],
            "object": objects[0], "bare_object": objects[1]}


def referral(handhaver, regisseur, park_setup, partner_org, **overrides):
    data = {
        "actor": handhaver, "inspection": park_setup["inspection"], "occupant": park_setup["occupant"],
        "reason": REASON, "owner": regisseur, "partner": partner_org, "categories": [PERSONALIA, PGA_REFERRAL],
        "purpose": "Eerste contact door de GGZ na het zorgsignaal (test).", "weighing": WEIGHING,
        "ends_on": timezone.localdate() + timedelta(days=60),
    }
    return refer_occupant_to_pga(**{**data, **overrides})



def counts():
    return (Case.objects.filter(case_type="pga").count(), SharingDecision.objects.count(),
            CaseLink.objects.count())


def test_a_referral_creates_the_pga_case_its_share_and_the_link(handhaver, regisseur, park_setup, partner_org):
    link = referral(handhaver, regisseur, park_setup, partner_org)
    pga = link.to_case
    assert link.from_case == park_setup["case"] and link.kind == "referral_to_pga"
    assert link.source_type == "park.Inspection" and link.source_id == park_setup["inspection"].pk
    assert pga.case_type == "pga" and pga.status == "aangemeld" and pga.reference.startswith("PGA-")
    assert pga.owner == regisseur and pga.controller == park_setup["case"].controller
    assert pga.person == park_setup["occupant"].person and pga.referring_organisation == handhaver.organisation
    assert pga.pga.aanleiding == REASON
    share = SharingDecision.objects.get(case=pga)
    assert share.partner == partner_org and share.decided_by == handhaver
    assert share.categories == [METADATA, PERSONALIA, PGA_REFERRAL] and share.weighing == WEIGHING
    assert SharingDecision.objects.filter(case=park_setup["case"]).count() == 0  # the park file is not shared


def test_the_new_case_is_visible_to_the_right_people_only(handhaver, regisseur, other_team_lead, partner, outsider,
                                                          park_setup, partner_org):
    pga = referral(handhaver, regisseur, park_setup, partner_org).to_case
    assert access.case_access(regisseur, pga).via == "owner"
    assert access.case_access(other_team_lead, pga).via == "supervision"
    shared = access.case_access(partner, pga)
    assert shared.via == "share" and shared.sees(PGA_REFERRAL) and not shared.sees("pga_plan")
    assert not access.case_access(outsider, pga)
    assert not access.case_access(handhaver, pga)  # referring gives the officer no access to the PGA case
    assert pga not in access.visible_cases(outsider) and pga in access.visible_cases(partner)
    assert park_setup["case"] not in access.visible_cases(partner)


def test_a_link_shows_only_to_users_who_see_both_cases(handhaver, regisseur, other_team_lead, partner, outsider,
                                                       park_setup, partner_org):
    link = referral(handhaver, regisseur, park_setup, partner_org)
    park_case, pga = link.from_case, link.to_case
    both = links_for(other_team_lead, park_case)
    assert [(view.link, view.other, view.outgoing) for view in both] == [(link, pga, True)]
    assert [(view.other, view.outgoing) for view in links_for(other_team_lead, pga)] == [(park_case, False)]
    assert links_for(handhaver, park_case) == []  # sees the park file only
    assert links_for(regisseur, pga) == []  # sees the PGA case only
    assert links_for(partner, pga) == []  # sees the PGA case through the share only
    assert links_for(outsider, pga) == [] and links_for(outsider, park_case) == []


def test_links_for_costs_one_query_without_links_and_three_whatever_their_number(
        handhaver, regisseur, other_team_lead, park_setup, partner_org):
    links_for(other_team_lead, park_setup["case"])  # the user's role is read (and cached) once per request
    with count_queries() as none:
        assert links_for(other_team_lead, park_setup["case"]) == []
    referral(handhaver, regisseur, park_setup, partner_org)
    links_for(other_team_lead, park_setup["case"])  # the access paths (teams led) are read once per user
    with count_queries() as one:
        assert len(links_for(other_team_lead, park_setup["case"])) == 1
    for _number in range(2):
        referral(handhaver, regisseur, park_setup, partner_org)
    with count_queries() as three:
        assert len(links_for(other_team_lead, park_setup["case"])) == 3
    assert len(none) == 1  # whether the case has links (the prepared probe): most case pages stop here
    assert "casework_caselink" in none[0]["sql"] and "JOIN" not in none[0]["sql"]
    assert len(one) == len(three) == 3  # the probe, the links, then which of their cases the user may see


def test_a_referral_is_audited_on_both_sides_without_plaintext(handhaver, regisseur, park_setup, partner_org):
    link = referral(handhaver, regisseur, park_setup, partner_org)
    created = events(action=Action.CREATE, object_type="casework.CaseLink", object_id=str(link.pk))
    assert {(e.case_id, e.processing_activity) for e in created} == {
        (str(link.from_case_id), PARK_ENFORCEMENT), (str(link.to_case_id), PGA_PROCESREGIE)}
    assert all(e.actor_id == str(handhaver.pk) for e in created)
    share = SharingDecision.objects.get()
    assert events(action=Action.SHARE, object_id=str(share.pk), processing_activity=CHAIN_SHARING).count() == 1
    assert events(action=Action.CREATE, object_type="casework.Case", case_id=str(link.to_case_id)).exists()
    for event in events():
        assert "Testbewoner" not in event.reason and "999990032" not in event.reason
        assert "verward" not in event.reason


@pytest.mark.parametrize("bad", [
    {"occupant": "elsewhere"},
    {"reason": "  "},
    {"weighing": "te kort"},
    {"categories": ["park_inspections"]},
    {"partner": "own"},
    {"owner": "handhaver"},
    {"informed_status": "postponed"},
    {"ends_on": "past"},
])
def test_bad_input_leaves_nothing(handhaver, regisseur, park_setup, partner_org, organisation, bad):
    values = {
        "occupant": park_setup["elsewhere"], "partner": organisation, "owner": handhaver,
        "ends_on": timezone.localdate() - timedelta(days=1),
    }
    overrides = {key: values.get(key, value) if value in ("elsewhere", "own", "handhaver", "past") else value
                 for key, value in bad.items()}
    before, sequence = counts(), events().count()
    with pytest.raises(ValidationError) as error:
        referral(handhaver, regisseur, park_setup, partner_org, **overrides)
    assert error.value.message_dict  # a message per field
    assert counts() == before
    assert events().count() == sequence  # nothing attempted, so nothing recorded


def test_an_officer_without_access_to_the_park_file_is_refused_and_recorded(make_user, organisation, regisseur,
                                                                            park_setup, partner_org):
    stranger = make_user(role=HANDHAVER, team=TeamFactory(organisation=organisation, name="Handhaving Elders"))
    before = counts()
    with pytest.raises(PermissionDenied):
        referral(stranger, regisseur, park_setup, partner_org)
    assert counts() == before
    denied = events(action=Action.ACCESS_DENIED, outcome=Outcome.DENIED, actor_id=str(stranger.pk)).get()
    assert denied.case_id == str(park_setup["case"].pk) and denied.reason == "action:change"


def test_a_drugs_finding_opens_a_linked_damocles_procedure(handhaver, other_team_lead, park_setup):
    link = open_damocles_from_finding(
        actor=handhaver, inspection=park_setup["inspection"],
        findings=[{"substance": "hemp_plants", "amount": "40", "unit": "plants"}],
        summary="Hennepkwekerij in de berging van het chalet (test).",
    )
    procedure = link.to_case
    assert link.kind == "damocles_from_finding" and link.from_case == park_setup["case"]
    assert procedure.case_type == "damocles" and procedure.owner == handhaver
    report = procedure.police_reports.get()
    assert report.found_on == park_setup["inspection"].inspected_on
    premises = procedure.damocles.premises
    assert (premises.street, premises.house_number, premises.postcode) == ("Recreatieweg", "17", "9999 XA")
    assert [view.other for view in links_for(handhaver, park_setup["case"])] == [procedure]  # owns both


def test_no_damocles_procedure_without_a_drugs_finding_or_an_address(handhaver, park_setup):
    inspection = park_setup["inspection"]
    inspection.drugs_found = False
    save_with_reason(inspection, reason="test: no drugs", user=handhaver)
    findings = [{"substance": "softdrugs", "amount": "45", "unit": "g"}]
    with pytest.raises(ValidationError):
        open_damocles_from_finding(actor=handhaver, inspection=inspection, findings=findings)
    inspection.drugs_found, inspection.object = True, park_setup["bare_object"]
    save_with_reason(inspection, reason="test: object without an address", user=handhaver)
    with pytest.raises(ValidationError) as error:
        open_damocles_from_finding(actor=handhaver, inspection=inspection, findings=findings)
    assert "premises" in error.value.message_dict
    assert not Case.objects.filter(case_type="damocles").exists() and not CaseLink.objects.exists()


def test_the_case_page_lists_the_link_only_for_who_sees_both(client, login, handhaver, regisseur, other_team_lead,
                                                             park_setup, partner_org):
    pga = referral(handhaver, regisseur, park_setup, partner_org).to_case
    url = reverse("casework:case_detail", kwargs={"case_id": pga.pk})
    login(client, other_team_lead)
    page = client.get(url).content.decode()
    assert 'id="links"' in page and park_setup["case"].reference in page
    client.logout()
    login(client, regisseur)
    page = client.get(url).content.decode()
    assert 'id="links"' not in page and park_setup["case"].reference not in page
