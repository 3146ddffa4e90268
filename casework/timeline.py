"""The case page's content: one selector that gathers what a user may see of one case.

What is shown follows the categories of `access.case_access` (casework/categories.py): a partner
with a share sees the metadata and exactly the shared categories; a category not seen is not even
queried or decrypted. The core part (summary, person, sharing decisions, handovers, status steps,
changes from the history tables) is built here; each case type adds its own part through the
registry (`case_section`: a template with its data, summary rows, deadlines and timeline entries)
and names the history tables of its models (`history_sources`). The timeline merges status steps,
handovers, sharing decisions, the type's own entries and changes from the history tables (who,
when, which fields; never the values, nor the history row's reason: a structured English text for the
audit trail, such as "inspection recorded (compliant=None)", not the user's words and no text for a
Dutch screen).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.labels import reason_words
from casework import presence, registry, selectors
from casework.access import CaseAccess
from casework.categories import FIELD_CATEGORIES, INTERNAL, METADATA, NOTES, PERSONALIA, label_of, shareable
from casework.contributions import CaseSection, Deadline, TimelineEntry
from casework.documents import selectors as documents
from casework.history_heads import history_heads
from casework.meetings.selectors import case_items
from casework.models import Case, CaseStep, Handover, Person, SharingDecision
from casework.remedies.component import REMEDIES
from casework.remedies.models import Application
from encryption.preload import preload_keys

HISTORY_KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}

__all__ = ["CasePage", "ShareView", "TimelineEntry", "case_page", "recent_changes"]


@dataclass(frozen=True)
class ShareView:
    share: SharingDecision
    state: str  # active | revoked | expired | future

    @property
    def category_labels(self) -> list[str]:
        return [label_of(code) for code in self.share.categories]


@dataclass
class CasePage:
    case: Case
    case_access: CaseAccess
    status_label: str
    person: Person | None = None
    shares: list[ShareView] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    sees: dict[str, bool] = field(default_factory=dict)  # category -> shown (for templates)
    section: CaseSection | None = None  # the case type's own part (casework/registry.py `case_section`)
    # Applications without a statutory term (Awb 4:13/4:14), for types with remedy rules, to who sees
    # the remedies; None: the type receives none here (casework/web/views/applications.py).
    applications: list[Application] | None = None
    documents: list[documents.DocumentRow] = field(default_factory=list)  # casework/documents/, by category

    @property
    def summary(self) -> list[tuple[str, str]]:
        return self.section.summary if self.section else []

    @property
    def deadlines(self) -> list[Deadline]:
        return self.section.deadlines if self.section else []


def _share_state(share: SharingDecision, today: date) -> str:
    if share.revoked_at is not None:
        return "revoked"
    if share.ends_on < today:
        return "expired"
    return "future" if share.starts_on > today else "active"


def _visible_fields(model: type[models.Model], case_access: CaseAccess) -> list[models.Field]:
    categories = FIELD_CATEGORIES[model._meta.label]
    return [
        f for f in model._meta.concrete_fields
        if categories.get(f.name, INTERNAL) != INTERNAL
        and (categories[f.name] == METADATA or case_access.sees(categories[f.name]))
    ]


def _changed_fields(previous: Any, current: Any, fields: list[models.Field]) -> list[str]:
    return [str(f.verbose_name) for f in fields if getattr(previous, f.attname) != getattr(current, f.attname)]


def _is_step_echo(model: type[models.Model], reason: str | None) -> bool:
    """The case row saved by the transition engine: the step itself is on the timeline."""
    return model is Case and (reason or "").startswith("transition ")


def _change_entry(model: type[models.Model], at: Any, kind: str, by: str, fields: list[str]) -> TimelineEntry:
    return TimelineEntry(at=at, kind="change", by=by, detail={
        "model": str(model._meta.verbose_name), "action": HISTORY_KINDS[kind], "fields": fields})


def _history_entries(model: type[models.Model], rows: list[Any], case_access: CaseAccess) -> list[TimelineEntry]:
    fields = _visible_fields(model, case_access)
    entries: list[TimelineEntry] = []
    previous_by_object: dict[Any, Any] = {}
    for row in rows:  # oldest first
        previous = previous_by_object.get(row.id)
        previous_by_object[row.id] = row
        changed = _changed_fields(previous, row, fields) if previous is not None and row.history_type == "~" else []
        if row.history_type == "~" and (not changed or _is_step_echo(model, row.history_change_reason)):
            continue  # only fields this user may not see changed, or the step entry already says it
        entries.append(_change_entry(model, row.history_date, row.history_type,
                                     row.history_user.display_name if row.history_user else "", changed))
    return entries


def _history_sources(case: Case) -> list[tuple[type[models.Model], str, str]]:
    """The history tables shown for this case: the case itself and its type's own (registry)."""
    spec = registry.get(case.case_type)
    sources = [*(spec.history_sources or ()), *(source for part in registry.components_of(spec)
                                                 for source in part.history_sources)]
    return [(Case, "id", METADATA), *((apps.get_model(label), key, category) for label, key, category in sources)]


