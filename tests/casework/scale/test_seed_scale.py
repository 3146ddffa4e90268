"""`manage.py seed_scale`: bulk-written rows are sealed as a save seals them, found by their blind
indexes, visible to the seeded users; the audit events chain; a second run resumes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connections
from django.urls import reverse
from django.utils import formats, timezone, translation

from accounts.models import SealedTOTPDevice, User
from audit.models import AuditEvent
from audit.verification import verify_chain
from casework import access, registry, selectors
from casework.categories import METADATA
from casework.models import BreakGlassGrant, Case, CaseStep, Person, SharingDecision
from casework.notifications.models import Notification
from casework.scale.synthetic import bsn_for, stable_uuid, stable_uuid_text
from encryption.pseudonyms import subject_pseudonym
from tests.conftest import raw_rows

pytestmark = pytest.mark.django_db(databases="__all__", transaction=False)

SEED = 7


def _seed(cases: int, events: int, batch: int = 10) -> None:
    call_command("seed_scale", cases=cases, audit_events=events, seed=SEED, batch=batch, event_batch=40,
                 no_progress=True, verbosity=0)


@pytest.mark.both_databases  # on PostgreSQL the writer stores plain values without Django's call (`column_plan`)
def test_seeded_cases_decrypt_are_found_by_blind_index_and_chain(settings):
    _seed(24, 90)
    assert_seeded(90)


def assert_seeded(events: int) -> None:
    """What a seed of 24 cases (every one the regisseur's, every one shared with the partner) and `events` events
    holds."""
    count = 24
    cases = Case.objects.filter(reference__startswith=f"S{SEED}-")
    assert cases.count() == count
    assert {case.case_type for case in cases} == {spec.code for spec in registry.types() if not spec.example}
    assert CaseStep.objects.filter(case__in=cases).count() >= count
    assert Case.history.filter(reference__startswith=f"S{SEED}-").count() == count
    person = Person.objects.exclude(bsn=None).filter(cases__in=cases, restricted=False).first()
    assert person.surname.startswith("Schaaltest") and person.bsn.isdigit() and len(person.bsn) == 9
    assert person.bsn in {bsn_for(SEED, index) for index in range(count)}
    case = person.cases.get()
    owner = User.objects.get(pk=case.owner_id)  # at 24 cases the regisseur's caseload is all of them
    assert owner.username == "regisseur"
    assert selectors.search_by_bsn(user=owner, bsn=person.bsn) == [case]
    assert case in selectors.search_by_name_and_birth(user=owner, surname=person.surname,
                                                      date_of_birth=person.date_of_birth)
    own = cases.filter(owner=owner)
    assert set(Notification.objects.filter(recipient=owner).values_list("case_id", flat=True)) == \
        set(own.values_list("pk", flat=True))  # the regisseur's notification list for `bench`
    _assert_events_name_their_cases_and_chain(cases, events)
    _assert_partner_sees_its_shares_and_grants_are_expired(cases)


def _assert_partner_sees_its_shares_and_grants_are_expired(cases) -> None:
    """The partner's caseload is its organisation's active sharing decisions (at 24 cases: every case), sealed
    with the case's key as `share_record` seals them; break-glass grants are there and all expired."""
    partner = User.objects.get(username="partner")
    shares = SharingDecision.objects.filter(case__in=cases, partner_id=partner.organisation_id)
    assert shares.count() == 24
    assert set(access.visible_cases(partner).values_list("pk", flat=True)) == set(cases.values_list("pk", flat=True))
    share = shares.select_related("case").first()
    assert share.data_key_id == share.case.data_key_id and share.purpose.startswith("Schaaltest")
    assert share.categories[0] == METADATA and share.revoked_at is None
    assert SharingDecision.history.filter(id=share.pk).count() == 1
    for model in (SharingDecision, SharingDecision.history.model, BreakGlassGrant):
        rows = raw_rows(model)  # sealed at rest, history rows too
        assert rows and not [row for row in rows if "Schaaltest" in row or "acute situatie" in row], model
    handhaver = User.objects.get(username="handhaver")
    grants = BreakGlassGrant.objects.filter(user=handhaver)
    assert grants.count() == 3 and all(grant.expires_at < timezone.now() for grant in grants)
    assert grants.first().reason.startswith("Demo: ")  # a person's own words, as demo data writes them
    assert not access.visible_cases(handhaver).filter(pk__in=grants.values("case_id")).exists()


def _assert_events_name_their_cases_and_chain(cases, count: int) -> None:
    seeded = AuditEvent.objects.filter(request_id__startswith=f"seed_scale:{SEED}:")
    assert seeded.count() == count
    # each event names a seeded case (as object and as case) and that case's person by pseudonym
    pseudonyms = {str(pk): subject_pseudonym(person) for pk, person in cases.values_list("pk", "person_id")}
    for object_id, case_id, pseudonym in seeded.values_list("object_id", "case_id", "subject_pseudonym"):
        assert object_id == case_id and pseudonyms[case_id] == pseudonym
    result = verify_chain()
    assert result.intact, result.message


@pytest.mark.postgres
def test_on_postgres_the_events_stream_into_the_copy_and_chain():
    """On PostgreSQL each batch's events are drafted and hashed as the COPY sends them (an iterator to
    `insert_rows`): the same events, one chain."""
    assert connections["audit"].vendor == "postgresql"
    _seed(24, 130)  # batches of 40: three full ones and a short one
    _assert_events_name_their_cases_and_chain(Case.objects.filter(reference__startswith=f"S{SEED}-"), 130)


@pytest.mark.parametrize("kind", ["case", "person"])
def test_an_id_written_as_text_is_the_text_of_the_stable_uuid(kind):
    for index in [0, 1, 2, 255, 256, 99_999, 1_000_000, *range(3_000, 3_200)]:
        assert stable_uuid_text(SEED, kind, index) == str(stable_uuid(SEED, kind, index))


def test_a_second_run_resumes_after_the_last_batch():
    _seed(20, 40)
    _seed(30, 100)
    assert Case.objects.filter(reference__startswith=f"S{SEED}-").count() == 30
    regisseur = User.objects.get(username="regisseur")
    assert Notification.objects.filter(recipient=regisseur).count() == \
        Case.objects.filter(reference__startswith=f"S{SEED}-", owner=regisseur).count()  # none twice
    assert AuditEvent.objects.filter(request_id__startswith=f"seed_scale:{SEED}:").count() == 100
    assert verify_chain().intact
    partner = User.objects.get(username="partner")
    shared = SharingDecision.objects.filter(partner_id=partner.organisation_id).values_list("case_id", flat=True)
    assert sorted(shared) == sorted(set(shared))  # no case shared twice by the second run
    assert BreakGlassGrant.objects.filter(user__username="handhaver").count() == 3


def test_seeded_procedures_keep_what_their_steps_say():
    """A type's `scale_details` hook (ADR 0052): a seeded Damocles procedure's first decisive step and its
    warning, and a PGA case's first acceptance, agree with the steps seeded for them, as the steps themselves
    would have kept them."""
    from casework.damocles.models import DamoclesCase
    from casework.damocles.workflow import DECISIVE_STATES, WAARSCHUWING

    _seed(60, 0, batch=20)
    procedures = DamoclesCase.objects.filter(case__reference__startswith=f"S{SEED}-")
    assert procedures.count() >= 8
    for details in procedures:
        steps = list(CaseStep.objects.filter(case_id=details.case_id).order_by("sequence"))
        decisive = [step.at for step in steps if step.to_status in DECISIVE_STATES]
        assert details.decisive_step_on == (timezone.localdate(decisive[0]) if decisive else None)
        assert details.warned == any(step.to_status == WAARSCHUWING for step in steps)
    assert procedures.filter(warned=True).exists() and procedures.exclude(decisive_step_on=None).exists()
    from casework.pga.models import PgaCase
    from casework.pga.workflow import IN_BEHANDELING

    approaches = PgaCase.objects.filter(case__reference__startswith=f"S{SEED}-")
    for details in approaches:
        accepted = CaseStep.objects.filter(case_id=details.case_id, to_status=IN_BEHANDELING).order_by("at").first()
        assert details.accepted_on == (timezone.localdate(accepted.at) if accepted else None)
    assert approaches.exclude(accepted_on=None).exists() and approaches.filter(accepted_on=None).exists()


def test_seeded_pga_cases_hold_the_work_their_steps_stand_for(client, login):
    """A type's `scale_work` hook: a seeded PGA case that reached "casusoverleg" has its conference and two
    agreements, one that reached "plan" its plan with the intervention the deadlines read and two measurements;
    sealed at rest (history rows too), opened with the case's key, the terms of open cases around today and of
    closed ones done, and shown on the case page, the dashboard's deadlines and "my work"."""
    from casework.pga.models import Agreement, Conference, PlanIntervention, PlanVersion, SelfRelianceMeasurement
    from casework.pga.services.plan import clean_goals
    from casework.pga.workflow import CASUSOVERLEG, PLAN

    _seed(200, 0, batch=50)
    seeded = Case.objects.filter(reference__startswith=f"S{SEED}-", case_type="pga")
    reached = {state: set(CaseStep.objects.filter(case__in=seeded, to_status=state).values_list("case_id", flat=True))
               for state in (CASUSOVERLEG, PLAN)}
    assert reached[CASUSOVERLEG] and reached[PLAN]
    assert set(Conference.objects.filter(case__in=seeded).values_list("case_id", flat=True)) == reached[CASUSOVERLEG]
    assert set(PlanVersion.objects.filter(case__in=seeded).values_list("case_id", flat=True)) == reached[PLAN]
    today = timezone.localdate()
    for agreement in Agreement.objects.filter(case__in=seeded).select_related("case", "conference"):
        assert agreement.data_key_id == agreement.case.data_key_id and agreement.conference.case_id == agreement.case_id
        assert agreement.description.startswith("Schaaltest") and agreement.due_on >= agreement.conference.held_on
        if agreement.case.closed_on is not None:
            assert agreement.status == Agreement.Status.DONE and agreement.due_on <= agreement.case.closed_on
        else:
            assert agreement.due_on <= today + timedelta(days=75)
    assert Agreement.objects.filter(case__in=seeded).count() == 2 * len(reached[CASUSOVERLEG])
    for version in PlanVersion.objects.filter(case__in=seeded):
        (intervention,) = PlanIntervention.objects.filter(case_id=version.case_id)
        # the form the plan service stores (the seeder builds it by hand); a date today, as the service takes no
        # date more than two years back, and the seeded plans of cases closed long ago have such dates
        dated = [{**goal, "interventions": [{**item, "due_on": today.isoformat()} for item in goal["interventions"]]}
                 for goal in version.goals]
        assert clean_goals(dated) == dated
        (item,) = version.goals[0]["interventions"]
        assert (item["id"], item["due_on"]) == (str(intervention.key), intervention.due_on.isoformat())
        assert SelfRelianceMeasurement.objects.filter(case_id=version.case_id).count() == 2
    for model in (Conference, Agreement, PlanVersion, Agreement.history.model):
        rows = raw_rows(model)
        assert rows and not [row for row in rows if "Schaaltest" in row], model
    regisseur = User.objects.get(username="regisseur")
    open_agreement = Agreement.objects.filter(case__in=seeded, case__owner=regisseur, case__closed_on=None,
                                              status=Agreement.Status.OPEN).select_related("case").first()
    assert open_agreement is not None
    regisseur.device = SealedTOTPDevice.objects.get(user=regisseur)  # the demo account's, as `bench` logs in
    login(client, regisseur)
    page = client.get(reverse("casework:case_detail", args=[open_agreement.case_id])).content.decode()
    assert open_agreement.description in page
    # the PGA items (the other types' seeded terms come first on an unfiltered page: it is paginated)
    work = client.get(reverse("casework:my_work"), {"case_type": "pga"}).content.decode()
    assert open_agreement.case.reference in work


def test_seeded_woonoverlast_files_hold_reports_interventions_and_intentions(client, login):
    """Woonoverlast's `scale_work`: every seeded file has two reports, each by a reporter of its own (a person
    with a data key of its own, a shielded party of the file); a file that reached "interventies" its
    intervention, one that reached an intention's state that intention, its view received where the file went
    on and due around today where it still waits; sealed at rest, shown on the file's case page."""
    from casework.deadlines import term_end
    from casework.person_roles import case_roles
    from casework.woonoverlast.models import DecisionKind, Intention, Intervention, Melding
    from casework.woonoverlast.workflow import INTERVENTIES, VOORNEMEN, VOORNEMEN_SLUITING

    _seed(600, 0, batch=100)
    seeded = Case.objects.filter(reference__startswith=f"S{SEED}-", case_type="woonoverlast")
    assert seeded.count() > 20
    reached = {state: set(CaseStep.objects.filter(case__in=seeded, to_status=state).values_list("case_id", flat=True))
               for state in (INTERVENTIES, VOORNEMEN, VOORNEMEN_SLUITING)}
    assert reached[INTERVENTIES] and reached[VOORNEMEN]
    meldingen = list(Melding.objects.filter(case__in=seeded).select_related("case", "melder"))
    assert len(meldingen) == 2 * seeded.count()
    reporters = {melding.melder_id for melding in meldingen}
    assert len(reporters) == len(meldingen)  # a reporter of its own for every report
    for melding in meldingen:
        assert melding.data_key_id == melding.case.data_key_id and melding.reported_on >= melding.case.opened_on
        reporter = melding.melder
        assert reporter.pk != melding.case.person_id and reporter.data_key_id != melding.case.data_key_id
        assert reporter.controller_id == melding.case.controller_id and reporter.surname.startswith("Schaaltest")
    assert set(Intervention.objects.filter(case__in=seeded).values_list("case_id", flat=True)) == reached[INTERVENTIES]
    intentions = Intention.objects.filter(case__in=seeded).select_related("case")
    assert set(intentions.filter(decision=DecisionKind.ORDER).values_list("case_id", flat=True)) == reached[VOORNEMEN]
    assert (set(intentions.filter(decision=DecisionKind.CLOSURE).values_list("case_id", flat=True))
            == reached[VOORNEMEN_SLUITING])
    today = timezone.localdate()
    waiting = 0
    for intention in intentions:
        still = (intention.case.closed_on is None and intention.case.status
                 == {DecisionKind.ORDER: VOORNEMEN, DecisionKind.CLOSURE: VOORNEMEN_SLUITING}[intention.decision])
        if still:
            waiting += 1
            assert intention.view_received_on is None
            assert today - timedelta(days=7) <= intention.view_due_on <= today + timedelta(days=21)
        else:
            assert intention.view_received_on is not None and intention.view_summary.startswith("Schaaltest")
        assert intention.sent_on <= today
        assert intention.view_due_on == term_end(event=intention.sent_on, weeks=intention.view_term_weeks)
    assert waiting
    for model in (Melding, Intervention, Intention, Person, Melding.history.model):
        rows = raw_rows(model)
        assert rows and not [row for row in rows if "Schaaltest" in row], model
    melding = meldingen[0]
    (role,) = case_roles([melding.melder_id])  # the reporter is a shielded party of its file only
    assert (role.case_id, role.role, role.shielded) == (melding.case_id, "melder", True)
    owner = User.objects.get(pk=melding.case.owner_id)  # at this size the demo regisseur owns every case
    owner.device = SealedTOTPDevice.objects.get(user=owner)
    login(client, owner)
    page = client.get(reverse("casework:case_detail", args=[melding.case_id])).content.decode()
    assert melding.description in page


def _assert_view_term(details, last: dict, intention_state: str, today) -> bool:
    """The intention's view term on seeded details, as the service counts it: around today while the case still
    waits for the view (True), on the step's date where it went on, absent where no intention was sent."""
    from casework.deadlines import term_end

    if intention_state not in last:
        assert details.intention_sent_on is None and details.view_due_on is None
        return False
    assert details.view_due_on == term_end(event=details.intention_sent_on, weeks=details.view_term_weeks)
    if details.case.status == intention_state:
        assert today - timedelta(days=7) <= details.view_due_on <= today + timedelta(days=21)
        return True
    assert details.intention_sent_on == last[intention_state]
    return False


def test_seeded_damocles_procedures_hold_their_report_terms_and_announcements(client, login):
    """Damocles's `scale_details` and `scale_work`: every seeded procedure has its police report with one or
    two findings; an intention, a decision, a sealing as its steps say, with the terms its services count
    (the view term of a procedure still waiting for the view around today); an announced decision its
    announcement to the owner with the objection and compliance terms; sealed at rest, shown on the case page
    and in the procedure's deadlines. An urgent closure carried out before any decision has the urgent enforcement
    its sealing records, with the written decision due from that day (and taken on the day of a later decision);
    one still waiting for it shows that follow-up among the procedure's terms."""
    from casework.damocles import workflow as wf
    from casework.damocles.models import DamoclesCase, Finding, PoliceReport, Sanction
    from casework.damocles.selectors.deadlines import URGENT_FOLLOW_UP, damocles_deadlines
    from casework.deadlines import objection_deadline, wkpb_deadline
    from casework.remedies.models import Announcement, UrgentEnforcement
    from casework.remedies.terms import compliance_end

    _seed(600, 0, batch=100)
    procedures = list(DamoclesCase.objects.filter(case__reference__startswith=f"S{SEED}-").select_related("case"))
    assert len(procedures) > 20
    today = timezone.localdate()
    seen = {"waiting": 0, "decided": 0, "sealed": 0, "announced": 0, "urgent waiting": 0, "urgent decided": 0}
    for details in procedures:
        case = details.case
        steps = list(CaseStep.objects.filter(case=case).order_by("sequence"))
        last = {step.to_status: timezone.localdate(step.at) for step in steps}
        (report,) = PoliceReport.objects.filter(case=case)
        assert report.data_key_id == case.data_key_id and report.received_on == case.opened_on > report.found_on
        assert report.summary.startswith("Schaaltest") and 1 <= Finding.objects.filter(report=report).count() <= 2
        closing = {wf.VOORNEMEN_VERZONDEN, wf.SPOEDEISENDE_SLUITING, wf.BESLUIT} & last.keys()
        assert (details.chosen_sanction == Sanction.CLOSURE) == bool(closing)
        seen["waiting"] += _assert_view_term(details, last, wf.VOORNEMEN_VERZONDEN, today)
        assert details.decided_on == last.get(wf.BESLUIT)
        seen["decided"] += details.decided_on is not None
        assert details.sealed_on == last.get(wf.SLUITING_UITGEVOERD)
        if details.sealed_on is not None:
            seen["sealed"] += 1
            assert details.wkpb_due_on == wkpb_deadline(effective_on=details.sealed_on)
            assert details.closure_ends_on == details.sealed_on + timedelta(days=details.chosen_days)
        announcements = list(Announcement.objects.filter(case=case))
        assert len(announcements) == (wf.BEKENDGEMAAKT in last)
        for announcement in announcements:
            seen["announced"] += 1
            assert announcement.is_about(details) and announcement.announced_on >= details.decided_on
            assert announcement.objection_deadline == objection_deadline(announced_on=announcement.announced_on)
            assert announcement.compliance_ends_on == compliance_end(announced_on=announcement.announced_on,
                                                                     days=details.compliance_term_days)
            assert announcement.data_key_id == case.data_key_id and announcement.addressee_name.startswith("Schaal")
        urgent = _urgent_sealing_step(steps)
        rows = list(UrgentEnforcement.objects.filter(case=case))
        assert len(rows) == (urgent is not None)
        if urgent is None:
            continue
        (row,) = rows
        sealed_on, decided = timezone.localdate(urgent.at), _decision_after(steps, urgent)
        assert row.is_about(details) and row.data_key_id == case.data_key_id and row.reasons.startswith("Schaaltest")
        assert timezone.localdate(row.acted_at) == row.written_decision_due_on == sealed_on
        assert row.written_decision_on == decided
        seen["urgent decided" if decided else "urgent waiting"] += 1
        follow_ups = [term for term in damocles_deadlines(cases=Case.objects.filter(pk=case.pk), until=today,
                                                          today=today) if term.kind == URGENT_FOLLOW_UP]
        assert [term.due_on for term in follow_ups] == ([sealed_on] if decided is None and not case.is_closed else [])
    assert all(seen.values()), seen
    for model in (PoliceReport, Announcement, DamoclesCase, PoliceReport.history.model, UrgentEnforcement):
        rows = raw_rows(model)
        assert rows and not [row for row in rows if "Schaaltest" in row], model
    waiting = next(d for d in procedures if d.case.status == wf.VOORNEMEN_VERZONDEN)
    owner = User.objects.get(pk=waiting.case.owner_id)  # at this size the demo regisseur owns every case
    owner.device = SealedTOTPDevice.objects.get(user=owner)
    login(client, owner)
    page = client.get(reverse("casework:case_detail", args=[waiting.case_id])).content.decode()
    assert "Schaaltest: bevindingen van de politie." in page
    with translation.override("nl"):  # the page's language: its deadlines table has the view term's end
        assert formats.date_format(waiting.view_due_on, "j F Y") in page


def _urgent_sealing_step(steps):
    """The step that carried out an urgent closure before any decision, if there is one."""
    from casework.damocles import workflow as wf

    urgent = False
    for step in steps:
        if step.to_status == wf.BESLUIT:
            return None
        urgent |= step.to_status == wf.SPOEDEISENDE_SLUITING
        if urgent and step.to_status == wf.SLUITING_UITGEVOERD:
            return step
    return None


def _decision_after(steps, sealing):
    from casework.damocles import workflow as wf

    return next((timezone.localdate(step.at) for step in steps
                 if step.sequence > sealing.sequence and step.to_status == wf.BESLUIT), None)


def test_seeded_park_files_hold_their_inspections_orders_and_terms(client, login):
    """Park's `scale_details` and `scale_work`: every seeded file has the inspection of its object; its finding
    report, intention (the view term of a file still waiting around today) and compliance as its steps say; a
    file that reached the order its imposed order with the announcement's objection and compliance terms, and
    one that reached "hercontrole" the re-inspection of that order; sealed at rest, shown on the case page."""
    from casework.deadlines import objection_deadline
    from casework.park import workflow as wf
    from casework.park.models import Inspection, ParkFile, PenaltyOrder
    from casework.remedies.models import Announcement
    from casework.remedies.terms import compliance_end

    _seed(600, 0, batch=100)
    files = list(ParkFile.objects.filter(case__reference__startswith=f"S{SEED}-").select_related("case"))
    assert len(files) > 20
    today = timezone.localdate()
    seen = {"waiting": 0, "ordered": 0, "reinspected": 0}  # compliance is rare here: the test after this one
    for details in files:
        case = details.case
        last = {step.to_status: timezone.localdate(step.at)
                for step in CaseStep.objects.filter(case=case).order_by("sequence")}
        first = Inspection.objects.filter(case=case, order=None).get()
        assert (first.object_id, first.inspected_on) == (details.object_id, last[wf.CONTROLE])
        assert first.data_key_id == case.data_key_id and first.findings.startswith("Schaaltest")
        assert details.reported_on == last.get(wf.CONSTATERING)
        seen["waiting"] += _assert_view_term(details, last, wf.VOORNEMEN, today)
        orders = list(PenaltyOrder.objects.filter(case=case))
        assert len(orders) == (wf.LAST_ONDER_DWANGSOM in last)
        for order in orders:
            seen["ordered"] += 1
            (announcement,) = Announcement.objects.filter(case=case)
            assert announcement.is_about(order) and announcement.announced_on > order.decided_on
            assert announcement.objection_deadline == objection_deadline(announced_on=announcement.announced_on)
            assert order.compliance_due_on == announcement.compliance_ends_on == compliance_end(
                announced_on=announcement.announced_on, days=order.compliance_term_days)
            assert order.object_id == details.object_id and order.remedy.startswith("Schaaltest")
            reinspections = list(Inspection.objects.filter(case=case, order=order))
            assert len(reinspections) == (wf.HERCONTROLE in last)
            seen["reinspected"] += len(reinspections)
            complied = wf.NAGELEEFD in last
            assert order.state == (PenaltyOrder.State.COMPLIED if complied else PenaltyOrder.State.IMPOSED)
            assert [row.compliant for row in reinspections] == [complied] * len(reinspections)
            if complied:
                assert details.complied_on == reinspections[0].inspected_on
    assert all(seen.values()), seen
    for model in (Inspection, PenaltyOrder, ParkFile, Announcement, PenaltyOrder.history.model):
        rows = raw_rows(model)
        assert rows and not [row for row in rows if "Schaaltest" in row], model
    ordered = PenaltyOrder.objects.filter(case__reference__startswith=f"S{SEED}-").select_related("case").first()
    owner = User.objects.get(pk=ordered.case.owner_id)  # at this size the demo regisseur owns every case
    owner.device = SealedTOTPDevice.objects.get(user=owner)
    login(client, owner)
    page = client.get(reverse("casework:case_detail", args=[ordered.case_id])).content.decode()
    assert ordered.remedy in page and "Schaaltest: bevindingen van de controle." in page



def test_a_complied_park_file_holds_its_compliant_reinspection():
    """Park's hooks on the path to compliance (rare among seeded files: five steps, each one of two ways): the
    order complied with, its re-inspection compliant, the file complied with on that re-inspection's day."""
    import random
    from datetime import UTC, datetime
    from types import SimpleNamespace

    from casework.park import workflow as wf
    from casework.park.models import Inspection, PenaltyOrder
    from casework.park.scale import scale_details, scale_work
    from casework.remedies.models import Announcement

    path = [wf.CONTROLE, wf.CONSTATERING, wf.VOORNEMEN, wf.LAST_ONDER_DWANGSOM, wf.HERCONTROLE, wf.NAGELEEFD]
    times = [datetime(2025, 3, 3, 9, tzinfo=UTC) + timedelta(days=7 * number) for number in range(len(path))]
    details = scale_details(path=path, times=times, today=timezone.localdate())
    rows: list[tuple[type, dict]] = []

    def add(model, **values):
        rows.append((model, values))
        return SimpleNamespace(pk=len(rows), **values)

    case = SimpleNamespace(owner_id=1, opened_on=times[0].date())
    scale_work(case=case, details=SimpleNamespace(object_id=5), path=path, times=times, today=timezone.localdate(),
               rng=random.Random(1), add=add)
    assert [model for model, _values in rows] == [Inspection, PenaltyOrder, Announcement, Inspection]
    order, reinspection = rows[1][1], rows[3][1]
    assert order["state"] == PenaltyOrder.State.COMPLIED and reinspection["compliant"] is True
    assert reinspection["order"].pk == 2 and reinspection["inspected_on"] == timezone.localdate(times[4])
    assert details["complied_on"] == reinspection["inspected_on"] and "view_due_on" in details


def test_seeded_signals_hold_their_sources_named_persons_and_triages(client, login):
    """Signals' `scale_details` and `scale_work`: every seeded signal has its source (a shielded party with a
    data key of its own) and names the case's person; a triage row for each triage step, the latest one's outcome on the
    signal, a monitoring still running due for review around today, postponed informing with its review date;
    sealed at rest, shown on the case page and in its terms."""
    from casework.person_roles import case_roles
    from casework.signals.models import Informing, Outcome, Signal, SignalPerson, SignalSource, Triage
    from casework.signals.workflow import AFGESLOTEN, BEOORDEELD

    _seed(600, 0, batch=100)
    signals = list(Signal.objects.filter(case__reference__startswith=f"S{SEED}-").select_related("case"))
    assert len(signals) > 20
    today = timezone.localdate()
    around = (today - timedelta(days=7), today + timedelta(days=21))
    seen = {"monitored": 0, "closed": 0, "postponed": 0}
    for signal in signals:
        case = signal.case
        steps = list(CaseStep.objects.filter(case=case).order_by("sequence"))
        triaged = [step for step in steps if step.to_status in (BEOORDEELD, AFGESLOTEN)]
        triages = list(Triage.objects.filter(case=case).order_by("decided_on", "outcome"))
        assert [(row.outcome, row.decided_on) for row in triages] == [
            (Outcome.MONITOR if step.to_status == BEOORDEELD else Outcome.NO_ACTION, timezone.localdate(step.at))
            for step in triaged]
        assert signal.received_on == timezone.localdate(steps[0].at)  # the step into "ontvangen"
        if triages:
            assert (signal.outcome, signal.triaged_on) == (triages[-1].outcome, triages[-1].decided_on)
        else:
            assert signal.outcome == "" and signal.triaged_on is None
        if case.status == BEOORDEELD:
            seen["monitored"] += 1
            assert around[0] <= signal.review_on <= around[1] and signal.review_on == triages[-1].review_on
        if case.status == AFGESLOTEN:
            seen["closed"] += 1
            assert signal.follow_up_ended_on == signal.triaged_on
        (source,) = SignalSource.objects.filter(case=case).select_related("person")
        (named,) = SignalPerson.objects.filter(case=case)
        assert source.person.data_key_id != case.data_key_id and source.person.surname.startswith("Schaaltest")
        assert named.person_id == case.person_id and named.involvement.startswith("Schaaltest")
        if named.informing == Informing.POSTPONED:
            seen["postponed"] += 1
            assert around[0] <= named.postponement_review_on <= around[1] and named.postponement_ground
    assert all(seen.values()), seen
    (role,) = case_roles([source.person_id])  # the source is a shielded party of its signal only
    assert (role.case_id, role.role, role.shielded) == (source.case_id, "source", True)
    for model in (Signal, SignalSource, SignalPerson, Triage, Triage.history.model):
        rows = raw_rows(model)
        assert rows and not [row for row in rows if "Schaaltest" in row], model
    monitored = next(s for s in signals if s.case.status == BEOORDEELD)
    owner = User.objects.get(pk=monitored.case.owner_id)  # at this size the demo regisseur owns every case
    owner.device = SealedTOTPDevice.objects.get(user=owner)
    login(client, owner)
    page = client.get(reverse("casework:case_detail", args=[monitored.case_id])).content.decode()
    assert monitored.description in page
    with translation.override("nl"):  # the terms of the page: the monitoring's review
        assert formats.date_format(monitored.review_on, "j F Y") in page


def test_a_run_resumed_with_another_batch_size_writes_each_case_once():
    """Batches of 5, then of 10 (batch 3 starts after the cases there), then of 7 (batch 8 starts at case 60, its
    first case not a multiple of 7): every case once, the per-batch parents (parks, premises) not twice; the
    sharing decisions and break-glass grants are planned in batches of their own, so none is written twice."""
    _seed(30, 0, batch=5)
    _seed(60, 0, batch=10)
    _seed(75, 0, batch=7)
    seeded = Case.objects.filter(reference__startswith=f"S{SEED}-")
    references = seeded.values_list("reference", flat=True)
    assert sorted(int(reference.rsplit("-", 1)[1]) for reference in references) == list(range(75))
    partner = User.objects.get(username="partner")
    shared = list(SharingDecision.objects.filter(partner_id=partner.organisation_id).values_list("case_id", flat=True))
    assert shared and len(shared) == len(set(shared))
    assert BreakGlassGrant.objects.filter(user__username="handhaver").count() == 3


def test_the_grants_are_planned_in_batches_of_their_own_whatever_the_cases_batch(monkeypatch):
    """Where the sharing decisions and break-glass grants fall depends on the case indices of their batch: a fixed
    size, so that a run resumed with another `--batch` plans (and skips) the same rows."""
    from casework.scale import grants

    planned = []
    monkeypatch.setattr(grants, "seed_grant_batch", lambda **kwargs: planned.append(
        (kwargs["batch"], kwargs["size"])) or 0)
    _seed(30, 0, batch=7)
    assert planned == [(0, grants.CASES_PER_BATCH)]


def test_two_seeds_share_a_database():
    """A second seed writes its own cases beside the first's: no synthetic name of a parent (a park's name is
    unique) is the same."""
    _seed(20, 0)
    call_command("seed_scale", cases=20, audit_events=0, seed=SEED + 1, batch=10, no_progress=True, verbosity=0)
    for seed in (SEED, SEED + 1):
        assert Case.objects.filter(reference__startswith=f"S{seed}-").count() == 20


@pytest.mark.parametrize(("size", "parents"), [(10, 40), (1000, 40), (1001, 80), (2000, 80)])
def test_a_batch_has_as_many_parents_per_case_whatever_its_size(size, parents):
    """The premises, parks and objects a batch draws its cases' parents from: 40 per model for each begun 1,000
    cases, so the default batch of 2,000 gives a premises as many procedures as batches of 1,000 did."""
    import random

    from casework.scale.builders import Builder
    from casework.scale.rows import RowWriter

    assert Builder(RowWriter(), seed=SEED, first=0, size=size, rng=random.Random(1)).pool_size == parents


def test_seed_scale_refuses_production_settings_and_numbers_out_of_range(settings):
    """Synthetic bulk data never goes into a production database, and a bad number is a clear error before
    anything is written."""
    from django.core.management.base import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        _seed(5, 0)
    settings.PRODUCTION = False
    for bad in ({"cases": -1, "audit_events": 0}, {"cases": 5, "audit_events": -1}, {"cases": 5, "batch": 0}):
        with pytest.raises(CommandError, match="at least"):
            call_command("seed_scale", seed=SEED, no_progress=True, verbosity=0, **bad)
    assert not Case.objects.filter(reference__startswith=f"S{SEED}-").exists()
    assert not User.objects.filter(username__startswith=f"schaal{SEED}-").exists()
