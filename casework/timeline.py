"""The case page's content: one selector that gathers what a user may see of one case.

What is shown follows the categories of `access.case_access` (casework/categories.py): a partner
with a share sees the metadata and exactly the shared categories; a category not seen is not even
queried or decrypted. The timeline merges status steps, conferences, agreements, sharing
decisions and changes from the history tables (who, when, which fields; never the values, and
reasons in history rows are structured texts, not the user's words).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from casework import selectors
from casework.access import CaseAccess
from casework.categories import (
    CATEGORY_LABELS,
    DAMOCLES_DECISION,
    DAMOCLES_REMEDIES,
    DAMOCLES_REPORT,
    FIELD_CATEGORIES,
    INTERNAL,
    METADATA,
    NOTES,
    PERSONALIA,
    PGA_CONFERENCES,
    PGA_PLAN,
    PGA_REFERRAL,
    SHAREABLE,
)
from casework.damocles.models import (
    Announcement,
    Appeal,
    DamoclesCase,
    InterimRelief,
    Letter,
    Objection,
    PoliceReport,
)
from casework.models import Case, Person, SharingDecision
from casework.park import models as park_models
from casework.park.categories import PARK_INSPECTIONS, PARK_ORDERS
from casework.pga.models import Agreement, Conference, Leefgebied, PgaCase, PlanVersion
from encryption.preload import preload_keys

HISTORY_KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
# Which history tables belong on the page, and the category needed to see them at all.
# Per case type, so a PGA page does not query the Damocles history tables and vice versa.
HISTORY_SOURCES: tuple[tuple[type[models.Model], str, str], ...] = ((Case, "id", METADATA),)
HISTORY_SOURCES_BY_TYPE: dict[str, tuple[tuple[type[models.Model], str, str], ...]] = {
    "pga": (
        (PgaCase, "case_id", METADATA),
        (Conference, "case_id", PGA_CONFERENCES),
        (Agreement, "case_id", PGA_CONFERENCES),
        (PlanVersion, "case_id", PGA_PLAN),
    ),
    "damocles": (
        (DamoclesCase, "case_id", DAMOCLES_DECISION),
        (PoliceReport, "case_id", DAMOCLES_REPORT),
        (Letter, "case_id", DAMOCLES_DECISION),
        (Announcement, "case_id", DAMOCLES_REMEDIES),
        (Objection, "case_id", DAMOCLES_REMEDIES),
        (InterimRelief, "case_id", DAMOCLES_REMEDIES),
        (Appeal, "case_id", DAMOCLES_REMEDIES),
    ),
    "park": (
        (park_models.ParkFile, "case_id", METADATA),
        (park_models.Inspection, "case_id", PARK_INSPECTIONS),
        (park_models.PenaltyOrder, "case_id", PARK_ORDERS),
        (park_models.OrderAnnouncement, "case_id", PARK_ORDERS),
        (park_models.OrderObjection, "case_id", PARK_ORDERS),
        (park_models.OrderAppeal, "case_id", PARK_ORDERS),
        (park_models.Forfeiture, "case_id", PARK_ORDERS),
        (park_models.LimitationEvent, "case_id", PARK_ORDERS),
        (park_models.CollectionIntention, "case_id", PARK_ORDERS),
        (park_models.CollectionRequest, "case_id", PARK_ORDERS),
        (park_models.CollectionDecision, "case_id", PARK_ORDERS),
        (park_models.Payment, "case_id", PARK_ORDERS),
    ),
}


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # step | conference | agreement | share | change
    obj: Any = None
    by: str = ""
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ShareView:
    share: SharingDecision
    state: str  # active | revoked | expired | future

    @property
    def category_labels(self) -> list[str]:
        return [str(CATEGORY_LABELS.get(code, code)) for code in self.share.categories]


@dataclass
class CasePage:
    case: Case
    case_access: CaseAccess
    status_label: str
    person: Person | None = None
    pga: PgaCase | None = None
    partners_to_invite: list[Organisation] = field(default_factory=list)
    conferences: list[Conference] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    plan: PlanVersion | None = None
    plan_goals: list[dict[str, Any]] = field(default_factory=list)
    shares: list[ShareView] = field(default_factory=list)
    deadlines: list[selectors.Deadline] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    sees: dict[str, bool] = field(default_factory=dict)  # category -> shown (for templates)
    damocles: Any = None  # the Damocles part (casework/damocles/case_section.py), Damocles cases only
    park: Any = None  # the park part (casework/park/case_section.py), park files only


def _moment(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    return timezone.make_aware(datetime.combine(value, time.min))


def _share_state(share: SharingDecision, today: date) -> str:
    if share.revoked_at is not None:
        return "revoked"
    if share.ends_on < today:
        return "expired"
    return "future" if share.starts_on > today else "active"


def _plan_goals(plan: PlanVersion) -> list[dict[str, Any]]:
    """The plan's goals with life-domain labels and partner names (one query for the partners)."""
    goals = plan.goals or []
    partner_ids = {item.get("partner_id") for goal in goals for item in goal.get("interventions", [])}
    names = dict(Organisation.objects.filter(pk__in=[pk for pk in partner_ids if pk]).values_list("pk", "name"))
    names = {str(pk): name for pk, name in names.items()}
    labels = dict(Leefgebied.choices)
    return [
        {"leefgebied": labels.get(goal.get("leefgebied"), goal.get("leefgebied")), "goal": goal.get("goal", ""),
         "interventions": [{**item, "partner": names.get(item.get("partner_id") or "", "")}
                           for item in goal.get("interventions", [])]}
        for goal in goals
    ]


