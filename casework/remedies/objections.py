"""Objections (bezwaar) for every case type: lodged in time or not (Awb 6:9, 6:11), and the term for
the decision on them (Awb 7:10).

- On time (6:9): received before the end of the objection term (lid 1), or posted before its end
  and received no later than a week after it (lid 2: `posted_on`). A late objection is flagged
  (`late`) and needs a decision on its admissibility: its lateness is excusable (6:11, with
  reasons, stored encrypted) and it is treated as lodged in time, or it is declared inadmissible
  (niet-ontvankelijk) as the outcome of the objection.
- The decision term (7:10) starts the day after the objection term ends: 6 weeks, 12 with an
  advisory committee (lid 1); suspended from the day after the objector is asked to repair an
  omission until it is repaired (lid 2, `suspended_from`/`suspended_until`, or the days alone);
  one extension of at most 6 weeks (lid 3); further postponement only with the objector's written
  consent or to comply with a statutory procedure (lid 4); of each the objector is told in writing,
  within the term that runs (lid 5) — an extension without that notice is refused. A statutory
  term, so the Atw applies.

Why a late objection is only flagged (the official decides 6:11, never the code) and why a
postponement basis can be "not recorded" (rows extended before lid 3/4 were checked):
docs/adr/0015-late-objections-and-postponement-basis.md.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.history import save_with_reason
from casework import bounds
from casework.deadlines import term_end
from casework.models import Case
from casework.remedies.models import Announcement, Objection
from casework.remedies.rules import RemedyRules, changed_about, not_future, required_day
from casework.values import parse_date

OBJECTION_DECISION_WEEKS = 6
OBJECTION_DECISION_WEEKS_WITH_COMMITTEE = 12
POSTAL_GRACE = timedelta(weeks=1)  # Awb 6:9 lid 2

Basis = Objection.PostponementBasis


def objection_on_time(*, objection_deadline: date | None, received_on: date, posted_on: date | None = None) -> bool:
    """Awb 6:9: received before the end of the term, or posted before its end and received within a week after."""
    if objection_deadline is None or received_on <= objection_deadline:
        return True
    return posted_on is not None and posted_on <= objection_deadline \
        and received_on <= objection_deadline + POSTAL_GRACE


def objection_decision_due(
    *, objection_deadline: date, advisory_committee: bool, suspension_days: int = 0, extension_weeks: int = 0,
    postponement_weeks: int = 0,
) -> date:
    """Awb 7:10: from the day after the objection window ends; 6 or 12 weeks, + suspension + extensions."""
    weeks = OBJECTION_DECISION_WEEKS_WITH_COMMITTEE if advisory_committee else OBJECTION_DECISION_WEEKS
    return term_end(event=objection_deadline, weeks=weeks + extension_weeks + postponement_weeks,
                    days=suspension_days, statutory=True)


def _due(objection: Objection, *, extension: bool = True, postponement: bool = True) -> date | None:
    deadline = objection.announcement.objection_deadline
    if deadline is None:
        return None
    return objection_decision_due(
        objection_deadline=deadline, advisory_committee=objection.advisory_committee,
        suspension_days=objection.suspension_days, extension_weeks=objection.extension_weeks if extension else 0,
        postponement_weeks=objection.postponement_weeks if postponement else 0,
    )


def _recompute(objection: Objection) -> None:
    objection.decision_due_on = _due(objection)


def _posting(objection: Objection, posted_on: date | None, rules: RemedyRules) -> None:
    """Set the posting date and the 6:9 flag; an objection no longer late loses its 6:11 decision."""
    if posted_on is not None:
        if posted_on > objection.received_on:
            raise ValidationError({"posted_on": _("An objection cannot be received before it was posted.")})
        not_future(rules, posted_on, "posted_on")
        objection.posted_on = posted_on
    objection.late = not objection_on_time(objection_deadline=objection.announcement.objection_deadline,
                                           received_on=objection.received_on, posted_on=objection.posted_on)
    if not objection.late:
        objection.lateness_excused, objection.excuse_reasons = None, None


@transaction.atomic
def objection_register(
    *, actor: User, rules: RemedyRules, announcement: Announcement, received_on: Any, advisory_committee: bool = False,
    case: Case | None = None, posted_on: Any = None,
) -> Objection:
    """Register an objection against the decision as announced to one addressee (of `case`, when given).

    A late one (Awb 6:9) is registered and flagged: whether it is admissible is decided later (6:11)."""
    rules.authorise(actor, case or announcement.case)
    if case is not None and announcement.case_id != case.pk:
        raise ValidationError({"announcement": _("The announcement belongs to another case.")})
    day = required_day(received_on, "received_on", _("Enter the date the objection was received."))
    if day < announcement.announced_on:
        raise ValidationError({"received_on": _("An objection cannot be received before the announcement.")})
    not_future(rules, day, "received_on")
    objection = Objection(case=announcement.case, data_key_id=announcement.data_key_id, announcement=announcement,
                          received_on=day, advisory_committee=bool(advisory_committee))
    _posting(objection, parse_date(posted_on, "posted_on"), rules)
    _recompute(objection)
    save_with_reason(objection, reason=f"objection registered (committee={bool(advisory_committee)}, "
                                       f"late={objection.late})", user=actor)
    changed_about(rules, actor, announcement, "objection registered")
    return objection


# --- admissibility (Awb 6:9, 6:11) --------------------------------------------------------------------

def _set_excuse(objection: Objection, lateness_excused: bool | None, excuse_reasons: str | None) -> None:
    if excuse_reasons is not None:
        objection.excuse_reasons = str(excuse_reasons).strip() or None
    if lateness_excused is not None:
        if not objection.late:
            raise ValidationError({"lateness_excused": _(
                "This objection was lodged in time (Awb 6:9): there is no lateness to excuse.")})
        objection.lateness_excused = bool(lateness_excused)
    if objection.lateness_excused and not objection.excuse_reasons:
        raise ValidationError({"excuse_reasons": _(
            "State why the lateness is excusable (Awb 6:11); the reasons are stored encrypted.")})
    if not objection.lateness_excused:
        objection.excuse_reasons = None


def _check_admissibility(objection: Objection) -> None:
    """A late objection is decided on its merits only when its lateness was excused (Awb 6:11)."""
    if objection.state != Objection.State.DECIDED or not objection.late or objection.lateness_excused:
        return
    if objection.outcome != Objection.Outcome.INADMISSIBLE:
        raise ValidationError({"outcome": _(
            "The objection was lodged late (Awb 6:9): declare it inadmissible, or first record that the "
            "lateness is excusable (Awb 6:11).")})
    objection.lateness_excused = False


# --- state and outcome ------------------------------------------------------------------------------

def _set_state(objection: Objection, state: str | None, outcome: str | None, decided_on: date | None) -> None:
    if state is not None:
        if state not in Objection.State.values:
            raise ValidationError({"state": _("Unknown state.")})
        objection.state = state
    if outcome is not None:
        if outcome and outcome not in Objection.Outcome.values:
            raise ValidationError({"outcome": _("Unknown outcome.")})
        objection.outcome = outcome
    if decided_on is not None:
        objection.decided_on = decided_on


def _apply_state(rules: RemedyRules, objection: Objection, state: str | None, outcome: str | None,
                 decided_on: date | None) -> None:
    _set_state(objection, state, outcome, decided_on)
    decided = objection.state == Objection.State.DECIDED
    closed = decided or objection.state == Objection.State.WITHDRAWN
    if decided and not objection.outcome:
        raise ValidationError({"outcome": _("A decided objection needs its outcome.")})
    if not decided and objection.outcome:
        raise ValidationError({"outcome": _("Only a decided objection has an outcome.")})
    if (decided or (closed and rules.dated_withdrawal)) and objection.decided_on is None:
        raise ValidationError({"decided_on": _("Enter the date of the decision or the withdrawal.")})
    if rules.dated_withdrawal and not closed:
        objection.decided_on = None
    if objection.decided_on is not None:
        if objection.decided_on < objection.received_on:
            raise ValidationError({"decided_on": _("The decision cannot precede the objection.")})
        not_future(rules, objection.decided_on, "decided_on")


# --- the decision term (Awb 7:10) -------------------------------------------------------------------

def _count(value: Any, field: str, message: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError({field: message})
    return value


def _set_suspension(objection: Objection, suspension_days: int | None, suspended_from: date | None,
                    suspended_until: date | None) -> None:
    """Lid 2: from the day after the request to repair until the day it was repaired."""
    if suspension_days is not None:
        objection.suspension_days = _count(suspension_days, "suspension_days", _("Enter zero or more days."))
    if suspended_from is not None:
        objection.suspended_from = suspended_from
    if suspended_until is not None:
        objection.suspended_until = suspended_until
    start, end = objection.suspended_from, objection.suspended_until
    if end is not None and start is None:
        raise ValidationError({"suspended_from": _("Enter the date the objector was asked to repair the omission.")})
    if start is not None and start < objection.received_on:
        raise ValidationError({"suspended_from": _("The request to repair an omission cannot precede the objection.")})
    if start is not None and end is not None:
        if end < start:
            raise ValidationError({"suspended_until": _("The omission cannot be repaired before it was asked for.")})
        objection.suspension_days = (end - start).days


def _check_notice(objection: Objection, rules: RemedyRules, field: str, sent_on: date | None, runs_until: date | None,
                  ) -> None:
    """Lid 5: the objector is told in writing, within the term that is being extended."""
    if sent_on is None:
        raise ValidationError({field: _(
            "The objector must be told of an extension in writing (Awb 7:10 lid 5): record the date the notice "
            "was sent. Without it the term cannot be extended.")})
    not_future(rules, sent_on, field)
    if sent_on < objection.received_on or (runs_until is not None and sent_on > runs_until):
        raise ValidationError({field: _(
            "The notice must be sent after the objection was received and before the decision term ends "
            "(%(date)s).") % {"date": runs_until.strftime("%d-%m-%Y") if runs_until else "-"}})


def _set_extension(objection: Objection, rules: RemedyRules, changes: dict[str, Any]) -> None:
    """Lid 3: one extension of at most six weeks, with its ground and its written notice."""
    weeks = changes.get("extension_weeks")
    if weeks is not None:
        objection.extension_weeks = _count(weeks, "extension_weeks", _("Enter zero or more weeks."))
    if changes.get("extension_ground") is not None:
        objection.extension_ground = str(changes["extension_ground"]).strip() or None
    if changes.get("extension_notice_sent_on") is not None:
        objection.extension_notice_sent_on = changes["extension_notice_sent_on"]
    if objection.extension_weeks > Objection.MAX_EXTENSION_WEEKS:
        raise ValidationError({"extension_weeks": _(
            "Awb 7:10 lid 3 allows one extension of at most six weeks. A further postponement needs the "
            "objector's written consent or a statutory procedure (lid 4).")})
    if not objection.extension_weeks:
        return
    if not str(objection.extension_ground or "").strip():
        raise ValidationError({"extension_ground": _("State the ground for extending the decision term.")})
    if weeks is not None or changes.get("extension_notice_sent_on") is not None:
        _check_notice(objection, rules, "extension_notice_sent_on", objection.extension_notice_sent_on,
                      _due(objection, extension=False, postponement=False))


def _check_basis(objection: Objection, rules: RemedyRules) -> None:
    if objection.postponement_basis == Basis.CONSENT:
        if objection.consent_on is None:
            raise ValidationError({"consent_on": _("Enter the date of the objector's written consent.")})
        if objection.consent_on < objection.received_on:
            raise ValidationError({"consent_on": _("The consent cannot precede the objection.")})
        not_future(rules, objection.consent_on, "consent_on")
    elif objection.postponement_basis == Basis.STATUTORY_PROCEDURE:
        if not objection.postponement_ground:
            raise ValidationError({"postponement_ground": _("Name the statutory procedure that requires it.")})
    else:
        raise ValidationError({"postponement_basis": _(
            "A postponement beyond the extension of six weeks needs the objector's written consent or a "
            "statutory procedure (Awb 7:10 lid 4).")})


def _set_postponement(objection: Objection, rules: RemedyRules, changes: dict[str, Any]) -> None:
    """Lid 4: further postponement only with the objector's written consent or for a statutory procedure."""
    touched = any(changes.get(name) is not None for name in (
        "postponement_weeks", "postponement_basis", "consent_on", "postponement_ground", "postponement_notice_sent_on"))
    if not touched:
        return
    if changes.get("postponement_weeks") is not None:
        objection.postponement_weeks = _count(changes["postponement_weeks"], "postponement_weeks",
                                              _("Enter zero or more weeks."))
    for name in ("postponement_basis", "consent_on", "postponement_notice_sent_on"):
        if changes.get(name) is not None:
            setattr(objection, name, changes[name])
    if changes.get("postponement_ground") is not None:
        objection.postponement_ground = str(changes["postponement_ground"]).strip() or None
    if not objection.postponement_weeks:
        return
    _check_basis(objection, rules)
    _check_notice(objection, rules, "postponement_notice_sent_on", objection.postponement_notice_sent_on,
                  _due(objection, postponement=False))


