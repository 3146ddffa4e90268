"""Damocles letters along the real workflow: each kind only where its legal basis exists, dated on
its recorded sending date (a draft says CONCEPT), with the shared clauses of casework/letters/.

Every letter's text is read back from its PDF (checked as PDF/A-2u first).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from audit.history import save_with_reason
from casework.damocles import workflow as wf
from casework.damocles.letters import letter_generate, letter_kinds_allowed, letter_pdf_bytes
from casework.damocles.models import Letter, Sanction
from casework.pdf import datum
from tests.factories.damocles import announce, approve, assess, make_damocles_case, premises_data, step
from tests.pdfa import assert_pdfa_2u

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture(autouse=True)
def letter_files(tmp_path, monkeypatch):
    storage = Letter._meta.get_field("pdf").storage
    monkeypatch.setattr(storage, "inner", FileSystemStorage(location=tmp_path))
    return tmp_path


@pytest.fixture(autouse=True)
def municipality(organisation):
    organisation.name = "Gemeente Testdorp"
    organisation.save(update_fields=["name"])
    return organisation


def text_of(letter: Letter) -> str:
    return assert_pdfa_2u(letter_pdf_bytes(letter))


def refused(case, kind: str, **kwargs) -> str:
    """The code of the refusal (the messages are translated)."""
    with pytest.raises(ValidationError) as refusal:
        letter_generate(actor=case.owner, case=case, kind=kind, **kwargs)
    errors = refusal.value.error_dict if hasattr(refusal.value, "error_dict") else {"": [refusal.value]}
    return " ".join(str(error.code) for found in errors.values() for error in found)


def test_a_closure_procedure_gets_each_letter_only_once_its_basis_exists(officer, lead, municipality):
    case = make_damocles_case(owner=officer, premises=premises_data(kind="lokaal"))
    # the measured defect: an intention before the assessment ("onbepaalde tijd", no policy)
    assert refused(case, "voornemen") == "letter_state"
    assert letter_kinds_allowed(case) == []
    step(case, wf.BEOORDELING, by=officer)
    assert refused(case, "voornemen") == "letter_basis"
    assess(case, by=officer, sanction=Sanction.CLOSURE, days=28, reasons="Afwijking (testtekst).")
    assert letter_kinds_allowed(case) == ["voornemen"]
    assert refused(case, "besluit") == "letter_state"

    draft = text_of(letter_generate(actor=officer, case=case, kind="voornemen"))
    assert draft.startswith("CONCEPT") and "Datum: datum van verzending" in draft
    assert "uiterlijk" not in draft and datum(timezone.localdate()) not in draft  # no date as if sent
    assert "28 dagen (4 weken)" in draft and "onbepaalde tijd" not in draft
    assert "het lokaal aan Teststraat" in draft and "dit lokaal" in draft and "de lokaal" not in draft

    assert "namens deze" not in draft  # nobody recorded as signing yet: the draft names no one

    step(case, wf.VOORNEMEN_VERZONDEN, by=officer, intention_sent_on=date(2026, 3, 9),
         signatory="A. Testambtenaar, teamleider handhaving", under_mandate=True)
    sent = text_of(letter_generate(actor=officer, case=case, kind="voornemen"))
    assert "CONCEPT" not in sent and "Datum: 9 maart 2026" in sent and "uiterlijk 23 maart 2026" in sent
    # the decision's signature rule: under mandate the mandate text, then the official's name and function
    assert "de burgemeester van Testdorp, namens deze, A. Testambtenaar, teamleider handhaving" in sent
    assert "besluit" not in letter_kinds_allowed(case)

    approve(case, by=officer, lead=lead)
    step(case, wf.BESLUIT, by=officer, decided_on=date(2026, 4, 1), signatory="J. Testburgemeester",
         under_mandate=False, compliance_term_days=7)
    assert letter_kinds_allowed(case) == ["besluit"]
    assert refused(case, "voornemen") == "letter_state"
    concept = text_of(letter_generate(actor=officer, case=case, kind="besluit"))
    assert concept.startswith("CONCEPT") and "Datum: datum van verzending" in concept
    assert "eindigt op" not in concept and "bekendgemaakt een bezwaarschrift indienen" in concept
    assert "begunstigingstermijn van 7 dagen na de bekendmaking" in concept
    assert "namens deze" not in concept and "de burgemeester van Testdorp, J. Testburgemeester" in concept

    announcement = announce(case, by=officer, announced_on=date(2026, 4, 2))
    final = text_of(letter_generate(actor=officer, case=case, kind="besluit", announcement=announcement))
    assert "CONCEPT" not in final and "Datum: 2 april 2026" in final and "Testverhuur B.V." in final
    # 2 April + 6 weeks = Thursday 14 May 2026, Ascension Day: the Atw moves the end (casework.deadlines)
    assert announcement.objection_deadline > date(2026, 5, 14)
    assert f"De bezwaartermijn eindigt op {datum(announcement.objection_deadline)}." in final
    assert ("Uw bezwaarschrift is op tijd als het vóór het einde van de termijn is ontvangen, of als het vóór het "
            "einde van de termijn per post is verzonden en niet later dan een week na afloop van de termijn is "
            "ontvangen (artikel 6:9") in final
    assert f"{case.reference}, naar: De burgemeester van Testdorp Postbus 1 9999 AA Testdorp" in final
    assert "digitaal" not in final  # the organisation opened no digital route (Awb 2:15)
    assert "voorzieningenrechter van de Rechtbank Testland" in final and "artikel 8:81" in final
    assert "alleen als u bezwaar hebt gemaakt en daarop nog niet is beslist" in final
    assert "Rechtbank Testland t.a.v. de voorzieningenrechter Postbus 2 9999 AB Testdorp" in final
    assert "griffierecht" in final
    assert "Gemeente Testdorp" not in final and "het lokaal" in final

    municipality.digital_objection_url = "https://bezwaar.testdorp.invalid/"
    municipality.save(update_fields=["digital_objection_url"])
    case.controller.refresh_from_db()
    digital = text_of(letter_generate(actor=officer, case=case, kind="besluit", announcement=announcement))
    assert "ook digitaal indienen, via https://bezwaar.testdorp.invalid/ (artikel 2:15" in digital


def test_a_decision_in_mandate_says_namens_deze(officer, lead):
    case = make_damocles_case(owner=officer)
    step(case, wf.BEOORDELING, by=officer)
    assess(case, by=officer, sanction=Sanction.CLOSURE, days=28, reasons="Afwijking (testtekst).")
    step(case, wf.VOORNEMEN_VERZONDEN, by=officer, signatory="A. Testambtenaar (test)",
         intention_sent_on=date(2026, 3, 9))
    approve(case, by=officer, lead=lead)
    step(case, wf.BESLUIT, by=officer, decided_on=date(2026, 4, 1), signatory="T. Testambtenaar, teamleider",
         under_mandate=True, compliance_term_days=0)
    assert case.damocles.under_mandate is True
    text = text_of(letter_generate(actor=officer, case=case, kind="besluit"))
    assert "de burgemeester van Testdorp, namens deze, T. Testambtenaar, teamleider" in text
    assert "de woning aan Teststraat" in text and "het woning" not in text and "dit woning" not in text


def test_a_warning_is_dated_on_the_step_that_sent_it(officer):
    case = make_damocles_case(owner=officer, premises=premises_data(kind="other"))
    step(case, wf.BEOORDELING, by=officer)
    assert refused(case, "waarschuwing") == "letter_basis"
    assess(case, by=officer, sanction=Sanction.WARNING, reasons="Waarschuwing volstaat (testtekst).")
    draft = text_of(letter_generate(actor=officer, case=case, kind="waarschuwing"))
    assert draft.startswith("CONCEPT") and "het pand aan Teststraat" in draft
    step(case, wf.WAARSCHUWING, by=officer)
    sent = text_of(letter_generate(actor=officer, case=case, kind="waarschuwing"))
    assert "CONCEPT" not in sent and f"Datum: {datum(timezone.localdate())}" in sent
    assert "bezwaar" not in sent.lower() and "namens deze" not in sent


def test_a_letter_needs_the_organisations_address_and_a_decision_the_court(officer, lead, municipality):
    case = make_damocles_case(owner=officer)
    step(case, wf.BEOORDELING, by=officer)
    assess(case, by=officer, sanction=Sanction.CLOSURE, days=28, reasons="Afwijking (testtekst).")
    municipality.court_name = ""
    municipality.save(update_fields=["court_name"])
    case.controller.refresh_from_db()
    letter_generate(actor=officer, case=case, kind="voornemen")  # not appealable: no court needed
    step(case, wf.VOORNEMEN_VERZONDEN, by=officer, signatory="A. Testambtenaar (test)",
         intention_sent_on=date(2026, 3, 9))
    approve(case, by=officer, lead=lead)
    step(case, wf.BESLUIT, by=officer, decided_on=date(2026, 4, 1), signatory="J. Testburgemeester",
         compliance_term_days=7)
    assert refused(case, "besluit") == "organisation_details"
    assert Letter.objects.filter(case=case, kind="besluit").count() == 0


def test_the_page_offers_no_letter_without_a_basis_and_refuses_a_post(client, login, officer):
    case = make_damocles_case(owner=officer)
    login(client, officer)
    page = client.get(f"/cases/{case.pk}/letters/")
    assert page.status_code == 200 and b'name="kind"' not in page.content
    assert b"app-no-letter" in page.content  # the page says why
    response = client.post(f"/cases/{case.pk}/letters/", {"kind": "voornemen"})
    assert response.status_code == 400 and Letter.objects.count() == 0
    detail = client.get(f"/cases/{case.pk}/")
    assert f"/cases/{case.pk}/letters/".encode() not in detail.content  # no "Generate letters" link


def test_an_intention_signed_by_the_mayor_personally_names_them_without_namens_deze(officer):
    case = make_damocles_case(owner=officer)
    step(case, wf.BEOORDELING, by=officer)
    assess(case, by=officer, sanction=Sanction.CLOSURE, days=28, reasons="Afwijking (testtekst).")
    with pytest.raises(ValidationError) as error:  # who signs is recorded with the sending, as for the decision
        step(case, wf.VOORNEMEN_VERZONDEN, by=officer, intention_sent_on=date(2026, 3, 9))
    assert "signatory" in error.value.message_dict
    step(case, wf.VOORNEMEN_VERZONDEN, by=officer, intention_sent_on=date(2026, 3, 9),
         signatory="J. Testburgemeester")
    text = text_of(letter_generate(actor=officer, case=case, kind="voornemen"))
    assert "Hoogachtend, de burgemeester van Testdorp, J. Testburgemeester" in text and "namens deze" not in text


def test_a_sent_intention_without_a_recorded_signatory_is_refused(officer):
    """An intention sent before the signatory was recorded (older data) gets no unsigned letter."""
    case = make_damocles_case(owner=officer)
    step(case, wf.BEOORDELING, by=officer)
    assess(case, by=officer, sanction=Sanction.CLOSURE, days=28, reasons="Afwijking (testtekst).")
    step(case, wf.VOORNEMEN_VERZONDEN, by=officer, intention_sent_on=date(2026, 3, 9), signatory="X. Test")
    details = case.damocles
    details.intention_signatory = None
    save_with_reason(details, reason="test: an intention recorded before the signatory was", user=officer)
    with pytest.raises(ValidationError) as error:
        letter_generate(actor=officer, case=case, kind="voornemen")
    assert error.value.code == "letter_signatory"
    assert Letter.objects.filter(case=case, kind="voornemen").count() == 0
