"""The inzage report (AVG 15): every share and every access about the person, nothing about anyone else."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from accounts.roles import KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER
from audit.actions import Action
from audit.activities import PRIVACY_SUPERVISION
from casework.privacy import inzage
from casework.privacy.models import DataSubjectRequest
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.casework.api.conftest import share
from tests.factories.accounts import OrganisationFactory
from tests.factories.casework import TEST_BSNS, make_pga_case
from tests.pdfa import assert_pdfa_2u

pytestmark = pytest.mark.django_db(databases="__all__")

URL = "/privacy/inzage/"
BSN, OTHER_BSN = TEST_BSNS[1], TEST_BSNS[2]
AANLEIDING = "Zorgen over schulden van deze betrokkene (inzagetest)."
OTHER_AANLEIDING = "Geheime aanleiding van iemand anders (mag niet zichtbaar zijn)."



@pytest.fixture
def world(make_user, organisation, other_organisation, client, login):
    owner = make_user(role=PROCESREGISSEUR)
    colleague = make_user(role=PROCESREGISSEUR)
    partner_a = OrganisationFactory(name="Test-GGZ Inzage")
    partner_b = OrganisationFactory(name="Test-Reclassering Inzage")
    partner_other = OrganisationFactory(name="Test-Woningcorporatie Anders")
    mine = make_pga_case(owner=owner, status="in_behandeling", bsn=BSN, surname="Inzagepersoon",
                         aanleiding=AANLEIDING)
    share(mine, by=owner, partner_org=partner_a, categories=("metadata", "personalia"))
    revoked = share(mine, by=owner, partner_org=partner_b)
    from casework.sharing import share_revoke
    share_revoke(actor=owner, share=revoked, reason="Niet meer nodig voor het overleg (test).")
    # Someone else in the same organisation, with a share and accesses of their own.
    someone = make_pga_case(owner=colleague, status="in_behandeling", bsn=OTHER_BSN, surname="Anderpersoon",
                            aanleiding=OTHER_AANLEIDING)
    share(someone, by=colleague, partner_org=partner_other)
    # The same BSN under another controller: only its existence and the controller may show.
    elsewhere_owner = make_user(role=PROCESREGISSEUR, organisation=other_organisation)
    elsewhere = make_pga_case(owner=elsewhere_owner, status="in_behandeling", bsn=BSN,
                              aanleiding="Aanleiding bij de andere verwerkingsverantwoordelijke.")
    # Accesses: the owner and a colleague open the person's case; the colleague opens the other one.
    login(client, owner)
    assert client.get(f"/cases/{mine.pk}/").status_code == 200
    login(client, colleague)
    client.get(f"/cases/{mine.pk}/")
    assert client.get(f"/cases/{someone.pk}/").status_code == 200
    client.logout()
    officer = make_user(role=PRIVACY_OFFICER)
    return {"owner": owner, "mine": mine, "someone": someone, "elsewhere": elsewhere, "officer": officer,
            "partner_a": partner_a, "partner_b": partner_b, "partner_other": partner_other}


def generate(world, **search):
    persons = inzage.find_person_records(**(search or {"bsn": BSN}))
    return inzage.inzage_report(user=world["officer"], persons=persons, reason="request")


def test_the_report_lists_every_share_and_every_access_about_the_person(world):
    mine = world["mine"]
    pseudonym = subject_pseudonym(mine.person_id)
    expected_accesses = events(subject_pseudonym=pseudonym).count()
    report = generate(world)
    assert {r.partner for r in report.recipients} == {world["partner_a"].name, world["partner_b"].name}
    assert [r.revoked_on is not None for r in sorted(report.recipients, key=lambda r: r.partner)] == [False, True]
    # Every event about the subject before the report, plus the report's own event.
    assert report.access_count == sum(row.times for row in report.access_log) == expected_accesses + 1
    owner_views = events(subject_pseudonym=pseudonym, actor_id=str(world["owner"].pk), action=Action.VIEW).count()
    assert owner_views >= 1 and expected_accesses > owner_views  # the colleague's refused attempt is there too
    assert {a.organisation for a in report.access_log} >= {"Testgemeente Noord"}
    assert [c.reference for c in report.cases] == [mine.reference]
    values = [value for item in report.cases[0].items for _label, value in item.values]
    assert AANLEIDING in values
    personal = dict(report.personal_data[0].values)
    assert BSN in personal.values() and "Inzagepersoon" in personal.values()
    assert {p.code for p in report.purposes} == {"pga-procesregie", "chain-sharing"}
    assert len(report.retention) == 1 and report.retention[0].period.startswith("2 ")  # PGA: 2 years (seeded)


def test_nothing_about_anyone_else(world, client, login):
    login(client, world["officer"])
    html = client.post(URL, {"bsn": BSN, "reason": "request"}).content.decode()
    assert AANLEIDING in html and world["mine"].reference in html
    for leak in (world["someone"].reference, OTHER_AANLEIDING, "Anderpersoon", OTHER_BSN,
                 world["partner_other"].name, world["elsewhere"].reference,
                 "Aanleiding bij de andere verwerkingsverantwoordelijke."):
        assert leak not in html, leak
    report = generate(world)
    someone_cases = {str(world["someone"].pk), str(world["elsewhere"].pk)}
    assert not any(ref in a.what for a in report.access_log for ref in (world["someone"].reference,))
    assert not events(subject_pseudonym=subject_pseudonym(world["someone"].person_id),
                      processing_activity=PRIVACY_SUPERVISION).exists()
    assert all(world["someone"].reference not in a.what and a.what not in someone_cases for a in report.access_log)


@pytest.mark.parametrize(("reason", "dutch"), [
    ("request", "een verzoek van een betrokkene beantwoorden (AVG 15)"),
    ("decision", "een besluit op een verzoek van een betrokkene voorbereiden"),
    ("authority", "vraag van de toezichthouder")])
def test_the_report_states_its_reason_in_dutch(world, client, login, reason, dutch):
    """The reason was shown as the audit trail records it, in English ("Reden: answer a data-subject request (AVG
    15)"; found by the web sweep sending the report's form, 7 December 2026)."""
    login(client, world["officer"])
    html = client.post(URL, {"bsn": BSN, "reason": reason}).content.decode()
    assert f"Reden: {dutch}." in html
    assert inzage.REASONS[reason] not in html


