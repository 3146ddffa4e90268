"""One conflict scenario per editable model (casework/versions.py `editable_models()`): the web page that
updates a row of that model, the user who may, the input they send and how to read the row back.

tests/casework/versions/test_editable_rows.py runs every scenario the same way (a stale version → 409,
nothing written, the input kept; then the current version → saved). A model classified EDITABLE
without an entry here fails that test: add its scenario when adding the model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from accounts.roles import HANDHAVER, PROCESREGISSEUR, TEAMLEIDER
from audit.history import save_with_reason
from casework.models import Case
from casework.persons import person_register
from casework.services import case_create
from tests.factories.accounts import TeamFactory


@dataclass
class Edit:
    user: Any
    url: str
    data: dict[str, Any]  # the form input, without the version
    case: Case
    state: Callable[[], Any]  # the row as stored: unchanged by a refused write, changed by an accepted one
    kept: str  # a value of the input the re-rendered form must still show


def _url(name: str, case: Case, **kwargs: Any) -> str:
    return reverse(f"casework:{name}", kwargs={"case_id": case.pk, **kwargs})


class Cast:
    """The users of a scenario, made on first use (one organisation, one team)."""

    def __init__(self, make_user, organisation) -> None:
        self.make_user = make_user
        self.organisation = organisation
        self.team = TeamFactory(organisation=self.organisation, name="Team Versies")
        self._users: dict[str, Any] = {}

    def __getattr__(self, role: str) -> Any:
        roles = {"regisseur": PROCESREGISSEUR, "colleague": PROCESREGISSEUR, "handhaver": HANDHAVER,
                 "lead": TEAMLEIDER}
        if role not in roles:
            raise AttributeError(role)
        if role not in self._users:
            self._users[role] = self.make_user(role=roles[role], team=self.team)
        return self._users[role]


# --- core ------------------------------------------------------------------------------------------

def _pga(cast: Cast, status: str = "in_behandeling") -> Case:
    from tests.factories.casework import make_pga_case

    return make_pga_case(owner=cast.regisseur, status=status)


def handover(cast: Cast) -> Edit:
    case = _pga(cast)
    colleague = cast.colleague
    return Edit(cast.lead, _url("handover", case), {"new_owner": colleague.pk, "reason": "Verlof (versietest)"},
                case, lambda: Case.objects.get(pk=case.pk).owner_id, "Verlof (versietest)")


def share_revoke(cast: Cast) -> Edit:
    from casework.models import SharingDecision
    from tests.casework.web.actions_support import share_with
    from tests.factories.accounts import OrganisationFactory

    case = _pga(cast, "plan")
    share = share_with(case, partner=OrganisationFactory(name="Testpartner Versies"), actor=cast.regisseur)
    return Edit(cast.regisseur, _url("share_revoke", case, share_id=share.pk), {"reason": "Doel bereikt (versietest)"},
                case, lambda: SharingDecision.objects.get(pk=share.pk).revoked_at, "Doel bereikt (versietest)")


# --- PGA -------------------------------------------------------------------------------------------

def escalation(cast: Cast) -> Edit:
    case = _pga(cast)
    return Edit(cast.regisseur, _url("escalation", case), {"escalated": "on", "reason": "Vastgelopen (versietest)"},
                case, lambda: Case.objects.get(pk=case.pk).pga.escalated, "Vastgelopen (versietest)")


def conference(cast: Cast) -> Edit:
    from casework.pga.models import Conference
    from casework.pga.services import conference_plan

    case = _pga(cast)
    row = conference_plan(actor=cast.regisseur, case=case, held_on=date(2026, 3, 2), invited=[],
                          minutes="Notulen 1 (versietest)")
    return Edit(cast.regisseur, _url("conference_edit", case, conference_id=row.pk),
                {"held_on": "2026-03-02", "minutes": "Notulen 2 (versietest)"}, case,
                lambda: Conference.objects.get(pk=row.pk).minutes, "Notulen 2 (versietest)")


def agreement(cast: Cast) -> Edit:
    from casework.pga.models import Agreement
    from casework.pga.services import agreement_record

    case = _pga(cast)
    row = agreement_record(actor=cast.regisseur, case=case, description="Afspraak (versietest)",
                           owner_organisation=cast.organisation, due_on=date(2026, 3, 20))
    return Edit(cast.regisseur, _url("agreement_update", case, agreement_id=row.pk),
                {"status": "late", "due_on": "2026-04-17"}, case,
                lambda: Agreement.objects.values_list("status", "due_on").get(pk=row.pk), "2026-04-17")


def partner_contribution(cast: Cast) -> Edit:
    """The process director marks a chain partner's report seen (docs/adr/0031)."""
    from accounts.roles import KETENPARTNER
    from casework.pga.casetype import PGA_CONFERENCES
    from casework.pga.models import PartnerContribution
    from casework.pga.services import agreement_record, partner_agreement_note
    from tests.casework.web.actions_support import share_with
    from tests.factories.accounts import OrganisationFactory

    case = _pga(cast)
    organisation = OrganisationFactory(name="Testpartner Terugmelding")
    partner = cast.make_user(role=KETENPARTNER, organisation=organisation)
    share_with(case, partner=organisation, actor=cast.regisseur, categories=[PGA_CONFERENCES])
    agreement = agreement_record(actor=cast.regisseur, case=case, description="Afspraak (versietest)",
                                 owner_organisation=organisation, due_on=date(2026, 3, 20))
    row = partner_agreement_note(actor=partner, agreement=agreement, text="Loopt volgens plan (versietest)")
    return Edit(cast.regisseur, _url("partner_contribution_review", case, contribution_id=row.pk), {}, case,
                lambda: PartnerContribution.objects.values_list("reviewed_at", flat=True).get(pk=row.pk),
                "Loopt volgens plan (versietest)")


