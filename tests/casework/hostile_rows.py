"""Rows the demo lacks, added through the services before the hostile-input sweeps (tests/casework/web/
test_hostile_forms.py, tests/casework/api/test_hostile.py) so that a form or an operation gets a row in the state
it is for, and its hostile bodies are refused for their own fault rather than for the row's state: a pending
approval, a meeting that has begun, a forfeiture past its limitation date, an urgent closure whose costs are not
recovered, and so on. Where the demo's dates lie ahead, a row is moved back in time (as if the days had passed).

`ADDED` names the rows by model, `FIRST` by the web view they are for (asked there first), `VALUES` gives a web
form's fields values of those rows; `touched_cases()` are the cases the set-up changed, which the API sweep tries
first."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from casework import workflow
from casework.meetings.models import AgendaItem
from casework.models import Case, SavedFilter

ADDED: dict[Any, list[Any]] = {}  # model -> pks the set-up added: tried first for a view about that model
FIRST: dict[str, list[Any]] = {}  # view name -> pks of the rows the set-up put in the state the view is for
CASES: list[Any] = []  # the cases the set-up changed
VALUES: dict[str, dict[str, str]] = {}  # view name -> form fields filled with a value of the demo's


def touched_cases() -> list[Any]:
    return list(dict.fromkeys(CASES))


def add_missing_rows() -> None:
    from datetime import timedelta

    from django.utils import timezone

    from casework.damocles import services as damocles
    from casework.park.models import PenaltyOrder
    from casework.park.services import collection, tracks
    from casework.remedies.models import Appeal, Application, InterimRelief
    from casework.saved_filters import saved_filter_save

    for kept in (ADDED, FIRST, CASES, VALUES):  # of an earlier set-up in this process (a database since restored)
        kept.clear()
    today = timezone.localdate()
    saved_filter_save(user=User.objects.get(username="regisseur"), page=SavedFilter.Page.CASES, query="status=triage")
    # by case reference throughout: the demo's keys are random, so `first()` by key picked other rows in every build
    relief = InterimRelief.objects.filter(case__case_type="damocles").select_related("case__owner") \
        .order_by("case__reference", "requested_on").first()
    if relief is not None:
        damocles.appeal_register(actor=relief.case.owner, case=relief.case, level=Appeal.Level.APPEAL, lodged_on=today)
    order = PenaltyOrder.objects.filter(decided_on__isnull=False).select_related("case__owner") \
        .order_by("case__reference", "decided_on").first()
    if order is not None:
        owner = order.case.owner
        tracks.appeal_register(actor=owner, order=order, level=Appeal.Level.APPEAL, lodged_on=today)
        application = tracks.application_register(actor=owner, case=order.case, kind=Application.Kind.ENFORCEMENT,
                                                  received_on=today, applicant_name="Testverzoeker")
        request = collection.collection_request_record(actor=owner, order=order, requested_on=today,
                                                       requester_name="Testverzoeker")
        # a notice of delay goes out within the decision term and names a later date (Awb 4:14, 5:37 lid 3)
        for name, row in (("application_delay", application), ("park_collection_request_delay", request)):
            FIRST[f"casework:{name}"] = [row.pk]
            VALUES[f"casework:{name}"] = {"notice_sent_on": today.isoformat(),
                                          "new_due_on": (row.decision_due_on + timedelta(days=28)).isoformat()}
        CASES.append(order.case_id)
        collection.limitation_event_record(actor=owner, order=order, kind="request_remedy", started_on=today)
    _add_partner_rows(today)
    _add_account_rows()
    _add_destruction_batch()
    _start_a_meeting()
    _age_a_forfeiture(today)
    _draft_park_orders(today)
    _close_a_home(today)
    _intend_to_collect(today)
    _ask_damocles_cases_first()
    _forfeit_again()
    _free_object()
    _pending_damocles_approval()
    _drugs_found(today)
    _intention_sent()
    _collection_first(today)
    _privacy_values(User.objects.get(username="privacy"))


def _privacy_values(privacy: User) -> None:
    """A legal hold names a case of the privacy officer's organisation by its reference; the inzage report the
    person of an open inzage request."""
    held = Case.objects.filter(controller_id=privacy.organisation_id).order_by("reference").first()
    if held is not None:
        VALUES["casework:privacy_retention_hold_create"] = {"reference": held.reference}
    _inzage_subject(privacy)


def _inzage_subject(privacy: User) -> None:
    """The inzage report's form names the person of an open inzage request of the privacy officer's organisation
    (by BSN) and links that request: the report then lists records, and its review and copy can follow."""
    from casework.privacy.models import OPEN_STATUSES, DataSubjectRequest

    request = DataSubjectRequest.objects.filter(
        organisation_id=privacy.organisation_id, kind=DataSubjectRequest.Kind.INZAGE, status__in=OPEN_STATUSES,
        person__bsn_index__isnull=False).select_related("person").order_by("received_on", "pk").first()
    if request is not None and request.person is not None and request.person.bsn:
        VALUES["casework:privacy_inzage"] = {"bsn": request.person.bsn, "surname": "", "date_of_birth": "",
                                             "request": str(request.pk)}


def _collection_first(today: Any) -> None:
    """The park forms of collection are asked first about a file with an open forfeiture and no intention to
    collect it (the intention), and one whose intention's term for a view has passed (the decision)."""
    from django.db.models import Q

    from casework.penalties.models import CollectionIntention, Forfeiture

    files = Case.objects.filter(case_type="park", owner__username="handhaver", closed_on__isnull=True)
    open_forfeitures = Forfeiture.objects.filter(state=Forfeiture.State.OPEN, case__in=files)
    FIRST["casework:park_collection_intention_create"] = list(
        open_forfeitures.filter(intentions__isnull=True).order_by("case__reference")
        .values_list("case_id", flat=True)[:1])
    FIRST["casework:park_collection_decision_create"] = list(
        CollectionIntention.objects.filter(Q(view_received_on__isnull=False) | Q(view_due_on__lt=today),
                                           case__in=files, forfeitures__in=open_forfeitures)
        .order_by("case__reference").values_list("case_id", flat=True)[:1])


