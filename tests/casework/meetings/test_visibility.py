"""Who sees what of a sitting: the case in full with access, "Agendapunt N" for an invited partner
without a sharing decision, minutes only within the shared categories; every view and refusal recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.roles import KETENPARTNER
from audit.activities import CHAIN_SHARING
from casework.categories import METADATA
from casework.meetings import selectors
from casework.meetings.services import agenda_add, minutes_record
from casework.pga.casetype import PGA_CONFERENCES
from casework.sharing import share_create
from tests.auditlog import events
from tests.factories.accounts import OrganisationFactory

pytestmark = pytest.mark.django_db(databases="__all__")
WEIGHING = "Noodzakelijk voor de uitvoering van het plan; minder ingrijpende middelen volstaan niet (test)."


@pytest.fixture
def item(regisseur, sitting, case, partner_org):
    item = agenda_add(actor=regisseur, occurrence=sitting, case=case, goal="Doel: woonsituatie",
                      invited=[partner_org], now=timezone.localtime(sitting.starts) - timedelta(days=3))
    minutes_record(actor=regisseur, item=item, minutes="Verslag: schuldhulp loopt", attending=[partner_org],
                   now=sitting.starts + timedelta(minutes=20))
    return item


def _share(owner, case, partner_org, categories):
    return share_create(actor=owner, case=case, partner=partner_org, categories=categories,
                        processing_activity=CHAIN_SHARING, purpose="Casusoverleg (test).", weighing=WEIGHING,
                        ends_on=timezone.localdate() + timedelta(days=30))


def test_the_case_owner_sees_the_item_in_full_and_the_view_is_recorded_per_case(regisseur, sitting, item, case):
    agenda = selectors.agenda(user=regisseur, occurrence=sitting)
    [view] = agenda.items
    assert not view.opaque and view.case == case and view.minutes == "Verslag: schuldhulp loopt"
    assert view.goal == "Doel: woonsituatie" and view.may_record
    assert events(action="view", object_type="meetings.MeetingOccurrence", object_id=str(sitting.pk)).count() == 1
    recorded = events(action="view", object_type="meetings.AgendaItem", case_id=str(case.pk))
    assert recorded.count() == 1 and recorded.get().subject_pseudonym


def test_an_invited_partner_without_a_sharing_decision_sees_only_the_item_number(partner, sitting, item, case):
    agenda = selectors.agenda(user=partner, occurrence=sitting)
    [view] = agenda.items
    assert view.opaque and view.number == 1 and view.case is None and view.minutes is None and view.goal is None
    assert not events(object_type="meetings.AgendaItem", actor_id=str(partner.pk)).exists()
    assert events(action="view", object_type="meetings.MeetingOccurrence", actor_id=str(partner.pk)).count() == 1


def test_a_partner_with_metadata_only_sees_the_case_but_not_the_minutes(regisseur, partner, partner_org, sitting,
                                                                         item, case):
    _share(regisseur, case, partner_org, [METADATA])
    [view] = selectors.agenda(user=partner, occurrence=sitting).items
    assert view.case == case and view.minutes is None and view.goal is None and not view.may_record


def test_a_partner_with_the_conference_category_reads_the_minutes(regisseur, partner, partner_org, sitting, item,
                                                                    case):
    _share(regisseur, case, partner_org, [PGA_CONFERENCES])
    [view] = selectors.agenda(user=partner, occurrence=sitting).items
    assert view.minutes == "Verslag: schuldhulp loopt" and not view.may_record
    assert events(action="view", object_type="meetings.AgendaItem", actor_id=str(partner.pk),
                  case_id=str(case.pk)).count() == 1


def test_a_partner_not_invited_cannot_open_the_sitting_and_the_refusal_is_recorded(make_user, sitting, item):
    outsider = make_user(role=KETENPARTNER, organisation=OrganisationFactory(name="Testwoningcorporatie West"))
    with pytest.raises(PermissionDenied):
        selectors.occurrence_for(outsider, sitting.pk)
    assert events(action="access_denied", object_type="meetings.MeetingOccurrence",
                  actor_id=str(outsider.pk)).count() == 1
    assert not selectors.visible_occurrences(outsider).exists()


def test_a_colleague_of_the_organiser_without_access_to_the_case_sees_the_number_only(other_team_user, sitting,
                                                                                       item):
    [view] = selectors.agenda(user=other_team_user, occurrence=sitting).items
    assert view.opaque


def test_an_item_the_partner_is_not_invited_for_is_left_out(regisseur, partner, sitting, item, make_pga_case_for):
    other = make_pga_case_for(regisseur)
    agenda_add(actor=regisseur, occurrence=sitting, case=other, now=timezone.localtime(sitting.starts)
               - timedelta(days=3))
    assert [view.number for view in selectors.agenda(user=partner, occurrence=sitting).items] == [1]
    assert [view.number for view in selectors.agenda(user=regisseur, occurrence=sitting).items] == [1, 2]


def test_invited_colleagues_see_the_sitting_once_and_the_item_count_is_not_multiplied(regisseur, colleague,
                                                                                      other_team_user, triage,
                                                                                      sitting, item):
    from django.db.models import Count

    triage.staff.set([colleague, other_team_user])
    rows = list(selectors.upcoming(other_team_user).filter(pk=sitting.pk).annotate(n=Count("items")))
    assert [row.n for row in rows] == [1]
    assert [row.n for row in selectors.upcoming(regisseur).filter(pk=sitting.pk).annotate(n=Count("items"))] == [1]
