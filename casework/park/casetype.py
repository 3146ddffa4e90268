"""The holiday-park enforcement case type (domain.md §3) as the core's registry sees it.

`SPEC` lists what park enforcement provides to the shared core; `ParkConfig.ready()` registers
it. The category of every park field is in casework/park/categories.py. The remedies against an
order (announcements per addressee, objections, appeals) are the core's legal remedies
(`components`, casework/remedies/): their category `remedies`, person role (addressee), legal
holds and history are declared there, once; so are the forfeitures and their collection (the
core's penalties, casework/penalties/: category `penalties`, person role requester, history).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.roles import HANDHAVER, TEAMLEIDER, Capability
from casework.categories import METADATA
from casework.park.categories import FIELD_CATEGORIES, PARK_INSPECTIONS, PARK_ORDERS, PARK_TOLERANCE
from casework.registry import (
                CREATED,
                EDITABLE,
                OUTSIDE_CASE,
                CaseTypeSpec,
                Category,
                NavItem,
                PersonRole,
                RetentionDefault,
)

CASE_TYPE = "park"
PROCESSING_ACTIVITY = "park-enforcement"
REMEDIES_COMPONENT = "remedies"
PENALTIES_COMPONENT = "penalties"
# The remedies against an order moved into the core's legal remedies (park migration 0005; ADR
# 0011). The rows kept their ids and the labels they were sealed under.
# The forfeitures and their collection moved into the core's penalties (park migration 0006) likewise.
MOVED_MODELS = {"park.OrderAnnouncement": "remedies.Announcement", "park.OrderObjection": "remedies.Objection",
                "park.OrderAppeal": "remedies.Appeal",
                **{f"park.{name}": f"penalties.{name}" for name in (
                    "Forfeiture", "LimitationEvent", "CollectionIntention", "CollectionRequest", "CollectionDecision",
                    "Payment")}}

CAPABILITIES = (
    Capability("park_register", _("open a park enforcement file, register a recreation object"),
               frozenset({HANDHAVER}), ("casework:park_file_open", "casework:park_object_create"),
               _("parks of the own organisation")),
    Capability("park_overview", _("park enforcement overview and its CSV export"), frozenset({HANDHAVER, TEAMLEIDER}),
               ("casework:park_overview", "casework:park_overview_csv"), _("own organisation")),
    Capability("park_deadlines", _("park enforcement deadlines and limitation dates"),
               frozenset({HANDHAVER, TEAMLEIDER}), ("casework:park_deadlines",), _("files the user can see")),
)

SPEC = CaseTypeSpec(
    code=CASE_TYPE,
    label=_("Holiday-park enforcement"),
    app_label="park",
    reference_prefix="PRK",
    processing_activity=PROCESSING_ACTIVITY,
    detail_model="park.ParkFile",
    scale_details="casework.park.scale:scale_details",
    scale_work="casework.park.scale:scale_work",
    workflow="casework.park.workflow:WORKFLOW",
    categories=(
        Category(PARK_INSPECTIONS, _("Inspections and findings")),
        Category(PARK_ORDERS, _("Orders and forfeitures")),  # forfeitures: the core's "penalties"
        Category(PARK_TOLERANCE, _("Tolerance decisions")),
    ),
    field_categories=FIELD_CATEGORIES,
    history_sources=(
        ("park.ParkFile", "case_id", METADATA),
        ("park.Inspection", "case_id", PARK_INSPECTIONS),
        ("park.PenaltyOrder", "case_id", PARK_ORDERS),
    ),
    case_section="casework.park.selectors.case_section:case_section",
    deadlines="casework.park.selectors.overview:deadlines",
    page_deadlines="casework.park.selectors.overview:page_deadlines",
    dashboard="casework.park.selectors.overview:dashboard_sections",
    figures="casework.park.selectors.figures:figures",
    work_queue="casework.park.selectors.work:work_queue",
    inzage="casework.park.inzage:inzage_items",
    inzage_links="casework.park.inzage:residence_links",
    person_roles=(
        PersonRole("park.RecreationObject", "owner_person", "owner", _("owner of the recreation object"),
                   case_path="files__case", bound_fields=("owner_entity",)),
        PersonRole("park.Occupant", "person", "occupant", _("occupant of the recreation object"),
                   case_path="object__files__case"),
        PersonRole("park.ToleranceDecision", "person", "tolerance_holder", _("holder of a tolerance decision"),
                   case_path="object__files__case"),
        PersonRole("park.PenaltyOrder", "addressees", "addressee", _("addressee of the order")),
    ),
    hold_rules=(),  # pending objections and appeals against an order: the core's legal remedies
    components=(REMEDIES_COMPONENT, PENALTIES_COMPONENT),
    remedy_rules="casework.park.services.tracks:RULES",  # the core's application pages (Awb 4:13)
    moved_models=MOVED_MODELS,
    retention=RetentionDefault(years=5, basis="slgio-ruimtelijke-handhaving", selectielijst_category="1.7.3"),
    demo="casework.park.demo:demo_lines",
    demo_order=30,
    web_urls="casework.park.web.urls",
    create_linked="casework.park.services.files:linked_file_open",
    linked_form="casework.park.web.forms.linked:LinkedParkFileForm",
    api_urls="casework.park.api.urls",
    navigation=(
        NavItem("casework:park_overview", _("Park overview"), "park_overview", 50),
        NavItem("casework:park_deadlines", _("Park deadlines"), "park_deadlines", 51),
        NavItem("casework:park_file_open", _("Open a park file"), "park_register", 52),
    ),
    capabilities=CAPABILITIES,
    dossier_roots=("park.RecreationObject", "park.Park"),
    step_view="casework:park_step",
    row_kinds={
        "park.Park": OUTSIDE_CASE, "park.RecreationObject": OUTSIDE_CASE, "park.Occupant": OUTSIDE_CASE,
        "park.TolerancePolicy": OUTSIDE_CASE, "park.ToleranceDecision": OUTSIDE_CASE, "park.ParkFile": EDITABLE,
        "park.Inspection": CREATED, "park.InspectionPhoto": CREATED, "park.PenaltyOrder": EDITABLE,
        "park.ResidenceCheck": OUTSIDE_CASE,
    },
)
