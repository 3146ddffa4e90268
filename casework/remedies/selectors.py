"""Reading the legal remedies: the rows of a case (or of one decision), and the deadlines they set.

Every query starts from the cases the caller passes in — `access.visible_cases(user)` or a
narrower filter of it — so nothing here can reach a case the user may not read. Only references,
kinds and dates are returned by the deadline queries: nothing here decrypts personal data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from casework.models import Case
from casework.presence import has_rows
from casework.remedies.models import Announcement, Appeal, Application, InterimRelief, Objection


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
    applications: list[Application] = field(default_factory=list)


def remedies_of(case: Case, decision: Any = None) -> Remedies:
    """Every announcement, objection, interim relief and appeal of `case` (about `decision`, when given)."""
    condition = about(decision) if decision is not None else Q()
    found = Remedies()
    if has_rows(case, Announcement):
        found.announcements = list(Announcement.objects.filter(condition, case=case)
                                   .select_related("addressee_person").order_by("announced_on"))
    if has_rows(case, Objection):
        found.objections = list(Objection.objects.filter(case=case, **(
            {"announcement__decision_type": decision._meta.label, "announcement__decision_id": decision.pk}
            if decision is not None else {})).select_related("announcement").order_by("received_on"))
    if has_rows(case, InterimRelief):
        found.interim_reliefs = list(InterimRelief.objects.filter(condition, case=case).order_by("requested_on"))
    if has_rows(case, Appeal):
        found.appeals = list(Appeal.objects.filter(condition, case=case).order_by("lodged_on"))
    if decision is None and has_rows(case, Application):
        found.applications = list(Application.objects.filter(case=case).order_by("received_on"))
    return found


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


def revoked_decisions(decision_type: str, decision_ids: Iterable[Any]) -> set[Any]:
    """The ids among `decision_ids` (rows of `decision_type`) that no longer stand: revoked on
    objection (outcome "upheld: decision revoked"), or annulled by the last ruling on appeal (a
    higher appeal's ruling counts over the court's). Two queries; no personal data is read."""
    ids = list(decision_ids)
    if not ids:
        return set()
    revoked = set(Objection.objects.filter(
        announcement__decision_type=decision_type, announcement__decision_id__in=ids,
        state=Objection.State.DECIDED, outcome=Objection.Outcome.REVOKED,
    ).values_list("announcement__decision_id", flat=True))
    last_ruling: dict[Any, bool] = {}
    rulings = Appeal.objects.filter(decision_type=decision_type, decision_id__in=ids, ruled_on__isnull=False)
    for decision_id, annulled in rulings.order_by("ruled_on", "lodged_on").values_list("decision_id", "annulled"):
        last_ruling[decision_id] = annulled
    return revoked | {decision_id for decision_id, annulled in last_ruling.items() if annulled}


def applications_due(cases: QuerySet[Case], until: date) -> QuerySet[Application]:
    """Pending applications of `cases` due on or before `until` (Awb 4:13, or the date of the 4:14 notice)."""
    return Application.objects.filter(
        Q(delayed_due_on__lte=until) | Q(delayed_due_on__isnull=True, decision_due_on__lte=until),
        case__in=cases, state=Application.State.PENDING).select_related("case")


def late_objections(cases: QuerySet[Case]) -> QuerySet[Objection]:
    """Open objections of `cases` lodged late (Awb 6:9) whose admissibility is still to be decided (6:11)."""
    return Objection.objects.filter(case__in=cases, late=True, lateness_excused__isnull=True,
                                    state__in=Objection.OPEN_STATES).select_related("case")
