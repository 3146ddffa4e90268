"""casework/pga/services/partners.py, casework/pga/selectors/partners.py and casework/live_shares.py: a chain
partner reports back on a shared PGA case (docs/adr/0031) — its own organisation's agreements only, within a
category of a sharing decision in force, under that decision's processing activity; audited, on the timeline
with the organisation, on the process director's Mijn werk until marked seen, and visible to the partner only
while the decision lasts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone, translation

from accounts.roles import KETENPARTNER
from audit.actions import Action
from audit.activities import CHAIN_SHARING
from casework import access, live_shares, timeline, versions, worklist
from casework.categories import PERSONALIA
from casework.models import Case
from casework.pga import workflow as pga
from casework.pga.casetype import PGA_CONFERENCES, PROCESSING_ACTIVITY
from casework.pga.models import Agreement, PartnerContribution
from casework.pga.selectors import partners as partner_selectors
from casework.pga.services import (
    agreement_record,
    partner_agreement_done,
    partner_agreement_note,
    partner_contribution_review,
)
from casework.sharing import share_create, share_revoke
from casework.workflow import StaleEdit
from tests.auditlog import events
from tests.casework.web.read_support import WEIGHING, expire, share_with
from tests.conftest import count_queries
from tests.factories.accounts import OrganisationFactory
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")

NOTE = "Budgetcoach is gestart; eerste gesprek gevoerd (test)."


@pytest.fixture
def case(regisseur):
    return make_pga_case(owner=regisseur, status=pga.UITVOERING)


@pytest.fixture
def other_partner_org(db):
    return OrganisationFactory(name="Test-GGZ Zuid")


def _agreement(case, actor, organisation, description="Budgetcoach inschakelen (test)"):
    return agreement_record(actor=actor, case=case, description=description, owner_organisation=organisation,
                            due_on=timezone.localdate() + timedelta(days=10))


@pytest.fixture
def agreement(case, regisseur, partner_org):
    return _agreement(case, regisseur, partner_org)


@pytest.fixture
def share(case, regisseur, partner_org):
    return share_with(case, regisseur, partner_org, [PGA_CONFERENCES])


def _denials(user, reason_part: str):
    return events(action=Action.ACCESS_DENIED, actor_id=str(user.pk), reason__contains=reason_part)


def _nothing_written(agreement) -> None:
    assert not PartnerContribution.objects.exists()
    assert Agreement.objects.get(pk=agreement.pk).status == Agreement.Status.OPEN
    assert not events(object_type="pga.PartnerContribution", action=Action.CREATE).exists()


# --- the happy paths --------------------------------------------------------------------------------


def test_a_partner_reports_its_agreement_done_sealed_under_the_shares_activity_and_audited(
        case, agreement, share, partner, partner_org):
    row = partner_agreement_done(actor=partner, agreement=agreement, text=NOTE)
    assert Agreement.objects.get(pk=agreement.pk).status == Agreement.Status.DONE
    row = PartnerContribution.objects.get(pk=row.pk)
    assert (row.kind, row.text, row.organisation_id, row.sharing_decision_id, row.processing_activity) == (
        PartnerContribution.Kind.DONE, NOTE, partner_org.pk, share.pk, CHAIN_SHARING)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT text FROM {PartnerContribution._meta.db_table}")
        (stored,) = cursor.fetchone()
    assert "Budgetcoach" not in str(stored)  # sealed with the case's data key
    (event,) = events(object_type="pga.PartnerContribution", action=Action.CREATE)
    assert (event.case_id, event.processing_activity) == (str(case.pk), CHAIN_SHARING)
    assert f"category:{PGA_CONFERENCES}" in event.reason and f"organisation:{partner_org.pk}" in event.reason
    assert event.actor_id == str(partner.pk) and "Budgetcoach" not in event.reason
    assert events(object_type="pga.Agreement", action=Action.UPDATE, actor_id=str(partner.pk)).count() == 1


def test_a_monitoring_note_leaves_the_agreement_open(case, agreement, share, partner):
    row = partner_agreement_note(actor=partner, agreement=agreement, text=NOTE)
    assert row.kind == PartnerContribution.Kind.NOTE
    assert Agreement.objects.get(pk=agreement.pk).status == Agreement.Status.OPEN


def test_the_partner_chooses_the_activity_when_the_decisions_in_force_name_two(
        case, agreement, share, regisseur, partner, partner_org):
    share_create(actor=regisseur, case=case, partner=partner_org, categories=[PGA_CONFERENCES],
                 processing_activity=PROCESSING_ACTIVITY, purpose="Procesregie (test)", weighing=WEIGHING,
                 ends_on=timezone.localdate() + timedelta(days=10))
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        partner_agreement_note(actor=partner, agreement=agreement, text=NOTE)
    assert "verwerkingsactiviteit" in refused.value.message_dict["processing_activity"][0]
    with pytest.raises(ValidationError):
        partner_agreement_note(actor=partner, agreement=agreement, text=NOTE, processing_activity="bibob")
    row = partner_agreement_note(actor=partner, agreement=agreement, text=NOTE,
                                 processing_activity=PROCESSING_ACTIVITY)
    assert row.processing_activity == PROCESSING_ACTIVITY and row.sharing_decision.processing_activity == \
        PROCESSING_ACTIVITY


def test_the_live_share_helper_ignores_other_categories_ended_revoked_and_future_decisions(
        case, regisseur, partner_org, other_partner_org):
    found = share_with(case, regisseur, partner_org, [PGA_CONFERENCES])
    share_with(case, regisseur, partner_org, [PERSONALIA])
    share_with(case, regisseur, other_partner_org, [PGA_CONFERENCES])
    assert live_shares.live_shares(organisation_id=partner_org.pk, case=case, category=PGA_CONFERENCES) == [found]
    assert live_shares.live_share(organisation_id=partner_org.pk, case=case, category=PGA_CONFERENCES,
                                  today=timezone.localdate() + timedelta(days=60)) is None
    share_revoke(actor=regisseur, share=found, reason="Doel bereikt (test)")
    assert live_shares.live_share(organisation_id=partner_org.pk, case=case, category=PGA_CONFERENCES) is None


# --- the permission boundary -------------------------------------------------------------------------


def test_another_organisations_agreement_is_refused_and_logged(case, share, regisseur, partner, other_partner_org):
    theirs = _agreement(case, regisseur, other_partner_org)
    with pytest.raises(PermissionDenied):
        partner_agreement_done(actor=partner, agreement=theirs, text=NOTE)
    with pytest.raises(PermissionDenied):
        partner_agreement_note(actor=partner, agreement=theirs, text=NOTE)
    assert _denials(partner, "partner_other_organisation").count() == 2
    _nothing_written(theirs)


@pytest.mark.parametrize("how", ["expired", "revoked"])
def test_after_the_share_ends_the_partner_is_refused_and_logged(how, case, agreement, share, regisseur, partner):
    if how == "expired":
        expire(share)
    else:
        share_revoke(actor=regisseur, share=share, reason="Doel bereikt (test)")
    with pytest.raises(PermissionDenied):
        partner_agreement_done(actor=partner, agreement=agreement, text=NOTE)
    assert events(action=Action.ACCESS_DENIED, actor_id=str(partner.pk), case_id=str(case.pk)).exists()
    _nothing_written(agreement)


def test_a_share_without_the_agreements_category_is_refused_and_logged(case, agreement, regisseur, partner,
                                                                      partner_org):
    share_with(case, regisseur, partner_org, [PERSONALIA])
    assert access.case_access(partner, case)  # the partner reads the case, but not its agreements
    with pytest.raises(PermissionDenied):
        partner_agreement_note(actor=partner, agreement=agreement, text=NOTE)
    assert _denials(partner, f"partner_agreement_note:{PGA_CONFERENCES}").count() == 1
    _nothing_written(agreement)


def test_only_a_chain_partner_reports_back(case, agreement, share, regisseur, make_user, partner_org):
    with pytest.raises(PermissionDenied):
        partner_agreement_note(actor=regisseur, agreement=agreement, text=NOTE)
    assert _denials(regisseur, "partner_role").count() == 1
    _nothing_written(agreement)


def test_a_closed_case_takes_no_reports(regisseur, partner, partner_org):
    case = make_pga_case(owner=regisseur, status=pga.UITVOERING)
    row = _agreement(case, regisseur, partner_org)
    share_with(case, regisseur, partner_org, [PGA_CONFERENCES])
    Case.objects.filter(pk=case.pk).update(closed_on=timezone.localdate())
    row.case.refresh_from_db()
    with pytest.raises(PermissionDenied):
        partner_agreement_note(actor=partner, agreement=row, text=NOTE)


# --- bad input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "message"), [("   ", "Schrijf een notitie"), ("x" * 5001, "Hoogstens 5000")])
def test_an_empty_or_overlong_note_is_a_dutch_error_and_nothing_is_saved(text, message, agreement, share, partner):
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        partner_agreement_done(actor=partner, agreement=agreement, text=text)
    assert refused.value.message_dict["text"][0].startswith(message)
    _nothing_written(agreement)


def test_an_agreement_already_done_is_not_reported_again(agreement, share, partner):
    partner_agreement_done(actor=partner, agreement=agreement, text=NOTE)
    with pytest.raises(ValidationError):
        partner_agreement_done(actor=partner, agreement=Agreement.objects.get(pk=agreement.pk), text=NOTE)
    assert PartnerContribution.objects.count() == 1


def test_a_stale_version_writes_nothing(case, agreement, share, partner):
    read = case.version
    with versions.case_update(case=Case.objects.get(pk=case.pk), expected_version=read):
        pass  # someone else changed the case
    with pytest.raises(StaleEdit), versions.case_update(case=case, expected_version=read):
        partner_agreement_done(actor=partner, agreement=agreement, text=NOTE)
    _nothing_written(agreement)


# --- what who sees -----------------------------------------------------------------------------------


def test_the_partner_sees_its_own_reports_only_while_the_share_lasts(case, agreement, share, regisseur, partner,
                                                                    make_user, other_partner_org):
    theirs = _agreement(case, regisseur, other_partner_org)
    other = make_user(role=KETENPARTNER, organisation=other_partner_org)
    share_with(case, regisseur, other_partner_org, [PGA_CONFERENCES])
    mine = partner_agreement_note(actor=partner, agreement=agreement, text=NOTE)
    partner_agreement_note(actor=other, agreement=theirs, text="Andere partner (test)")

    def seen_by(user):
        return [row.pk for row in partner_selectors.contributions(
            case=case, case_access=access.case_access(user, case), user=user)]

    assert seen_by(partner) == [mine.pk]
    assert len(seen_by(regisseur)) == 2
    expire(share)
    assert not access.case_access(partner, case) and seen_by(partner) == []
    assert len(seen_by(regisseur)) == 2  # the case file keeps them


def test_the_timeline_names_the_organisation(case, agreement, share, regisseur, partner, partner_org):
    partner_agreement_done(actor=partner, agreement=agreement, text=NOTE)
    page = timeline.case_page(user=regisseur, case=case, case_access=access.case_access(regisseur, case))
    (entry,) = [e for e in page.timeline if e.kind == partner_selectors.PARTNER_CONTRIBUTION]
    assert partner_org.name in entry.by and entry.obj.text == NOTE
    partner_page = timeline.case_page(user=partner, case=case, case_access=access.case_access(partner, case))
    (row,) = partner_page.section.data.agreements
    assert row.partner_reports and row.reportable


def test_the_partner_may_report_only_on_its_own_organisations_agreements(case, agreement, share, regisseur,
                                                                       partner, other_partner_org):
    theirs = _agreement(case, regisseur, other_partner_org)
    section = timeline.case_page(user=partner, case=case, case_access=access.case_access(partner, case)).section
    assert {a.pk: a.reportable for a in section.data.agreements} == {agreement.pk: True, theirs.pk: False}
    assert timeline.case_page(user=regisseur, case=case,
                              case_access=access.case_access(regisseur, case)).section.data.reportable == {}


# --- the process director's review -------------------------------------------------------------------


def test_a_report_waits_on_mijn_werk_until_marked_seen(case, agreement, share, regisseur, partner, partner_org):
    row = partner_agreement_done(actor=partner, agreement=agreement, text=NOTE)
    with translation.override("nl"):
        waiting = [item for item in worklist.work_items(user=regisseur) if item.kind == worklist.PARTNER_REPORT]
    assert [(item.case, item.label) for item in waiting] == [
        (case, f"{partner_org.name} meldde een afspraak gereed")]
    assert NOTE not in waiting[0].label
    partner_contribution_review(actor=regisseur, contribution=row)
    assert PartnerContribution.objects.get(pk=row.pk).reviewed_by == regisseur
    assert events(action=Action.REVIEW, object_type="pga.PartnerContribution").count() == 1
    assert worklist.PARTNER_REPORT not in {item.kind for item in worklist.work_items(user=regisseur)}
    with pytest.raises(ValidationError):
        partner_contribution_review(actor=regisseur, contribution=row)


def test_the_partner_cannot_mark_a_report_seen(agreement, share, partner):
    row = partner_agreement_note(actor=partner, agreement=agreement, text=NOTE)
    with pytest.raises(PermissionDenied):
        partner_contribution_review(actor=partner, contribution=row)
    assert PartnerContribution.objects.get(pk=row.pk).reviewed_at is None


def _reports(case, agreement, partner, count):
    rows = [PartnerContribution(case=case, data_key_id=case.data_key_id, agreement=agreement,
                                kind=PartnerContribution.Kind.NOTE, text=f"Notitie {n} (test)",
                                organisation_id=partner.organisation_id,
                                sharing_decision=case.shares.first(), processing_activity=CHAIN_SHARING,
                                written_by=partner) for n in range(count)]
    PartnerContribution.objects.bulk_create(rows)  # test data only: no history needed to count queries


def test_mijn_werk_queries_stay_flat_from_10_to_200_reports(regisseur, partner, partner_org):
    counts = []
    for size in (10, 200):
        case = make_pga_case(owner=regisseur, status=pga.UITVOERING)
        share_with(case, regisseur, partner_org, [PGA_CONFERENCES])
        _reports(case, _agreement(case, regisseur, partner_org), partner, size)
        worklist.work_items(user=regisseur)  # warm the calendar cache
        with count_queries() as queries:
            items = worklist.work_items(user=regisseur)
        counts.append(len(queries))
        assert sum(item.kind == worklist.PARTNER_REPORT for item in items) in (10, 210)
    assert counts[0] == counts[1], counts


def test_the_persons_inzage_report_holds_the_partners_report_in_dutch(case, agreement, share, partner, partner_org):
    from audit.labels import activity_names
    from casework.pga.selectors import inzage_items

    partner_agreement_done(actor=partner, agreement=agreement, text=NOTE)
    with translation.override("nl"):
        items = [item for item in inzage_items(case=case, person=case.person)
                 if item.key.startswith("pga.PartnerContribution:")]
    (item,) = items
    values = dict(item.values)
    assert item.title == "Terugmelding van een partner" and values["Toelichting"] == NOTE
    assert values["Organisatie"] == partner_org.name and values["Soort"] == "Afspraak gereedgemeld"
    assert values["Verwerkingsactiviteit"] == activity_names()[CHAIN_SHARING] != CHAIN_SHARING