def _intention_sent() -> None:
    """The first woonoverlast file whose intention was sent and that has no draft order yet: a behavioural order
    follows the intention and its view term (both sweeps ask it first)."""
    from casework.woonoverlast import workflow as woonoverlast_workflow
    from casework.woonoverlast.models import BehaviouralOrder, DecisionState

    drafts = BehaviouralOrder.objects.filter(state=DecisionState.DRAFT).values("case_id")
    case = Case.objects.filter(case_type="woonoverlast", status=woonoverlast_workflow.VOORNEMEN,
                               owner__username="handhaver", closed_on__isnull=True).exclude(pk__in=drafts) \
        .order_by("reference").first()
    if case is not None:
        CASES.append(case.pk)
        FIRST["casework:woonoverlast_order_create"] = [case.pk]


def _pending_damocles_approval() -> None:
    """A Damocles closure decision awaiting the team lead's approval (the demo decides the ones it asks for), in
    the first procedure whose intention was sent with an assessment that chose a closure."""
    from casework.damocles import workflow as damocles_workflow
    from casework.damocles.models import Sanction
    from casework.damocles.services.decisions import decision_approval_request
    from casework.models import Approval

    pending = Approval.objects.filter(decision=Approval.Decision.PENDING).values("case_id")
    candidates = Case.objects.filter(case_type="damocles", status__in=damocles_workflow.DECISION_SOURCES,
                                     owner__username="handhaver", closed_on__isnull=True,
                                     damocles__chosen_sanction=Sanction.CLOSURE).order_by("reference")
    case = candidates.exclude(pk__in=pending).select_related("owner").first()
    if case is not None:
        decision_approval_request(actor=case.owner, case=case)
        CASES.append(case.pk)
    # and the next such procedure for the form that asks for the approval
    FIRST["casework:damocles_approval_request"] = list(
        candidates.exclude(pk__in=pending).values_list("pk", flat=True)[:1])


