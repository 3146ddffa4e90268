"""Park API writes: the same services as the web UI, from opening a file to a forfeiture, the
four-eyes approval through the API, the referral and the Damocles procedure from an inspection."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.actions import Action
from casework.categories import PERSONALIA
from casework.models import Case, CaseLink, SharingDecision
from casework.park import workflow as wf
from casework.park.models import Forfeiture, Inspection, Occupant, PenaltyOrder
from casework.park.services import occupant_register
from casework.pga.casetype import PGA_REFERRAL
from tests.auditlog import events
from tests.casework.api.conftest import api_client, current_version, error_fields, error_messages
from tests.factories.park import make_object, make_park_case, to_intention

pytestmark = pytest.mark.django_db(databases="__all__")

WEIGHING = "Alleen personalia en de aanleiding zijn nodig voor het eerste contact; minder ingrijpend kan niet."


def test_a_file_from_opening_to_an_imposed_order_through_the_api(handhaver, other_team_lead, park, resident):
    obj = make_object(actor=handhaver, park=park, number="B-020")
    client = api_client(handhaver)
    opened = client.post("/api/v1/park/cases", {"object": str(obj.pk)}, format="json")
    assert opened.status_code == 201 and opened.json()["status"] == wf.CONTROLE
    base = f"/api/v1/park/cases/{opened.json()['id']}"
    today = timezone.localdate()
    inspected = client.post(f"{base}/inspections", {
        "inspected_on": (today - timedelta(days=30)).isoformat(), "sources": ["brp", "observation"],
        "findings": "Permanente bewoning vastgesteld (test).",
    }, format="json")
    assert inspected.status_code == 201 and inspected.json()["officers"][0]["id"] == str(handhaver.pk)
    version = 1
    for to, data in ((wf.CONSTATERING, {"report_summary": "Rapport (test)."}),
                     (wf.VOORNEMEN, {"intention_sent_on": (today - timedelta(days=25)).isoformat()})):
        moved = client.post(f"{base}/transitions", {"to": to, "reason": "test", "version": version, **data},
                            format="json")
        assert moved.status_code == 201, moved.json()
        version = moved.json()["case_version"]
    drafted = client.post(f"{base}/orders", {
        "addressees": [str(resident.pk)], "remedy": "Beëindig de bewoning (test).", "compliance_term_days": 14,
        "penalty_form": "lump_sum", "amount": "2500.00", "maximum": "2500.00",
    }, format="json")
    assert drafted.status_code == 201 and drafted.json()["state"] == "draft"
    order_id = drafted.json()["id"]
    own = client.post(f"{base}/orders/{order_id}/approval", {"approve": True, "version": version}, format="json")
    assert own.status_code == 403  # the officer cannot approve (four eyes)
    approved = api_client(other_team_lead).post(f"{base}/orders/{order_id}/approval",
                                                {"approve": True, "version": version}, format="json")
    assert approved.status_code == 200
    version = current_version(opened.json()["id"])
    imposed = client.post(f"{base}/transitions", {
        "to": wf.LAST_ONDER_DWANGSOM, "reason": "test", "version": version, "order": order_id,
        "decided_on": (today - timedelta(days=20)).isoformat(),
    }, format="json")
    assert imposed.status_code == 201, imposed.json()
    order = PenaltyOrder.objects.get(pk=order_id)
    assert order.state == "imposed" and order.object_id == obj.pk
    assert order.compliance_due_on is None  # the compliance term runs from each addressee's announcement


def test_findings_past_their_maximum_are_refused_and_nothing_saved(handhaver, park_file):
    """The request's strings have a maximum length (the serializer answers 400 naming the field); a service that
    bounds no length of its own (an inspection's findings) still cannot store more than `MAX_TEXT` characters
    when called from anywhere else: the encrypted field refuses them while sealing. Nothing is saved and no write is
    recorded either way."""
    from django.core.exceptions import ValidationError

    from casework.park.services import inspection_record
    from encryption.fields import MAX_TEXT

    last = events().order_by("-sequence").values_list("sequence", flat=True).first() or 0
    inspected_on = timezone.localdate() - timedelta(days=3)
    response = api_client(handhaver).post(f"/api/v1/park/cases/{park_file.pk}/inspections", {
        "inspected_on": inspected_on.isoformat(), "sources": ["observation"], "findings": "x" * (MAX_TEXT + 1)},
        format="json")
    assert response.status_code == 400 and "findings" in error_fields(response)
    with pytest.raises(ValidationError) as refused:
        inspection_record(actor=handhaver, case=park_file, inspected_on=inspected_on, officers=[handhaver],
                          sources=["observation"], findings="x" * (MAX_TEXT + 1))
    assert refused.value.message_dict == {"findings": [f"Hoogstens {MAX_TEXT} tekens (nu {MAX_TEXT + 1})."]}
    assert not Inspection.objects.filter(case=park_file).exists()
    assert not events(sequence__gt=last, action__in=[Action.CREATE, Action.UPDATE]).exists()


def test_an_order_without_a_compliance_term_is_refused_and_nothing_saved(handhaver, park_file, resident):
    to_intention(park_file, by=handhaver)
    response = api_client(handhaver).post(f"/api/v1/park/cases/{park_file.pk}/orders", {
        "addressees": [str(resident.pk)], "remedy": "Beëindig de bewoning (test).", "compliance_term_days": 0,
        "penalty_form": "lump_sum", "amount": "2500.00", "maximum": "2500.00",
    }, format="json")
    assert response.status_code == 400 and "compliance_term_days" in error_fields(response)
    assert not PenaltyOrder.objects.exists()


def test_a_forfeiture_before_the_compliance_term_ended_is_refused(handhaver, park_file, forfeited):
    order = forfeited.order
    basis = forfeited.basis
    response = api_client(handhaver).post(f"/api/v1/park/cases/{park_file.pk}/forfeitures", {
        "order": str(order.pk), "basis": str(basis.pk), "forfeited_on": order.decided_on.isoformat(),
    }, format="json")
    assert response.status_code == 400 and "forfeited_on" in error_fields(response)
    assert Forfeiture.objects.count() == 1


@pytest.mark.parametrize("member", ["order", "basis"])
def test_an_unknown_id_in_the_body_is_a_400_at_its_member_not_a_404(handhaver, park_file, forfeited, member):
    """An id in the body is input: unknown (or of another case), it is a 400 pointing at the member, in Dutch
    (a 404 told the client the path was wrong, with Django's English "No Inspection matches the given query.")."""
    order, basis = forfeited.order, forfeited.basis
    body = {"order": str(order.pk), "basis": str(basis.pk), "forfeited_on": basis.inspected_on.isoformat(),
            member: "00000000-0000-4000-8000-000000000000"}
    response = api_client(handhaver).post(f"/api/v1/park/cases/{park_file.pk}/forfeitures", body, format="json")
    assert response.status_code == 400 and error_fields(response) == {member}
    assert error_messages(response)[member] == ["Onbekend id, of een id dat u hier niet mag noemen."]
    assert Forfeiture.objects.count() == 1


def test_a_partner_cannot_write(handhaver, partner, partner_org, park_file):
    from tests.casework.api.conftest import share

    share(park_file, by=handhaver, partner_org=partner_org, categories=("park_inspections",))
    response = api_client(partner).post(f"/api/v1/park/cases/{park_file.pk}/inspections", {
        "inspected_on": timezone.localdate().isoformat(), "sources": ["observation"], "findings": "x",
    }, format="json")
    assert response.status_code == 403 and not Inspection.objects.exists()
    assert events(action=Action.ACCESS_DENIED, actor_id=str(partner.pk), reason="action:change").exists()


def test_referral_and_damocles_from_an_inspection(handhaver, regisseur, other_team_lead, park_file, resident,
                                                  partner_org):
    obj = park_file.park.object
    occupant = occupant_register(actor=handhaver, object=obj, person=resident)
    client = api_client(handhaver)
    inspection = client.post(f"/api/v1/park/cases/{park_file.pk}/inspections", {
        "inspected_on": timezone.localdate().isoformat(), "sources": ["observation"],
        "findings": "Bewoner verward; hennepplanten in de schuur (test).", "drugs_found": True,
    }, format="json").json()
    base = f"/api/v1/park/cases/{park_file.pk}/inspections/{inspection['id']}"
    referred = client.post(f"{base}/referral", {
        "occupant": str(occupant.pk), "reason": "Zorgsignaal bij de controle (test).", "owner": str(regisseur.pk),
        "partner": str(partner_org.pk), "categories": [PERSONALIA, PGA_REFERRAL],
        "purpose": "Eerste contact door de partner (test).", "weighing": WEIGHING,
        "ends_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
    }, format="json")
    assert referred.status_code == 201, referred.json()
    pga = Case.objects.get(pk=referred.json()["to_case"])
    assert pga.case_type == "pga" and SharingDecision.objects.get(case=pga).partner == partner_org
    bad = client.post(f"{base}/referral", {
        "occupant": str(occupant.pk), "reason": "x", "owner": str(regisseur.pk), "partner": str(partner_org.pk),
        "categories": [PGA_REFERRAL], "purpose": "x", "weighing": "te kort",
        "ends_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
    }, format="json")
    assert bad.status_code == 400 and "weighing" in error_fields(bad)
    opened = client.post(f"{base}/damocles", {
        "findings": [{"substance": "hemp_plants", "amount": "40", "unit": "plants"}],
    }, format="json")
    assert opened.status_code == 201, opened.json()
    assert Case.objects.get(pk=opened.json()["to_case"]).case_type == "damocles"
    assert CaseLink.objects.count() == 2 and Case.objects.filter(case_type="pga").count() == 1
    links = api_client(other_team_lead).get(f"/api/v1/cases/{park_file.pk}/links").json()
    assert {row["kind"] for row in links} == {"referral_to_pga", "damocles_from_finding"}
    assert [row["other"]["case_type"] for row in client.get(f"/api/v1/cases/{park_file.pk}/links").json()] == [
        "damocles"]  # the officer does not see the PGA case, so not its link
    assert Occupant.objects.count() == 1


def test_the_schema_documents_the_park_endpoints(handhaver):
    paths = api_client(handhaver).get("/api/v1/schema?format=json").json()["paths"]
    for path in ("/park/cases", "/park/cases/{case_id}", "/park/cases/{case_id}/forfeitures",
                 "/park/objects", "/park/cases/{case_id}/inspections/{inspection_id}/referral",
                 "/cases/{case_id}/links"):
        assert path in paths
    parameters = {p["name"] for p in paths["/park/cases"]["get"]["parameters"]}
    assert {"limitationWarning", "object", "status", "park"} <= parameters


def test_codes_of_other_case_types_are_checked_by_their_own_rules_and_nothing_is_saved(
        handhaver, regisseur, park_file, resident, partner_org):
    """The referral and the Damocles procedure take the other type's codes as plain strings: a bad
    one is a 400 with a Dutch field error from that type's rules, and no case, share or link is left."""
    obj = park_file.park.object
    occupant = occupant_register(actor=handhaver, object=obj, person=resident)
    client = api_client(handhaver)
    inspection = client.post(f"/api/v1/park/cases/{park_file.pk}/inspections", {
        "inspected_on": timezone.localdate().isoformat(), "sources": ["observation"],
        "findings": "Bewoner verward; hennepplanten in de schuur (test).", "drugs_found": True,
    }, format="json").json()
    base = f"/api/v1/park/cases/{park_file.pk}/inspections/{inspection['id']}"
    referral = {
        "occupant": str(occupant.pk), "reason": "Zorgsignaal bij de controle (test).", "owner": str(regisseur.pk),
        "partner": str(partner_org.pk), "categories": [PERSONALIA, PGA_REFERRAL],
        "purpose": "Eerste contact door de partner (test).", "weighing": WEIGHING,
        "ends_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
    }
    bad_status = client.post(f"{base}/referral", {**referral, "informed_status": "misschien"}, format="json")
    assert bad_status.status_code == 400 and error_messages(bad_status)["informed_status"] == ["Onbekende status."]
    finding = {"substance": "hemp_plants", "amount": "40", "unit": "plants"}
    for body, field, message in (
        ({"findings": [{**finding, "substance": "suiker"}]}, "findings", "Bevinding 1: kies een middel."),
        ({"findings": [finding, {**finding, "unit": "liter"}]}, "findings",
         "Bevinding 2: deze eenheid past niet bij het middel."),
        ({"findings": [finding], "ground": "sub_z"}, "ground", "Kies de grond (lid 1 sub a of sub b)."),
    ):
        response = client.post(f"{base}/damocles", body, format="json")
        assert response.status_code == 400 and error_messages(response)[field] == [message], response.json()
    assert Case.objects.exclude(pk=park_file.pk).count() == 0
    assert not SharingDecision.objects.exists() and not CaseLink.objects.exists()
    referred = client.post(f"{base}/referral", referral, format="json")  # informed_status left out: not_yet
    assert referred.status_code == 201, referred.json()
    assert Case.objects.get(pk=referred.json()["to_case"]).pga.informed_status == "not_yet"


def test_an_order_can_name_the_owner_company_and_shows_it(handhaver, park, resident):
    obj = make_object(actor=handhaver, park=park, owner_entity="Testbeheer Recreatie B.V. (test)")
    case = make_park_case(owner=handhaver, obj=obj, person=resident)
    to_intention(case, by=handhaver)
    client = api_client(handhaver)
    body = {"remedy": "Beëindig de bewoning (test).", "compliance_term_days": 14, "penalty_form": "lump_sum",
            "amount": "2500.00", "maximum": "2500.00"}
    nobody = client.post(f"/api/v1/park/cases/{case.pk}/orders", body, format="json")
    assert nobody.status_code == 400 and "addressees" in error_fields(nobody)
    drafted = client.post(f"/api/v1/park/cases/{case.pk}/orders", {**body, "owner_entity": True}, format="json")
    assert drafted.status_code == 201
    assert drafted.json()["addressee_entity"] == "Testbeheer Recreatie B.V. (test)"
    assert drafted.json()["addressees"] == []
