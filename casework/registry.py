"""The case-type registry: what each case type provides to the shared core.

The core (casework/ outside the case-type packages, and casework/privacy/) knows no case type: it
loops over the types registered here. Each case type is one package (`casework/<type>/`) whose
`AppConfig.ready()` calls `register(CaseTypeSpec(...))` with its providers. `manage.py check`
refuses to start when a registered type lacks a required provider or leaves a field of its models
uncovered (casework/checks.py). docs/adding-a-case-type.md lists every provider.

Providers are plain values and callables (dotted paths are resolved on first use, so a case
type's `apps.py` stays free of model imports). Nothing here imports a case type.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import import_module
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils.functional import Promise

if TYPE_CHECKING:
    from accounts.roles import Capability
    from casework.workflow import Workflow


# What a form or API request may do to the existing rows of a model (`CaseTypeSpec.row_kinds`,
# casework/versions.py): update them (under `case_update`), nothing (written once), or it is no row
# of a case (reference data, a dossier of its own such as premises or a recreation object).
EDITABLE = "editable"
CREATED = "created"
OUTSIDE_CASE = "outside_case"


@dataclass(frozen=True)
class Category:
    """A category of case data a sharing decision can name.

    `shielded`: the category of a shielded party (a melder, the source of a signal). It is never
    part of a default share, and a sharing decision that names it needs its own weighing text.
    """

    code: str
    label: Promise | str
    shielded: bool = False


@dataclass(frozen=True)
class PersonRole:
    """A foreign key that links a person to case content, in a role (subject, addressee, ...).

    `case_path`: the lookup from the row to its case(s): "case", "order__case", or backwards from a
    dossier of its own to the cases about it ("procedures__case" from premises); empty when the
    row links to no case. `shielded`: the person is a shielded
    party (a melder): rows linking them in this role are left out of every core channel unless the
    viewer holds `category` (a shielded category). A many-to-many field is a role too.
    """

    model: str
    field: str
    role: str
    label: Promise | str
    case_path: str = "case"
    shielded: bool = False
    category: str = ""
    # Fields of the same row that belong to this person (shown in their inzage report only).
    bound_fields: tuple[str, ...] = ()
    # The whole row (and the rows that hang from it) is about this person: another person's row is
    # left out of an inzage report (an announcement to another addressee, with its objection).
    row_bound: bool = False


@dataclass(frozen=True)
class HoldRule:
    """Rows of `model` matching `pending` put their case on legal hold (`case_path` leads to the case)."""

    model: str
    pending: Q
    reason: Promise | str
    case_path: str = "case"


@dataclass(frozen=True)
class RetentionDefault:
    """The retention period used until a privacy officer sets a version for the case type."""

    years: int
    basis: str  # a privacy.RetentionBasis code
    counted_from: str = "closed_on"
    selectielijst_category: str = ""  # the category number in the selection list (an example until confirmed)
    archive_action: str = "destroy"  # or "keep": blijvend bewaren, transferred to the archive


@dataclass(frozen=True)
class RetentionStart:
    """A type-specific moment a retention period can be counted from (e.g. the end of a closure).

    `starts(case_ids) -> {case_id: date}` answers for many cases in one query; `case_ids` is a query of
    case ids (`values("pk")`, used as a subquery: `case_id__in=case_ids`) or a list; a case without an
    answer counts from its closure.

    `not_after(latest) -> Q` is the same rule as a condition on the case table, for the selection's SQL: the
    cases whose moment is absent or on or before `latest` (`starts` gives no date after it). The retention
    selection and its overview count and page with it (casework/privacy/retention.py, `due_cases`); a test
    per type holds both forms to the same answers (tests/casework/privacy/test_retention_sql.py).
    """

    code: str
    label: Promise | str
    starts: Callable[[Any], dict[Any, Any]] | str  # or "module:function", resolved when called
    not_after: Callable[[Any], Any] | str  # (latest: date) -> Q on Case; or "module:function"


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: Promise | str
    capability: str | None = None
    order: int = 100


@dataclass(frozen=True)
class CaseAction:
    """A link in the actions of a case page of the type, shown to users who may change the case (its URL
    name in the `casework` namespace takes the case id as `case_id`)."""

    url_name: str
    label: Promise | str


@dataclass(frozen=True)
class LinkKind:
    code: str
    label: Promise | str


def resolve(value: Any) -> Any:
    """A dotted path "package.module.attribute" resolved to its object; anything else as is."""
    if isinstance(value, str) and ":" in value:
        module, _sep, attribute = value.partition(":")
        return getattr(import_module(module), attribute)
    return value


@dataclass
class CaseTypeSpec:
    """Everything a case type provides. Required providers are checked by casework/checks.py.

    Callables may be given as "module:attribute" strings; `provider(name)` resolves them.
    """

    code: str
    label: Promise | str
    app_label: str
    reference_prefix: str
    processing_activity: str
    detail_model: str = ""
    workflow: Any = None  # "module:WORKFLOW" -> casework.workflow.Workflow
    categories: tuple[Category, ...] = ()
    field_categories: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # Timeline: (model label, lookup of the case id, category) of the history tables shown on the case page.
    history_sources: tuple[tuple[str, str, str], ...] | None = None
    case_section: Any = None  # (case=, case_access=, user=, today=) -> CaseSection | None
    # (cases=, until=, today=, limit=None) -> list[Deadline]; with a `limit` only the soonest `limit` terms are
    # asked for (a dashboard's ten, a reminder mail's): `contributions.soonest`, or fewer rows read (PGA)
    deadlines: Any = None
    # optional: (cases: list[Case], until=, today=) -> list[Deadline]: `deadlines` of a list page's cases, read
    # already (for the rows' next term without `next_deadline`); else the core asks `deadlines` with a queryset
    page_deadlines: Any = None
    list_annotations: Any = None  # (queryset) -> queryset, for next_deadline()
    next_deadline: Any = None  # (case=, case_access=, calendar=) -> date | None
    overdue_condition: Any = None  # (today=, calendar=, partner=) -> Q | None
    # Yes/no filters of the case lists for this type: name -> (description, () -> Q on Case).
    list_conditions: Mapping[str, tuple[str, Callable[[], Q]]] = field(default_factory=dict)
    dashboard: Any = None  # (user=, visible=, today=) -> list[DashboardSection]
    work_queue: Any = None  # optional: (user=, cases=, today=) -> list[WorkItem] for "Mijn werk"
    inzage: Any = None  # (case=, person=) -> list[Item]; casework.privacy.inzage_content.generic_items
    # optional: (persons=) -> list[casework.person_roles.CaseRole]: cases that name a person in evidence that is no
    # foreign key (park: the BRP residence checks of a file's object naming the person's BSN); read by the inzage
    # report only (AVG 15: every case that holds data about the person), never by lists or overviews.
    inzage_links: Any = None
    person_roles: tuple[PersonRole, ...] | None = None
    hold_rules: tuple[HoldRule, ...] | None = None
    retention: RetentionDefault | None = None
    retention_starts: tuple[RetentionStart, ...] = ()
    # optional: (organisation_id=, years=) -> list[casework.figures.indicators.Indicator] (the annual figures)
    figures: Any = None
    demo: Any = None  # () -> list[str]: seed the type's demo data (idempotent) and say what exists
    demo_order: int = 100
    demo_case: Any = None  # optional: (actor=, controller=, person=, reason=, closed=) -> one simple case
    # optional: (path=, times=, today=) -> dict: detail values `seed_scale` sets so a seeded case's details
    # agree with its steps (`path` the states reached, `times` when); the rest of the details are filled
    # generically
    scale_details: Any = None
    # optional: (case=, details=, path=, times=, today=, rng=, add=) -> None: the work a seeded case of the type
    # holds after `path` (`details` its detail row, None without a detail model; PGA: its case conference,
    # agreements, plan, measurements), each row queued with `add(model, **values)`: the case's data key (a row
    # given no `case`, such as a reporter's person, a key of its own), synthetic values for the other required
    # fields, sealed as a save seals them, with its history row. Without it the type's cases get no work rows.
    scale_work: Any = None
    web_urls: str | None = None  # module with `urlpatterns` (namespace `casework`)
    api_urls: str | None = None  # module with `urlpatterns`, mounted by the core under /api/v1/<code>
    navigation: tuple[NavItem, ...] | None = None
    case_actions: tuple[CaseAction, ...] = ()  # the type's own links among the case page's actions
    capabilities: tuple[Capability, ...] | None = None
    # optional: (actor=, controller=, owner=, person=, reason=, address=, **linked) -> Case; `reason` is the
    # text the new case is opened with (its aanleiding), `person` may be None, `linked` what the type
    # needs besides (asked by `linked_form`); `check_only=True` where the type can check without writing
    create_linked: Any = None
    # optional: a form class (data, prefix=, controller=) with `linked_data() -> dict`: what `create_linked`
    # needs besides the common keywords, asked on another type's page that opens a linked case (signal triage)
    linked_form: Any = None
    link_kinds: tuple[LinkKind, ...] = ()
    # Models of the type that are dossiers of their own (not destroyed with a case: premises,
    # recreation objects); the coverage check accepts them as roots of the destruction walk.
    dossier_roots: tuple[str, ...] = ()
    document_fields: tuple[str, ...] = ()  # "app.Model.field" of rendered documents (listed, not reproduced)
    informing: Any = None  # optional: (cases=) -> [(reference, ground)]: informing the person postponed (AVG 14)
    step_view: str = ""  # URL name of the type's own status-step page (steps that carry data)
    step_fields: Any = None  # optional: (transition) -> {name: form field} for the core's step form
    # Shared components of the core the type uses (their codes: "remedies", "penalties"): their
    # categories join the type's, their history tables its timeline, their rows its inzage content.
    components: tuple[str, ...] = ()
    # Optional, with the "remedies" component: "module:RULES" -> casework.remedies.rules.RemedyRules.
    # The core's application pages (Awb 4:13/4:14, casework/web/views/applications.py) act under them.
    remedy_rules: Any = None
    # Models of the type that moved into a component (old label -> new label, e.g.
    # "damocles.Objection" -> "remedies.Objection"): the rows kept their ids, so audit events and
    # history written before the move still find them under the new label.
    moved_models: Mapping[str, str] = field(default_factory=dict)
    # A test-only example type: left out of the generated privacy documents.
    example: bool = False
    # What a user's form or API request may do to the rows of each model of `field_categories` after
    # they were created (casework/versions.py): "editable" (every update runs under `case_update` and a
    # conflict test proves it), "created" (written once) or "outside_case" (reference data, a dossier
    # of its own). tests/casework/versions/ fails for a model left out.
    row_kinds: Mapping[str, str] = field(default_factory=dict)
    # Meetings (casework/meetings/): the category of the type's own conference minutes, under which an
    # agenda item's goal and minutes are kept ("" = the core's "notes"), and optionally
    # (actor=, case=, held_on=, attending=, minutes=, previous_minutes=) -> None writing attendance and minutes into the
    # type's own conference record (PGA: its Conference); without it the case's timeline shows the item.
    meeting_category: str = ""
    meeting_record: Any = None
    # Notifications (casework/notifications/): the kinds of the type's `deadlines` terms that are
    # agreements someone must keep (PGA: "agreement", "intervention"); the case owner is notified when
    # one is due soon and when it is overdue. Empty: the type's terms notify nobody.
    notify_deadline_kinds: tuple[str, ...] = ()
    # Documents (casework/documents/, ADR 0030): the categories a document of this type can be kept under;
    # empty: every category of the type except metadata.
    document_categories: tuple[str, ...] = ()

    REQUIRED = ("detail_model", "workflow", "field_categories", "history_sources", "case_section", "deadlines",
                "dashboard", "inzage", "person_roles", "hold_rules", "retention", "demo", "web_urls",
                "api_urls", "navigation", "capabilities")

    def provider(self, name: str) -> Any:
        return resolve(getattr(self, name))

    def missing(self) -> list[str]:
        return [name for name in self.REQUIRED if getattr(self, name) is None
                or (name in ("detail_model", "web_urls", "api_urls") and not getattr(self, name))]

    @cached_property
    def workflow_table(self) -> Workflow:
        return resolve(self.workflow)

    @property
    def category_codes(self) -> tuple[str, ...]:
        return tuple(category.code for category in self.categories)

    @property
    def shielded_roles(self) -> tuple[PersonRole, ...]:
        return tuple(role for role in self.person_roles or () if role.shielded)


@dataclass
class ComponentSpec:
    """A shared component of the core that several case types use (legal remedies, penalties).

    Its models live in a core app of its own and know no case type: a row refers to its case and,
    generically, to the decided row of the type it is about (`decision_type` + `decision_id`). What
    a case type declares for its own models, the component declares once for its models: the
    sharing categories and the category of every field, the person roles, the legal-hold rules and
    the history tables of the timeline. A case type uses it by naming it in `CaseTypeSpec.components`.
    """

    code: str
    label: Promise | str
    app_label: str
    categories: tuple[Category, ...] = ()
    field_categories: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    person_roles: tuple[PersonRole, ...] = ()
    hold_rules: tuple[HoldRule, ...] = ()
    # (model label, lookup of the case id, category), as a case type's `history_sources`.
    history_sources: tuple[tuple[str, str, str], ...] = ()
    document_fields: tuple[str, ...] = ()
    row_kinds: Mapping[str, str] = field(default_factory=dict)  # as CaseTypeSpec.row_kinds

    @property
    def category_codes(self) -> tuple[str, ...]:
        return tuple(category.code for category in self.categories)


_TYPES: dict[str, CaseTypeSpec] = {}
_COMPONENTS: dict[str, ComponentSpec] = {}
_listeners: list[Callable[[CaseTypeSpec], None]] = []


def register(spec: CaseTypeSpec) -> CaseTypeSpec:
    """Register a case type (from its AppConfig.ready()). Registering the same code twice replaces it.

    Its processing activity becomes known to the audit trail, and its capabilities and navigation
    entries join the role tables (accounts/roles.py, accounts/navigation.py).
    """
    from accounts import navigation, roles
    from audit import activities

    _TYPES[spec.code] = spec
    activities.register(spec.processing_activity)
    roles.register_capabilities(spec.capabilities or ())
    navigation.register(*(navigation.Entry(item.url_name, item.label, item.capability, item.order)
                          for item in spec.navigation or ()))
    for listener in list(_listeners):
        listener(spec)
    return spec


def unregister(code: str) -> None:
    """Remove a case type (tests of the registry only)."""
    _TYPES.pop(code, None)
    for listener in list(_listeners):
        listener(None)  # type: ignore[arg-type]


def on_register(listener: Callable[[CaseTypeSpec], None]) -> None:
    """Call `listener(spec)` for every type registered now and later (None when one is removed)."""
    _listeners.append(listener)
    for spec in list(_TYPES.values()):
        listener(spec)


def register_component(component: ComponentSpec) -> ComponentSpec:
    """Register a shared component of the core (from its AppConfig.ready())."""
    _COMPONENTS[component.code] = component
    for listener in list(_listeners):
        listener(None)  # type: ignore[arg-type]
    return component


def components() -> list[ComponentSpec]:
    return list(_COMPONENTS.values())


def component(code: str) -> ComponentSpec:
    return _COMPONENTS[code]


def components_of(spec: CaseTypeSpec) -> list[ComponentSpec]:
    """The registered components a case type uses."""
    return [_COMPONENTS[code] for code in spec.components if code in _COMPONENTS]


def person_roles() -> list[PersonRole]:
    """Every declared person role: those of the case types and those of the core's components."""
    return [*(role for spec in _TYPES.values() for role in spec.person_roles or ()),
            *(role for part in _COMPONENTS.values() for role in part.person_roles)]


