"""Damocles' use of the core's legal remedies (casework/remedies/services.py): announcements per
addressee, objections, interim relief, appeals against the mayor's decision.

The Awb rules (objection deadline, the 7:10 decision term, interim relief, appeals) are the core's;
what is Damocles' own is here: who may act (an enforcement officer with access to the procedure),
the three ways a decision is announced and the addressee's role (owner, tenant, occupant), and
which decisions are announced at all — a decision (besluit) or an urgent closure, never a warning
letter, which is as a rule no appealable decision. The decision the remedies are about is the
procedure's detail row (`damocles.DamoclesCase`).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.models import User
from casework.damocles import workflow as wf
from casework.damocles.services.assessment import require_handhaver
from casework.models import Case, Person
from casework.remedies import services as remedies
from casework.remedies.models import AddresseeRole, Announcement, AnnouncementMethod, Appeal, InterimRelief, Objection
from casework.remedies.services import objection_decision_due

METHODS = (AnnouncementMethod.REGISTERED_POST, AnnouncementMethod.HANDED_BY_POLICE,
           AnnouncementMethod.HANDED_IN_PERSON)
METHOD_CHOICES = [(value, label) for value, label in AnnouncementMethod.choices if value in METHODS]
RULES = remedies.RemedyRules(authorise=lambda actor, case: require_handhaver(actor, case), methods=METHODS,
                             roles=tuple(AddresseeRole.values))


def decision_of(case: Case) -> remedies.Decision:
    """The procedure's decision; its date bounds announcements and appeals (not for an urgent closure).

    Its compliance term (begunstigingstermijn, set in the written decision; None before it) gives
    each announcement its own end date (casework/remedies/terms.py)."""
    details = case.damocles  # type: ignore[attr-defined]
    return remedies.Decision.of(details, case=case, decided_on=None if details.urgent else details.decided_on,
                                compliance_term_days=details.compliance_term_days)


def decision_suspended(case: Case) -> bool:
    """Only the judge's suspension suspends the decision; a pending request does not."""
    return remedies.decision_suspended(decision_of(case))


def _check_announceable(case: Case) -> None:
    if case.status == wf.WAARSCHUWING:
        raise ValidationError(
            _("A warning letter is not an appealable decision: it has no announcement with an objection term."),
            code="warning",
        )
    details = case.damocles  # type: ignore[attr-defined]
    if details.decided_on is None and not details.urgent:
        raise ValidationError(
            _("Announcements belong to a decision (besluit) or an urgent closure; there is none yet."),
            code="no_decision",
        )


def announcement_register(
    *,
    actor: User,
    case: Case,
    role: str,
    method: str,
    announced_on: date,
    addressee_person: Person | None = None,
    addressee_name: str = "",
) -> Announcement:
    """Record the announcement of the decision to one addressee, with their own objection deadline."""
    require_handhaver(actor, case)
    if isinstance(announced_on, date) and role in AddresseeRole.values and method in METHODS:
        _check_announceable(case)
    announcement = remedies.announcement_register(
        actor=actor, rules=RULES, decision=decision_of(case), role=role, method=method, announced_on=announced_on,
        addressee_person=addressee_person, addressee_name=addressee_name,
        reason=f"announcement registered ({role}, {method})",
    )
    return announcement


def objection_register(
    *, actor: User, case: Case, announcement: Announcement, received_on: date, advisory_committee: bool = False,
) -> Objection:
    """Register an objection against the decision as announced to one addressee."""
    return remedies.objection_register(actor=actor, rules=RULES, case=case, announcement=announcement,
                                       received_on=received_on, advisory_committee=advisory_committee)


def objection_update(*, actor: User, objection: Objection, **changes: object) -> Objection:
    """Suspension (7:10 lid 2), extension with its ground (lid 3/4), state and outcome; recomputes the term."""
    return remedies.objection_update(actor=actor, rules=RULES, objection=objection, **changes)  # type: ignore[arg-type]


def interim_relief_register(
    *, actor: User, case: Case, requested_on: date, municipality_waits: bool = False,
) -> InterimRelief:
    """A request for interim relief (8:81). Pending, it does not suspend; record whether we wait anyway."""
    require_handhaver(actor, case)
    return remedies.interim_relief_register(actor=actor, rules=RULES, decision=decision_of(case),
                                            requested_on=requested_on, municipality_waits=municipality_waits)


def interim_relief_update(*, actor: User, relief: InterimRelief, **changes: object) -> InterimRelief:
    """The judge's ruling (suspended = schorsing, the only thing that suspends the decision) or a withdrawal."""
    return remedies.interim_relief_update(actor=actor, rules=RULES, relief=relief, **changes)  # type: ignore[arg-type]


def appeal_register(*, actor: User, case: Case, level: str, lodged_on: date) -> Appeal:
    """Beroep (court) or hoger beroep (Council of State) against the decision on objection."""
    require_handhaver(actor, case)
    return remedies.appeal_register(actor=actor, rules=RULES, decision=decision_of(case), level=level,
                                    lodged_on=lodged_on)


def appeal_update(*, actor: User, appeal: Appeal, ruled_on: date | None = None, outcome: str | None = None) -> Appeal:
    """The ruling: its date and outcome (encrypted)."""
    return remedies.appeal_update(actor=actor, rules=RULES, appeal=appeal, ruled_on=ruled_on, outcome=outcome)


__all__ = [
    "METHODS", "METHOD_CHOICES", "RULES", "announcement_register", "appeal_register", "appeal_update",
    "decision_of", "decision_suspended", "interim_relief_register", "interim_relief_update",
    "objection_decision_due", "objection_register", "objection_update",
]
