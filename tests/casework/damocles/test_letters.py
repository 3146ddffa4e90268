"""Damocles letters (casework/damocles/letters.py, web/views/letters.py): content, storage, permissions, audit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from accounts.models import Organisation
from accounts.roles import HANDHAVER, KETENPARTNER, TEAMLEIDER
from audit.activities import CHAIN_SHARING
from casework.damocles.casetype import DAMOCLES_DECISION, DAMOCLES_REPORT
from casework.damocles.letters import letter_generate, letter_pdf_bytes
from casework.damocles.models import Letter
from casework.models import SharingDecision
from casework.sharing import share_create
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.casework.damocles.letters_support import (
    PROPORTIONALITY,
    add_report,
    announce,
    decided_closure,
    make_person,
    make_procedure,
    policy_version,
)
from tests.factories.accounts import OrganisationFactory, TeamFactory
from tests.pdfa import assert_pdfa_2u

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture(autouse=True)
def letter_files(tmp_path, monkeypatch):
    """Sealed letter files go to a temporary folder, not var/media."""
    storage = Letter._meta.get_field("pdf").storage
    monkeypatch.setattr(storage, "inner", FileSystemStorage(location=tmp_path))
    return tmp_path


@pytest.fixture(autouse=True)
def municipality(organisation):
    """The officers' organisation as a municipality names itself: letters say "van Testdorp"."""
    organisation.name = "Gemeente Testdorp"
    organisation.save(update_fields=["name"])
    return organisation


@pytest.fixture
def team(organisation):
    return TeamFactory(organisation=organisation, name="Testteam Handhaving")


@pytest.fixture
def officer(make_user, team):
    return make_user(role=HANDHAVER, team=team)


def pdf_text(letter: Letter) -> str:
    """Every letter is checked as PDF/A-2u (tests/pdfa.py) before its text is read."""
    return assert_pdfa_2u(letter_pdf_bytes(letter))



# --- content -----------------------------------------------------------------------------------

def test_decision_pdf_has_the_345_clause_with_the_addressees_deadline_and_the_decision(officer):
    detail = decided_closure(owner=officer)
    owner = make_person(actor=officer)
    announcement = announce(detail, by=officer, announced_on=date(2026, 11, 16), person=owner)
    assert announcement.objection_deadline == date(2026, 12, 28)  # Monday: 6 weeks from the day after

    letter = letter_generate(actor=officer, case=detail.case, kind="besluit", announcement=announcement)
    text = pdf_text(letter)

    assert "Bent u het niet eens met dit besluit? Maak dan bezwaar" in text
    assert "binnen zes weken na de dag waarop dit besluit aan u is bekendgemaakt" in text
    assert "Datum: 16 november 2026" in text  # the announcement's date, not the day it was generated
    assert "De bezwaartermijn eindigt op 28 december 2026" in text and "zijn ontvangen" not in text
    assert "per post is verzonden en niet later dan een week na afloop van de termijn is ontvangen" in text  # 6:9
    assert "De burgemeester van Testdorp Postbus 1 9999 AA Testdorp" in text  # letterhead and objection address
    assert "Gemeente Testdorp" not in text
    assert "Teststraat" in text and "9999 XX Demodorp" in text  # the premises
    assert "harddrugs: 6 gram" in text and "softdrugs: 42,5 gram" in text  # the findings
    assert policy_version().name in text and "1 juli 2023" in text  # the policy version used
    for name, reason in PROPORTIONALITY.items():
        assert reason in text, name
    assert "91 dagen (13 weken)" in text  # duration
    assert "begunstigingstermijn van 7 dagen" in text and "23 november 2026" in text  # compliance term
    assert "de burgemeester van Testdorp, namens deze, T. Testambtenaar" in text  # signatory in mandate
    assert "de woning aan Teststraat" in text and "het woning" not in text
    assert f"{owner.first_names} {owner.surname}" in text