def _drugs_found(today: Any) -> None:
    """An inspection that found drugs, in the first open park file (a Damocles procedure is opened from one)."""
    from typing import cast

    from casework.park.services.files import inspection_record

    case = Case.objects.filter(case_type="park", owner__username="handhaver", closed_on__isnull=True) \
        .select_related("owner").order_by("reference").first()
    if case is None:
        return
    owner = cast(User, case.owner)
    inspection = inspection_record(actor=owner, case=case, inspected_on=today, officers=[owner],
                                   sources=["observation"], findings="Test: hennepkwekerij in de berging aangetroffen.",
                                   drugs_found=True)
    ADDED[type(inspection)] = [inspection.pk]
    CASES.append(case.pk)


def _free_object() -> None:
    """The park form that opens a file, filled with an object of the enforcement officer's organisation that has
    no open file (the first one offered has one)."""
    free = free_object_of(User.objects.get(username="handhaver").organisation_id)
    if free is not None:
        VALUES["casework:park_file_open"] = {"object": free}


def free_object_of(organisation_id: Any) -> str | None:
    """A recreation object of the organisation's parks without an open file (one is opened for it)."""
    from casework.park.models import RecreationObject

    free = RecreationObject.objects.filter(park__controller_id=organisation_id) \
        .exclude(files__case__closed_on__isnull=True).order_by("park__name", "number").values_list("pk", flat=True)
    return str(free[0]) if free else None


def _forfeit_again() -> None:
    """The park form that records a forfeiture, filled as `forfeiture_values` says, in the first file in a status
    that takes forfeitures (a forfeiture lies on or before the re-inspection it rests on: no variant's day from today
    does)."""
    from casework.park.services.collection import FORFEITURE_STATES

    found = forfeiture_values(case__status__in=FORFEITURE_STATES, case__closed_on__isnull=True)
    if found is not None:
        case_id, values = found
        FIRST["casework:park_forfeiture_create"], VALUES["casework:park_forfeiture_create"] = [case_id], values
        CASES.append(case_id)


def forfeiture_values(**orders: Any) -> tuple[Any, dict[str, str]] | None:
    """The case and the members of a park forfeiture an imposed order per time unit (among those `orders` filters,
    by case reference) still allows: the order, its amount, and the id and date of the re-inspection that found it
    broken; None when no order has both a broken re-inspection and room under its maximum."""
    from casework.park.models import Inspection, PenaltyForm, PenaltyOrder
    from casework.penalties.services import forfeited_total

    imposed = PenaltyOrder.objects.filter(state=PenaltyOrder.State.IMPOSED, penalty_form=PenaltyForm.PER_TIME_UNIT,
                                          **orders).order_by("case__reference")
    for order in imposed:
        basis = Inspection.objects.filter(order=order, compliant=False).order_by("-inspected_on").first()
        if basis is not None and order.maximum - forfeited_total(order) >= order.amount:
            return order.case_id, {"order": str(order.pk), "basis": str(basis.pk),
                                   "forfeited_on": basis.inspected_on.isoformat(), "amount": str(order.amount)}
    return None


def _ask_damocles_cases_first() -> None:
    """The Damocles views are asked first about an open case with a decision (to announce) and a sealed one (to
    register the closure): the demo has both, but further down than the first addresses tried."""
    from django.db.models import Q

    from casework.damocles import workflow as damocles_workflow

    cases = Case.objects.filter(case_type="damocles", closed_on__isnull=True, owner__username="handhaver") \
        .order_by("reference")
    decided = cases.filter(Q(damocles__decided_on__isnull=False) | Q(damocles__urgent=True)) \
        .exclude(status=damocles_workflow.WAARSCHUWING).first()
    sealed = cases.filter(status__in=damocles_workflow.SEALED_STATES, damocles__sealed_on__isnull=False).first()
    for name, case in (("damocles_announcement_create", decided), ("damocles_sealing", sealed)):
        FIRST[f"casework:{name}"] = [case.pk] if case is not None else []
    CASES.extend(case.pk for case in (decided, sealed) if case is not None)


