"""The Damocles part of the case page, and the audited download of the police report."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from audit.errors import AuditWriteError
from casework.categories import PERSONALIA
from casework.damocles import workflow as wf
from casework.damocles.casetype import DAMOCLES_REPORT
from casework.damocles.models import PoliceReport
from casework.remedies.component import REMEDIES
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.casework.damocles.web.support import PDF, damocles_url, denied, share_with
from tests.casework.support import case_url
from tests.factories.casework import person_data
from tests.factories.damocles import (
    announce,
    assess,
    make_damocles_case,
    premises_data,
    report_data,
    step,
    walk_to_decision,
)

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def decided(handhaver, lead):
    """A closure decision announced to two addressees, with a PDF report and a main person."""
    from casework.damocles.services import procedure_register

    case = procedure_register(
        actor=handhaver, controller=handhaver.organisation, owner=handhaver, team=handhaver.team,
        premises=premises_data(number=12), police_report=report_data(found_on=date(2026, 3, 2), document=PDF),
        findings=[{"substance": "harddrugs", "amount": "12", "unit": "g"}],
        main_person=person_data(surname="Testbewoner-Pagina"),
    )
    walk_to_decision(case, by=handhaver, lead=lead, decided_on=date(2026, 4, 1))
    announce(case, by=handhaver, announced_on=date(2026, 4, 2), role="owner", name="Testverhuur B.V.")
    announce(case, by=handhaver, announced_on=date(2026, 4, 7), role="occupant", name="Testbewoner Pagina")
    return case


def test_owner_sees_the_whole_damocles_part_after_a_view_event(client, login, handhaver, decided):
    login(client, handhaver)
    response = client.get(case_url(decided))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for text in ("Teststraat 12", "9999 XX", "Testverhuur B.V.", "99999999", "Testrapportage: handelsvoorraad.",
                 "Beleidsregels artikel 13b Opiumwet", "Sluiting beëindigt de drugshandel", "T. Burgemeester (test)",
                 "Testbewoner Pagina", damocles_url("report_download", decided,
                                                   report_id=PoliceReport.objects.get(case=decided).pk)):
        assert text in html, text
    # two addressees, two objection deadlines: 2 Apr + 6 weeks = 14 May 2026 (Ascension Day; Friday 15 May
    # is equated by decree) → Monday 18 May; 7 Apr + 6 weeks = 19 May 2026
    assert "18 mei 2026" in html or "18 May 2026" in html
    assert "19 mei 2026" in html or "19 May 2026" in html
    event = events(action="view", case_id=str(decided.pk)).get()
    assert event.subject_pseudonym == subject_pseudonym(decided.person_id)


def test_damocles_deadlines_show_on_the_case_page_with_their_basis(client, login, handhaver, lead):
    today = timezone.localdate()
    case = make_damocles_case(owner=handhaver, found_on=today - timedelta(days=40))
    walk_to_decision(case, by=handhaver, lead=lead, decided_on=today)
    announce(case, by=handhaver, announced_on=today)
    step(case, wf.BEKENDGEMAAKT, by=handhaver)
    login(client, handhaver)
    html = client.get(case_url(case)).content.decode()
    assert "Awb 6:7/6:8" in html and "Awb 5:24" in html


def test_partner_sees_only_the_shared_damocles_categories(client, login, handhaver, partner, partner_org, decided):
    share_with(decided, actor=handhaver, partner_org=partner_org, categories=[REMEDIES])
    login(client, partner)
    response = client.get(case_url(decided))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Testbewoner Pagina" in html  # the announcements are shared
    for hidden in ("Teststraat 12", "Testrapportage", "Sluiting beëindigt de drugshandel", "T. Burgemeester"):
        assert hidden not in html, hidden
    assert "damocles/assessment/" not in html  # no action links for a read-only partner


def test_partner_without_the_report_category_cannot_download_it(client, login, handhaver, partner, partner_org,
                                                                decided):
    share_with(decided, actor=handhaver, partner_org=partner_org, categories=[PERSONALIA])
    report = PoliceReport.objects.get(case=decided)
    login(client, partner)
    response = client.get(damocles_url("report_download", decided, report_id=report.pk))
    assert response.status_code == 403
    assert denied(decided).count() == 1
    assert not events(action="export").exists()


def test_partner_with_the_report_category_downloads_it(client, login, handhaver, partner, partner_org, decided):
    share_with(decided, actor=handhaver, partner_org=partner_org, categories=[DAMOCLES_REPORT])
    report = PoliceReport.objects.get(case=decided)
    login(client, partner)
    response = client.get(damocles_url("report_download", decided, report_id=report.pk))
    assert response.status_code == 200 and response.content == PDF


def test_download_records_an_export_event_and_is_not_cached(client, login, handhaver, decided):
    report = PoliceReport.objects.get(case=decided)
    login(client, handhaver)
    response = client.get(damocles_url("report_download", decided, report_id=report.pk))
    assert response.status_code == 200
    assert response.content == PDF and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    event = events(action="export").get()
    assert event.case_id == str(decided.pk) and event.object_id == str(report.pk)
    assert event.subject_pseudonym == subject_pseudonym(decided.person_id)


def test_download_fails_closed_when_the_audit_trail_cannot_be_written(client, login, handhaver, decided,
                                                                      monkeypatch):
    report = PoliceReport.objects.get(case=decided)

    def refuse(**kwargs):
        raise AuditWriteError("audit store unavailable (test)")

    monkeypatch.setattr("casework.damocles.web.views.read.record", refuse)
    login(client, handhaver)
    response = client.get(damocles_url("report_download", decided, report_id=report.pk))
    assert response.status_code == 503
    assert PDF not in response.content


@pytest.mark.parametrize("who", ["other_org_handhaver", "regisseur"])
def test_others_get_403_and_an_event_for_page_and_download(client, login, decided, who, request):
    user = request.getfixturevalue(who)
    report = PoliceReport.objects.get(case=decided)
    login(client, user)
    assert client.get(case_url(decided)).status_code == 403
    assert client.get(damocles_url("report_download", decided, report_id=report.pk)).status_code == 403
    assert denied(decided).filter(actor_id=str(user.pk)).count() == 2
    assert not events(action="export").exists()


def test_partner_after_the_share_expired_gets_403(client, login, handhaver, partner, partner_org, decided):
    share_with(decided, actor=handhaver, partner_org=partner_org, categories=[REMEDIES], expired=True)
    login(client, partner)
    response = client.get(case_url(decided))
    assert response.status_code == 403
    assert "Testbewoner" not in response.content.decode()
    assert denied(decided).filter(actor_id=str(partner.pk)).count() == 1


def test_the_team_lead_is_offered_the_pending_approval(client, login, handhaver, lead):
    from casework.damocles.services.decisions import decision_approval_request

    case = make_damocles_case(owner=handhaver)
    step(case, wf.BEOORDELING, by=handhaver)
    assess(case, by=handhaver)
    step(case, wf.VOORNEMEN_VERZONDEN, by=handhaver, signatory="A. Testambtenaar (test)")
    approval = decision_approval_request(actor=handhaver, case=case)
    login(client, lead)
    html = client.get(case_url(case)).content.decode()
    assert damocles_url("approval_decide", case, approval_id=approval.pk) in html
    login(client, handhaver)
    html = client.get(case_url(case)).content.decode()
    assert damocles_url("approval_decide", case, approval_id=approval.pk) not in html


def test_action_links_follow_the_status_and_pga_links_are_not_offered(client, login, handhaver, procedure):
    login(client, handhaver)
    html = client.get(case_url(procedure)).content.decode()
    assert "/conferences/new/" not in html and "/plan/" not in html and "/escalation/" not in html
    assert damocles_url("assessment", procedure) not in html  # not yet in assessment
    assert "/transition/beoordeling/" in html
    step(procedure, wf.BEOORDELING, by=handhaver)
    html = client.get(case_url(procedure)).content.decode()
    assert damocles_url("assessment", procedure) in html
    for name in ("approval_request", "announcement_create", "objection_create", "sealing"):
        assert damocles_url(name, procedure) not in html, name


def test_the_decision_shows_each_addressees_own_compliance_end(client, login, handhaver, decided):
    """Decided on 1 April with a term of 7 days, announced on 2 and on 7 April: the page shows each
    addressee's stored end (9 and 14 April 2026), the date the letter states and the guard checks."""
    from casework.remedies.models import Announcement

    ends = sorted(Announcement.objects.filter(case=decided).values_list("compliance_ends_on", flat=True))
    assert ends == [date(2026, 4, 9), date(2026, 4, 14)]
    login(client, handhaver)
    html = client.get(case_url(decided)).content.decode()
    for text in ("9 april 2026", "14 april 2026"):
        assert text in html or text.replace("april", "April") in html, text
    section = html.split("damocles-assessment", 1)[1].split("damocles-remedies", 1)[0]
    assert "9 april 2026" in section or "9 April 2026" in section  # with the decision, per addressee by role
    assert "Testverhuur" not in section  # names only in the announcements (category remedies)


def test_the_compliance_end_is_not_yet_known_before_the_announcement(client, login, handhaver, lead):
    case = make_damocles_case(owner=handhaver)
    walk_to_decision(case, by=handhaver, lead=lead, decided_on=date(2026, 4, 1))
    login(client, handhaver)
    html = client.get(case_url(case)).content.decode()
    assert "nog niet bekendgemaakt" in html or "not yet announced" in html
