"""Each event's service notifies the right recipients and nobody else (never the actor)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import KETENPARTNER, PROCESREGISSEUR, TEAMLEIDER
from casework.approvals import approval_decide, approval_request
from casework.categories import METADATA
from casework.models import Case, SharingDecision
from casework.notifications.due import due_notify
from casework.notifications.kinds import AGREEMENT_WARNING_DAYS, Kind
from casework.notifications.models import Notification
from casework.notifications.services import notify
from casework.pga.services.conferences import agreement_record
from casework.pga.services.referral import referral_register
from casework.services import case_handover
from tests.casework.web.read_support import share_with
from tests.conftest import count_queries
from tests.factories.casework import make_pga_case, person_data

pytestmark = pytest.mark.django_db(databases="__all__")


def recipients(kind: str, case=None) -> set:
    rows = Notification.objects.filter(kind=kind)
    if case is not None:
        rows = rows.filter(case_id=case.pk)
    return set(rows.values_list("recipient_id", flat=True))


def test_a_referral_by_a_partner_notifies_the_owner_and_the_team_not_others(regisseur, colleague, other_team_user,
                                                                             other_org_user, partner, team):
    case = referral_register(actor=partner, controller=regisseur.organisation, owner=regisseur, person=person_data(),
                             aanleiding="Zorgen (test).", team=team)
    assert recipients(Kind.REFERRAL_NEW, case) == {regisseur.pk, colleague.pk}
    assert Notification.objects.filter(recipient__in=[partner, other_team_user, other_org_user]).count() == 0


def test_the_registering_owner_is_not_notified_of_their_own_referral(regisseur, colleague):
    case = make_pga_case(owner=regisseur)
    assert recipients(Kind.REFERRAL_NEW, case) == {colleague.pk}


def test_a_handover_notifies_the_new_owner_only(regisseur, lead, other_team_user, colleague):
    case = make_pga_case(owner=regisseur)
    Notification.objects.all().delete()
    case_handover(actor=lead, case=case, new_owner=other_team_user, reason="Verlof (test)")
    assert recipients(Kind.CASE_HANDED_OVER) == {other_team_user.pk}
    assert Notification.objects.exclude(kind=Kind.CASE_HANDED_OVER).count() == 0


def test_an_approval_asked_notifies_the_controllers_team_leads_and_its_decision_the_requester(
        regisseur, lead, other_team_lead, make_user, other_municipality, colleague):
    foreign_lead = make_user(role=TEAMLEIDER, organisation=other_municipality)
    case = make_pga_case(owner=regisseur)
    approval = approval_request(case=case, subject="test_decision", requested_by=regisseur)
    assert recipients(Kind.APPROVAL_REQUESTED, case) == {lead.pk, other_team_lead.pk}
    assert foreign_lead.pk not in recipients(Kind.APPROVAL_REQUESTED)
    approval_decide(approval=approval, approver=lead, approve=True, reason="")
    assert recipients(Kind.APPROVAL_DECIDED, case) == {regisseur.pk}


def test_an_agreement_due_notifies_the_owner_once_and_again_when_overdue(regisseur, colleague, partner_org):
    case = make_pga_case(owner=regisseur)
    today = timezone.localdate()
    agreement_record(actor=regisseur, case=case, description="Afspraak (test)", owner_organisation=partner_org,
                     due_on=today + timedelta(days=AGREEMENT_WARNING_DAYS))
    agreement_record(actor=regisseur, case=case, description="Later (test)", owner_organisation=partner_org,
                     due_on=today + timedelta(days=AGREEMENT_WARNING_DAYS + 5))
    assert due_notify(today=today).agreements == 1
    assert recipients(Kind.AGREEMENT_DUE, case) == {regisseur.pk}
    assert due_notify(today=today).agreements == 0  # a second run announces nothing twice
    later = today + timedelta(days=AGREEMENT_WARNING_DAYS + 1)
    assert due_notify(today=later).agreements == 1  # the first is overdue now (the second is not due yet)
    assert recipients(Kind.AGREEMENT_OVERDUE, case) == {regisseur.pk}
    assert Notification.objects.filter(kind__in=[Kind.AGREEMENT_DUE, Kind.AGREEMENT_OVERDUE]).count() == 2


def test_a_share_ending_notifies_the_owner_and_the_partner_users_once(regisseur, colleague, partner, partner_org,
                                                                       make_user, other_org_user):
    other_partner = make_user(role=KETENPARTNER, organisation=other_org_user.organisation)
    case = make_pga_case(owner=regisseur)
    share_with(case, regisseur, partner_org, [METADATA], days=60)
    today = timezone.localdate()
    assert due_notify(today=today).shares == 0  # ends in 60 days: not yet
    SharingDecision.objects.update(ends_on=today + timedelta(days=5))
    assert due_notify(today=today).shares == 2
    assert recipients(Kind.SHARE_EXPIRING, case) == {regisseur.pk, partner.pk}
    assert other_partner.pk not in recipients(Kind.SHARE_EXPIRING)
    assert due_notify(today=today + timedelta(days=1)).shares == 0


def test_notify_skips_the_actor_inactive_users_and_unknown_kinds(regisseur, colleague, make_user):
    gone = make_user(role=PROCESREGISSEUR)
    gone.is_active = False
    gone.save()
    assert notify(Kind.CASE_HANDED_OVER, case=None, recipients=[regisseur, colleague, gone, None],
                  actor=regisseur) == 1
    assert recipients(Kind.CASE_HANDED_OVER) == {colleague.pk}
    with pytest.raises(ValueError):
        notify("something_else", case=None, recipients=[colleague])


def test_the_daily_run_costs_the_same_queries_for_one_or_many_agreements(regisseur, partner_org):
    """The notifications themselves are three queries per kind however many terms are due (the deadline
    providers read their terms in bulk): one case with one agreement due, then three cases with two each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    today = timezone.localdate()

    def add_case(agreements: int) -> None:
        case = make_pga_case(owner=regisseur)
        for number in range(agreements):
            agreement_record(actor=regisseur, case=case, description=f"Afspraak {number} (test)",
                             owner_organisation=partner_org, due_on=today + timedelta(days=1))

    def run() -> tuple[int, int]:
        Notification.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            made = due_notify(today=today).agreements
        return made, len(queries)

    add_case(1)
    one, few_queries = run()
    for _ in range(3):
        add_case(2)
    many, many_queries = run()
    assert (one, many) == (1, 7)
    assert many_queries == few_queries


