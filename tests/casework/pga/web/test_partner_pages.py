"""A chain partner's report pages on a shared PGA case (casework/pga/web/partner_views.py, docs/adr/0031), and
the process director's "mark as seen": plain forms that work without JavaScript, Dutch errors, 403 recorded
for another organisation's agreement or an ended share, 409 with the input kept for a stale version."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework import versions
from casework.models import Case
from casework.pga import workflow as pga
from casework.pga.casetype import PGA_CONFERENCES
from casework.pga.models import Agreement, PartnerContribution
from casework.pga.services import agreement_record
from tests.auditlog import events
from tests.casework.web.read_support import expire, share_with
from tests.factories.accounts import OrganisationFactory

pytestmark = pytest.mark.django_db(databases="__all__")
NOTE = "Budgetcoach is gestart (test)"


@pytest.fixture
def case(case_factory):
    return case_factory(status=pga.UITVOERING)


@pytest.fixture
def agreement(case, regisseur, partner_org):
    return agreement_record(actor=regisseur, case=case, description="Budgetcoach inschakelen (test)",
                            owner_organisation=partner_org, due_on=timezone.localdate() + timedelta(days=7))


@pytest.fixture
def share(case, regisseur, partner_org):
    return share_with(case, regisseur, partner_org, [PGA_CONFERENCES])


def _url(name, case, **kwargs):
    return reverse(f"casework:{name}", kwargs={"case_id": case.pk, **kwargs})


def test_a_partner_reports_done_and_the_process_director_marks_it_seen(client, login, case, agreement, share,
                                                                      partner, partner_org, regisseur):
    login(client, partner)
    page = client.get(reverse("casework:case_detail", kwargs={"case_id": case.pk})).content.decode()
    done_url = _url("partner_agreement_done", case, agreement_id=agreement.pk)
    assert done_url in page and "Gereedmelden" in page
    form = client.get(done_url)
    assert form.status_code == 200 and "Afspraak gereedmelden" in form.content.decode()
    version = Case.objects.get(pk=case.pk).version
    empty = client.post(done_url, {"text": " ", "version": version})
    assert empty.status_code == 400 and "Dit veld is verplicht." in empty.content.decode()
    assert not PartnerContribution.objects.exists()
    assert client.post(done_url, {"text": NOTE, "version": version}).status_code == 302
    assert Agreement.objects.get(pk=agreement.pk).status == Agreement.Status.DONE
    row = PartnerContribution.objects.get()
    assert NOTE in client.get(reverse("casework:case_detail", kwargs={"case_id": case.pk})).content.decode()

    client.logout()
    login(client, regisseur)
    page = client.get(reverse("casework:case_detail", kwargs={"case_id": case.pk})).content.decode()
    assert NOTE in page and f"{partner_org.name} meldde een afspraak gereed" in page and "Markeren als gezien" in page
    seen = client.post(_url("partner_contribution_review", case, contribution_id=row.pk),
                       {"version": Case.objects.get(pk=case.pk).version})
    assert seen.status_code == 302 and PartnerContribution.objects.get().reviewed_by == regisseur


def test_a_stale_report_is_409_with_the_input_kept(client, login, case, agreement, share, partner):
    login(client, partner)
    read = Case.objects.get(pk=case.pk).version
    with versions.case_update(case=Case.objects.get(pk=case.pk), expected_version=read):
        pass  # the process director changed the case in the meantime
    stale = client.post(_url("partner_agreement_done", case, agreement_id=agreement.pk),
                        {"text": NOTE, "version": read})
    html = stale.content.decode()
    assert stale.status_code == 409 and NOTE in html and "Iemand anders heeft deze casus gewijzigd" in html
    assert not PartnerContribution.objects.exists()
    assert Agreement.objects.get(pk=agreement.pk).status == Agreement.Status.OPEN


def test_a_monitoring_note_needs_no_version(client, login, case, agreement, share, partner):
    login(client, partner)
    url = _url("partner_agreement_note", case, agreement_id=agreement.pk)
    assert client.post(url, {"text": NOTE}).status_code == 302
    assert PartnerContribution.objects.get().kind == PartnerContribution.Kind.NOTE


def test_another_organisations_agreement_and_an_ended_share_are_refused_and_logged(
        client, login, case, agreement, share, partner, regisseur):
    theirs = agreement_record(actor=regisseur, case=case, description="Huisbezoek (test)",
                              owner_organisation=OrganisationFactory(name="Testpolitie"),
                              due_on=timezone.localdate() + timedelta(days=7))
    login(client, partner)
    page = client.get(reverse("casework:case_detail", kwargs={"case_id": case.pk})).content.decode()
    assert _url("partner_agreement_done", case, agreement_id=theirs.pk) not in page
    for name in ("partner_agreement_done", "partner_agreement_note"):
        assert client.post(_url(name, case, agreement_id=theirs.pk), {"text": NOTE, "version": 1}).status_code == 403
    assert events(action="access_denied", actor_id=str(partner.pk), reason__contains="other_organisation").count() == 2
    expire(share)
    assert client.get(_url("partner_agreement_note", case, agreement_id=agreement.pk)).status_code == 403
    assert not PartnerContribution.objects.exists()


def test_the_process_director_cannot_use_the_partner_pages(client, login, case, agreement, share, regisseur):
    login(client, regisseur)
    assert client.get(_url("partner_agreement_note", case, agreement_id=agreement.pk)).status_code == 403
