"""The Damocles case type (art. 13b Opiumwet, domain.md §2) as the core's registry sees it.

`SPEC` lists what Damocles provides to the shared core; `DamoclesConfig.ready()` registers it.
The field categories below say which sharing category covers each field of the Damocles models.
Its announcements and legal remedies are the core's (`components`, casework/remedies/): their
category `remedies`, person role (addressee), legal holds and history are declared there, once.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.roles import HANDHAVER, TEAMLEIDER, Capability
from casework.categories import INTERNAL, METADATA, NOTES, PERSONALIA
from casework.registry import (
    CREATED,
    EDITABLE,
    OUTSIDE_CASE,
    CaseTypeSpec,
    Category,
    LinkKind,
    NavItem,
    PersonRole,
    RetentionDefault,
    RetentionStart,
)

CASE_TYPE = "damocles"
PROCESSING_ACTIVITY = "damocles"

DAMOCLES_REPORT = "damocles_report"
DAMOCLES_DECISION = "damocles_decision"
FROM_FINDING_LINK = "damocles_from_finding"
CLOSURE_ENDED = "closure_ended"
REMEDIES_COMPONENT = "remedies"
# Announcements, objections, interim relief and appeals moved into the core's legal remedies
# (damocles migration 0004; ADR 0011). The rows kept their ids and the labels they were sealed under.
MOVED_MODELS = {f"damocles.{name}": f"remedies.{name}" for name in ("Announcement", "Objection", "InterimRelief",
                                                                     "Appeal")}

_ID = {"id": INTERNAL, "data_key_id": INTERNAL}

FIELD_CATEGORIES: dict[str, dict[str, str]] = {
    "damocles.PolicyVersion": {
        "id": INTERNAL, "name": DAMOCLES_DECISION, "effective_from": DAMOCLES_DECISION,
        "lookback_years": DAMOCLES_DECISION, "source": DAMOCLES_DECISION, "created_at": INTERNAL,
    },
    "damocles.PolicyTier": {
        "id": INTERNAL, "version": DAMOCLES_DECISION, "substance": DAMOCLES_DECISION, "unit": DAMOCLES_DECISION,
        "min_amount": DAMOCLES_DECISION, "max_amount": DAMOCLES_DECISION, "label": DAMOCLES_DECISION,
        "first_sanction": DAMOCLES_DECISION, "first_days": DAMOCLES_DECISION, "second_sanction": DAMOCLES_DECISION,
        "second_days": DAMOCLES_DECISION, "third_sanction": DAMOCLES_DECISION, "third_days": DAMOCLES_DECISION,
    },
    "damocles.Premises": {
        **_ID, "kind": METADATA, "street": PERSONALIA, "house_number": PERSONALIA,
        "house_number_addition": PERSONALIA, "postcode": PERSONALIA, "city": PERSONALIA, "bag_id": PERSONALIA,
        "bag_object_id": PERSONALIA, "address_verified": METADATA, "address_index": INTERNAL, "bag_index": INTERNAL,
        "owner_person": PERSONALIA,
        "owner_entity_name": PERSONALIA, "owner_kvk": PERSONALIA, "notes": NOTES, "created_at": INTERNAL,
    },
    "damocles.PremisesParty": {
        **_ID, "premises": PERSONALIA, "person": PERSONALIA, "role": PERSONALIA, "since": PERSONALIA,
        "until": PERSONALIA,
    },
    "damocles.DamoclesCase": {
        **_ID, "case": METADATA, "premises": PERSONALIA, "policy_version": DAMOCLES_DECISION,
        "offence_number": DAMOCLES_DECISION, "proposed_sanction": DAMOCLES_DECISION,
        "proposed_days": DAMOCLES_DECISION, "chosen_sanction": DAMOCLES_DECISION, "chosen_days": DAMOCLES_DECISION,
        "deviation_reasons": DAMOCLES_DECISION, "geschikt": DAMOCLES_DECISION, "noodzakelijk": DAMOCLES_DECISION,
        "evenwichtig": DAMOCLES_DECISION, "view_term_weeks": DAMOCLES_DECISION,
        "intention_sent_on": DAMOCLES_DECISION, "view_due_on": DAMOCLES_DECISION,
        "decided_on": DAMOCLES_DECISION,
        "deciding_authority": DAMOCLES_DECISION, "signatory": DAMOCLES_DECISION,
        "under_mandate": DAMOCLES_DECISION, "intention_signatory": DAMOCLES_DECISION,
        "intention_under_mandate": DAMOCLES_DECISION,
        "compliance_term_days": DAMOCLES_DECISION, "approval": INTERNAL, "urgent": DAMOCLES_DECISION,
        "urgency_reason": DAMOCLES_DECISION, "sealed_on": DAMOCLES_DECISION, "order_posted": DAMOCLES_DECISION,
        "wkpb_due_on": DAMOCLES_DECISION, "wkpb_registered_on": DAMOCLES_DECISION,
        "closure_ends_on": DAMOCLES_DECISION, "reopened_on": DAMOCLES_DECISION,
        "costs_recovered": DAMOCLES_DECISION,
        # what the steps say, kept for the figures (ADR 0052): bookkeeping, the steps themselves are shown
        "decisive_step_on": INTERNAL, "warned": INTERNAL,
    },
    "damocles.PoliceReport": {
        **_ID, "case": DAMOCLES_REPORT, "received_on": DAMOCLES_REPORT, "found_on": DAMOCLES_REPORT,
        "ground": DAMOCLES_REPORT, "police_reference": DAMOCLES_REPORT, "summary": DAMOCLES_REPORT,
        "document": DAMOCLES_REPORT, "created_by": DAMOCLES_REPORT,
    },
    "damocles.Finding": {
        "id": INTERNAL, "report": DAMOCLES_REPORT, "substance": DAMOCLES_REPORT, "amount": DAMOCLES_REPORT,
        "unit": DAMOCLES_REPORT,
    },
    "damocles.Letter": {
        **_ID, "case": DAMOCLES_DECISION, "kind": DAMOCLES_DECISION, "announcement": DAMOCLES_DECISION,
        "html": DAMOCLES_DECISION, "pdf": DAMOCLES_DECISION, "created_by": DAMOCLES_DECISION,
        "created_at": DAMOCLES_DECISION,
    },
}

CAPABILITIES = (
    Capability("damocles_register", _("register a Damocles procedure"), frozenset({HANDHAVER}),
               ("casework:damocles_register",), _("own organisation")),
    Capability("damocles_deadlines", _("Damocles deadline overview"), frozenset({HANDHAVER}),
               ("casework:damocles_deadlines",)),
    Capability("damocles_figures", _("Damocles figures, their CSV export, and computing them anew"),
               frozenset({HANDHAVER, TEAMLEIDER}),
               ("casework:damocles_figures", "casework:damocles_figures_csv"),  # and the POST damocles_figures_refresh
               _("own organisation")),
    Capability("damocles_policy_read", _("read the Damocles policy rules"), frozenset({HANDHAVER, TEAMLEIDER}),
               ("casework:damocles_policy_list",)),
    Capability("damocles_policy_edit", _("add a version of the Damocles policy rules"), frozenset({TEAMLEIDER}),
               ("casework:damocles_policy_create",)),
)

SPEC = CaseTypeSpec(
    code=CASE_TYPE,
    label=_("Damocles procedure"),
    app_label="damocles",
    reference_prefix="DAM",
    processing_activity=PROCESSING_ACTIVITY,
    detail_model="damocles.DamoclesCase",
    workflow="casework.damocles.workflow:WORKFLOW",
    categories=(
        Category(DAMOCLES_REPORT, _("Police report and findings")),
        Category(DAMOCLES_DECISION, _("Decisions and letters")),
    ),
    field_categories=FIELD_CATEGORIES,
    history_sources=(
        ("damocles.DamoclesCase", "case_id", DAMOCLES_DECISION),
        ("damocles.PoliceReport", "case_id", DAMOCLES_REPORT),
        ("damocles.Letter", "case_id", DAMOCLES_DECISION),
    ),
    case_section="casework.damocles.selectors.case_section:case_section",
    deadlines="casework.damocles.selectors.deadlines:deadlines",
    page_deadlines="casework.damocles.selectors.deadlines:page_deadlines",
    dashboard="casework.damocles.selectors.deadlines:dashboard_sections",
    figures="casework.damocles.selectors.indicators:figures",
    scale_details="casework.damocles.scale:scale_details",
    scale_work="casework.damocles.scale:scale_work",
    inzage="casework.privacy.inzage_content:generic_items",
    person_roles=(
        PersonRole("damocles.Premises", "owner_person", "owner", _("owner of the premises"),
                   case_path="procedures__case", bound_fields=("owner_entity_name", "owner_kvk")),
        PersonRole("damocles.PremisesParty", "person", "party", _("tenant or occupant of the premises"),
                   case_path="premises__procedures__case"),
    ),
    hold_rules=(),  # pending objections, interim relief and appeals: the core's legal remedies
    components=(REMEDIES_COMPONENT,),
    remedy_rules="casework.damocles.services.tracks:RULES",  # the core's application pages (Awb 4:13)
    moved_models=MOVED_MODELS,
    retention=RetentionDefault(years=5, basis="slgio-openbare-orde-handhaving", counted_from=CLOSURE_ENDED,
                               selectielijst_category="1.6.5"),
    retention_starts=(
        RetentionStart(CLOSURE_ENDED, _("end of the closure (else closure of the case)"),
                       "casework.damocles.selectors.deadlines:closure_ends",
                       "casework.damocles.selectors.deadlines:closure_ended_by"),
    ),
    demo="casework.damocles.demo:demo_lines",
    demo_order=20,
    web_urls="casework.damocles.web.urls",
    api_urls="casework.damocles.api.urls",
    navigation=(
        NavItem("casework:damocles_register", _("Register a Damocles procedure"), "damocles_register", 40),
        NavItem("casework:damocles_deadlines", _("Damocles deadlines"), "damocles_deadlines", 41),
        NavItem("casework:damocles_figures", _("Damocles figures"), "damocles_figures", 42),
        NavItem("casework:damocles_policy_list", _("Policy rules"), "damocles_policy_read", 43),
    ),
    capabilities=CAPABILITIES,
    create_linked="casework.damocles.services.registration:linked_procedure_create",
    linked_form="casework.damocles.web.forms.linked:LinkedProcedureForm",
    link_kinds=(LinkKind(FROM_FINDING_LINK, _("Damocles procedure opened from a drugs finding")),),
    dossier_roots=("damocles.Premises",),
    document_fields=("damocles.Letter.html",),
    step_view="casework:damocles_step",
    row_kinds={
        "damocles.PolicyVersion": OUTSIDE_CASE, "damocles.PolicyTier": OUTSIDE_CASE,
        "damocles.Premises": OUTSIDE_CASE, "damocles.PremisesParty": OUTSIDE_CASE, "damocles.DamoclesCase": EDITABLE,
        "damocles.PoliceReport": CREATED, "damocles.Finding": CREATED, "damocles.Letter": CREATED,
    },
)