def test_two_addressees_get_letters_with_their_own_deadlines(officer):
    detail = decided_closure(owner=officer)
    owner_ann = announce(detail, by=officer, announced_on=date(2026, 11, 16), role="owner", name="Testverhuur B.V.")
    tenant_ann = announce(detail, by=officer, announced_on=date(2026, 11, 18), role="tenant",
                          person=make_person(actor=officer))
    # 18 November + 6 weeks = Wednesday 30 December; 14 November (Saturday) would end on Boxing Day
    assert tenant_ann.objection_deadline == date(2026, 12, 30)

    owner_text = pdf_text(letter_generate(actor=officer, case=detail.case, kind="besluit", announcement=owner_ann))
    tenant_text = pdf_text(letter_generate(actor=officer, case=detail.case, kind="besluit", announcement=tenant_ann))

    assert "eindigt op 28 december 2026" in owner_text and "30 december 2026" not in owner_text
    assert "eindigt op 30 december 2026" in tenant_text and "28 december 2026" not in tenant_text
    assert "Datum: 16 november 2026" in owner_text and "Datum: 18 november 2026" in tenant_text
    assert "(eigenaar)" in owner_text and "(huurder)" in tenant_text
    assert Letter.objects.filter(case=detail.case, kind="besluit").count() == 2


def test_holiday_deadline_moves_to_the_next_working_day_in_the_letter(officer):
    detail = decided_closure(owner=officer)
    # Saturday 14 November 2026 + 6 weeks = Saturday 26 December (Boxing Day) -> Monday 28 December
    announcement = announce(detail, by=officer, announced_on=date(2026, 11, 14), name="Testbewoner")
    text = pdf_text(letter_generate(actor=officer, case=detail.case, kind="besluit", announcement=announcement))
    assert "eindigt op 28 december 2026" in text


def test_warning_letter_has_no_objection_clause(officer):
    detail = make_procedure(owner=officer, policy_version=policy_version(), offence_number=1,
                            proposed_sanction="warning", chosen_sanction="warning", status="beoordeling")
    add_report(detail, by=officer, findings=(("softdrugs", "12", "g"),))
    letter = letter_generate(actor=officer, case=detail.case, kind="waarschuwing")
    text = pdf_text(letter)
    assert "Waarschuwing" in text and "softdrugs: 12 gram" in text
    assert "geen besluit" in text
    assert "bezwaar" not in text.lower() and "uiterlijk" not in text
    assert "bezwaar" not in letter.html.lower()


def test_intention_letter_states_the_term_for_a_view_and_its_due_date(officer):
    detail = make_procedure(owner=officer, policy_version=policy_version(), offence_number=1,
                            proposed_sanction="closure", proposed_days=28, chosen_sanction="closure",
                            intention_sent_on=date(2026, 11, 2), view_due_on=date(2026, 11, 16),
                            intention_signatory="A. Testambtenaar, teamleider handhaving", intention_under_mandate=True,
                            status="voornemen_verzonden")
    add_report(detail, by=officer)
    text = pdf_text(letter_generate(actor=officer, case=detail.case, kind="voornemen"))
    assert "Datum: 2 november 2026" in text and "CONCEPT" not in text
    assert "namens deze, A. Testambtenaar, teamleider handhaving" in text  # the signatory, as on a decision
    assert "binnen 2 weken na de datum van deze brief uw zienswijze" in text
    assert "uiterlijk 16 november 2026" in text
    assert "28 dagen (4 weken)" in text


def test_letter_is_stored_sealed_and_its_generation_is_a_create_event(officer, letter_files):
    detail = decided_closure(owner=officer)
    announcement = announce(detail, by=officer, announced_on=date(2026, 11, 16), name="Testbewoner")
    letter = letter_generate(actor=officer, case=detail.case, kind="besluit", announcement=announcement)

    raw = (letter_files / letter.pdf.name).read_bytes()
    assert not raw.startswith(b"%PDF") and b"Testbewoner" not in raw
    assert letter_pdf_bytes(letter).startswith(b"%PDF")
    assert "<link rel=\"stylesheet\"" in letter.html and "style=" not in letter.html
    created = events(action="create", object_type="damocles.Letter", object_id=str(letter.pk))
    assert created.count() == 1
    event = created.get()
    assert event.case_id == str(detail.case.pk) and event.reason == "letter besluit generated"
    assert event.actor_id == str(officer.pk)
    assert letter.history.count() == 1