def _visible_fields(model: type[models.Model], case_access: CaseAccess) -> list[models.Field]:
    categories = FIELD_CATEGORIES[model._meta.label]
    return [
        f for f in model._meta.concrete_fields
        if categories.get(f.name, INTERNAL) != INTERNAL
        and (categories[f.name] == METADATA or case_access.sees(categories[f.name]))
    ]


def _changed_fields(previous: Any, current: Any, fields: list[models.Field]) -> list[str]:
    return [str(f.verbose_name) for f in fields if getattr(previous, f.attname) != getattr(current, f.attname)]


def _is_step_echo(model: type[models.Model], row: Any) -> bool:
    """The case row saved by the transition engine: the step itself is on the timeline."""
    return model is Case and (row.history_change_reason or "").startswith("transition ")


def _history_entries(model: type[models.Model], rows: list[Any], case_access: CaseAccess) -> list[TimelineEntry]:
    fields = _visible_fields(model, case_access)
    entries, previous_by_object = [], {}
    for row in rows:  # oldest first
        previous = previous_by_object.get(row.id)
        previous_by_object[row.id] = row
        changed = _changed_fields(previous, row, fields) if previous is not None and row.history_type == "~" else []
        if row.history_type == "~" and (not changed or _is_step_echo(model, row)):
            continue  # only fields this user may not see changed, or the step entry already says it
        entries.append(TimelineEntry(
            at=row.history_date, kind="change",
            by=row.history_user.display_name if row.history_user else "",
            detail={"model": str(model._meta.verbose_name), "action": HISTORY_KINDS[row.history_type],
                    "fields": changed, "reason": row.history_change_reason or ""},
        ))
    return entries


def _changes(case: Case, case_access: CaseAccess) -> list[TimelineEntry]:
    sources = [*HISTORY_SOURCES, *HISTORY_SOURCES_BY_TYPE.get(case.case_type, ())]
    if case_access.sees(PERSONALIA) and case.person_id:
        sources.append((Person, "person", PERSONALIA))
    entries: list[TimelineEntry] = []
    for model, key, category in sources:
        if category != METADATA and not case_access.sees(category):
            continue
        lookup = {"id": case.person_id} if key == "person" else {key: case.pk}
        rows = list(model.history.filter(**lookup).select_related("history_user").order_by("history_date"))
        preload_keys(rows)
        entries.extend(_history_entries(model, rows, case_access))
    return entries


