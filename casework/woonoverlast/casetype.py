"""The woonoverlast case type (Wet aanpak woonoverlast: art. 151d and 174a Gemeentewet; domain.md §5)
as the core's registry sees it.

`SPEC` lists what woonoverlast provides to the shared core; `WoonoverlastConfig.ready()` registers
it. The category of every field is in casework/woonoverlast/categories.py. The reporter of a
nuisance report is a shielded party (category `woonoverlast_melders`, never in a default share);
announcements and remedies are the core's remedies, forfeitures and collection its penalties
(`components`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.roles import HANDHAVER, TEAMLEIDER, Capability
from casework.categories import METADATA, PERSONALIA
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
)
from casework.woonoverlast.categories import DECISIONS, EVIDENCE, FIELD_CATEGORIES, INTERVENTIONS, MELDERS

CASE_TYPE = "woonoverlast"
PROCESSING_ACTIVITY = "woonoverlast"
CARE_LINK = "woonoverlast_care_offer"
DRUGS_LINK = "woonoverlast_drugs_finding"

CAPABILITIES = (
    Capability("woonoverlast_register", _("open a woonoverlast file"), frozenset({HANDHAVER}),
               ("casework:woonoverlast_file_open",), _("own organisation")),
    Capability("woonoverlast_overview", _("woonoverlast overview"), frozenset({HANDHAVER, TEAMLEIDER}),
               ("casework:woonoverlast_overview",), _("files the user can see")),
)

SPEC = CaseTypeSpec(
    code=CASE_TYPE,
    label=_("Woonoverlast"),
    app_label="woonoverlast",
    reference_prefix="WOV",
    processing_activity=PROCESSING_ACTIVITY,
    detail_model="woonoverlast.WoonoverlastFile",
    workflow="casework.woonoverlast.workflow:WORKFLOW",
    scale_work="casework.woonoverlast.scale:scale_work",
    categories=(
        Category(EVIDENCE, _("Zwartboek (anonymised statements)")),
        Category(INTERVENTIONS, _("Lighter interventions")),
        Category(DECISIONS, _("Intentions, gedragsaanwijzing and closure")),
        Category(MELDERS, _("Nuisance reports and their reporters (shielded)"), shielded=True),
    ),
    field_categories=FIELD_CATEGORIES,
    history_sources=(
        ("woonoverlast.WoonoverlastFile", "case_id", METADATA),
        ("woonoverlast.Melding", "case_id", MELDERS),
        ("woonoverlast.Zwartboek", "case_id", EVIDENCE),
        ("woonoverlast.Intervention", "case_id", INTERVENTIONS),
        ("woonoverlast.Intention", "case_id", DECISIONS),
        ("woonoverlast.BehaviouralOrder", "case_id", DECISIONS),
        ("woonoverlast.Closure", "case_id", DECISIONS),
        ("woonoverlast.ClosureExtension", "case_id", DECISIONS),
        ("woonoverlast.ComplianceCheck", "case_id", DECISIONS),
        ("woonoverlast.EnforcementAct", "case_id", DECISIONS),
    ),
    case_section="casework.woonoverlast.selectors.case_section:case_section",
    deadlines="casework.woonoverlast.selectors.overview:deadlines",
    page_deadlines="casework.woonoverlast.selectors.overview:page_deadlines",
    dashboard="casework.woonoverlast.selectors.overview:dashboard_sections",
    work_queue="casework.woonoverlast.selectors.work:work_queue",
    inzage="casework.privacy.inzage_content:generic_items",
    person_roles=(
        PersonRole("woonoverlast.Melding", "melder", "melder", _("reporter of nuisance"), shielded=True,
                   category=MELDERS),
        PersonRole("woonoverlast.BehaviouralOrder", "addressees", "addressee", _("addressee of the gedragsaanwijzing")),
        PersonRole("woonoverlast.Closure", "addressees", "addressee", _("addressee of the closure")),
    ),
    hold_rules=(),  # pending objections and appeals: the core's legal remedies
    components=("remedies", "penalties"),
    remedy_rules="casework.woonoverlast.services.tracks:RULES",  # the core's application pages (Awb 4:13)
    retention=RetentionDefault(years=5, basis="slgio-openbare-orde-handhaving", selectielijst_category="1.7.3"),
    figures="casework.woonoverlast.selectors.figures:figures",
    demo="casework.woonoverlast.demo:demo_lines",
    demo_order=40,
    web_urls="casework.woonoverlast.web.urls",
    step_fields="casework.woonoverlast.web.forms:step_fields",
    api_urls="casework.woonoverlast.api.urls",
    navigation=(
        NavItem("casework:woonoverlast_overview", _("Woonoverlast"), "woonoverlast_overview", 60),
        NavItem("casework:woonoverlast_file_open", _("Open a woonoverlast file"), "woonoverlast_register", 61),
    ),
    capabilities=CAPABILITIES,
    create_linked="casework.woonoverlast.services.files:linked_file_open",
    link_kinds=(LinkKind(CARE_LINK, _("Care offer from a woonoverlast file")),
                LinkKind(DRUGS_LINK, _("Drugs finding at a closed dwelling"))),
    row_kinds={
        "woonoverlast.ApvArticle": OUTSIDE_CASE, "woonoverlast.WoonoverlastFile": EDITABLE,
        "woonoverlast.Melding": CREATED, "woonoverlast.Zwartboek": CREATED, "woonoverlast.Intervention": CREATED,
        "woonoverlast.Intention": CREATED, "woonoverlast.BehaviouralOrder": EDITABLE,
        "woonoverlast.Closure": EDITABLE, "woonoverlast.ComplianceCheck": CREATED,
        "woonoverlast.EnforcementAct": CREATED, "woonoverlast.ClosureExtension": EDITABLE,
    },
)

__all__ = ["CASE_TYPE", "PERSONALIA", "PROCESSING_ACTIVITY", "SPEC"]
