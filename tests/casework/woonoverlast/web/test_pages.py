"""The woonoverlast pages: the overview (audited, query count independent of the rows), opening a
file, the child forms (bad input answered 400 with nothing saved, refusals 403 and audited), the
four-eyes approval page and the core's step page with the woonoverlast step fields."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.roles import KETENPARTNER, PROCESREGISSEUR
from audit.actions import Action
from audit.models import AuditEvent
from casework.models import Case
from casework.woonoverlast import workflow as wf
from casework.woonoverlast.demo import demo_bsns
from casework.woonoverlast.models import BehaviouralOrder, Melding
from tests.casework.versions_support import version_of as v
from tests.conftest import count_queries
from tests.factories.casework import clone_cases
from tests.factories.woonoverlast import draft_order, to_intention

pytestmark = pytest.mark.django_db(databases="__all__")
OVERVIEW = reverse("casework:woonoverlast_overview")
BSNS = [bsn for bsn, _ in zip(demo_bsns(), range(2), strict=False)]  # the web forms ask a BSN (no date of birth)


def _clone(case: Case, count: int) -> None:
    """`count` more files of the same owner (list rows only: the overview reads the case rows)."""
    clone_cases(case, count, reference="WOV-2026-9{n:03d}", status=wf.MELDINGEN)


@pytest.mark.parametrize("rows", [10, 200])
def test_the_overview_costs_the_same_queries_for_10_or_200_files(client, login, officer, case, rows):
    login(client, officer)
    client.get(OVERVIEW)
    with count_queries() as one:
        assert client.get(OVERVIEW).status_code == 200
    _clone(case, rows)
    with count_queries() as many:
        response = client.get(OVERVIEW)
    assert len(response.context["rows"]) == min(rows + 1, 25)
    assert len(many) == len(one)
    assert AuditEvent.objects.filter(action=Action.LIST, case_id=str(case.pk)).exists()


def test_a_leads_overview_past_the_count_cap_says_more_than_it_with_the_newest_files(client, login, make_user,
                                                                                    officer, case, monkeypatch):
    """A team lead's organisation may hold every file: the overview counts up to `LIST_COUNT_CAP`, says "more
    than" it and lists the newest files with their report counts (ADR 0050); at the cap the count is exact."""
    from casework import paging

    monkeypatch.setattr(paging, "LIST_COUNT_CAP", 3)
    _clone(case, 2)
    login(client, make_user(role="teamleider"))
    at_cap = client.get(OVERVIEW)
    assert at_cap.context["page"].paginator.count == 3 and "Meer dan" not in at_cap.content.decode()
    Case.objects.bulk_create([Case(data_key_id=case.data_key_id, case_type="woonoverlast", reference="WOV-2026-9100",
                                   status=wf.MELDINGEN, person=case.person, controller=case.controller,
                                   owner=case.owner, team=case.team, opened_on=case.opened_on)])
    response = client.get(OVERVIEW)
    html = response.content.decode()
    assert "Meer dan 3 dossiers" in html and "Alleen de eerste 3 staan in de lijst" in html
    newest = list(Case.objects.filter(case_type="woonoverlast").order_by("-opened_on", "reference")[:3])
    rows = response.context["rows"]
    assert [row_case.pk for row_case, _status, _reports in rows] == [file.pk for file in newest]
    assert dict((row_case.pk, reports) for row_case, _status, reports in rows).get(case.pk, 1) == 1


def test_the_overview_is_for_officers_and_leads(client, login, make_user, case):
    login(client, make_user(role=PROCESREGISSEUR))
    assert client.get(OVERVIEW).status_code == 403


def test_opening_a_file_through_the_page(client, login, officer, apv):
    login(client, officer)
    response = client.post(reverse("casework:woonoverlast_file_open"),
                           {"first_names": "Vera", "surname": "Testveroorzaker-Web", "bsn": BSNS[0],
                            "dwelling_address": "", "summary": ""})
    assert response.status_code == 400 and not Case.objects.filter(case_type="woonoverlast").exists()
    response = client.post(reverse("casework:woonoverlast_file_open"),
                           {"first_names": "Vera", "surname": "Testveroorzaker-Web", "bsn": BSNS[0],
                            "dwelling_address": "Proeflaan 3", "summary": ""})
    case = Case.objects.get(case_type="woonoverlast")
    assert response.status_code == 302 and response["Location"].endswith(f"/cases/{case.pk}/")
    page = client.get(response["Location"]).content.decode()
    assert "Proeflaan 3" in page and "Overlastmelding registreren" in page