def _changes(case: Case, case_access: CaseAccess) -> list[TimelineEntry]:
    """Created, changed and deleted rows of the case's history tables this viewer may see. One query tells each
    table's rows (casework/history_heads.py); only a table with a change to compare is read in full (its rows
    decrypted, each compared with the one before)."""
    sources = _history_sources(case)
    if case_access.sees(PERSONALIA) and case.person_id:
        sources.append((Person, "person", PERSONALIA))
    wanted = [(model, {"id": case.person_id} if key == "person" else {key: case.pk})
              for model, key, category in sources if category == METADATA or case_access.sees(category)]
    entries: list[TimelineEntry] = []
    heads = history_heads([(cast(Any, model).history.model, lookup) for model, lookup in wanted])
    for index, rows_of_table in heads.items():
        model, lookup = wanted[index]
        if any(head.kind == "~" and not _is_step_echo(model, head.reason) for head in rows_of_table):
            rows = list(cast(Any, model).history.filter(**lookup).select_related("history_user")
                        .order_by("history_date"))
            preload_keys(rows)
            entries.extend(_history_entries(model, rows, case_access))
        else:  # created or deleted rows, and changes the steps already show: nothing to compare
            entries.extend(_change_entry(model, head.at, head.kind, head.by, [])
                           for head in rows_of_table if head.kind != "~")
    return entries


def _load_shares(page: CasePage, user, today: date) -> None:
    if not presence.has_rows(page.case, SharingDecision):
        return
    shares = page.case.shares.select_related("partner", "decided_by", "revoked_by").order_by("-decided_at")
    if page.case_access.via == "share":
        shares = shares.filter(partner_id=user.organisation_id)  # a partner sees its own decisions only
    page.shares = [ShareView(share=share, state=_share_state(share, today)) for share in shares]


def _steps(case: Case, case_access: CaseAccess) -> list[TimelineEntry]:
    if not presence.has_rows(case, CaseStep):
        return []
    steps = list(case.steps.select_related("by").order_by("sequence"))
    preload_keys(steps)
    return [
        TimelineEntry(at=step.at, kind="step", obj=step, by=step.by.display_name,
                      detail={"from": selectors.status_label(case.case_type, step.from_status) if step.from_status
                              else "", "to": selectors.status_label(case.case_type, step.to_status),
                              "reason": reason_words(step.reason) if case_access.sees(NOTES) else None})
        for step in steps
    ]


def recent_changes(*, case: Case, case_access: CaseAccess, limit: int = 5) -> list[TimelineEntry]:
    """The newest status steps and row changes of the case this viewer may see (which rows and fields
    changed, by whom, when; never a value), newest first: what a stale form's conflict page shows."""
    entries = _steps(case, case_access) + _changes(case, case_access)
    return sorted(entries, key=lambda entry: entry.at, reverse=True)[:limit]


def _timeline(page: CasePage) -> list[TimelineEntry]:
    case, case_access = page.case, page.case_access
    entries = _steps(case, case_access)
    entries += page.section.timeline if page.section else []
    entries += [TimelineEntry(at=view.share.decided_at, kind="share", obj=view, by=view.share.decided_by.display_name)
                for view in page.shares]
    entries += _handovers(case, case_access)
    entries += _meeting_items(case, case_access)
    entries += documents.timeline(case=case, case_access=case_access)
    entries += _changes(case, case_access)
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def _handovers(case: Case, case_access: CaseAccess) -> list[TimelineEntry]:
    """Changes of owner; the team lead's reason (encrypted) only for those who see notes."""
    if not case_access.sees(METADATA) or not presence.has_rows(case, Handover):
        return []
    handovers = preload_keys(list(case.handovers.select_related("from_owner", "to_owner", "by")))
    return [
        TimelineEntry(at=h.at, kind="handover", obj=h, by=h.by.display_name,
                      detail={"from": h.from_owner.display_name, "to": h.to_owner.display_name,
                              "reason": h.reason if case_access.sees(NOTES) else None})
        for h in handovers
    ]


def _meeting_items(case: Case, case_access: CaseAccess) -> list[TimelineEntry]:
    """The case's agenda items (casework/meetings/) for a type without a conference record of its own
    (`meeting_record`): the meeting, its date, who attended and, within the category, the minutes."""
    if registry.get(case.case_type).meeting_record is not None:
        return []  # the type's own conference record carries the attendance and minutes
    return [
        TimelineEntry(at=item.occurrence.starts, kind="meeting", obj=item, by=item.added_by.display_name,
                      template="meetings/_timeline_entry.html",
                      detail={"title": item.occurrence.meeting.title, "number": item.number,
                              "attending": [org.name for org in item.attending.all()],
                              "minutes": item.minutes if case_access.sees(item.minutes_category) else None})
        for item in case_items(case=case, case_access=case_access)
    ]


def case_page(*, user, case: Case, case_access: CaseAccess, today: date | None = None) -> CasePage:
    """Everything the case page shows to `user`, who reaches `case` through `case_access`.

    The caller has already checked access (`access.require`) and recorded the view event.
    """
    today = today or timezone.localdate()
    presence.probe(case)  # which tables hold rows of the case: the sections skip the others
    page = CasePage(case=case, case_access=case_access,
                    status_label=selectors.status_label(case.case_type, case.status),
                    sees={category: case_access.sees(category) for category in shareable()})
    if case_access.sees(PERSONALIA) and case.person_id:
        page.person = case.person
    _load_shares(page, user, today)
    page.section = registry.get(case.case_type).provider("case_section")(
        case=case, case_access=case_access, user=user, today=today)
    page.applications = _applications(case, case_access)
    page.documents = documents.documents_of(case=case, case_access=case_access)
    page.timeline = _timeline(page)
    return page


def _applications(case: Case, case_access: CaseAccess) -> list[Application] | None:
    if registry.get(case.case_type).remedy_rules is None or not case_access.sees(REMEDIES):
        return None
    if not presence.has_rows(case, Application):
        return []
    rows = list(Application.objects.filter(case=case).order_by("received_on", "id"))
    preload_keys(rows)
    return rows
