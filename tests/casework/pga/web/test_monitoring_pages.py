"""The monitoring pages: a measurement of zelfredzaamheid, a monitoring note on an agreement, and what the case
page shows of them (trend chart, table, first against last, notes on the timeline) to whom."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import KETENPARTNER
from casework.pga import workflow as pga
from casework.pga.casetype import PGA_CONFERENCES, PGA_PLAN, PGA_SELF_RELIANCE
from casework.pga.models import AgreementNote, SelfRelianceMeasurement
from casework.pga.services import agreement_note_add, agreement_record, criteria_load, measurement_record
from tests.casework.web.actions_support import events
from tests.casework.web.read_support import share_with

pytestmark = pytest.mark.django_db(databases="__all__")
NOTE = "Budgetcoach is twee keer langs geweest (test)"


@pytest.fixture
def case(case_factory):
    return case_factory(status=pga.UITVOERING)


@pytest.fixture
def agreement(case, regisseur, partner_org):
    return agreement_record(actor=regisseur, case=case, description="Budgetcoach inschakelen (test)",
                            owner_organisation=partner_org, due_on=timezone.localdate() + timedelta(days=7))


def today():
    return timezone.localdate()


def test_record_a_measurement_with_the_municipality_criteria(client, login, regisseur, case):
    criteria_load(organisation=regisseur.organisation, rows=[("housing", 1, "Dakloos of uitzetting dreigt (test)")])
    login(client, regisseur)
    url = reverse("casework:measurement_create", kwargs={"case_id": case.pk})
    page = client.get(url).content.decode()
    assert "Dakloos of uitzetting dreigt (test)" in page and "Niet gemeten" in page
    bad = client.post(url, {"measured_on": today().isoformat(), "score_housing": "6"})
    assert bad.status_code == 400 and "score_housing" in bad.context["form"].errors
    nothing = client.post(url, {"measured_on": today().isoformat()})
    assert nothing.status_code == 400 and "Scoor ten minste één leefgebied." in nothing.content.decode()
    future = client.post(url, {"measured_on": (today() + timedelta(days=3)).isoformat(), "score_housing": "2"})
    assert future.status_code == 400 and "measured_on" in future.context["form"].errors
    assert not SelfRelianceMeasurement.objects.exists()
    ok = client.post(url, {"measured_on": today().isoformat(), "score_housing": "2", "score_addiction": "4"})
    assert ok.status_code == 302
    assert SelfRelianceMeasurement.objects.get(case=case).scores == {"housing": 2, "addiction": 4}


def test_the_case_page_shows_trend_table_comparison_and_notes(client, login, regisseur, case, agreement):
    measurement_record(actor=regisseur, case=case, measured_on=today() - timedelta(days=40), scores={"housing": 1})
    measurement_record(actor=regisseur, case=case, measured_on=today(), scores={"housing": 4, "finances": 2})
    agreement_note_add(actor=regisseur, agreement=agreement, text=NOTE)
    login(client, regisseur)
    html = client.get(reverse("casework:case_detail", kwargs={"case_id": case.pk})).content.decode()
    assert '<svg class="app-chart__svg" role="img"' in html and "<polyline" in html
    assert "style=" not in html.split('id="self-reliance"')[1].split("</section>")[0]  # CSP: no inline styles
    assert "Eerste en laatste meting per leefgebied" in html and "<td class=\"utrecht-table__cell\">+3</td>" in html
    assert html.count(NOTE) == 2  # under the agreement and on the timeline
    assert "Zelfredzaamheid gemeten" in html


def test_a_partner_sees_only_the_categories_shared(client, login, make_user, regisseur, case, agreement,
                                                   partner_org):
    measurement_record(actor=regisseur, case=case, measured_on=today(), scores={"addiction": 2})
    agreement_note_add(actor=regisseur, agreement=agreement, text=NOTE)
    share_with(case, regisseur, partner_org, [PGA_PLAN])
    partner = make_user(role=KETENPARTNER, organisation=partner_org)
    login(client, partner)
    html = client.get(reverse("casework:case_detail", kwargs={"case_id": case.pk})).content.decode()
    assert "Verslaving" not in html and NOTE not in html and 'id="self-reliance"' not in html
    share_with(case, regisseur, partner_org, [PGA_SELF_RELIANCE, PGA_CONFERENCES])
    html = client.get(reverse("casework:case_detail", kwargs={"case_id": case.pk})).content.decode()
    assert 'id="self-reliance"' in html and NOTE in html


def test_partners_cannot_write_monitoring_and_are_logged(client, login, make_user, regisseur, case, agreement,
                                                         partner_org, other_organisation):
    share_with(case, regisseur, partner_org, [PGA_SELF_RELIANCE, PGA_CONFERENCES])
    urls = [(reverse("casework:measurement_create", kwargs={"case_id": case.pk}),
             {"measured_on": today().isoformat(), "score_housing": "3"}),
            (reverse("casework:agreement_note_create", kwargs={"case_id": case.pk, "agreement_id": agreement.pk}),
             {"text": "Niet van mij (test)"})]
    for organisation in (partner_org, other_organisation):
        user = make_user(role=KETENPARTNER, organisation=organisation)
        login(client, user)
        for url, data in urls:
            assert client.get(url).status_code in (403, 404)
            assert client.post(url, data).status_code in (403, 404)
        assert events(action="access_denied", actor_id=str(user.pk)).count() == 4
    assert not SelfRelianceMeasurement.objects.exists() and not AgreementNote.objects.exists()


def test_add_a_monitoring_note_records_the_read_and_the_write(client, login, regisseur, case, agreement):
    login(client, regisseur)
    url = reverse("casework:agreement_note_create", kwargs={"case_id": case.pk, "agreement_id": agreement.pk})
    page = client.get(url)
    assert "Budgetcoach inschakelen (test)" in page.content.decode()
    assert events(action="view", object_type="pga.Agreement", object_id=str(agreement.pk)).count() == 1
    assert client.post(url, {"text": "  "}).status_code == 400
    assert client.post(url, {"text": NOTE}).status_code == 302
    note = AgreementNote.objects.get(agreement=agreement)
    assert note.text == NOTE and note.written_by == regisseur
    assert events(action="create", object_type="pga.AgreementNote", object_id=str(note.pk)).count() == 1