def plan(cast: Cast) -> Edit:
    from casework.pga.models import PlanVersion

    case = _pga(cast)
    data = {"action": "save", "g0-id": "", "g0-leefgebied": "housing", "g0-goal": "Woonplek (versietest)"}
    return Edit(cast.regisseur, _url("plan_update", case), data, case,
                lambda: list(PlanVersion.objects.filter(case=case).values_list("number", flat=True)),
                "Woonplek (versietest)")


def plan_intervention(cast: Cast) -> Edit:
    """An intervention of the plan marked done in the plan editor (its row is rewritten with the version)."""
    from casework.pga.models import PlanIntervention
    from casework.pga.services import plan_update

    case = _pga(cast)
    due = (timezone.localdate() + timedelta(days=20)).isoformat()
    item = {"description": "Huisbezoek (versietest)", "partner_id": str(cast.organisation.pk), "due_on": due}
    plan = plan_update(actor=cast.regisseur, case=case,
                       goals=[{"leefgebied": "housing", "goal": "Woonplek", "interventions": [item]}])
    goal = plan.goals[0]
    data = {"action": "save", "g0-id": goal["id"], "g0-leefgebied": "housing", "g0-goal": "Woonplek",
            "g0-i0-id": goal["interventions"][0]["id"], "g0-i0-description": "Huisbezoek gedaan (versietest)",
            "g0-i0-organisation": str(cast.organisation.pk), "g0-i0-due_on": due, "g0-i0-done": "on"}
    return Edit(cast.regisseur, _url("plan_update", case), data, case,
                lambda: list(PlanIntervention.objects.filter(case=case).values_list("done", flat=True)),
                "Huisbezoek gedaan (versietest)")


# --- Damocles --------------------------------------------------------------------------------------

def _damocles(cast: Cast) -> Case:
    from casework.damocles import workflow as wf
    from tests.factories.damocles import make_damocles_case, step

    return step(make_damocles_case(owner=cast.handhaver, team=cast.team), wf.BEOORDELING, by=cast.handhaver)


def _decided(cast: Cast) -> Case:
    from tests.factories.damocles import walk_to_decision

    return walk_to_decision(_damocles(cast), by=cast.handhaver, lead=cast.lead, decided_on=date(2026, 4, 1))


def assessment(cast: Cast) -> Edit:
    from casework.damocles.models import DamoclesCase

    case = _damocles(cast)
    data = {"chosen_sanction": "closure", "chosen_days": "91", "geschikt": "Geschikt (versietest)",
            "noodzakelijk": "Noodzakelijk (versietest)", "evenwichtig": "Evenwichtig (versietest)"}
    return Edit(cast.handhaver, _url("damocles_assessment", case), data, case,
                lambda: DamoclesCase.objects.values_list("chosen_sanction", flat=True).get(case=case),
                "Noodzakelijk (versietest)")


def damocles_approval(cast: Cast) -> Edit:
    from casework.damocles import workflow as wf
    from casework.damocles.services.decisions import decision_approval_request
    from casework.models import Approval
    from tests.factories.damocles import assess, step

    case = _damocles(cast)
    assess(case, by=cast.handhaver)
    step(case, wf.VOORNEMEN_VERZONDEN, by=cast.handhaver, signatory="A. Testambtenaar (versietest)")
    approval = decision_approval_request(actor=cast.handhaver, case=case)
    return Edit(cast.lead, _url("damocles_approval_decide", case, approval_id=approval.pk),
                {"decision": "reject", "reason": "Onvoldoende onderbouwd (versietest)"}, case,
                lambda: Approval.objects.values_list("decision", flat=True).get(pk=approval.pk),
                "Onvoldoende onderbouwd (versietest)")


