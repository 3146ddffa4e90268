"""The signals case type (ondermijningssignalen, issue 21 item 1; ADR 0027) as the core's registry sees it.

A signal of undermining crime (drugs, human trafficking, money laundering, suspicious real estate,
holiday-park abuse) is registered by staff or by a chain partner, triaged by an enforcement officer
or team lead, and routed to an approach: another case type's linked case (through the registry),
the police or the RIEC (a sharing decision), a Bibob check (an outcome only), monitoring or no action.
The source of a signal is a shielded party (category `signal_sources`, never in a default share).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.roles import HANDHAVER, KETENPARTNER, PROCESREGISSEUR, TEAMLEIDER, Capability
from casework.categories import METADATA
from casework.registry import (
    CREATED,
    EDITABLE,
    CaseTypeSpec,
    Category,
    LinkKind,
    NavItem,
    PersonRole,
    RetentionDefault,
    RetentionStart,
)
from casework.signals.categories import FIELD_CATEGORIES, INTAKE, SOURCES, TRIAGE

CASE_TYPE = "signals"
PROCESSING_ACTIVITY = "signals"
ROUTED_LINK = "signal_routed"
FOLLOW_UP_ENDED = "follow_up_ended"

INTAKE_ROLES = frozenset({HANDHAVER, PROCESREGISSEUR, TEAMLEIDER, KETENPARTNER})
TRIAGE_ROLES = frozenset({HANDHAVER, TEAMLEIDER})

CAPABILITIES = (
    Capability("signals_register", _("register an undermining signal"), INTAKE_ROLES,
               ("casework:signals_register",), _("staff: own municipality; partners: a municipality of choice")),
    Capability("signals_list", _("list of undermining signals"), TRIAGE_ROLES,
               ("casework:signals_list",), _("signals the user can see")),
)

SPEC = CaseTypeSpec(
    code=CASE_TYPE,
    label=_("Undermining signal"),
    app_label="signals",
    reference_prefix="SIG",
    processing_activity=PROCESSING_ACTIVITY,
    detail_model="signals.Signal",
    scale_details="casework.signals.scale:scale_details",
    scale_work="casework.signals.scale:scale_work",
    workflow="casework.signals.workflow:WORKFLOW",
    categories=(
        Category(INTAKE, _("The signal: what, where, who (criminal-law data)")),
        Category(TRIAGE, _("Triage and routing of the signal")),
        Category(SOURCES, _("Source of the signal (shielded)"), shielded=True),
    ),
    field_categories=FIELD_CATEGORIES,
    history_sources=(
        ("signals.Signal", "case_id", METADATA),
        ("signals.SignalPerson", "case_id", INTAKE),
        ("signals.SignalSource", "case_id", SOURCES),
        ("signals.Triage", "case_id", TRIAGE),
    ),
    case_section="casework.signals.selectors:case_section",
    deadlines="casework.signals.selectors:deadlines",
    list_annotations="casework.signals.selectors:with_next_due",
    next_deadline="casework.signals.selectors:next_deadline",
    dashboard="casework.signals.selectors:dashboard_sections",
    work_queue="casework.signals.selectors:work_queue",
    inzage="casework.signals.selectors:inzage_items",
    informing="casework.signals.selectors:informing_postponed",
    person_roles=(
        PersonRole("signals.SignalPerson", "person", "named", _("person named in an undermining signal"),
                   category=INTAKE, row_bound=True),
        PersonRole("signals.SignalSource", "person", "source", _("source of an undermining signal"), shielded=True,
                   category=SOURCES),
    ),
    hold_rules=(),
    retention=RetentionDefault(years=1, basis="slgio-openbare-orde-handhaving", counted_from=FOLLOW_UP_ENDED,
                               selectielijst_category="1.7.3"),
    retention_starts=(
        RetentionStart(FOLLOW_UP_ENDED, _("end of the follow-up of the signal (else closure of the signal)"),
                       "casework.signals.selectors:follow_up_ends", "casework.signals.selectors:follow_up_ended_by"),
    ),
    figures="casework.signals.figures:figures",
    demo="casework.signals.demo:demo_lines",
    demo_order=50,
    web_urls="casework.signals.web.urls",
    api_urls="casework.signals.api.urls",
    step_view="casework:signals_triage",
    navigation=(
        NavItem("casework:signals_list", _("Undermining signals"), "signals_list", 65),
        NavItem("casework:signals_register", _("Register an undermining signal"), "signals_register", 66),
    ),
    capabilities=CAPABILITIES,
    link_kinds=(LinkKind(ROUTED_LINK, _("Case opened from an undermining signal")),),
    row_kinds={
        "signals.Signal": EDITABLE, "signals.SignalPerson": CREATED, "signals.SignalSource": CREATED,
        "signals.Triage": CREATED,
    },
)