def _intend_to_collect(today: Any) -> None:
    """An intention to collect sent for every open forfeiture of the first woonoverlast order that has them, and
    its view received (the demo sends none, and a collection decision follows the intention's term, Awb 4:8)."""
    from casework.penalties import services as penalties
    from casework.penalties.models import Forfeiture
    from casework.woonoverlast.services.collection import collection_intention_record
    from casework.woonoverlast.services.enforcement import RULES

    first = Forfeiture.objects.filter(case__case_type="woonoverlast", case__closed_on__isnull=True,
                                      state=Forfeiture.State.OPEN).order_by("case__reference", "forfeited_on").first()
    if first is None:
        return
    order = first.order
    forfeitures = list(Forfeiture.objects.of_order(order).filter(state=Forfeiture.State.OPEN))
    officer = order.case.owner
    intention = collection_intention_record(actor=officer, order=order, forfeitures=forfeitures,
                                            sent_on=max(f.forfeited_on for f in forfeitures))
    penalties.collection_intention_view(rules=RULES, actor=officer, intention=intention, received_on=today,
                                        summary="Testzienswijze: de boete is te hoog.")
    FIRST["casework:woonoverlast_collection_decision_create"] = [order.case_id]
    CASES.append(order.case_id)


def _close_a_home(today: Any) -> None:
    """An urgent closure (art. 174a) carried out with costs, whose costs are not recovered yet and whose approved
    extension is not decided yet (the demo's closure has both), in the first file with reports only."""
    from datetime import timedelta
    from typing import cast

    from casework.approvals import approval_decide
    from casework.models import Approval, Person
    from casework.woonoverlast import services
    from casework.woonoverlast import workflow as woonoverlast_workflow

    case = Case.objects.filter(case_type="woonoverlast", status=woonoverlast_workflow.MELDINGEN,
                               owner__username="handhaver", person__isnull=False) \
        .select_related("owner", "person").order_by("reference").first()
    if case is None:
        return
    officer, lead, person = cast(User, case.owner), User.objects.get(username="teamleider"), cast(Person, case.person)
    decided_on = today - timedelta(days=7)
    workflow.transition(case=case, to=woonoverlast_workflow.INTERVENTIES, by=officer, reason="Test: interventies")
    closure = services.closure_request_approval(
        actor=officer, case=case, addressees=[person], duration_weeks=12, urgent=True,
        grounds="Test: ernstige verstoring van de openbare orde vanuit de woning.",
        urgency_reason="Test: direct gevaar voor omwonenden.")
    approval_decide(approval=cast(Approval, closure.approval), approver=lead, approve=True, reason="")
    case.refresh_from_db()
    workflow.transition(case=case, to=woonoverlast_workflow.SLUITING, by=officer, reason="Test: sluiting",
                        decided_on=decided_on.isoformat(), signatory="T. Testhandhaver", under_mandate=True)
    closure.refresh_from_db()
    services.enforcement_act_record(actor=officer, closure=closure, carried_out_on=decided_on,
                                    description="Test: woning gesloten en verzegeld.", urgent=True,
                                    urgency_reason="Test: direct gevaar voor omwonenden.", costs="1850.00")
    extension = services.closure_extension_request(actor=officer, closure=closure, weeks=4,
                                                   ground="Test: de openbare orde is nog niet hersteld.")
    approval_decide(approval=cast(Approval, extension.approval), approver=lead, approve=True, reason="")
    for name in ("closure_costs", "closure_extend", "announcement_create"):
        FIRST[f"casework:woonoverlast_{name}"] = [case.pk]
    CASES.append(case.pk)