def objection(cast: Cast) -> Edit:
    from casework.damocles import services
    from casework.remedies.models import Objection
    from tests.factories.damocles import announce

    case = _decided(cast)
    owner = announce(case, by=cast.handhaver, announced_on=date(2026, 4, 2))
    row = services.objection_register(actor=cast.handhaver, case=case, announcement=owner,
                                      received_on=date(2026, 4, 20))
    data = {"state": "decided", "suspension_days": "0", "extension_weeks": "0", "outcome": "dismissed",
            "decided_on": "2026-05-20", "extension_ground": "Geen verlenging (versietest)"}
    return Edit(cast.handhaver, _url("damocles_objection_update", case, objection_id=row.pk), data, case,
                lambda: Objection.objects.values_list("state", "outcome").get(pk=row.pk), "2026-05-20")


def interim_relief(cast: Cast) -> Edit:
    from casework.damocles import services
    from casework.remedies.models import InterimRelief

    case = _decided(cast)
    row = services.interim_relief_register(actor=cast.handhaver, case=case, requested_on=date(2026, 4, 10),
                                           municipality_waits=True)
    return Edit(cast.handhaver, _url("damocles_interim_relief_update", case, relief_id=row.pk),
                {"state": "suspended", "municipality_waits": "on", "ruled_on": "2026-04-24"}, case,
                lambda: InterimRelief.objects.values_list("state", flat=True).get(pk=row.pk), "2026-04-24")


def appeal(cast: Cast) -> Edit:
    from casework.damocles import services
    from casework.remedies.models import Appeal

    case = _decided(cast)
    row = services.appeal_register(actor=cast.handhaver, case=case, level="beroep", lodged_on=date(2026, 8, 1))
    return Edit(cast.handhaver, _url("damocles_appeal_update", case, appeal_id=row.pk),
                {"ruled_on": "2026-10-01", "outcome": "Ongegrond (versietest)."}, case,
                lambda: Appeal.objects.values_list("ruled_on", flat=True).get(pk=row.pk), "Ongegrond (versietest).")


# --- park ------------------------------------------------------------------------------------------

def _park_file(cast: Cast) -> Case:
    from tests.factories.park import make_object, make_park, make_park_case, make_person

    obj = make_object(actor=cast.handhaver, park=make_park(cast.organisation, name="Testpark Versies"))
    return make_park_case(owner=cast.handhaver, obj=obj, person=make_person(cast.handhaver))


def _park_forfeiture(cast: Cast):
    from tests.casework.park.web.support import FIGURES
    from tests.factories.park import forfeit, walk_to_order

    case = _park_file(cast)
    today = timezone.localdate()
    forfeited_on = today - timedelta(days=300)
    order = walk_to_order(case, by=cast.handhaver, lead=cast.lead, decided_on=forfeited_on - timedelta(days=30),
                          **FIGURES)
    return case, order, forfeit(order, by=cast.handhaver, on=forfeited_on)


def park_step(cast: Cast) -> Edit:
    from casework.park import workflow as wf
    from casework.park.models import ParkFile
    from tests.factories.park import inspect

    case = _park_file(cast)
    inspect(case, by=cast.handhaver, on=date(2024, 11, 4))
    data = {"reason": "Constatering (versietest)", "reported_on": "2024-11-04",
            "report_summary": "Rapport van bevindingen (versietest)."}
    return Edit(cast.handhaver, _url("park_step", case, target=wf.CONSTATERING), data, case,
                lambda: (Case.objects.get(pk=case.pk).status, ParkFile.objects.get(case=case).report_summary),
                "Rapport van bevindingen (versietest).")


def park_order_approval(cast: Cast) -> Edit:
    from casework.park.models import PenaltyOrder
    from tests.factories.park import draft_order, to_intention

    case = _park_file(cast)
    to_intention(case, by=cast.handhaver)
    order = draft_order(case, by=cast.handhaver)
    return Edit(cast.lead, _url("park_order_approval_decide", case, approval_id=order.approval_id),
                {"decision": "reject", "reason": "Termijn te kort (versietest)"}, case,
                lambda: PenaltyOrder.objects.values_list("approval__decision", flat=True).get(pk=order.pk),
                "Termijn te kort (versietest)")


