"""The PGA case type (persoonsgerichte aanpak, domain.md §1) as the core's registry sees it.

`SPEC` lists what PGA provides to the shared core; `PgaConfig.ready()` registers it. The field
categories below say which sharing category covers each field of the PGA models.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.roles import KETENPARTNER, PROCESREGISSEUR, Capability
from casework.categories import INTERNAL, METADATA, NOTES
from casework.registry import (
    CREATED,
    EDITABLE,
    OUTSIDE_CASE,
    CaseAction,
    CaseTypeSpec,
    Category,
    LinkKind,
    NavItem,
    RetentionDefault,
)

CASE_TYPE = "pga"
PROCESSING_ACTIVITY = "pga-procesregie"

PGA_REFERRAL = "pga_referral"
PGA_PLAN = "pga_plan"
PGA_CONFERENCES = "pga_conferences"
PGA_SELF_RELIANCE = "pga_self_reliance"
REFERRAL_LINK = "referral_to_pga"

_ID = {"id": INTERNAL, "data_key_id": INTERNAL}

FIELD_CATEGORIES: dict[str, dict[str, str]] = {
    "pga.PgaCase": {
        **_ID, "case": METADATA, "aanleiding": PGA_REFERRAL, "conference_goal": PGA_REFERRAL,
        "partners_to_invite": PGA_REFERRAL, "informed_status": PGA_REFERRAL, "informed_on": PGA_REFERRAL,
        "postponement_ground": PGA_REFERRAL, "triage_advice": PGA_REFERRAL, "escalated": METADATA,
        "escalation_reason": NOTES, "closure_reason": METADATA, "aftercare_check_on": METADATA,
        "accepted_on": INTERNAL,  # the first step into "Accepted", kept for the figures (ADR 0052)
    },
    "pga.Conference": {
        **_ID, "case": PGA_CONFERENCES, "held_on": PGA_CONFERENCES, "invited": PGA_CONFERENCES,
        "attending": PGA_CONFERENCES, "minutes": PGA_CONFERENCES, "created_by": PGA_CONFERENCES,
    },
    "pga.Agreement": {
        **_ID, "case": PGA_CONFERENCES, "conference": PGA_CONFERENCES, "description": PGA_CONFERENCES,
        "owner_organisation": PGA_CONFERENCES, "due_on": PGA_CONFERENCES, "status": PGA_CONFERENCES,
    },
    "pga.PlanVersion": {
        **_ID, "case": PGA_PLAN, "number": PGA_PLAN, "goals": PGA_PLAN, "created_by": PGA_PLAN,
        "created_at": PGA_PLAN,
    },
    "pga.PlanIntervention": {
        **_ID, "case": PGA_PLAN, "plan_version": INTERNAL, "key": INTERNAL, "description": PGA_PLAN,
        "organisation": PGA_PLAN, "due_on": PGA_PLAN, "done": PGA_PLAN,
    },
    "pga.SelfRelianceMeasurement": {
        **_ID, "case": PGA_SELF_RELIANCE, "measured_on": PGA_SELF_RELIANCE, "scores": PGA_SELF_RELIANCE,
        "created_by": PGA_SELF_RELIANCE, "created_at": PGA_SELF_RELIANCE,
    },
    # reference data of the municipality (no personal data): the criteria texts of the scores
    "pga.SelfRelianceCriterion": {
        "id": INTERNAL, "organisation": INTERNAL, "leefgebied": PGA_SELF_RELIANCE, "score": PGA_SELF_RELIANCE,
        "text": PGA_SELF_RELIANCE,
    },
    "pga.AgreementNote": {
        **_ID, "case": PGA_CONFERENCES, "agreement": PGA_CONFERENCES, "text": PGA_CONFERENCES,
        "written_by": PGA_CONFERENCES, "written_at": PGA_CONFERENCES,
    },
    # a chain partner's report on an agreement of its organisation (docs/adr/0031): under the agreement's category
    "pga.PartnerContribution": {
        **_ID, "case": PGA_CONFERENCES, "agreement": PGA_CONFERENCES, "kind": PGA_CONFERENCES,
        "text": PGA_CONFERENCES, "organisation": PGA_CONFERENCES, "sharing_decision": INTERNAL,
        "processing_activity": PGA_CONFERENCES, "written_by": PGA_CONFERENCES, "written_at": PGA_CONFERENCES,
        "reviewed_by": INTERNAL, "reviewed_at": INTERNAL,
    },
}

CAPABILITIES = (
    Capability("register_referral", _("register a PGA referral"), frozenset({PROCESREGISSEUR, KETENPARTNER}),
               ("casework:referral_create",),
               _("process director: for the own organisation; chain partner: for a municipality, gets no access")),
    Capability("report_back", _("report an agreement done and add monitoring notes on a shared PGA case"),
               frozenset({KETENPARTNER}), (),
               _("only agreements of the own organisation, within a category of a sharing decision in force")),
)

SPEC = CaseTypeSpec(
    code=CASE_TYPE,
    label=_("PGA case"),
    app_label="pga",
    reference_prefix="PGA",
    processing_activity=PROCESSING_ACTIVITY,
    detail_model="pga.PgaCase",
    workflow="casework.pga.workflow:WORKFLOW",
    categories=(
        Category(PGA_REFERRAL, _("PGA referral")),
        Category(PGA_PLAN, _("Plan of approach")),
        Category(PGA_CONFERENCES, _("Case conferences and agreements")),
        Category(PGA_SELF_RELIANCE, _("Self-reliance per life domain")),
    ),
    field_categories=FIELD_CATEGORIES,
    history_sources=(
        ("pga.PgaCase", "case_id", METADATA),
        ("pga.Conference", "case_id", PGA_CONFERENCES),
        ("pga.Agreement", "case_id", PGA_CONFERENCES),
        ("pga.PlanVersion", "case_id", PGA_PLAN),
        ("pga.SelfRelianceMeasurement", "case_id", PGA_SELF_RELIANCE),
        ("pga.AgreementNote", "case_id", PGA_CONFERENCES),
        # pga.PartnerContribution: its own timeline entry with the organisation (casework/pga/selectors/partners.py),
        # which shows a partner only its own organisation's rows; its history table would show the others'.
    ),
    case_section="casework.pga.selectors:case_section",
    deadlines="casework.pga.selectors:deadlines",
    list_annotations="casework.pga.selectors:with_next_due",
    next_deadline="casework.pga.selectors:next_deadline",
    overdue_condition="casework.pga.selectors:overdue_condition",
    list_conditions={"escalated": ("true: escalated cases only.", lambda: Q(pga__escalated=True))},
    dashboard="casework.pga.selectors:dashboard_sections",
    figures="casework.pga.selectors.figures:figures",
    scale_details="casework.pga.workflow:scale_details",
    scale_work="casework.pga.scale:scale_work",
    work_queue="casework.pga.selectors:work_queue",
    inzage="casework.pga.selectors:inzage_items",
    person_roles=(),
    hold_rules=(),
    retention=RetentionDefault(years=2, basis="slgio-zorg-veiligheid", selectielijst_category="1.1.4"),
    demo="casework.pga.demo:demo_lines",
    demo_case="casework.pga.demo:demo_case",
    demo_order=10,
    web_urls="casework.pga.web.urls",
    api_urls="casework.pga.api.urls",
    navigation=(NavItem("casework:referral_create", _("Register a referral"), "register_referral", order=30),),
    case_actions=(CaseAction("casework:conference_create", _("Plan a case conference")),
                  CaseAction("casework:agreement_create", _("Record an agreement")),
                  CaseAction("casework:plan_update", _("Update the plan")),
                  CaseAction("casework:escalation", _("Escalation"))),
    capabilities=CAPABILITIES,
    create_linked="casework.pga.services.referral:linked_case_create",
    link_kinds=(LinkKind(REFERRAL_LINK, _("Referral to a PGA case")),),
    informing="casework.pga.selectors:informing_postponed",
    step_fields="casework.pga.web.forms:step_fields",
    meeting_category=PGA_CONFERENCES,
    meeting_record="casework.pga.services.conferences:conference_from_meeting",
    notify_deadline_kinds=("agreement", "intervention"),  # selectors.AGREEMENT, selectors.monitoring.INTERVENTION
    row_kinds={
        "pga.PgaCase": EDITABLE, "pga.Conference": EDITABLE, "pga.Agreement": EDITABLE, "pga.PlanVersion": EDITABLE,
        "pga.PlanIntervention": EDITABLE, "pga.SelfRelianceMeasurement": CREATED, "pga.AgreementNote": CREATED,
        "pga.PartnerContribution": EDITABLE,
        "pga.SelfRelianceCriterion": OUTSIDE_CASE,
    },
)