def _draft_park_orders(today: Any) -> None:
    """Two holiday-park orders: one approved and imposed but not yet announced, in the first file whose intention
    was sent (the other such file is left to draft an order in); one awaiting the team lead's approval, in the
    file with a finding only, its intention sent today (the demo decides every approval it asks for and announces
    every order it imposes)."""
    from typing import cast

    from casework.approvals import approval_decide
    from casework.models import Approval
    from casework.park import workflow as park_workflow
    from casework.park.services.orders import order_impose, order_request_approval

    files = Case.objects.filter(case_type="park", owner__username="handhaver", person__isnull=False,
                                closed_on__isnull=True).select_related("owner", "person").order_by("reference")
    imposed, pending = (files.filter(status=status).first()
                        for status in (park_workflow.VOORNEMEN, park_workflow.CONSTATERING))
    if pending is not None:
        workflow.transition(case=pending, to=park_workflow.VOORNEMEN, by=cast(User, pending.owner),
                            reason="Test: voornemen verzonden", intention_sent_on=today)
    for case in (case for case in (imposed, pending) if case is not None):
        CASES.append(case.pk)
        order = order_request_approval(actor=case.owner, case=case, addressees=[case.person], remedy="Testlast: "
                                       "het object niet permanent bewonen.", compliance_term_days=28,
                                       penalty_form="lump_sum", amount="7500.00", maximum="7500.00")
        if case is imposed:
            approval_decide(approval=cast(Approval, order.approval), approver=User.objects.get(username="teamleider"),
                            approve=True, reason="")
            order_impose(actor=cast(User, case.owner), order=order, reason="Test: last onder dwangsom opgelegd",
                         decided_on=today)
            FIRST["casework:park_announcement_create"] = [case.pk]
    # the other file whose intention was sent, for the form that drafts an order
    FIRST["casework:park_order_create"] = list(files.filter(status=park_workflow.VOORNEMEN)
                                               .exclude(park_orders__isnull=False).values_list("pk", flat=True)[:1])


def _age_a_forfeiture(today: Any) -> None:
    """An open forfeiture of a holiday-park order moved two years back, its limitation date with it (the demo's
    forfeitures are all recent, and a claim is marked time-barred only after its limitation date): the first, by
    case reference, whose order has no remedy or request that holds the term, in a file without an intention to
    collect (a collection form that chose it would be refused for it: the forms of collection keep their files).
    The demo's keys are random: ordering by them picked another forfeiture in every build of the demo."""
    from datetime import timedelta

    from casework.penalties.dates import limitation_of
    from casework.penalties.models import CollectionIntention, Forfeiture

    collecting = CollectionIntention.objects.values("case_id")
    candidates = Forfeiture.objects.filter(case__case_type="park", state=Forfeiture.State.OPEN) \
        .exclude(case_id__in=collecting).order_by("case__reference", "forfeited_on", "amount", "pk")
    for forfeiture in candidates:
        forfeiture.forfeited_on = today - timedelta(days=800)  # not saved unless the claim is then time-barred
        limitation = limitation_of(forfeiture).limitation_date
        if limitation is not None and limitation < today:
            Forfeiture.objects.filter(pk=forfeiture.pk).update(
                forfeited_on=forfeiture.forfeited_on, limitation_date=limitation, limitation_paused_since=None)
            ADDED[Forfeiture] = [forfeiture.pk]
            CASES.append(forfeiture.case_id)
            return


def _start_a_meeting() -> None:
    """The sitting of the process director's first agenda item moved to an hour ago (the demo's meetings all lie
    ahead, and minutes are recorded from a meeting's start): as if the meeting had begun."""
    from datetime import timedelta

    from django.utils import timezone

    from casework.meetings.models import MeetingOccurrence

    item = AgendaItem.objects.filter(case__owner__username="regisseur", case__closed_on__isnull=True) \
        .order_by("occurrence__starts", "number").first()
    if item is None:
        return
    occurrence = item.occurrence
    length = occurrence.ends - occurrence.starts
    started = timezone.now() - timedelta(hours=1)
    MeetingOccurrence.objects.filter(pk=occurrence.pk).update(starts=started, ends=started + length)
    ADDED[AgendaItem] = [item.pk]
    CASES.append(item.case_id)


