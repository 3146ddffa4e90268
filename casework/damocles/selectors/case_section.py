"""The Damocles part of the case page: one selector that gathers what a user may see of it.

Called from the shared case page selector (casework/timeline.py `case_page`) for Damocles cases,
after access was checked and the view event recorded. What is loaded follows the sharing
categories (casework/categories.py): a category the user does not see is not even queried or
decrypted. Data keys of all rows are loaded in one key-store query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone

from casework.access import CaseAccess
from casework.categories import PERSONALIA
from casework.contributions import CaseSection
from casework.damocles import workflow as wf
from casework.damocles.casetype import DAMOCLES_DECISION, DAMOCLES_REPORT
from casework.damocles.letters import LETTER_KINDS
from casework.damocles.models import DamoclesCase, Letter, PoliceReport, Premises, Sanction
from casework.damocles.selectors.deadlines import (
    OBJECTION_DECISION,
    OBJECTION_WINDOW,
    DamoclesDeadline,
    as_deadline,
    damocles_deadlines,
)
from casework.damocles.workflow import APPROVAL_SUBJECT, ASSESSABLE_STATES, DECISION_SOURCES, SEALED_STATES
from casework.letters import kinds as letter_kinds
from casework.models import Approval, Case
from casework.presence import rows
from casework.remedies.component import REMEDIES
from casework.remedies.models import AddresseeRole, Announcement, Appeal, InterimRelief, Objection
from encryption.preload import preload_keys

# The approval subject a Damocles decision asks for (four-eyes, casework/approvals.py).
DECISION_APPROVAL = APPROVAL_SUBJECT
REMEDY_KINDS = frozenset({OBJECTION_WINDOW, OBJECTION_DECISION})


@dataclass(frozen=True)
class ComplianceEnd:
    """One addressee's compliance term as the letter, the deadline overview, the sealing guard and the
    API use it: the date stored on their announcement (casework/remedies/terms.py `compliance_end`)."""

    role_label: str
    announced_on: date
    ends_on: date | None


@dataclass
class DamoclesSection:
    details: DamoclesCase
    sees: dict[str, bool]
    premises: Premises | None = None
    earlier_procedures: int = 0
    owner_elsewhere: bool = False
    reports: list[PoliceReport] = field(default_factory=list)
    announcements: list[Announcement] = field(default_factory=list)
    objections: list[Objection] = field(default_factory=list)
    interim_reliefs: list[InterimRelief] = field(default_factory=list)
    appeals: list[Appeal] = field(default_factory=list)
    letters: list[Letter] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)
    deadlines: list[DamoclesDeadline] = field(default_factory=list)
    # Per addressee (by role, never by name): the stored end of their compliance term.
    compliance_ends: list[ComplianceEnd] = field(default_factory=list)

    def actions(self) -> dict[str, bool]:
        """Which Damocles action pages fit the procedure now (links only: the services check again)."""
        details, status = self.details, self.details.case.status
        decided_or_urgent = details.decided_on is not None or details.urgent
        return {
            "assess": status in ASSESSABLE_STATES,
            "request_approval": status in DECISION_SOURCES and details.chosen_sanction == Sanction.CLOSURE
            and not self.approved and self.pending_approval is None,
            "announce": decided_or_urgent and status != wf.WAARSCHUWING,
            "remedies": bool(self.announcements),
            "seal": status in SEALED_STATES,
            "letters": bool(letter_kinds.allowed(LETTER_KINDS.values(), status=status, details=details,
                                                 state_labels=wf.STATES)),
        }

    @property
    def approved(self) -> bool:
        return any(a.decision == Approval.Decision.APPROVED for a in self.approvals)

    @property
    def pending_approval(self) -> Approval | None:
        return next((a for a in self.approvals if a.decision == Approval.Decision.PENDING), None)


def earlier_procedures_count(premises_id: Any, *, case: Case) -> int:
    """Other procedures of the same controller at these premises: a count only, nothing of those
    cases is shown, and another controller's procedures are not even counted (premises are found
    by address across controllers, but what another controller did there is theirs)."""
    return DamoclesCase.objects.filter(premises_id=premises_id, case__controller_id=case.controller_id) \
        .exclude(case=case).count()


def _load_report(section: DamoclesSection, case: Case) -> None:
    section.reports = rows(case, case.police_reports.prefetch_related("findings").select_related("created_by")
                           .order_by("-received_on"))


def _load_remedies(section: DamoclesSection, case: Case) -> None:
    section.announcements = rows(case, case.announcements.select_related("addressee_person").order_by("announced_on"))
    section.objections = rows(case, case.objections.select_related("announcement").order_by("received_on"))
    section.interim_reliefs = rows(case, case.interim_reliefs.order_by("requested_on"))
    section.appeals = rows(case, case.appeals.order_by("lodged_on"))


def compliance_ends_of(case: Case) -> list[ComplianceEnd]:
    """The stored compliance-term end per announcement of the case's decision (role and dates only:
    nothing is decrypted, so it is shown with the decision, also to who does not see the remedies)."""
    found = Announcement.objects.filter(case=case, decision_type=DamoclesCase._meta.label).order_by("announced_on",
                                                                                                  "id")
    return [ComplianceEnd(role_label=str(AddresseeRole(role).label) if role in AddresseeRole.values else "",
                          announced_on=announced_on, ends_on=ends_on)
            for role, announced_on, ends_on in rows(case, found.values_list("role", "announced_on",
                                                                             "compliance_ends_on"))]


def _load_decision(section: DamoclesSection, case: Case) -> None:
    section.compliance_ends = compliance_ends_of(case)
    section.letters = rows(case, case.letters.select_related("announcement").order_by("created_at"))
    section.approvals = rows(case, Approval.objects.filter(case=case, subject=DECISION_APPROVAL)
                             .select_related("requested_by", "decided_by").order_by("-requested_at"))


def damocles_section(*, case: Case, case_access: CaseAccess, today: date | None = None) -> DamoclesSection | None:
    """The Damocles details of `case` that `case_access` may see; None for other case types."""
    details = DamoclesCase.objects.filter(case=case).select_related("policy_version").first()
    if details is None:
        return None
    today = today or timezone.localdate()
    sees = {category: case_access.sees(category)
            for category in (PERSONALIA, DAMOCLES_REPORT, DAMOCLES_DECISION, REMEDIES)}
    section = DamoclesSection(details=details, sees=sees)
    if sees[PERSONALIA]:
        section.premises = Premises.objects.select_related("owner_person").get(pk=details.premises_id)
        if section.premises.owner_person and section.premises.owner_person.controller_id != case.controller_id:
            section.premises.owner_person = None  # another controller's person record: not ours to show
            section.owner_elsewhere = True
        section.earlier_procedures = earlier_procedures_count(details.premises_id, case=case)
    if sees[DAMOCLES_REPORT]:
        _load_report(section, case)
    if sees[REMEDIES]:
        _load_remedies(section, case)
    if sees[DAMOCLES_DECISION]:
        _load_decision(section, case)
        if not case.is_closed:
            one_case = Case.objects.filter(pk=case.pk)
            details.case = case  # the row's own terms come from it (no query), read with the page's case
            found = damocles_deadlines(cases=one_case, until=date.max, today=today, probed=case, details=details,
                                       page_ids=[case.pk])  # its announcements with SQL compiled once
            section.deadlines = [d for d in found if sees[REMEDIES] or d.kind not in REMEDY_KINDS]
    owner = [section.premises.owner_person] if section.premises and section.premises.owner_person else []
    persons = [a.addressee_person for a in section.announcements if a.addressee_person]
    preload_keys([details, *filter(None, [section.premises]), *owner, *persons, *section.reports,
                  *section.announcements, *section.objections, *section.appeals, *section.letters])
    return section


def case_section(*, case: Case, case_access: CaseAccess, user: Any = None, today: date | None = None) -> CaseSection:
    """The registry's `case_section` provider: the Damocles part of the shared case page."""
    section = damocles_section(case=case, case_access=case_access, today=today)
    return CaseSection(template="damocles/_case_section.html", data=section,
                       deadlines=[as_deadline(d) for d in section.deadlines] if section else [])