# --- bad input ----------------------------------------------------------------------------------

def test_decision_letter_needs_a_complete_decision(officer, letter_files):
    detail = decided_closure(owner=officer)
    incomplete = make_procedure(owner=officer, chosen_sanction="closure", chosen_days=28, status="besluit",
                                decided_on=date(2026, 11, 13), geschikt="alleen geschikt (test)")
    announcement = announce(incomplete, by=officer, announced_on=date(2026, 11, 16), name="Testbewoner")
    with pytest.raises(ValidationError) as incomplete_decision:
        letter_generate(actor=officer, case=incomplete.case, kind="besluit", announcement=announcement)
    message = " ".join(incomplete_decision.value.messages)
    assert "noodzakelijk" in message and "evenwichtig" in message and "policy_version" in message

    with pytest.raises(ValidationError):  # another case's announcement
        letter_generate(actor=officer, case=detail.case, kind="besluit", announcement=announcement)
    with pytest.raises(ValidationError):
        letter_generate(actor=officer, case=detail.case, kind="brief")
    assert Letter.objects.count() == 0
    assert list(letter_files.rglob("*.pdf")) == []  # nothing half-saved


def test_generation_needs_change_access(officer, make_user, organisation):
    detail = decided_closure(owner=officer)
    outsider = make_user(role=HANDHAVER, team=TeamFactory(organisation=organisation, name="Testteam B"))
    with pytest.raises(PermissionDenied):
        letter_generate(actor=outsider, case=detail.case, kind="waarschuwing")
    assert Letter.objects.count() == 0
    assert events(action="access_denied", case_id=str(detail.case.pk), actor_id=str(outsider.pk)).count() == 1


# --- downloads ----------------------------------------------------------------------------------

@pytest.fixture
def decision_letter(officer):
    detail = decided_closure(owner=officer)
    person = make_person(actor=officer)
    announcement = announce(detail, by=officer, announced_on=date(2026, 11, 16), person=person)
    letter = letter_generate(actor=officer, case=detail.case, kind="besluit", announcement=announcement)
    return letter, person


def pdf_url(letter):
    return f"/cases/{letter.case_id}/letters/{letter.pk}.pdf"


def test_pdf_download_is_an_audited_attachment(client, login, officer, decision_letter):
    letter, person = decision_letter
    login(client, officer)
    response = client.get(pdf_url(letter))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    event = events(action="export", object_id=str(letter.pk)).get()
    assert event.case_id == str(letter.case_id) and event.processing_activity == "damocles"
    assert event.subject_pseudonym == subject_pseudonym(person.pk)
    assert event.actor_id == str(officer.pk)