def test_another_controllers_record_is_only_mentioned_with_its_controller(world):
    report = generate(world)
    # The other controller's person record and its case: named by controller, nothing else.
    assert [r.controller for r in report.referrals] == ["Testpolitie Zuid", "Testpolitie Zuid"]
    assert all(c.controller == "Testgemeente Noord" for c in report.cases)
    assert len(report.personal_data) == 1


def test_a_joint_controller_sees_the_content_of_the_joint_case(world, organisation):
    world["elsewhere"].joint_controllers.add(organisation)
    report = generate(world)
    assert {c.reference for c in report.cases} == {world["mine"].reference, world["elsewhere"].reference}
    assert report.referrals == []


def test_generating_the_report_is_audited_per_person_record(world, client, login):
    login(client, world["officer"])
    response = client.post(URL, {"bsn": BSN, "reason": "authority"})
    assert response.status_code == 200
    rows = events(actor_id=str(world["officer"].pk), processing_activity=PRIVACY_SUPERVISION, action=Action.VIEW)
    expected = {subject_pseudonym(world["mine"].person_id), subject_pseudonym(world["elsewhere"].person_id)}
    assert {row.subject_pseudonym for row in rows} == expected
    assert all(row.reason.startswith("inzage report (AVG 15): authority") for row in rows)
    text = " ".join(" ".join(r) for r in events().values_list("reason", "object_id", "user_agent"))
    assert BSN not in text and "Inzagepersoon" not in text


def reviewed_token(world, client, **extra):
    """Register the request, generate the report for it and record a review that withholds nothing."""
    from casework.privacy.requests import request_register

    row = request_register(actor=world["officer"], kind=DataSubjectRequest.Kind.INZAGE,
                           received_on=world["mine"].opened_on, person=world["mine"].person, **extra)
    token = client.post(URL, {"bsn": BSN, "reason": "request", "request": row.pk}).context["token"]
    reviewed = client.post("/privacy/inzage/review/", {"token": token})
    assert reviewed.status_code == 200
    assert ('name="handover_decided"' in reviewed.content.decode()) == bool(extra.get("postponement_ground"))
    return token