def _load_conferences(page: CasePage) -> None:
    case = page.case
    page.conferences = list(case.conferences.prefetch_related("invited", "attending").order_by("-held_on"))
    page.agreements = list(case.agreements.select_related("owner_organisation", "conference").order_by("due_on"))
    preload_keys([*page.conferences, *page.agreements])


def _load_details(page: CasePage) -> None:
    case, case_access = page.case, page.case_access
    if case_access.sees(PERSONALIA) and case.person_id:
        page.person = case.person
    page.pga = getattr(case, "pga", None)
    if page.pga is not None and case_access.sees(PGA_REFERRAL):
        page.partners_to_invite = list(page.pga.partners_to_invite.all())
    if case_access.sees(PGA_CONFERENCES):
        _load_conferences(page)
    if case_access.sees(PGA_PLAN):
        page.plan = case.plan_versions.order_by("-number").select_related("created_by").first()
        page.plan_goals = _plan_goals(page.plan) if page.plan else []


def _load_shares(page: CasePage, user, today: date) -> None:
    shares = page.case.shares.select_related("partner", "decided_by", "revoked_by").order_by("-decided_at")
    if page.case_access.via == "share":
        shares = shares.filter(partner_id=user.organisation_id)  # a partner sees its own decisions only
    page.shares = [ShareView(share=share, state=_share_state(share, today)) for share in shares]


def _timeline(page: CasePage) -> list[TimelineEntry]:
    case, case_access = page.case, page.case_access
    steps = list(case.steps.select_related("by").order_by("sequence"))
    preload_keys(steps)
    entries = [
        TimelineEntry(at=step.at, kind="step", obj=step, by=step.by.display_name,
                      detail={"from": selectors.status_label(case.case_type, step.from_status) if step.from_status
                              else "", "to": selectors.status_label(case.case_type, step.to_status),
                              "reason": step.reason if case_access.sees(NOTES) else None})
        for step in steps
    ]
    entries += [TimelineEntry(at=_moment(c.held_on), kind="conference", obj=c) for c in page.conferences]
    entries += [TimelineEntry(at=_moment(a.due_on), kind="agreement", obj=a) for a in page.agreements]
    entries += [TimelineEntry(at=view.share.decided_at, kind="share", obj=view, by=view.share.decided_by.display_name)
                for view in page.shares]
    entries += _handovers(case, case_access)
    entries += _changes(case, case_access)
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def _handovers(case: Case, case_access: CaseAccess) -> list[TimelineEntry]:
    """Changes of owner; the team lead's reason (encrypted) only for those who see notes."""
    if not case_access.sees(METADATA):
        return []
    handovers = preload_keys(list(case.handovers.select_related("from_owner", "to_owner", "by")))
    return [
        TimelineEntry(at=h.at, kind="handover", obj=h, by=h.by.display_name,
                      detail={"from": h.from_owner.display_name, "to": h.to_owner.display_name,
                              "reason": h.reason if case_access.sees(NOTES) else None})
        for h in handovers
    ]


def case_page(*, user, case: Case, case_access: CaseAccess, today: date | None = None) -> CasePage:
    """Everything the case page shows to `user`, who reaches `case` through `case_access`.

    The caller has already checked access (`access.require`) and recorded the view event.
    """
    today = today or timezone.localdate()
    page = CasePage(case=case, case_access=case_access,
                    status_label=selectors.status_label(case.case_type, case.status),
                    sees={category: case_access.sees(category) for category in SHAREABLE})
    _load_details(page)
    _load_shares(page, user, today)
    page.deadlines = selectors.case_deadlines(case=case, agreements=page.agreements, today=today)
    if case.case_type == "damocles":
        from casework.damocles.case_section import section_for_page  # the case type's own part

        page.damocles = section_for_page(case=case, case_access=case_access)
    elif case.case_type == "park":
        from casework.park.case_section import section_for_page as park_section_for_page

        page.park = park_section_for_page(case=case, case_access=case_access)
    page.timeline = _timeline(page)
    return page