def _agreements_due(owners, partner_org, today) -> None:
    for owner in owners:
        agreement_record(actor=owner, case=make_pga_case(owner=owner), description="Afspraak (test)",
                         owner_organisation=partner_org, due_on=today + timedelta(days=1))


def test_the_agreement_notices_read_their_owners_in_one_query_whatever_their_number(make_user, partner_org):
    """The owners of the terms are read once for all (the type's provider reads its terms' cases, not their owners):
    the run costs as many queries for six owners as for two, and each owner gets the notice of their own case."""
    today = timezone.localdate()
    _agreements_due([make_user(role=PROCESREGISSEUR) for _ in range(2)], partner_org, today)
    Notification.objects.all().delete()
    with count_queries() as few:
        assert due_notify(today=today).agreements == 2
    Notification.objects.all().delete()
    owners = [make_user(role=PROCESREGISSEUR) for _ in range(4)]
    _agreements_due(owners, partner_org, today)
    with count_queries() as many:
        assert due_notify(today=today).agreements == 6
    assert {owner.pk for owner in owners} <= set(Notification.objects.values_list("recipient_id", flat=True))
    owner_of = dict(Case.objects.values_list("pk", "owner_id"))
    assert all(recipient == owner_of[case_id] for case_id, recipient in
               Notification.objects.values_list("case_id", "recipient_id"))
    assert len(many) == len(few)
