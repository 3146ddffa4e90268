"""The melder leak test (issue 14 item 2): plant a reporter's name, BSN and address, then read every
page, API response, export, the timeline and the veroorzaker's inzage report and its PDF as each
role: 0 hits for anyone without the dedicated category `woonoverlast_melders`. A partner who holds
that category (with its own weighing) does see the reporter — the positive control that shows the
crawl would find a leak.
"""

from __future__ import annotations

import datetime
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import HANDHAVER, KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER
from audit.activities import CHAIN_SHARING
from casework.privacy.inzage import inzage_report
from casework.privacy.inzage_pdf import inzage_pdf_bytes
from casework.privacy.inzage_review import inzage_review_record
from casework.privacy.models import DataSubjectRequest
from casework.privacy.requests import request_register
from casework.sharing import share_create
from casework.woonoverlast import services
from casework.woonoverlast.demo import demo_bsns
from tests.factories.casework import person_data
from tests.factories.woonoverlast import make_file, walk_to_order
from tests.pdfa import assert_pdfa_2u

pytestmark = pytest.mark.django_db(databases="__all__")

BSN = next(demo_bsns())
MELDER = {"first_names": "Zwaluw", "surname": "Geheimmelder", "bsn": BSN,
          "address": "Verklikkerpad 77, 9999 ZZ Demodorp"}
NEEDLES = ("Geheimmelder", BSN, "Verklikkerpad")
WITHOUT_MELDERS = ["personalia", "notes", "woonoverlast_evidence", "woonoverlast_interventions",
                   "woonoverlast_decisions", "remedies", "penalties"]
WEIGHING = "Alleen wat de partner voor de aanpak van de overlast nodig heeft; minder delen volstaat niet."


def _share(case, by, partner_org, categories, **extra):
    return share_create(actor=by, case=case, partner=partner_org, categories=categories,
                        processing_activity=CHAIN_SHARING, purpose="Aanpak woonoverlast in de keten (test).",
                        weighing=WEIGHING, ends_on=timezone.localdate() + timedelta(days=30), **extra)


@pytest.fixture
def planted(officer, lead, apv):
    """A file whose reporter is MELDER, walked to an announced gedragsaanwijzing with a breach."""
    case = make_file(owner=officer, melder=dict(MELDER))
    services.melding_register(actor=officer, case=case, melder=person_data(), source="police",
                              reported_on=datetime.date(2025, 3, 4), kind="threats",
                              description="Bedreiging in het trappenhuis (testtekst).")
    order = walk_to_order(case, by=officer, lead=lead)
    services.announcement_register(actor=officer, decision=order, addressee=case.person, method="registered_post",
                                   announced_on=order.decided_on)
    services.check_record(actor=officer, order=order, checked_on=order.decided_on + timedelta(days=10),
                          complied=False, findings="Harde muziek om 02.00 uur (testtekst).")
    case.refresh_from_db()
    return case


def _crawl(client, case) -> str:
    """Every page, API response and export about the file a user can ask for (any status code)."""
    api = "/api/v1"
    own = f"{api}/woonoverlast/cases/{case.pk}"
    urls = [
        reverse("dashboard"), reverse("casework:case_list"), reverse("casework:case_detail", args=[case.pk]),
        reverse("casework:woonoverlast_overview"), reverse("casework:woonoverlast_overview_csv"),
        *(reverse(f"casework:woonoverlast_{kind}", args=[case.pk]) for kind in (
            "order_create", "closure_create", "announcement_create", "check_create", "view_create",
            "care_offer_create", "closure_extension_create", "closure_extend", "closure_costs")),
        f"{api}/cases", f"{api}/cases/{case.pk}", f"{api}/cases/{case.pk}/links", f"{api}/cases/{case.pk}/shares",
        f"{api}/persons/{case.person_id}", f"{api}/woonoverlast/cases", own, f"{own}/decisions",
        f"{own}/interventions",
    ]
    return "\n".join(client.get(url).content.decode(errors="replace") for url in urls)


def _hits(text: str) -> list[str]:
    return [needle for needle in NEEDLES if needle in text]


@pytest.mark.parametrize("role", [KETENPARTNER, PROCESREGISSEUR, HANDHAVER, PRIVACY_OFFICER])
def test_nobody_without_the_dedicated_category_finds_the_reporter(client, login, make_user, other_organisation,
                                                                   officer, planted, role):
    if role == KETENPARTNER:
        _share(planted, officer, other_organisation, WITHOUT_MELDERS)
        user = make_user(role=role, organisation=other_organisation)
    else:
        user = make_user(role=role)  # the same municipality, not on the file (no owner, team or grant)
    login(client, user)
    text = _crawl(client, planted)
    assert _hits(text) == []
    if role == KETENPARTNER:  # the partner really reads the file: the crawl is not empty
        assert "Proeflaan 1" in text and "galerij" in text
        reports = client.get(f"/api/v1/woonoverlast/cases/{planted.pk}/reports")
        assert reports.status_code == 403 and _hits(reports.content.decode()) == []