def hold_rules() -> list[HoldRule]:
    """Every legal-hold rule: those of the case types and those of the core's components."""
    return [*(rule for spec in _TYPES.values() for rule in spec.hold_rules or ()),
            *(rule for part in _COMPONENTS.values() for rule in part.hold_rules)]


def document_fields() -> frozenset[str]:
    return frozenset([*(name for spec in _TYPES.values() for name in spec.document_fields),
                      *(name for part in _COMPONENTS.values() for name in part.document_fields)])


def moved_model(label: str) -> str:
    """The current label of a model that moved into a component ("damocles.Objection" ->
    "remedies.Objection"); any other label as it is."""
    for spec in _TYPES.values():
        if label in spec.moved_models:
            return spec.moved_models[label]
    return label


def get(code: str) -> CaseTypeSpec:
    return _TYPES[code]


def find(code: str) -> CaseTypeSpec | None:
    return _TYPES.get(code)


def types() -> list[CaseTypeSpec]:
    return list(_TYPES.values())


def documented_types() -> list[CaseTypeSpec]:
    """The types the generated privacy documents describe (not the test-only example)."""
    return [spec for spec in _TYPES.values() if not spec.example]


def activity_for_role(role: str) -> str:
    """The processing activity of the first registered case type whose capabilities `role` holds (the
    processing a search without a result belongs to); else that of the first registered type."""
    for spec in _TYPES.values():
        if any(role in capability.roles for capability in spec.capabilities or ()):
            return spec.processing_activity
    return next(iter(_TYPES.values())).processing_activity


def codes() -> list[str]:
    return list(_TYPES)


def label(code: str) -> str:
    spec = _TYPES.get(code)
    return str(spec.label) if spec else code


def choices() -> list[tuple[str, str]]:
    """(code, label) of every registered case type, for forms and filters."""
    return [(spec.code, str(spec.label)) for spec in _TYPES.values()]


def for_model(model_label: str) -> CaseTypeSpec | None:
    """The case type whose app holds `model_label` ("damocles.Objection")."""
    app_label = model_label.partition(".")[0]
    return next((spec for spec in _TYPES.values() if spec.app_label == app_label), None)