def test_the_pdf_is_the_same_report_and_is_audited_as_an_export(world, client, login):
    login(client, world["officer"])
    token = reviewed_token(world, client)
    response = client.post("/privacy/inzage/pdf/", {"token": token})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert_pdfa_2u(response.content, contains=(world["mine"].reference,))
    exported = events(action=Action.EXPORT, processing_activity=PRIVACY_SUPERVISION)
    assert {e.subject_pseudonym for e in exported} == {subject_pseudonym(world["mine"].person_id),
                                                       subject_pseudonym(world["elsewhere"].person_id)}
    assert client.post("/privacy/inzage/pdf/", {"token": token + "x"}).status_code == 400


def test_a_copy_that_cannot_be_made_says_why_on_a_dutch_page(world, client, login):
    """A report whose token expired (or was altered), or that is not reviewed yet, is refused on a page of the
    application with the reason and the way back (it was a bare line of text)."""
    login(client, world["officer"])
    token = client.post(URL, {"bsn": BSN, "reason": "authority"}).context["token"]
    for url, body, reason in (
            ("/privacy/inzage/pdf/", {"token": token + "x"}, "Dit rapport is verlopen"),
            ("/privacy/inzage/review/", {"token": token + "x"}, "Dit rapport is verlopen"),
            ("/privacy/inzage/pdf/", {"token": token}, "Koppel het rapport aan het verzoek")):
        response = client.post(url, body)
        page = response.content.decode()
        assert response.status_code == 400 and 'lang="nl"' in page, url
        assert reason in page and 'href="/privacy/inzage/"' in page, (url, reason)
    assert not events(action=Action.EXPORT).exists()


def test_surname_and_date_of_birth_find_the_person(world):
    person = world["mine"].person
    report = generate(world, surname="inzagepersoon", date_of_birth=person.date_of_birth)
    assert [c.reference for c in report.cases] == [world["mine"].reference]


def test_no_match_says_no_data_and_is_recorded(world, client, login):
    login(client, world["officer"])
    response = client.post(URL, {"bsn": TEST_BSNS[4], "reason": "request"})
    assert response.status_code == 200 and not response.context["report"].found
    assert events(action=Action.VIEW, processing_activity=PRIVACY_SUPERVISION, subject_pseudonym="").exists()


def test_a_postponement_on_the_request_is_stated(world):
    from casework.privacy.requests import request_register

    request_register(actor=world["officer"], kind=DataSubjectRequest.Kind.INZAGE,
                     received_on=world["mine"].opened_on, person=world["mine"].person,
                     postponement_ground=DataSubjectRequest.PostponementGround.CRIMINAL_OFFENCES)
    report = generate(world)
    assert [p.ground for p in report.postponements] == [
        str(DataSubjectRequest.PostponementGround.CRIMINAL_OFFENCES.label)]


def test_with_a_postponement_the_pdf_needs_the_officers_decision(world, client, login):
    login(client, world["officer"])
    token = reviewed_token(world, client,
                           postponement_ground=DataSubjectRequest.PostponementGround.CRIMINAL_OFFENCES)
    assert client.post("/privacy/inzage/pdf/", {"token": token}).status_code == 400
    assert not events(action=Action.EXPORT).exists()
    response = client.post("/privacy/inzage/pdf/", {"token": token, "handover_decided": "yes"})
    assert response.status_code == 200 and events(action=Action.EXPORT).exists()


@pytest.mark.parametrize("role", [PROCESREGISSEUR, TEAMLEIDER, KETENPARTNER])
def test_other_roles_are_refused_and_the_refusal_is_audited(world, client, login, make_user, role):
    user = make_user(role=role)
    login(client, user)
    response = client.post(URL, {"bsn": BSN, "reason": "request"})
    assert response.status_code == 403 and AANLEIDING not in response.content.decode()
    assert events(action=Action.ACCESS_DENIED, actor_id=str(user.pk)).exists()
    with pytest.raises(PermissionDenied):
        inzage.inzage_report(user=user, persons=inzage.find_person_records(bsn=BSN), reason="request")
    assert not events(processing_activity=PRIVACY_SUPERVISION, actor_id=str(user.pk), action=Action.VIEW).exists()


