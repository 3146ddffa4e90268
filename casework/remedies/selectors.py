"""Reading the legal remedies: the rows of a case (or of one decision), and the deadlines they set.

Every query starts from the cases the caller passes in — `access.visible_cases(user)` or a
narrower filter of it — so nothing here can reach a case the user may not read. Only references,
kinds and dates are returned by the deadline queries: nothing here decrypts personal data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from casework.models import Case
from casework.remedies.models import Announcement, Appeal, InterimRelief, Objection


def about(decision: Any) -> Q:
    """Rows about one decided row of a case type (its model instance)."""
    return Q(decision_type=decision._meta.label, decision_id=decision.pk)


@dataclass
class Remedies:
    """The remedies of one case (or one decision), in the order the case page shows them."""

    announcements: list[Announcement] = field(default_factory=list)
    objections: list[Objection] = field(default_factory=list)
    interim_reliefs: list[InterimRelief] = field(default_factory=list)
    appeals: list[Appeal] = field(default_factory=list)


def remedies_of(case: Case, decision: Any = None) -> Remedies:
    """Every announcement, objection, interim relief and appeal of `case` (about `decision`, when given)."""
    condition = about(decision) if decision is not None else Q()
    return Remedies(
        announcements=list(Announcement.objects.filter(condition, case=case).select_related("addressee_person")
                           .order_by("announced_on")),
        objections=list(Objection.objects.filter(case=case, **(
            {"announcement__decision_type": decision._meta.label, "announcement__decision_id": decision.pk}
            if decision is not None else {})).select_related("announcement").order_by("received_on")),
        interim_reliefs=list(InterimRelief.objects.filter(condition, case=case).order_by("requested_on")),
        appeals=list(Appeal.objects.filter(condition, case=case).order_by("lodged_on")),
    )


def objection_windows(cases: QuerySet[Case], until: date) -> QuerySet[Announcement]:
    """Announcements of `cases` whose objection term ends on or before `until` (Awb 6:7/6:8)."""
    return Announcement.objects.filter(case__in=cases, objection_deadline__lte=until).select_related("case")


def objection_decisions_due(cases: QuerySet[Case], until: date) -> QuerySet[Objection]:
    """Open objections of `cases` whose decision is due on or before `until` (Awb 7:10)."""
    return Objection.objects.filter(case__in=cases, state__in=Objection.OPEN_STATES,
                                    decision_due_on__lte=until).select_related("case")


def suspended_decisions(cases: QuerySet[Case]) -> set[tuple[str, Any]]:
    """(decision_type, decision_id) of the decisions of `cases` the judge suspended (Awb 8:81)."""
    rows = InterimRelief.objects.filter(case__in=cases, state=InterimRelief.State.SUSPENDED)
    return set(rows.values_list("decision_type", "decision_id"))