def _add_destruction_batch() -> None:
    """A destruction batch proposed by a second privacy officer of the demo's organisation (four eyes: the demo's
    privacy officer decides it), without cases: the demo has none past its retention period."""
    from django.utils import timezone

    from accounts import services as accounts
    from accounts.roles import PRIVACY_OFFICER
    from casework.privacy.models import DestructionBatch

    decider = User.objects.get(username="privacy")
    requester, _device = accounts.user_create(
        actor=None, organisation=decider.organisation, username="privacy.sweep", first_name="Test",
        last_name="Tweede-Privacyofficer", email="privacy.sweep@example.invalid", role=PRIVACY_OFFICER,
        team=None, password=None)
    DestructionBatch.objects.create(number=(DestructionBatch.objects.count() + 1), case_ids=[], case_references=[],
                                    requested_by=requester, requested_at=timezone.now())


def _add_account_rows() -> None:
    """A passkey of the team lead (its public key only: nothing here signs) and a group mapping of the team
    lead's organisation, so the pages that remove them are swept too."""
    import secrets

    from accounts.models import GroupRoleMapping, PasskeyDevice

    lead = User.objects.get(username="teamleider")
    PasskeyDevice.objects.create(user=lead, name="Testsleutel (sweep)", credential_id=secrets.token_bytes(32),
                                 public_key=b"\xa5synthetic", confirmed=True)
    GroupRoleMapping.objects.create(organisation=lead.organisation, group="ZV-Testgroep", role="handhaver")




def _add_partner_rows(today: Any) -> None:
    """An agreement of the partner's organisation in a case shared with it, and a report back on it."""
    from datetime import timedelta

    from casework.pga.casetype import PGA_CONFERENCES, PROCESSING_ACTIVITY
    from casework.pga.models import Agreement, PartnerContribution
    from casework.pga.services import agreement_record, partner_agreement_note
    from casework.sharing import share_create

    regisseur, partner = User.objects.get(username="regisseur"), User.objects.get(username="partner")
    case = Case.objects.filter(case_type="pga", owner=regisseur, closed_on__isnull=True).order_by("reference").first()
    if case is None:
        return
    share_create(actor=regisseur, case=case, partner=partner.organisation, categories=[PGA_CONFERENCES],
                 processing_activity=PROCESSING_ACTIVITY, purpose="Procesregie (test)",
                 weighing="Alleen de afspraken zijn nodig voor de terugmelding (test).", ends_on=today + timedelta(30))
    agreement = agreement_record(actor=regisseur, case=case, description="Testafspraak voor de partner",
                                 owner_organisation=partner.organisation, due_on=today + timedelta(14))
    note = partner_agreement_note(actor=partner, agreement=agreement, text="Testnotitie van de partner.",
                                  processing_activity=PROCESSING_ACTIVITY)
    ADDED[Agreement], ADDED[PartnerContribution] = [agreement.pk], [note.pk]
    CASES.append(case.pk)
    _add_document(regisseur, case)


def _add_document(owner: User, case: Case) -> None:
    """A document in a case of the process director (the demo's documents are all in a case of another one,
    whose pages no role here gets: the views of a document would be refused as forbidden, whatever the body)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from casework.categories import NOTES
    from casework.documents.models import Document
    from casework.documents.services import document_upload

    pdf = SimpleUploadedFile("stuk.pdf", b"%PDF-1.4\n% synthetic\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n",
                             "application/pdf")
    document = document_upload(actor=owner, case=case, title="Stuk (test)", category=NOTES, upload=pdf)
    ADDED[Document] = [document.pk]
