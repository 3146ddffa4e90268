"""casework/remedies/terms.py: the compliance term per addressee, the enforcement guard, urgent enforcement.

The decision used is a Damocles closure decision (taken Monday 2 March 2026, compliance term 7 days
unless a test says otherwise); the rules are the core's and serve every case type.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Q
from django.utils import timezone, translation

from audit.actions import Action
from audit.history import save_with_reason
from audit.models import AuditEvent
from casework.damocles.services.assessment import require_handhaver
from casework.damocles.services.tracks import decision_of
from casework.models import Case
from casework.remedies.models import Announcement, UrgentEnforcement
from casework.remedies.selectors import objection_windows
from casework.remedies.terms import (
    compliance_end,
    compliance_terms,
    enforceable_from,
    latest_compliance_end,
    refuse_before_compliance_end,
    terms_and_windows,
    urgent_enforcement_followed,
    urgent_enforcement_record,
    urgent_follow_ups,
)
from tests.conftest import count_queries
from tests.factories.damocles import announce, make_damocles_case, walk_to_decision

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def decided(officer, lead):
    case = make_damocles_case(owner=officer, findings=[{"substance": "harddrugs", "amount": "12", "unit": "g"}])
    return walk_to_decision(case, by=officer, lead=lead, decided_on=date(2026, 3, 2))


def _with_term(case: Case, days: int) -> Case:
    details = case.damocles  # type: ignore[attr-defined]
    details.compliance_term_days = days
    save_with_reason(details, reason="test: compliance term", user=None)
    return Case.objects.get(pk=case.pk)


def test_compliance_end_counts_plainly_from_the_day_after_the_announcement():
    # Announced Monday 2 March 2026, 14 days: ends Monday 16 March.
    assert compliance_end(announced_on=date(2026, 3, 2), days=14) == date(2026, 3, 16)
    # Ends on Sunday 5 April (Easter Sunday): a term set in the decision is not extended by the Atw.
    assert compliance_end(announced_on=date(2026, 3, 22), days=14) == date(2026, 4, 5)
    assert compliance_end(announced_on=date(2026, 3, 2), days=0) == date(2026, 3, 2)  # no term


@pytest.mark.parametrize("days", [-1, True, 1.5])
def test_compliance_end_refuses_what_is_not_a_number_of_days(days):
    with pytest.raises(ValueError, match="whole days"):
        compliance_end(announced_on=date(2026, 3, 2), days=days)


def test_each_announcement_stores_its_own_end(decided, officer):
    owner = announce(decided, by=officer, announced_on=date(2026, 3, 9), role="owner")
    tenant = announce(decided, by=officer, announced_on=date(2026, 3, 12), role="tenant", name="T. Huurder")
    assert Announcement.objects.get(pk=owner.pk).compliance_ends_on == date(2026, 3, 16)
    assert Announcement.objects.get(pk=tenant.pk).compliance_ends_on == date(2026, 3, 19)
    assert latest_compliance_end(decision_of(decided)) == date(2026, 3, 19)
    assert enforceable_from(tenant) == date(2026, 3, 20)


def test_a_decision_without_announcement_is_not_enforced(decided):
    with pytest.raises(ValidationError) as error:
        refuse_before_compliance_end(decision=decision_of(decided), on=date(2026, 6, 1), what="The sealing")
    assert error.value.code == "compliance_term"
    assert "not been announced" in error.value.messages[0]


def test_refused_until_the_term_has_ended_for_every_addressee(decided, officer):
    announce(decided, by=officer, announced_on=date(2026, 3, 9), role="owner", name="Geheime Eigenaar B.V.")
    announce(decided, by=officer, announced_on=date(2026, 3, 12), role="tenant", name="Geheime Huurder")
    decision = decision_of(decided)
    for day in (date(2026, 3, 10), date(2026, 3, 17), date(2026, 3, 19)):  # 19 March: the tenant's last day
        with pytest.raises(ValidationError) as error:
            refuse_before_compliance_end(decision=decision, on=day, what="The sealing", field="sealed_on")
        message = error.value.message_dict["sealed_on"][0]
        assert "tenant: until and including 19 March 2026" in message
        assert "from 20 March 2026" in message
        assert "Geheime" not in message  # roles, never names
    with pytest.raises(ValidationError) as error:
        refuse_before_compliance_end(decision=decision, on=date(2026, 3, 15), what="The sealing")
    assert "owner: until and including 16 March 2026" in error.value.messages[0]
    refuse_before_compliance_end(decision=decision, on=date(2026, 3, 20), what="The sealing")  # accepted


def test_urgent_enforcement_skips_the_check(decided, officer):
    announce(decided, by=officer, announced_on=date(2026, 3, 9))
    refuse_before_compliance_end(decision=decision_of(decided), on=date(2026, 3, 9), what="The sealing", urgent=True)


def test_the_check_for_one_addressee_looks_at_their_announcement_only(decided, officer):
    from casework.persons import person_register
    from tests.factories.casework import person_data

    person = person_register(actor=officer, controller=officer.organisation, **person_data())[0]
    announce(decided, by=officer, announced_on=date(2026, 3, 20), role="owner")
    from casework.damocles.services import announcement_register

    announcement_register(actor=officer, case=decided, role="tenant", method="registered_post",
                          announced_on=date(2026, 3, 9), addressee_person=person)
    decision = decision_of(decided)
    refuse_before_compliance_end(decision=decision, on=date(2026, 3, 17), what="A forfeiture", addressee_person=person)
    with pytest.raises(ValidationError):
        refuse_before_compliance_end(decision=decision, on=date(2026, 3, 17), what="A forfeiture")


def test_without_a_term_enforcement_is_possible_from_the_announcement_day(decided, officer):
    decided = _with_term(decided, 0)
    announcement = announce(decided, by=officer, announced_on=date(2026, 3, 9))
    assert announcement.compliance_ends_on == date(2026, 3, 9)
    decision = decision_of(decided)
    refuse_before_compliance_end(decision=decision, on=date(2026, 3, 9), what="The sealing")
    with pytest.raises(ValidationError):
        refuse_before_compliance_end(decision=decision, on=date(2026, 3, 8), what="The sealing")


def test_overview_rows_are_the_stored_dates(decided, officer):
    announce(decided, by=officer, announced_on=date(2026, 3, 9), role="owner")
    announce(decided, by=officer, announced_on=date(2026, 3, 12), role="tenant")
    cases = Case.objects.filter(pk=decided.pk)
    assert [a.compliance_ends_on for a in compliance_terms(cases, date(2026, 3, 31))] == [
        date(2026, 3, 16), date(2026, 3, 19)]
    assert [a.role for a in compliance_terms(cases, date(2026, 3, 17))] == ["owner"]
    assert not compliance_terms(cases, date(2026, 3, 31), decision_type="park.PenaltyOrder").exists()


def test_terms_and_windows_in_one_query_are_the_compliance_terms_and_the_objection_windows(decided, officer):
    """`terms_and_windows` (one query, the deadline providers of Damocles, park and woonoverlast) gives the rows
    `compliance_terms` gives, in its order, and those `objection_windows` gives, for every `until`."""
    announce(decided, by=officer, announced_on=date(2026, 3, 9), role="owner")
    announce(decided, by=officer, announced_on=date(2026, 3, 12), role="tenant")
    cases = Case.objects.filter(pk=decided.pk)
    label = "damocles.DamoclesCase"
    for until in (date(2026, 3, 17), date(2026, 3, 31), date(2026, 4, 21), date(2026, 5, 31)):
        with count_queries() as queries:
            compliance, windows = terms_and_windows(cases, until, compliance=Q(decision_type=label))
        assert len(queries) == 1
        assert [a.pk for a in compliance] == [a.pk for a in compliance_terms(cases, until, decision_type=label)]
        assert sorted(a.pk for a in windows) == sorted(a.pk for a in objection_windows(cases, until)), until
    compliance, windows = terms_and_windows(cases, date(2026, 5, 31), compliance=Q(decision_type="park.PenaltyOrder"))
    assert compliance == [] and len(windows) == 2  # another type's decisions: no term, the windows still


def _urgent(case: Case, officer, **extra) -> UrgentEnforcement:
    return urgent_enforcement_record(
        actor=officer, authorise=require_handhaver, decision=decision_of(case),
        acted_at=timezone.make_aware(datetime(2026, 3, 3, 14, 30)), what="sealing",
        reasons=extra.pop("reasons", "Geheime reden: acuut gevaar voor omwonenden"), **extra)


def test_urgent_enforcement_is_recorded_with_encrypted_reasons_and_audited(decided, officer):
    row = _urgent(decided, officer)
    assert UrgentEnforcement.objects.get(pk=row.pk).reasons == "Geheime reden: acuut gevaar voor omwonenden"
    assert row.written_decision_due_on == date(2026, 3, 3)
    for model in (UrgentEnforcement, UrgentEnforcement.history.model):
        with connections["default"].cursor() as cursor:
            cursor.execute(f'SELECT * FROM "{model._meta.db_table}"')  # noqa: S608 - table name from the model
            rows = [repr(r) for r in cursor.fetchall()]
        assert rows and not any("Geheime reden" in r for r in rows)
    event = AuditEvent.objects.using("audit").filter(object_type="remedies.UrgentEnforcement",
                                                    action=Action.CREATE).get()
    assert event.case_id == str(decided.pk) and "Geheime" not in event.reason


def test_urgent_enforcement_needs_reasons_and_saves_nothing_without(decided, officer):
    with pytest.raises(ValidationError) as error:
        _urgent(decided, officer, reasons="  ")
    assert "reasons" in error.value.message_dict
    assert not UrgentEnforcement.objects.exists()


def test_urgent_enforcement_is_refused_to_who_may_not_act(decided, lead):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _urgent(decided, lead)
    assert not UrgentEnforcement.objects.exists()


def test_the_written_decision_is_due_until_it_is_taken(decided, officer):
    _urgent(decided, officer, written_decision_due_on=date(2026, 3, 10))
    cases = Case.objects.filter(pk=decided.pk)
    assert not urgent_follow_ups(cases, date(2026, 3, 9)).exists()
    assert urgent_follow_ups(cases, date(2026, 3, 10)).count() == 1
    assert urgent_enforcement_followed(actor=officer, decision=decision_of(decided), decided_on=date(2026, 3, 12)) == 1
    assert not urgent_follow_ups(cases, date(2026, 12, 31)).exists()
    assert UrgentEnforcement.objects.get().written_decision_on == date(2026, 3, 12)


def test_the_written_decision_cannot_be_due_before_acting(decided, officer):
    with pytest.raises(ValidationError):
        _urgent(decided, officer, written_decision_due_on=date(2026, 3, 2))


@pytest.mark.both_databases
def test_a_list_pages_terms_and_windows_are_those_of_the_one_query_with_sql_compiled_once(decided, officer,
                                                                                          monkeypatch):
    """`page_terms_and_windows` (a list page's cases by id, SQL compiled once per number of ids, day and rule)
    gives what `terms_and_windows` gives for the rule's open cases of its type: other types' cases and closed ones
    left out; a second page of the same shape builds no query."""
    from casework.damocles import workflow as dw
    from casework.damocles.selectors.deadlines import TERMS
    from casework.park.selectors.overview import TERMS as PARK_TERMS
    from casework.remedies import terms

    announce(decided, by=officer, announced_on=date(2026, 3, 9), role="owner")
    announce(decided, by=officer, announced_on=date(2026, 3, 12), role="tenant")
    Case.objects.filter(pk=decided.pk).update(status=dw.BEKENDGEMAAKT)  # the rule's terms: an announced decision
    other = make_damocles_case(owner=officer)
    ids = [decided.pk, other.pk]
    built = []
    original = terms._PAGE_TERMS._build
    monkeypatch.setattr(terms._PAGE_TERMS, "_build", lambda *args, **kwargs: built.append(1) or original(
        *args, **kwargs))
    terms._PAGE_TERMS.clear()
    for until in (date(2026, 3, 17), date(2026, 3, 31), date(2026, 5, 31)):
        open_cases = TERMS.open_cases(Case.objects.filter(pk__in=ids))
        expected = terms_and_windows(open_cases, until, compliance=TERMS.compliance(open_cases))
        with count_queries() as queries:
            found = terms.page_terms_and_windows(ids, until, rule=TERMS)
        assert len(queries) == 1
        assert ([a.pk for a in found[0]], sorted(a.pk for a in found[1])) == (
            [a.pk for a in expected[0]], sorted(a.pk for a in expected[1])), until
        assert [a.case.reference for a in found[0]] == [a.case.reference for a in expected[0]]  # the case joined
    assert len(found[0]) == 2 and len(found[1]) == 2
    assert len(built) == 6  # three shapes (days), each compiled with two sets of sample ids
    terms.page_terms_and_windows(ids[::-1], date(2026, 5, 31), rule=TERMS)
    assert len(built) == 6  # the same shape: nothing built
    assert terms.page_terms_and_windows(ids, date(2026, 5, 31), rule=PARK_TERMS) == ([], [])  # not park cases
    Case.objects.filter(pk=decided.pk).update(closed_on=timezone.localdate())
    assert terms.page_terms_and_windows(ids, date(2026, 5, 31), rule=TERMS) == ([], [])  # closed