def test_a_damocles_procedure_shows_this_persons_part_and_not_another_addressees(make_user):
    from casework.damocles.services.tracks import announcement_register
    from tests.factories.casework import person_data
    from tests.factories.damocles import make_damocles_case, walk_to_decision

    officer_enf = make_user(role="handhaver")
    lead = make_user(role=TEAMLEIDER)
    case = make_damocles_case(owner=officer_enf, main_person=person_data(bsn=TEST_BSNS[0], surname="Huurdertest"))
    walk_to_decision(case, by=officer_enf, lead=lead)
    announcement_register(actor=officer_enf, case=case, role="tenant", method="registered_post",
                          announced_on=case.damocles.decided_on, addressee_person=case.person)
    announcement_register(actor=officer_enf, case=case, role="owner", method="registered_post",
                          announced_on=case.damocles.decided_on, addressee_name="Eigenaar Anderspersoon")
    privacy = make_user(role=PRIVACY_OFFICER)
    report = inzage.inzage_report(user=privacy, persons=inzage.find_person_records(bsn=TEST_BSNS[0]), reason="request")
    assert [c.reference for c in report.cases] == [case.reference]
    values = " ".join(value for item in report.cases[0].items for _label, value in item.values)
    assert "Teststraat" in values and "12" in values  # the premises and the finding
    assert "Eigenaar Anderspersoon" not in values and "Testverhuur B.V." not in values  # other people's data
    titles = [item.title for item in report.cases[0].items]
    assert titles.count(titles[0]) >= 1 and len([t for t in titles if "ekendmaking" in t or "nnouncement" in t]) == 1


def test_two_people_with_the_same_surname_and_birth_date_are_never_combined(world, client, login, make_user):
    twin = make_pga_case(owner=world["owner"], status="in_behandeling", bsn=TEST_BSNS[3], surname="Inzagepersoon",
                         date_of_birth=world["mine"].person.date_of_birth)
    login(client, world["officer"])
    response = client.post(URL, {"surname": "Inzagepersoon", "reason": "request",
                                 "date_of_birth": world["mine"].person.date_of_birth.isoformat()})
    assert response.status_code == 400 and response.context["report"] is None
    assert twin.reference not in response.content.decode() and AANLEIDING not in response.content.decode()
    assert not events(processing_activity=PRIVACY_SUPERVISION, action=Action.VIEW).exists()


def test_the_access_log_has_one_row_per_local_day_with_how_many_times_and_when(world, monkeypatch, client, login):
    """Three reads by the owner at 23:30, 23:50 (1 March) and 00:10 (2 March), Amsterdam time: the day is the
    local one, so the first two are one row (2 times, 23:30 to 23:50) and the third is the next day's (ADR 0051)."""
    from datetime import UTC, date, datetime
    from types import SimpleNamespace

    from audit import chain, record

    mine, owner = world["mine"], world["owner"]
    for moment in (datetime(2026, 3, 1, 22, 30, tzinfo=UTC), datetime(2026, 3, 1, 22, 50, tzinfo=UTC),
                   datetime(2026, 3, 1, 23, 10, tzinfo=UTC)):
        monkeypatch.setattr(chain, "timezone", SimpleNamespace(now=lambda moment=moment: moment))
        record(action=Action.VIEW, processing_activity="pga-procesregie", object_type="casework.Case",
               object_id=mine.pk, case_id=mine.pk, subject_id=mine.person_id, actor=owner)
    monkeypatch.undo()
    before = events(subject_pseudonym=subject_pseudonym(mine.person_id)).count()
    report = generate(world)
    march = [row for row in report.access_log if row.on.month == 3]
    assert [(row.on, row.times, row.action, row.what) for row in march] == [
        (date(2026, 3, 1), 2, "Bekijken", mine.reference), (date(2026, 3, 2), 1, "Bekijken", mine.reference)]
    assert (march[0].first, march[0].last) == (datetime(2026, 3, 1, 22, 30, tzinfo=UTC),
                                               datetime(2026, 3, 1, 22, 50, tzinfo=UTC))
    assert report.access_log[0] == march[0]  # oldest first
    assert report.access_count == before + 1  # and the report's own event
    login(client, world["officer"])
    html = client.post(URL, {"bsn": BSN, "reason": "request"}).content.decode()
    assert "23:30 tot 23:50" in html and '<time datetime="2026-03-02">2-3-2026</time>' in html
