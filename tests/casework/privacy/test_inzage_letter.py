"""The inzage answer as a letter (issue 13 item 5): each kind of linked person gets their own rows and
nothing of a second person; free text passes the privacy officer's review before the PDF; the letter
answers AVG 15(1)(a)-(h) and 15(3) as a decision with its rechtsmiddelenclausule."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from accounts.roles import PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER
from audit.actions import Action
from audit.activities import ACCOUNT_ADMINISTRATION, PRIVACY_SUPERVISION
from casework.deadlines import objection_deadline
from casework.pdf import datum
from casework.privacy import inzage
from casework.privacy.inzage_letter import request_reference
from casework.privacy.models import DataSubjectRequest
from casework.privacy.requests import request_register
from tests.auditlog import events
from tests.factories.casework import TEST_BSNS, make_pga_case, person_data
from tests.pdfa import assert_pdfa_2u

pytestmark = pytest.mark.django_db(databases="__all__")

URL = "/privacy/inzage/"
SECRET_SUMMARY = "Buurman Geheimnaam zag de overdracht."  # a passage about someone else


def report_for(officer, bsn):
    return inzage.inzage_report(user=officer, persons=inzage.find_person_records(bsn=bsn), reason="request")


def text_of(report) -> str:
    return " ".join(f"{item.title} {label} {value}" for case in report.cases for item in case.items
                    for label, value in item.values)


@pytest.fixture
def damocles(make_user):
    from casework.damocles.services.tracks import announcement_register
    from tests.factories.damocles import make_damocles_case, walk_to_decision
    from tests.factories.park import make_person

    enforcer, lead = make_user(role="handhaver"), make_user(role=TEAMLEIDER)
    case = make_damocles_case(owner=enforcer, main_person=person_data(bsn=TEST_BSNS[0], surname="Huurdertest"))
    walk_to_decision(case, by=enforcer, lead=lead)
    owner = make_person(enforcer, bsn=TEST_BSNS[1], surname="Eigenaartest")
    announcement_register(actor=enforcer, case=case, role="tenant", method="registered_post",
                          announced_on=case.damocles.decided_on, addressee_person=case.person)
    announcement_register(actor=enforcer, case=case, role="owner", method="registered_post",
                          announced_on=case.damocles.decided_on, addressee_person=owner)
    return case, owner


def test_an_addressee_who_is_not_the_main_person_gets_only_their_own_rows(damocles, officer):
    case, owner = damocles
    report = report_for(officer, TEST_BSNS[1])
    assert [c.reference for c in report.cases] == [case.reference]
    assert report.cases[0].items, "the addressee's report is not empty"
    text = text_of(report)
    assert "Eigenaar" in text  # their own announcement (role owner)
    assert "Geadresseerde" in text and "Addressee" not in text  # a translated label
    assert "Huurder" not in text and "handelsvoorraad" not in text  # the tenant's announcement, the police summary
    assert "Huurdertest" not in text and TEST_BSNS[0] not in text
    main = text_of(report_for(officer, TEST_BSNS[0]))
    assert "handelsvoorraad" in main and "Eigenaar" not in main


def test_the_report_has_readable_labels_and_no_codes_or_internal_names(damocles, officer):
    case, _owner = damocles
    report = report_for(officer, TEST_BSNS[0])
    text = text_of(report) + " " + report.cases[0].status
    assert case.status not in report.cases[0].status.split()  # the label, not the code "besluit"
    for raw in ("casework.", "damocles.", str(case.pk)):
        assert raw not in text
    statuses = [value for c in report.cases for item in c.items for label, value in item.values
                if label == "Nieuwe status"]
    assert statuses and not any("_" in value for value in statuses)  # labels, not codes
    assert all(access.what in ("", case.reference) for access in report.access_log)


@pytest.mark.parametrize("role", ["occupant", "tolerance_holder", "order_addressee"])
def test_park_linked_persons_get_their_own_rows(make_user, officer, role):
    from casework.park.services import occupant_register
    from casework.park.services.common import object_of
    from casework.park.services.tolerance import tolerance_grant
    from tests.factories.park import make_park_case, make_person, walk_to_order

    enforcer, lead = make_user(role="handhaver"), make_user(role=TEAMLEIDER)
    main = make_person(enforcer, bsn=TEST_BSNS[0], surname="Hoofdpersoontest")
    linked = make_person(enforcer, bsn=TEST_BSNS[1], surname="Gekoppeldtest")
    case = make_park_case(owner=enforcer, person=main)
    obj = object_of(case)
    if role in ("occupant", "tolerance_holder"):
        occupant_register(actor=enforcer, object=obj, person=linked, since=date(2001, 5, 1))
    if role == "tolerance_holder":
        tolerance_grant(actor=enforcer, object=obj, person=linked, resident_since=date(2001, 5, 1))
    if role == "order_addressee":
        walk_to_order(case, by=enforcer, lead=lead, addressees=[linked])
    report = report_for(officer, TEST_BSNS[1])
    assert [c.reference for c in report.cases] == [case.reference]
    assert report.cases[0].items
    text = text_of(report)
    assert "Hoofdpersoontest" not in text and TEST_BSNS[0] not in text


def test_example_type_party_and_melder_each_get_their_own_row_and_nothing_of_the_other(make_user, officer):
    from audit.history import save_with_reason
    from casework.persons import person_register
    from casework.services import case_create
    from tests.testapps.exampletype.models import ExampleFile, ExampleParty, ExampleSource

    owner = make_user(role=PROCESREGISSEUR)
    people = [person_register(actor=owner, controller=owner.organisation, **person_data(bsn=bsn))[0]
              for bsn in TEST_BSNS[:3]]
    subject, party, melder = people
    case = case_create(case_type="example", owner=owner, controller=owner.organisation, person=subject, by=owner,
                       reason="example registered")
    for row in (ExampleFile(case=case, data_key_id=case.data_key_id, summary="Hoofdzaak over de betrokkene."),
                ExampleParty(case=case, data_key_id=case.data_key_id, person=party, note="Notitie over de partij."),
                ExampleSource(case=case, data_key_id=case.data_key_id, person=melder,
                              statement="Verklaring van de melder.")):
        save_with_reason(row, reason="example", user=owner)
    party_text = text_of(report_for(officer, TEST_BSNS[1]))
    assert "Notitie over de partij." in party_text
    assert "Verklaring van de melder." not in party_text and "Hoofdzaak" not in party_text
    assert melder.surname not in party_text and subject.surname not in party_text
    melder_text = text_of(report_for(officer, TEST_BSNS[2]))
    assert "Verklaring van de melder." in melder_text
    assert "Notitie over de partij." not in melder_text and "Hoofdzaak" not in melder_text
    main = report_for(officer, TEST_BSNS[0])
    main_text = text_of(main)
    assert "Hoofdzaak over de betrokkene." in main_text
    assert "Verklaring van de melder." not in main_text and melder.surname not in main_text
    assert main.cases[0].withheld  # that the melder's data was withheld, and on which ground


@pytest.fixture
def answered(make_user, officer, client, login):
    owner = make_user(role=PROCESREGISSEUR)
    case = make_pga_case(owner=owner, status="in_behandeling", bsn=TEST_BSNS[0], surname="Briefpersoon",
                         aanleiding=f"Zorgen over schulden. {SECRET_SUMMARY}")
    row = request_register(actor=officer, kind=DataSubjectRequest.Kind.INZAGE, received_on=date(2026, 11, 2),
                           person=case.person)
    login(client, officer)
    response = client.post(URL, {"bsn": TEST_BSNS[0], "reason": "request", "request": row.pk})
    return case, row, response


def passage_of(response, text):
    return next(pid for free in response.context["free_texts"] for pid, passage in free.passage_ids()
                if passage == text)


def test_the_pdf_is_refused_until_the_free_text_is_reviewed(answered, client):
    _case, _row, response = answered
    token = response.context["token"]
    refused = client.post("/privacy/inzage/pdf/", {"token": token})
    assert refused.status_code == 400 and not events(action=Action.EXPORT).exists()


def test_withheld_passages_are_absent_from_the_letter_and_each_marking_is_audited(answered, client, officer):
    case, row, response = answered
    token = response.context["token"]
    withhold = passage_of(response, SECRET_SUMMARY)
    assert client.post("/privacy/inzage/review/", {"token": token, "withhold": [withhold]}).status_code == 200
    pdf = client.post("/privacy/inzage/pdf/", {"token": token})
    assert pdf.status_code == 200
    assert_pdfa_2u(pdf.content, contains=(case.reference, "Zorgen over schulden."))
    text = assert_pdfa_2u(pdf.content)
    assert "Geheimnaam" not in text and "[…]" in text
    reviewed = events(action=Action.REVIEW, processing_activity=PRIVACY_SUPERVISION, actor_id=str(officer.pk))
    assert reviewed.exists()
    reasons = " ".join(reviewed.values_list("reason", flat=True))
    assert "withheld 1 of 2 passages" in reasons and "field aanleiding" in reasons
    assert "Geheimnaam" not in reasons and "Briefpersoon" not in reasons and TEST_BSNS[0] not in reasons


def test_the_same_review_sent_twice_is_recorded_once_and_a_changed_one_again(answered, client, officer):
    """The review answers with the report page, not a redirect, so a double click sent the same form twice: two
    reviews and every value's event twice (found by the web sweep's duplicate submit, 7 December 2026)."""
    from casework.privacy.models import InzageReview

    _case, row, response = answered
    token, withhold = response.context["token"], passage_of(response, SECRET_SUMMARY)
    body = {"token": token, "withhold": [withhold]}
    assert client.post("/privacy/inzage/review/", body).status_code == 200
    marked = events(action=Action.REVIEW, actor_id=str(officer.pk)).count()
    assert client.post("/privacy/inzage/review/", body).status_code == 200
    assert InzageReview.objects.filter(request=row).count() == 1
    assert events(action=Action.REVIEW, actor_id=str(officer.pk)).count() == marked
    assert client.post("/privacy/inzage/review/", {"token": token}).status_code == 200  # nothing withheld now
    assert InzageReview.objects.filter(request=row).count() == 2
    assert events(action=Action.REVIEW, actor_id=str(officer.pk)).count() == 2 * marked


def test_the_letter_answers_every_point_of_article_15(answered, client, officer):
    case, row, response = answered
    token = response.context["token"]
    client.post("/privacy/inzage/review/", {"token": token, "withhold": [passage_of(response, SECRET_SUMMARY)]})
    pdf = client.post("/privacy/inzage/pdf/", {"token": token})
    text = " ".join(assert_pdfa_2u(pdf.content).split())
    organisation = officer.organisation
    for expected in (
        organisation.name, "Postbus 1", request_reference(row), datum(timezone.localdate()), officer.display_name,
        "artikel 34", "Waarvoor wij uw gegevens gebruiken", "Welke gegevens wij verwerken",
        "Aan wie wij uw gegevens", "Hoe lang wij uw gegevens bewaren", "artikel 16", "artikel 17", "artikel 18",
        "artikel 21", "Autoriteit Persoonsgegevens", "Waar uw gegevens vandaan komen",
        "uitsluitend op geautomatiseerde verwerking", "artikel 15 lid 3", "artikel 15 lid 4",
        "artikel 41 lid 1 onder i", "bezwaar", "6:7", "6:9",
        datum(objection_deadline(announced_on=timezone.localdate())), case.reference,
    ):
        assert expected in text, expected


def test_a_review_by_another_role_is_refused_and_audited(answered, client, login, make_user):
    _case, _row, response = answered
    token = response.context["token"]
    other = make_user(role=PROCESREGISSEUR)
    login(client, other)
    assert client.post("/privacy/inzage/review/", {"token": token}).status_code == 403
    assert client.post("/privacy/inzage/pdf/", {"token": token}).status_code == 403
    assert events(action=Action.ACCESS_DENIED, actor_id=str(other.pk)).exists()
    assert not events(action=Action.REVIEW).exists()


def test_a_team_lead_sets_the_postal_address_and_others_may_not(client, login, make_user):
    lead = make_user(role=TEAMLEIDER)
    login(client, lead)
    assert client.post("/accounts/organisation/", {"postal_address": ""}).status_code == 400
    response = client.post("/accounts/organisation/", {"postal_address": "Postbus 77\n9999 BB Testdorp"})
    assert response.status_code == 302
    lead.organisation.refresh_from_db()
    assert lead.organisation.postal_address == "Postbus 77\n9999 BB Testdorp"
    (changed,) = events(action=Action.UPDATE, processing_activity=ACCOUNT_ADMINISTRATION,
                        object_type="accounts.Organisation")
    assert changed.actor_id == str(lead.pk) and changed.object_id == str(lead.organisation.pk)
    assert changed.reason == "changed:postal_address" and "Testdorp" not in changed.reason
    officer = make_user(role=PRIVACY_OFFICER)
    login(client, officer)
    assert client.post("/accounts/organisation/", {"postal_address": "Postbus 1\n9999 CC X"}).status_code == 403
    assert events(action=Action.ACCESS_DENIED, actor_id=str(officer.pk)).exists()
    assert events(action=Action.UPDATE, object_type="accounts.Organisation").count() == 1
    lead.organisation.refresh_from_db()
    assert lead.organisation.postal_address == "Postbus 77\n9999 BB Testdorp"


def test_the_pga_plan_reads_as_text_with_partner_names_and_its_texts_are_reviewed(make_user, officer):
    from casework.pga.services.monitoring import measurement_record
    from casework.pga.services.plan import plan_update
    from casework.privacy.inzage_review import free_texts
    from tests.factories.accounts import OrganisationFactory

    owner = make_user(role=PROCESREGISSEUR)
    partner = OrganisationFactory(name="Testwoningcorporatie")
    case = make_pga_case(owner=owner, status="in_behandeling", bsn=TEST_BSNS[0], surname="Planpersoon")
    plan = plan_update(actor=owner, case=case, goals=[
        {"leefgebied": "housing", "goal": "Huisuitzetting voorkomen.",
         "interventions": [{"description": "Betalingsregeling treffen", "partner_id": str(partner.pk),
                            "due_on": "2026-05-01"}]},
        {"leefgebied": "finances", "goal": "Schulden in beeld.", "interventions": []},
    ])
    measured = measurement_record(actor=owner, case=case, measured_on=timezone.localdate(),
                                  scores={"housing": 2, "addiction": 4})
    report = report_for(officer, TEST_BSNS[0])
    (scores,) = [i for c in report.cases for i in c.items if i.key == f"pga.SelfRelianceMeasurement:{measured.pk}"]
    assert ("Wonen", "2") in scores.values and ("Verslaving", "4") in scores.values
    (item,) = [i for c in report.cases for i in c.items if i.key == f"pga.PlanVersion:{plan.pk}"]
    values = dict(item.values)
    assert values["Doel 1 (Wonen)"] == "Huisuitzetting voorkomen."
    assert values["Interventie 1.1"] == "Betalingsregeling treffen, door Testwoningcorporatie, uiterlijk 01-05-2026"
    assert values["Doel 2 (Financiën en schulden)"] == "Schulden in beeld."
    text = text_of(report)
    for raw in (str(partner.pk), "partner_id", "leefgebied", "housing", "addiction", "{", "2026-05-01"):
        assert raw not in text, raw
    reviewed = {free.key for free in free_texts(report) if free.key.startswith(f"pga.PlanVersion:{plan.pk}:")}
    assert reviewed == {f"pga.PlanVersion:{plan.pk}:goals.1", f"pga.PlanVersion:{plan.pk}:goals.1.1",
                        f"pga.PlanVersion:{plan.pk}:goals.2"}