def test_registering_a_report_through_the_page(client, login, officer, case):
    url = reverse("casework:woonoverlast_melding_create", args=[case.pk])
    login(client, officer)
    assert client.get(url).status_code == 200
    data = {"melder_first_names": "Mila", "melder_surname": "Testmelder-Web", "melder_bsn": BSNS[1],
            "melder_address": "", "source": "police", "reported_on": "2025-05-01", "kind": "noise",
            "description": ""}
    assert client.post(url, data).status_code == 400 and Melding.objects.filter(case=case).count() == 1
    assert client.post(url, {**data, "description": "Geluid (test)."}).status_code == 302
    assert Melding.objects.filter(case=case).count() == 2


def test_a_partner_cannot_reach_the_forms_and_is_audited(client, login, make_user, other_organisation, case):
    partner = make_user(role=KETENPARTNER, organisation=other_organisation)
    login(client, partner)
    assert client.get(reverse("casework:woonoverlast_order_create", args=[case.pk])).status_code == 403
    assert AuditEvent.objects.filter(action=Action.ACCESS_DENIED, actor_id=str(partner.pk)).exists()


def test_the_lead_approves_on_the_approval_page_and_the_step_page_imposes(client, login, officer, lead, case):
    to_intention(case, by=officer)
    order = draft_order(case, by=officer)
    url = reverse("casework:woonoverlast_approval_decide", args=[case.pk, order.approval_id])
    login(client, officer)
    assert client.post(url, {**v(case), "decision": "approve", "reason": ""}).status_code == 403  # four eyes
    login(client, lead)
    page = client.get(url)
    assert page.status_code == 200 and "galerij" in page.content.decode()
    assert client.post(url, {**v(case), "decision": "approve", "reason": ""}).status_code == 302
    login(client, officer)
    step = reverse("casework:case_transition", args=[case.pk, wf.GEDRAGSAANWIJZING])
    form = client.get(step)
    assert form.status_code == 200 and 'name="decided_on"' in form.content.decode()
    case.refresh_from_db()
    assert 'name="signatory"' in form.content.decode() and 'name="under_mandate"' in form.content.decode()
    unsigned = client.post(step, {"reason": "Gedragsaanwijzing genomen.", "version": case.version,
                                  "decided_on": "2025-04-12"})
    assert unsigned.status_code == 200 and BehaviouralOrder.objects.get(pk=order.pk).state == "draft"  # form again
    response = client.post(step, {"reason": "Gedragsaanwijzing genomen.", "version": case.version,
                                  "decided_on": "2025-04-12", "signatory": "T. Testburgemeester"})
    assert response.status_code == 302
    assert BehaviouralOrder.objects.get(pk=order.pk).state == "imposed"


def test_the_overview_counts_reports_only_with_the_evidence_category(client, login, make_user, officer, case,
                                                                     other_organisation):
    from datetime import timedelta

    from django.utils import timezone

    from audit.activities import CHAIN_SHARING
    from casework.sharing import share_create

    share_create(actor=officer, case=case, partner=other_organisation, categories=["woonoverlast_decisions"],
                 processing_activity=CHAIN_SHARING, purpose="Aanpak woonoverlast (test).",
                 weighing="Alleen de besluiten; de meldingen zijn voor de partner niet nodig (test).",
                 ends_on=timezone.localdate() + timedelta(days=30))
    login(client, officer)
    assert [reports for _case, _status, reports in client.get(OVERVIEW).context["rows"]] == [1]
    login(client, make_user(role="handhaver", organisation=other_organisation))
    rows = client.get(OVERVIEW).context["rows"]
    assert [(row_case.pk, reports) for row_case, _status, reports in rows] == [(case.pk, None)]