def test_html_download_is_a_view_event_and_csp_safe(client, login, officer, decision_letter):
    letter, _person = decision_letter
    login(client, officer)
    response = client.get(f"/cases/{letter.case_id}/letters/{letter.pk}.html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "eindigt op 28 december 2026" in body and "/static/css/letters.css" in body
    assert "style=" not in body and "<script" not in body
    assert "style-src 'self'" in response["Content-Security-Policy"]
    assert events(action="view", object_id=str(letter.pk), case_id=str(letter.case_id)).count() == 1


def share(case, *, actor, partner, categories, expired=False):
    decision = share_create(actor=actor, case=case, partner=partner, categories=categories,
                            processing_activity=CHAIN_SHARING, purpose="Afstemming (test)",
                            weighing="Deling is nodig voor de afstemming met de partner; minder volstaat niet (test).",
                            ends_on=timezone.localdate() + timedelta(days=30))
    if expired:
        yesterday = timezone.localdate() - timedelta(days=1)
        SharingDecision.objects.filter(pk=decision.pk).update(starts_on=yesterday - timedelta(days=5),
                                                              ends_on=yesterday)
    return decision


@pytest.fixture
def partner_org(db):
    return OrganisationFactory(name="Testpolitie Damocles", kind=Organisation.Kind.POLITIE)


def refused(client, letter, user, login):
    login(client, user)
    before = events(action="access_denied", case_id=str(letter.case_id), actor_id=str(user.pk)).count()
    disclosed = events(action__in=["export", "view"], object_id=str(letter.pk), actor_id=str(user.pk)).count()
    pdf = client.get(pdf_url(letter))
    html = client.get(f"/cases/{letter.case_id}/letters/{letter.pk}.html")
    page = client.get(f"/cases/{letter.case_id}/letters/")
    after = events(action="access_denied", case_id=str(letter.case_id), actor_id=str(user.pk)).count()
    assert (pdf.status_code, html.status_code, page.status_code) == (403, 403, 403)
    assert b"%PDF" not in pdf.content and b"december 2026" not in html.content
    assert after - before == 3
    assert events(action__in=["export", "view"], object_id=str(letter.pk), actor_id=str(user.pk)).count() == disclosed


def test_download_refused_to_another_organisation(client, login, make_user, other_organisation, decision_letter):
    letter, _person = decision_letter
    outsider = make_user(role=HANDHAVER, organisation=other_organisation,
                         team=TeamFactory(organisation=other_organisation))
    refused(client, letter, outsider, login)
    lead = make_user(role=TEAMLEIDER, organisation=other_organisation)
    refused(client, letter, lead, login)


def test_download_refused_to_a_partner_without_the_decisions_category(client, login, make_user, officer,
                                                                      partner_org, decision_letter):
    letter, _person = decision_letter
    share(letter.case, actor=officer, partner=partner_org, categories=[DAMOCLES_REPORT])
    partner = make_user(role=KETENPARTNER, organisation=partner_org)
    refused(client, letter, partner, login)


def test_partner_with_the_decisions_category_may_download_until_the_share_expires(client, login, make_user,
                                                                                 officer, partner_org,
                                                                                 decision_letter):
    letter, _person = decision_letter
    decision = share(letter.case, actor=officer, partner=partner_org, categories=[DAMOCLES_DECISION])
    partner = make_user(role=KETENPARTNER, organisation=partner_org)
    login(client, partner)
    assert client.get(pdf_url(letter)).status_code == 200
    assert events(action="export", object_id=str(letter.pk), actor_id=str(partner.pk)).count() == 1
    page = client.get(f"/cases/{letter.case_id}/letters/")
    assert page.status_code == 200 and b'name="kind"' not in page.content  # read-only
    assert client.post(f"/cases/{letter.case_id}/letters/", {"kind": "waarschuwing"}).status_code == 403

    yesterday = timezone.localdate() - timedelta(days=1)
    SharingDecision.objects.filter(pk=decision.pk).update(starts_on=yesterday - timedelta(days=5), ends_on=yesterday)
    refused(client, letter, partner, login)


def test_letters_page_generates_a_letter_and_records_the_view(client, login, officer):
    detail = decided_closure(owner=officer)
    person = make_person(actor=officer)
    announcement = announce(detail, by=officer, announced_on=date(2026, 11, 16), person=person)
    login(client, officer)
    url = f"/cases/{detail.case.pk}/letters/"
    page = client.get(url)
    assert page.status_code == 200
    viewed = events(action="view", case_id=str(detail.case.pk), object_type="damocles.Letter")
    assert {e.subject_pseudonym for e in viewed} == {subject_pseudonym(person.pk),
                                                      subject_pseudonym(detail.case.person_id)}
    response = client.post(url, {"kind": "besluit", "announcement": str(announcement.pk)})
    assert response.status_code == 302
    letter = Letter.objects.get(case=detail.case)
    assert letter.announcement_id == announcement.pk and letter.created_by_id == officer.pk
    page = client.get(url)
    assert pdf_url(letter).encode() in page.content

    bad = client.post(url, {"kind": "voornemen"})  # no basis after the decision: form error, nothing saved
    assert bad.status_code == 200 and b"utrecht-alert--error" in bad.content
    assert Letter.objects.filter(case=detail.case).count() == 1
    assert b'value="voornemen"' not in page.content and b'value="besluit"' in page.content  # only what fits
