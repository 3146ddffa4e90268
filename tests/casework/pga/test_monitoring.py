"""casework/pga/services/monitoring.py and selectors/monitoring.py: zelfredzaamheid measurements, the
municipality's criteria, monitoring notes per agreement, the plan's interventions as deadlines (case page,
deadline overviews, Mijn werk, list rows), and the annual "change in zelfredzaamheid"."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext

from audit.actions import Action
from casework import selectors, worklist
from casework.models import Case
from casework.pga import workflow as pga
from casework.pga.casetype import PGA_CONFERENCES, PGA_PLAN
from casework.pga.models import AgreementNote, PlanIntervention, SelfRelianceCriterion, SelfRelianceMeasurement
from casework.pga.selectors import deadlines, overdue_condition
from casework.pga.selectors.monitoring import criteria_for, self_reliance, self_reliance_change
from casework.pga.services import (
    agreement_note_add,
    agreement_record,
    criteria_load,
    measurement_record,
    plan_update,
)
from casework.selectors import calendar_around
from tests.auditlog import events
from tests.casework.web.read_support import share_with
from tests.conftest import count_queries
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")


def today() -> date:
    return timezone.localdate()


def plan_with(case, actor, partner, *due_in_days: int, done: bool = False):
    items = [{"description": f"Interventie {n} (test)", "partner_id": str(partner.pk),
              "due_on": (today() + timedelta(days=days)).isoformat(), "done": done}
             for n, days in enumerate(due_in_days)]
    return plan_update(actor=actor, case=case, goals=[{"leefgebied": "housing", "goal": "Wonen (test)",
                                                       "interventions": items}])


# --- measurements ---------------------------------------------------------------------------------


def test_a_measurement_is_sealed_audited_and_validated(regisseur):
    case = make_pga_case(owner=regisseur, status=pga.UITVOERING)
    row = measurement_record(actor=regisseur, case=case, measured_on=today(), scores={"housing": 2, "addiction": 4})
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT scores FROM {SelfRelianceMeasurement._meta.db_table}")
        (stored,) = cursor.fetchone()
    assert "addiction" not in str(stored) and b"addiction" not in bytes(stored)
    assert SelfRelianceMeasurement.objects.get(pk=row.pk).scores == {"housing": 2, "addiction": 4}
    assert events(action=Action.CREATE, object_type="pga.SelfRelianceMeasurement",
                  reason="self-reliance measured").count() == 1
    for scores, measured_on, field in (({"housing": 6}, today(), "housing"), ({"housing": 0}, today(), "housing"),
                                       ({"housing": True}, today(), "housing"), ({}, today(), "scores"),
                                       ({"nowhere": 3}, today(), "scores"),
                                       ({"housing": 3}, today() + timedelta(days=1), "measured_on"),
                                       ({"housing": 3}, date(1999, 1, 1), "measured_on")):
        with pytest.raises(ValidationError) as refused:
            measurement_record(actor=regisseur, case=case, measured_on=measured_on, scores=scores)
        assert field in refused.value.message_dict
    assert SelfRelianceMeasurement.objects.count() == 1


def test_a_partner_cannot_record_a_measurement_or_a_note(regisseur, partner, partner_org):
    case = make_pga_case(owner=regisseur, status=pga.UITVOERING)
    share_with(case, regisseur, partner_org, [PGA_PLAN, PGA_CONFERENCES])
    agreement = agreement_record(actor=regisseur, case=case, description="Afspraak (test)",
                                 owner_organisation=partner_org, due_on=today() + timedelta(days=3))
    with pytest.raises(PermissionDenied):
        measurement_record(actor=partner, case=case, measured_on=today(), scores={"housing": 3})
    with pytest.raises(PermissionDenied):
        agreement_note_add(actor=partner, agreement=agreement, text="Gaat goed (test)")
    assert events(action=Action.ACCESS_DENIED, actor_id=str(partner.pk)).count() == 2
    assert not SelfRelianceMeasurement.objects.exists() and not AgreementNote.objects.exists()


def test_trend_table_and_first_against_last():
    rows = [SelfRelianceMeasurement(measured_on=today() - timedelta(days=days), scores=scores)
            for days, scores in ((60, {"housing": 1, "finances": 2}), (30, {"housing": 3}), (0, {"housing": 4,
                                                                                                 "finances": 2}))]
    for row in rows:
        row.created_at = timezone.now()
    result = self_reliance(rows)
    housing, finances = result.trends
    assert (housing.domain, housing.first, housing.last, housing.change) == ("housing", 1, 4, 3)
    assert (finances.first, finances.last, finances.change) == (2, 2, 0) and len(finances.points) == 2
    assert [scores for _day, scores in result.rows] == [[1, 2], [3, None], [4, 2]]
    assert housing.points[0].y == result.bottom and housing.points[-1].y < housing.points[0].y
    assert housing.points[0].x == result.left and housing.points[-1].x == result.right


def test_criteria_are_loaded_all_or_nothing(organisation, other_organisation):
    rows = [("housing", 1, "Dakloos"), ("housing", 5, "Eigen woning")]
    assert criteria_load(organisation=organisation, rows=rows) == 2
    assert criteria_for(organisation.pk) == {"housing": {1: "Dakloos", 5: "Eigen woning"}}
    assert criteria_for(other_organisation.pk) == {}
    for bad in ([("housing", 6, "x")], [("nergens", 1, "x")], [("housing", 1, "x"), ("housing", 1, "y")],
                [("housing", 2, " ")]):
        with pytest.raises(ValidationError):
            criteria_load(organisation=organisation, rows=bad)
    assert SelfRelianceCriterion.objects.filter(organisation=organisation).count() == 2


def test_the_criteria_command_reads_a_csv(tmp_path, organisation):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = tmp_path / "criteria.csv"
    path.write_text("leefgebied,score,text\nfinances,1,Onoverzichtelijke schulden\nfinances,5,Geen schulden\n",
                    encoding="utf-8")
    call_command("load_self_reliance_criteria", organisation.name, str(path))
    assert criteria_for(organisation.pk) == {"finances": {1: "Onoverzichtelijke schulden", 5: "Geen schulden"}}
    path.write_text("leefgebied,score,text\nfinances,9,Te hoog\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_self_reliance_criteria", organisation.name, str(path))
    assert len(criteria_for(organisation.pk)["finances"]) == 2


# --- monitoring notes -----------------------------------------------------------------------------


def test_a_monitoring_note_is_sealed_audited_and_needs_text(regisseur, partner_org):
    case = make_pga_case(owner=regisseur, status=pga.UITVOERING)
    agreement = agreement_record(actor=regisseur, case=case, description="Afspraak (test)",
                                 owner_organisation=partner_org, due_on=today() + timedelta(days=3))
    note = agreement_note_add(actor=regisseur, agreement=agreement, text="  Eerste huisbezoek gedaan (test)  ")
    assert AgreementNote.objects.get(pk=note.pk).text == "Eerste huisbezoek gedaan (test)"
    assert events(action=Action.CREATE, object_type="pga.AgreementNote", case_id=str(case.pk)).count() == 1
    for text in ("", "   ", "x" * 5001):
        with pytest.raises(ValidationError):
            agreement_note_add(actor=regisseur, agreement=agreement, text=text)
    assert AgreementNote.objects.count() == 1


# --- interventions as deadlines -------------------------------------------------------------------


def test_open_interventions_are_deadlines_rows_and_overdue(regisseur, partner_org, other_organisation):
    case = make_pga_case(owner=regisseur, status=pga.UITVOERING)
    plan = plan_with(case, regisseur, partner_org, 5, 40)
    found = [d for d in deadlines(cases=Case.objects.filter(pk=case.pk), until=today() + timedelta(days=30),
                                  today=today()) if d.kind == "intervention"]
    assert [(d.due_on, d.responsible, d.overdue) for d in found] == [
        (today() + timedelta(days=5), partner_org.name, False)]
    # the second version marks the first done and drops the second: no more deadlines
    goal = plan.goals[0]
    first = {**goal["interventions"][0], "done": True}
    plan_update(actor=regisseur, case=case, goals=[{**goal, "interventions": [first]}])
    assert list(PlanIntervention.objects.filter(case=case).values_list("key", "done")) == [
        (uuid.UUID(first["id"]), True)]
    assert [d for d in deadlines(cases=Case.objects.filter(pk=case.pk), until=today() + timedelta(days=90),
                                 today=today()) if d.kind == "intervention"] == []
    late = make_pga_case(owner=regisseur, status=pga.UITVOERING)
    plan_with(late, regisseur, other_organisation, 1)
    PlanIntervention.objects.filter(case=late).update(due_on=today() - timedelta(days=1))
    condition = overdue_condition(today=today(), calendar=calendar_around(today()))
    assert list(Case.objects.filter(condition, pk__in=[case.pk, late.pk])) == [late]


def test_the_list_row_shows_an_intervention_only_to_who_sees_the_plan(regisseur, partner, partner_org):
    case = make_pga_case(owner=regisseur, status=pga.UITVOERING)
    plan_with(case, regisseur, partner_org, 12)
    share_with(case, regisseur, partner_org, [PGA_CONFERENCES])

    def row(user):
        cases = [row for row in selectors.case_list(user=user, filters=selectors.CaseFilters()) if row.pk == case.pk]
        return selectors.case_rows(user=user, cases=cases)[0]

    assert row(regisseur).next_deadline == today() + timedelta(days=12)
    assert row(partner).next_deadline is None


def _work_queries(user) -> tuple[int, int]:
    with count_queries() as queries:
        items = [item for item in worklist.work_items(user=user) if item.label == gettext("Intervention due")]
    return len(queries), len(items)


def test_interventions_are_in_my_work_with_a_flat_query_count(regisseur, colleague, partner_org):
    cases = [make_pga_case(owner=regisseur if n % 2 else colleague, status=pga.UITVOERING) for n in range(10)]
    plans = [plan_with(case, regisseur, partner_org, 3) for case in cases]
    worklist.work_items(user=regisseur)  # warm caches outside the comparison
    small, small_items = _work_queries(regisseur)
    template = PlanIntervention.objects.filter(case=cases[0]).get()
    PlanIntervention.objects.bulk_create([
        PlanIntervention(case=case, data_key_id=case.data_key_id, plan_version=plan, key=uuid.uuid4(),
                         description=template.description, organisation=partner_org,
                         due_on=today() + timedelta(days=day % 30))
        for case, plan in zip(cases, plans, strict=True) for day in range(19)])
    large, large_items = _work_queries(regisseur)
    assert (small_items, large_items) == (10, 200)
    assert large == small


# --- the annual figure ----------------------------------------------------------------------------


def _closed_with(owner, year: int, *measurements: dict[str, int]) -> Case:
    case = make_pga_case(owner=owner, status=pga.UITVOERING)
    for days, scores in enumerate(measurements):
        measurement_record(actor=owner, case=case, measured_on=today() - timedelta(days=30 - days), scores=scores)
    Case.objects.filter(pk=case.pk).update(opened_on=date(year, 1, 2), closed_on=date(year, 6, 1),
                                           status=pga.AFGESLOTEN)
    return case


def test_the_annual_change_in_self_reliance(regisseur, other_org_user):
    year = today().year - 1
    _closed_with(regisseur, year, {"housing": 1, "finances": 2}, {"housing": 3, "finances": 2})
    _closed_with(regisseur, year, {"housing": 2}, {"housing": 2}, {"housing": 4})
    _closed_with(regisseur, year, {"addiction": 3})  # one measurement: no change to count
    _closed_with(regisseur, year - 1, {"housing": 1}, {"housing": 5})  # another year
    _closed_with(other_org_user, year, {"housing": 5}, {"housing": 1})  # another municipality
    with count_queries() as queries:
        figure = self_reliance_change(year=year, organisation_id=regisseur.organisation_id)
    assert (figure.cases, figure.pairs) == (2, 3)
    assert figure.per_domain == {"finances": (1, 0.0), "housing": (2, 2.0)}
    assert figure.average == round(4 / 3, 2)
    assert self_reliance_change(year=year).cases == 3
    assert self_reliance_change(year=year + 5).average is None
    assert len(queries) <= 3
    for _ in range(3):
        _closed_with(regisseur, year, {"justice": 2}, {"justice": 3})
    with count_queries() as more:
        assert self_reliance_change(year=year, organisation_id=regisseur.organisation_id).cases == 5
    assert len(more) == len(queries)



@pytest.mark.parametrize(("language", "labels"), [
    ("nl", {"agreement": "Termijn afspraak", "intervention": "Termijn interventie",
            "triage_contact": "Triage: contact met betrokkene"}),
    ("en", {"agreement": "Agreement due", "intervention": "Intervention due",
            "triage_contact": "Triage: contact with the person"}),
])
def test_each_kind_of_term_is_labelled_in_the_language_of_the_request(regisseur, partner_org, language, labels):
    """`deadlines` and the case page's `case_deadlines` translate each kind's label once per call
    (`term_labels`), in the language active then: the same labels."""
    from casework.pga.selectors import case_deadlines
    from casework.pga.services import agreement_record

    working = make_pga_case(owner=regisseur, status=pga.UITVOERING)
    agreement = agreement_record(actor=regisseur, case=working, description="Budgetcoach inschakelen (test)",
                                 owner_organisation=partner_org, due_on=today() + timedelta(days=10))
    plan_with(working, regisseur, partner_org, 5)
    referred = make_pga_case(owner=regisseur, status=pga.AANGEMELD)
    with translation.override(language):
        found = deadlines(cases=Case.objects.filter(pk__in=[working.pk, referred.pk]), until=today() + timedelta(
            days=30), today=today())
        on_page = case_deadlines(case=working, agreements=[agreement], today=today(),
                                 interventions=list(PlanIntervention.objects.filter(case=working)))
    assert {(term.kind, term.label) for term in found} == set(labels.items())
    assert {(term.kind, term.label) for term in on_page} == {(kind, labels[kind]) for kind in ("agreement",
                                                                                            "intervention")}