def test_a_partner_with_the_dedicated_category_does_see_the_reporter(client, login, make_user, other_organisation,
                                                                      officer, planted):
    _share(planted, officer, other_organisation, [*WITHOUT_MELDERS, "woonoverlast_melders"],
           shielded_weighing="De politie moet de melder kunnen horen als getuige in de strafzaak (test).")
    login(client, make_user(role=KETENPARTNER, organisation=other_organisation))
    page = client.get(reverse("casework:case_detail", args=[planted.pk])).content.decode()
    reports = client.get(f"/api/v1/woonoverlast/cases/{planted.pk}/reports")
    assert "Geheimmelder" in page and reports.status_code == 200 and "Geheimmelder" in reports.content.decode()


def test_the_owner_sees_the_reporter_but_no_decision_or_timeline_names_them(client, login, officer, planted,
                                                                           make_user):
    login(client, make_user(role=TEAMLEIDER))  # supervision of the municipality's files: every category
    assert "Geheimmelder" in client.get(reverse("casework:case_detail", args=[planted.pk])).content.decode()
    login(client, officer)
    page = client.get(reverse("casework:case_detail", args=[planted.pk])).content.decode()
    assert "Geheimmelder" in page  # the owner holds every category
    decisions = client.get(f"/api/v1/woonoverlast/cases/{planted.pk}/decisions").content.decode()
    assert _hits(decisions) == []
    form = client.get(reverse("casework:woonoverlast_order_create", args=[planted.pk])).content.decode()
    assert _hits(form) == []  # a reporter is never offered as an addressee


def test_the_veroorzakers_inzage_report_and_pdf_withhold_the_reporter_and_say_why(make_user, officer, planted):
    privacy = make_user(role=PRIVACY_OFFICER)
    report = inzage_report(user=privacy, persons=[planted.person], reason="request")
    (case,) = report.cases
    values = " ".join(f"{label} {value}" for item in case.items for label, value in item.values)
    assert _hits(values) == []
    assert case.withheld and "AVG art. 15 lid 4" in case.withheld[0] and "UAVG art. 41" in case.withheld[0]
    request = request_register(actor=privacy, kind=DataSubjectRequest.Kind.INZAGE,
                               received_on=datetime.date(2026, 11, 2), person=planted.person)
    inzage_review_record(user=privacy, request=request, report=report, withheld=())
    text = assert_pdfa_2u(inzage_pdf_bytes(report, request), contains=("15 lid 4",))
    assert _hits(text) == []


def test_the_gedragsaanwijzing_letter_names_no_reporter(client, login, officer, planted):
    from tests.pdfa import assert_pdfa_2u as text_of

    announcement = planted.woonoverlast_orders.get().pk
    from casework.remedies.models import Announcement

    row = Announcement.objects.get(decision_id=announcement)
    login(client, officer)
    response = client.get(reverse("casework:woonoverlast_letter_pdf", args=[planted.pk, row.pk]))
    assert response.status_code == 200
    text = text_of(response.content, contains=("Besluit gedragsaanwijzing", "art. 2:79 APV", "zwartboek"))
    assert _hits(text) == [] and "Geheimmelder" not in text


def test_a_partner_without_the_decisions_category_gets_no_letter_and_is_recorded(client, login, make_user,
                                                                                 other_organisation, officer, planted):
    from audit.models import AuditEvent
    from casework.remedies.models import Announcement

    row = Announcement.objects.get(decision_id=planted.woonoverlast_orders.get().pk)
    _share(planted, officer, other_organisation, [c for c in WITHOUT_MELDERS if c != "woonoverlast_decisions"])
    login(client, make_user(role=KETENPARTNER, organisation=other_organisation))
    response = client.get(reverse("casework:woonoverlast_letter_pdf", args=[planted.pk, row.pk]))
    assert response.status_code == 403
    denied = AuditEvent.objects.using("audit").filter(action="access_denied", case_id=str(planted.pk))
    assert denied.filter(reason__startswith="action:view:woonoverlast_decisions").count() == 1


def test_the_csv_export_names_no_reporter_even_for_who_sees_them(client, login, officer, planted):
    login(client, officer)  # the owner holds every category, the reporters' too
    response = client.get(reverse("casework:woonoverlast_overview_csv"))
    text = response.content.decode()
    assert response.status_code == 200 and planted.reference in text and _hits(text) == []


def test_the_summary_of_the_nuisance_shows_only_with_the_notes_category(client, login, make_user, other_organisation,
                                                                         officer, apv):
    case = services.woonoverlast_file_open(actor=officer, controller=officer.organisation, person=person_data(),
                                           dwelling_address="Proeflaan 1",
                                           summary="Samenvatting van de overlast (testtekst).")
    login(client, officer)
    owner_page = client.get(reverse("casework:case_detail", args=[case.pk])).content.decode()
    assert "Samenvatting van de overlast" in owner_page
    _share(case, officer, other_organisation, [category for category in WITHOUT_MELDERS if category != "notes"])
    login(client, make_user(role=KETENPARTNER, organisation=other_organisation))
    page = client.get(reverse("casework:case_detail", args=[case.pk]))
    assert page.status_code == 200 and "Samenvatting van de overlast" not in page.content.decode()