@transaction.atomic
def objection_update(
    *,
    actor: User,
    rules: RemedyRules,
    objection: Objection,
    state: str | None = None,
    outcome: str | None = None,
    decided_on: Any = None,
    advisory_committee: bool | None = None,
    posted_on: Any = None,
    lateness_excused: bool | None = None,
    excuse_reasons: str | None = None,
    suspension_days: int | None = None,
    suspended_from: Any = None,
    suspended_until: Any = None,
    **terms: Any,
) -> Objection:
    """Posting date and admissibility (6:9, 6:11), suspension (7:10 lid 2), extension (lid 3), further
    postponement (lid 4) with their written notice (lid 5), state and outcome; recomputes the term.

    `terms`: extension_weeks, extension_ground, extension_notice_sent_on, postponement_weeks,
    postponement_basis, consent_on, postponement_ground, postponement_notice_sent_on."""
    rules.authorise(actor, objection.case)
    texts = {"outcome": outcome, "excuse_reasons": excuse_reasons, "extension_ground": terms.get("extension_ground"),
             "postponement_ground": terms.get("postponement_ground")}
    bounds.raise_errors(bounds.lengths(texts, bounds.LONG_TEXT))
    unknown = set(terms) - {"extension_weeks", "extension_ground", "extension_notice_sent_on", "postponement_weeks",
                            "postponement_basis", "consent_on", "postponement_ground", "postponement_notice_sent_on"}
    if unknown:
        raise TypeError(f"objection_update() got unexpected arguments {sorted(unknown)}")
    for name in ("extension_notice_sent_on", "consent_on", "postponement_notice_sent_on"):
        terms[name] = parse_date(terms.get(name), name)
    if terms.get("postponement_basis") not in (None, "", *Basis.values):
        raise ValidationError({"postponement_basis": _("Unknown basis.")})
    if advisory_committee is not None:
        objection.advisory_committee = bool(advisory_committee)
    _posting(objection, parse_date(posted_on, "posted_on"), rules)
    _set_excuse(objection, lateness_excused, excuse_reasons)
    _set_suspension(objection, suspension_days, parse_date(suspended_from, "suspended_from"),
                    parse_date(suspended_until, "suspended_until"))
    _set_extension(objection, rules, terms)
    _set_postponement(objection, rules, terms)
    _apply_state(rules, objection, state, outcome, parse_date(decided_on, "decided_on"))
    _check_admissibility(objection)
    _recompute(objection)
    reason = (f"objection updated (state={objection.state}, suspension={objection.suspension_days}d, "
              f"extension={objection.extension_weeks}w)")
    if objection.postponement_weeks:
        reason += f" postponement={objection.postponement_weeks}w ({objection.postponement_basis})"
    if objection.late:
        reason += f" late, excused={objection.lateness_excused}"
    save_with_reason(objection, reason=reason, user=actor)
    changed_about(rules, actor, objection.announcement, "objection updated")
    return objection
