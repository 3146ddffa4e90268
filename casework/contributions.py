"""What case types contribute to the shared pages, in shapes the core renders without knowing them.

- `Deadline`: a term on a case (the deadline overviews, dashboards, the case list's next deadline);
- `TimelineEntry`: one entry of a case's timeline;
- `CaseSection`: a case type's part of the case page (a template and what it shows);
- `DashboardSection`: a case type's card and list on a role's dashboard;
- `WorkItem`: one thing waiting for a user (the work queue).

Every contribution names the cases it shows, so the page records one audit event per case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils.functional import Promise

from casework.models import Case


@dataclass(frozen=True)
class Deadline:
    """A term of one case. `label` says what is due, `legal_basis` where the term comes from,
    `responsible` who must act (an organisation or person name; empty: the case owner)."""

    case: Case
    due_on: date
    kind: str  # "<type>_<kind>" or a core kind
    overdue: bool
    label: str = ""
    legal_basis: str = ""
    responsible: str = ""
    obj: Any = None  # the row the term belongs to (an agreement, an objection, ...)


def soonest(deadlines: list[Deadline], limit: int | None) -> list[Deadline]:
    """The `limit` soonest of `deadlines` (all of them for None), by due date: what a type's `deadlines` returns
    when the caller asks for a `limit` (the registry's contract, casework/registry.py)."""
    ordered = sorted(deadlines, key=lambda deadline: (deadline.due_on, deadline.case.reference))
    return ordered if limit is None else ordered[:limit]


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # step | handover | share | change | a case type's own kind (conference, agreement, ...)
    obj: Any = None
    by: str = ""
    detail: dict[str, Any] = field(default_factory=dict)
    template: str = ""  # a case type's own entry template (kinds the core does not render itself)


@dataclass
class CaseSection:
    """A case type's part of the case page: `template` renders `data` (as `section`).

    `summary` adds (label, value) rows to the page's summary; `deadlines` are the case's terms
    (the type renders them in its template); `timeline` adds entries to the case's timeline;
    `actions` adds (url, label) links to the case's actions.
    """

    template: str
    data: Any = None
    summary: list[tuple[str, str]] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    actions: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class DashboardSection:
    """A case type's part of a dashboard: a card (title, count sentence, links) and optionally
    a list of case rows and an extra block (`extra_template` renders `extra`)."""

    key: str
    title: str | Promise
    count_text: str | Promise = ""
    empty_text: str | Promise = ""
    links: list[tuple[str, str | Promise]] = field(default_factory=list)
    rows: list[Any] = field(default_factory=list)  # selectors.CaseRow
    rows_title: str | Promise = ""
    rows_caption: str | Promise = ""
    extra_template: str = ""
    extra: Any = None
    cases: list[Case] = field(default_factory=list)  # every case the section shows (for the audit batch)


@dataclass(frozen=True)
class WorkItem:
    """One thing that waits for the user on "Mijn werk" (casework/worklist.py).

    `kind` is one of the core's item kinds (`casework.worklist.KINDS`: deadline, approval, referral,
    no_next_step, share_expiring, limitation, partner_report); `label` is the Dutch text of what is due (never
    personal data); `due_on` None: no date (listed after the dated items). `replaces` names the
    `Deadline.kind`s of the same case this item stands for, so the term is not listed twice (a
    referral awaiting triage replaces the triage contact term).
    """

    case: Case
    kind: str
    label: str
    due_on: date | None = None
    overdue: bool = False
    url: str = ""
    legal_basis: str = ""
    replaces: tuple[str, ...] = ()