def forfeiture_waive(cast: Cast) -> Edit:
    from casework.penalties.models import Forfeiture

    case, _order, forfeiture = _park_forfeiture(cast)
    on = timezone.localdate().isoformat()
    return Edit(cast.handhaver, _url("park_forfeiture_waive", case, row_id=forfeiture.pk), {"waived_on": on}, case,
                lambda: Forfeiture.objects.values_list("state", flat=True).get(pk=forfeiture.pk), on)


def collection_intention_view(cast: Cast) -> Edit:
    from casework.park.services import collection_intention_record
    from casework.penalties.models import CollectionIntention

    case, order, forfeiture = _park_forfeiture(cast)
    sent = timezone.localdate() - timedelta(days=5)
    row = collection_intention_record(actor=cast.handhaver, order=order, forfeitures=[forfeiture], sent_on=sent)
    on = timezone.localdate().isoformat()
    return Edit(cast.handhaver, _url("park_collection_intention_view", case, row_id=row.pk),
                {"received_on": on, "summary": "Zienswijze (versietest)"}, case,
                lambda: CollectionIntention.objects.values_list("view_received_on", flat=True).get(pk=row.pk),
                "Zienswijze (versietest)")


def collection_request_decide(cast: Cast) -> Edit:
    from casework.park.services import collection_request_record
    from casework.penalties.models import CollectionRequest

    case, order, _forfeiture = _park_forfeiture(cast)
    row = collection_request_record(actor=cast.handhaver, order=order, requester_name="Testverhuur B.V.",
                                    requested_on=timezone.localdate() - timedelta(days=3))
    on = timezone.localdate().isoformat()
    return Edit(cast.handhaver, _url("park_collection_request_decide", case, row_id=row.pk),
                {"state": "withdrawn", "decided_on": on}, case,
                lambda: CollectionRequest.objects.values_list("state", flat=True).get(pk=row.pk), on)


def limitation_event_end(cast: Cast) -> Edit:
    from casework.park.services import limitation_event_record
    from casework.penalties.models import LimitationEvent

    case, order, _forfeiture = _park_forfeiture(cast)
    row = limitation_event_record(actor=cast.handhaver, order=order, kind="request_remedy",
                                  started_on=timezone.localdate() - timedelta(days=20))
    on = (timezone.localdate() - timedelta(days=2)).isoformat()
    return Edit(cast.handhaver, _url("park_limitation_event_end", case, row_id=row.pk), {"ended_on": on}, case,
                lambda: LimitationEvent.objects.values_list("ended_on", flat=True).get(pk=row.pk), on)


def application_decide(cast: Cast) -> Edit:
    from casework.park.services import application_register
    from casework.remedies.models import Application

    case = _park_file(cast)
    received = timezone.localdate() - timedelta(days=10)
    row = application_register(actor=cast.handhaver, case=case, kind="enforcement", received_on=received,
                               applicant_name="Testbuurman")
    on = timezone.localdate().isoformat()
    return Edit(cast.handhaver, _url("application_decide", case, row_id=row.pk),  # the core's page
                {"state": "withdrawn", "decided_on": on}, case,
                lambda: Application.objects.values_list("state", flat=True).get(pk=row.pk), on)


# --- woonoverlast ----------------------------------------------------------------------------------

def _woonoverlast(cast: Cast) -> Case:
    from tests.factories.woonoverlast import make_apv, make_file

    make_apv(cast.organisation)
    return make_file(owner=cast.handhaver)


def woonoverlast_step(cast: Cast) -> Edit:
    from casework.woonoverlast import workflow as wf
    from tests.factories.woonoverlast import START, prepare, step

    case = _woonoverlast(cast)
    step(case, wf.INTERVENTIES, by=cast.handhaver)
    prepare(case, by=cast.handhaver)
    sent = (START + timedelta(days=10)).isoformat()
    return Edit(cast.handhaver, _url("case_transition", case, target=wf.VOORNEMEN),
                {"reason": "Voornemen verstuurd (versietest)", "intention_sent_on": sent,
                 "signatory": "T. Testambtenaar"}, case,
                lambda: Case.objects.get(pk=case.pk).status, "Voornemen verstuurd (versietest)")


def _woonoverlast_approval(cast: Cast, row, case: Case, model) -> Edit:
    return Edit(cast.lead, _url("woonoverlast_approval_decide", case, approval_id=row.approval_id),
                {"decision": "reject", "reason": "Niet evenredig (versietest)"}, case,
                lambda: model.objects.values_list("approval__decision", flat=True).get(pk=row.pk),
                "Niet evenredig (versietest)")


