"""The melder leak test for signals (issue 21 item 1): plant a source's name, BSN and address, then read
every page, API response and list about the signal, the timeline and the named person's inzage report
and its PDF as each role: 0 hits for anyone without the shielded category `signal_sources`. A partner
who holds that category (with its own weighing) does see the source — the positive control."""

from __future__ import annotations

import datetime
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import HANDHAVER, KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER
from casework.privacy.inzage import inzage_report
from casework.privacy.inzage_pdf import inzage_pdf_bytes
from casework.privacy.inzage_review import inzage_review_record
from casework.privacy.models import DataSubjectRequest
from casework.privacy.requests import request_register
from casework.sharing import share_create
from casework.signals.casetype import PROCESSING_ACTIVITY
from casework.signals.services import signal_triage
from tests.casework.signals.factories import make_signal
from tests.factories.casework import person_data
from tests.pdfa import assert_pdfa_2u

pytestmark = pytest.mark.django_db(databases="__all__")

BSN = "999980324"
SOURCE = {"first_names": "Zwaluw", "surname": "Geheimebron", "bsn": BSN, "date_of_birth": datetime.date(1970, 5, 6),
          "address": "Verklikkerpad 77, 9999 ZZ Demodorp"}
NEEDLES = ("Geheimebron", BSN, "Verklikkerpad")
WITHOUT_SOURCES = ["personalia", "notes", "signal_intake", "signal_triage"]
WEIGHING = "Alleen wat de partner voor de aanpak van de ondermijning nodig heeft; minder volstaat niet."


def _share(case, by, partner_org, categories, **extra):
    return share_create(actor=by, case=case, partner=partner_org, categories=categories,
                        processing_activity=PROCESSING_ACTIVITY, purpose="Aanpak ondermijning (test).",
                        weighing=WEIGHING, ends_on=timezone.localdate() + timedelta(days=30), **extra)


@pytest.fixture
def planted(officer):
    case = make_signal(officer, source_person=dict(SOURCE),
                       persons=[{"person": person_data(surname="Testgenoemde"), "involvement": "huurder"}])
    signal_triage(actor=officer, case=case, outcome="monitor", reason="Eerst monitoren (testtekst).",
                  review_on=timezone.localdate() + timedelta(days=30))
    case.refresh_from_db()
    return case


def _crawl(client, case) -> str:
    api = "/api/v1"
    person_id = case.signal_persons.get().person_id
    urls = [
        reverse("dashboard"), reverse("casework:case_list"), reverse("casework:my_work"),
        reverse("casework:case_detail", args=[case.pk]), reverse("casework:signals_list"),
        reverse("casework:signals_triage_page", args=[case.pk]),
        reverse("casework:person_overview", args=[person_id]),
        f"{api}/cases", f"{api}/cases/{case.pk}", f"{api}/cases/{case.pk}/links", f"{api}/cases/{case.pk}/shares",
        f"{api}/persons/{person_id}", f"{api}/signals/cases", f"{api}/signals/cases/{case.pk}",
    ]
    return "\n".join(client.get(url).content.decode(errors="replace") for url in urls)


def _hits(text: str) -> list[str]:
    return [needle for needle in NEEDLES if needle in text]


@pytest.mark.parametrize("role", [KETENPARTNER, PROCESREGISSEUR, HANDHAVER, PRIVACY_OFFICER])
def test_nobody_without_the_shielded_category_finds_the_source(client, login, make_user, other_organisation,
                                                               officer, planted, role):
    if role == KETENPARTNER:
        _share(planted, officer, other_organisation, WITHOUT_SOURCES)
        user = make_user(role=role, organisation=other_organisation)
    else:
        user = make_user(role=role)  # the same municipality, not on the signal
    login(client, user)
    text = _crawl(client, planted)
    assert _hits(text) == []
    if role == KETENPARTNER:  # the partner really reads the signal: the crawl is not empty
        assert "Testgenoemde" in text and "Veel bezoek kort na elkaar" in text


def test_a_partner_with_the_shielded_category_does_see_the_source(client, login, make_user, other_organisation,
                                                                  officer, planted):
    _share(planted, officer, other_organisation, [*WITHOUT_SOURCES, "signal_sources"],
           shielded_weighing="De politie moet de bron kunnen horen als getuige in de strafzaak (test).")
    login(client, make_user(role=KETENPARTNER, organisation=other_organisation))
    page = client.get(reverse("casework:case_detail", args=[planted.pk])).content.decode()
    assert "Geheimebron" in page


def test_the_owner_and_the_lead_see_the_source_but_the_api_never_shows_it(client, login, officer, planted,
                                                                          make_user):
    login(client, make_user(role=TEAMLEIDER))
    assert "Geheimebron" in client.get(reverse("casework:case_detail", args=[planted.pk])).content.decode()
    login(client, officer)
    assert "Geheimebron" in client.get(reverse("casework:case_detail", args=[planted.pk])).content.decode()
    assert _hits(client.get(f"/api/v1/signals/cases/{planted.pk}").content.decode()) == []


def test_the_named_persons_inzage_report_and_pdf_withhold_the_source(make_user, planted):
    privacy = make_user(role=PRIVACY_OFFICER)
    named = planted.signal_persons.get().person
    report = inzage_report(user=privacy, persons=[named], reason="request")
    (case,) = report.cases
    values = " ".join(f"{label} {value}" for item in case.items for label, value in item.values)
    assert "Veel bezoek kort na elkaar" in values and _hits(values) == []
    request = request_register(actor=privacy, kind=DataSubjectRequest.Kind.INZAGE,
                               received_on=datetime.date(2026, 11, 2), person=named)
    inzage_review_record(user=privacy, request=request, report=report, withheld=())
    text = assert_pdfa_2u(inzage_pdf_bytes(report, request))
    assert _hits(text) == []


def test_a_postponed_informing_is_named_in_the_inzage_report(make_user, officer):
    case = make_signal(officer, persons=[{"person": person_data(surname="Testuitstel"), "informing": "postponed",
                                          "postponement_ground": "avg23_1_d",
                                          "postponement_review_on": timezone.localdate() + timedelta(days=30)}])
    named = case.signal_persons.get().person
    report = inzage_report(user=make_user(role=PRIVACY_OFFICER), persons=[named], reason="request")
    assert [p.source for p in report.postponements] == [case.reference]