def behavioural_order_approval(cast: Cast) -> Edit:
    from casework.woonoverlast.models import BehaviouralOrder
    from tests.factories.woonoverlast import draft_order, to_intention

    case = _woonoverlast(cast)
    to_intention(case, by=cast.handhaver)
    return _woonoverlast_approval(cast, draft_order(case, by=cast.handhaver), case, BehaviouralOrder)


def closure_approval(cast: Cast) -> Edit:
    from casework.woonoverlast.models import Closure
    from casework.woonoverlast.services import closure_request_approval
    from tests.factories.woonoverlast import walk_to_order

    case = _woonoverlast(cast)
    walk_to_order(case, by=cast.handhaver, lead=cast.lead)
    closure = closure_request_approval(actor=cast.handhaver, case=case, addressees=[case.person], duration_weeks=12,
                                       disturbance_term_days=3, grounds="Ernstige verstoring (versietest).")
    return _woonoverlast_approval(cast, closure, case, Closure)


def closure_extension_approval(cast: Cast) -> Edit:
    from casework.woonoverlast.models import ClosureExtension
    from casework.woonoverlast.services import closure_extension_request
    from tests.factories.woonoverlast import walk_to_closure

    case = _woonoverlast(cast)
    closure = walk_to_closure(case, by=cast.handhaver, lead=cast.lead)
    extension = closure_extension_request(actor=cast.handhaver, closure=closure, weeks=2,
                                          ground="De overlast houdt aan na de sluiting (versietest).")
    return _woonoverlast_approval(cast, extension, case, ClosureExtension)


# --- the test-only example type --------------------------------------------------------------------

def example_objection(cast: Cast) -> Edit:
    from tests.testapps.exampletype.models import ExampleObjection

    owner = cast.regisseur
    subject, _ = person_register(actor=owner, controller=owner.organisation, first_names="Exa",
                                 surname="Testversie", bsn="111222333")
    case = case_create(case_type="example", owner=owner, controller=owner.organisation, person=subject, by=owner,
                       reason="example registered")
    row = ExampleObjection(case=case, data_key_id=case.data_key_id, due_on=date(2026, 5, 1))
    save_with_reason(row, reason="objection", user=owner)
    return Edit(owner, _url("example_objection_settle", case, objection_id=row.pk),
                {"reason": "Ingetrokken (versietest)"}, case,
                lambda: ExampleObjection.objects.values_list("pending", flat=True).get(pk=row.pk),
                "Ingetrokken (versietest)")


# --- signals ---------------------------------------------------------------------------------------

def signal_triage(cast: Cast) -> Edit:
    from casework.signals.models import Signal
    from tests.casework.signals.factories import make_signal

    case = make_signal(cast.handhaver)
    review = (timezone.localdate() + timedelta(days=30)).isoformat()
    return Edit(cast.handhaver, _url("signals_triage_page", case),
                {"outcome": "monitor", "reason": "Eerst monitoren (versietest)", "review_on": review}, case,
                lambda: Signal.objects.values_list("outcome", flat=True).get(case=case), "Eerst monitoren (versietest)")


SCENARIOS: dict[str, Callable[[Cast], Edit]] = {
    "casework.Case": handover,
    "casework.SharingDecision": share_revoke,
    "casework.Approval": damocles_approval,
    "pga.PgaCase": escalation,
    "pga.Conference": conference,
    "pga.Agreement": agreement,
    "pga.PartnerContribution": partner_contribution,
    "pga.PlanVersion": plan,
    "pga.PlanIntervention": plan_intervention,
    "damocles.DamoclesCase": assessment,
    "remedies.Objection": objection,
    "remedies.InterimRelief": interim_relief,
    "remedies.Appeal": appeal,
    "remedies.Application": application_decide,
    "park.ParkFile": park_step,
    "park.PenaltyOrder": park_order_approval,
    "penalties.Forfeiture": forfeiture_waive,
    "penalties.CollectionIntention": collection_intention_view,
    "penalties.CollectionRequest": collection_request_decide,
    "penalties.LimitationEvent": limitation_event_end,
    "woonoverlast.WoonoverlastFile": woonoverlast_step,
    "signals.Signal": signal_triage,
    "woonoverlast.BehaviouralOrder": behavioural_order_approval,
    "woonoverlast.Closure": closure_approval,
    "woonoverlast.ClosureExtension": closure_extension_approval,
    "exampletype.ExampleObjection": example_objection,
}
