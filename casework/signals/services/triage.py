"""Triage of a signal by an enforcement officer or team lead (the table: casework/signals/workflow.py).

- no action: the signal is closed; it is kept one year (registry `retention`).
- monitor: a review date within a year; at the review the signal is triaged again (monitoring ended
  without follow-up closes it as "no action").
- routed to a linked case: a case of another registered type is opened through the registry
  (`casework.links.linked_case_create`; this package never imports another case type) and
  linked, and a sharing decision on that case names the purpose of the further processing and the
  partner who takes part (purpose limitation: casework/sharing.py).
- routed to the police or the RIEC: a sharing decision on the signal with that partner organisation,
  naming the purpose; the shielded source is never in it unless the sharing rules' own weighing is given.
- routed to a Bibob check: an outcome only. Wet Bibob art. 28 forbids passing on Bibob information
  and advice; none is ever stored here, in any (shareable) category: the triage row keeps a fixed
  text, and reasons or a purpose are refused.

Everything is validated before anything is written, in one transaction: a refused routing leaves no
triage, no case, no link and no sharing decision.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from audit.history import save_with_reason
from casework import access, bounds, registry
from casework import sharing as core_sharing
from casework.links import link_create, linked_case_create
from casework.models import Case
from casework.penalties.values import text
from casework.signals.casetype import CASE_TYPE, PROCESSING_ACTIVITY, ROUTED_LINK, TRIAGE_ROLES
from casework.signals.models import Outcome, Signal, Triage
from casework.signals.workflow import BEOORDEELD, OUTCOMES
from casework.versions import case_update
from casework.workflow import transition

BIBOB_TEXT = "routed to a Bibob check (outcome only; Wet Bibob art. 28)"
TRIAGE_LABEL = "signals.Triage"
SHARE_KEYS = ("categories", "weighing", "ends_on", "shielded_weighing")


def routable_types() -> list[tuple[str, str]]:
    """(code, label) of the registered case types a signal can be routed to (they open linked cases)."""
    return [(spec.code, str(spec.label)) for spec in registry.types()
            if spec.create_linked is not None and spec.code != CASE_TYPE and not spec.example]


def _require_triager(actor: User, case: Case) -> Signal:
    if case.case_type != CASE_TYPE:
        raise ValidationError(_("This is not a signal."), code="not_signal")
    access.require(actor, access.TRANSITION, case)
    if actor.role not in TRIAGE_ROLES:
        access.record_denial(actor, case, access.TRANSITION)
        raise PermissionDenied(_("Only an enforcement officer or a team lead triages signals."))
    return case.signal  # type: ignore[attr-defined, no-any-return]


def _messages(exc: ValidationError) -> dict[str, str]:
    if hasattr(exc, "error_dict"):
        return {field: " ".join(str(m) for m in messages) for field, messages in exc.message_dict.items()}
    return {"__all__": " ".join(exc.messages)}


def _review_errors(outcome: str, review_on: Any) -> tuple[dict[str, str], date | None]:
    if outcome != Outcome.MONITOR:
        return {}, None
    today = timezone.localdate()
    if not isinstance(review_on, date) or review_on <= today or review_on > today + timedelta(days=366):
        return {"review_on": _("Set a review date for monitoring within a year.")}, None
    return {}, review_on


def _text_errors(outcome: str, reason: str, purpose: str) -> dict[str, str]:
    if outcome == Outcome.BIBOB:
        if text(reason) or text(purpose):
            return {"reason": _("Record no Bibob information or advice with a signal (Wet Bibob art. 28): the "
                                "outcome is recorded on its own.")}
        return {}
    errors = {}
    if not text(reason):
        errors["reason"] = _("State the reasons for this outcome.")
    if outcome in (Outcome.CASE, Outcome.POLICE, Outcome.RIEC) and not text(purpose):
        errors["purpose"] = _("State the purpose for which the data are processed further (purpose limitation).")
    return {**errors, **bounds.lengths({"reason": text(reason), "purpose": text(purpose)}, bounds.SHORT_TEXT)}


def _linked_reason_errors(linked_reason: str) -> dict[str, str]:
    if not text(linked_reason):
        return {"linked_reason": _("Write what the new case starts from, without naming the source of the signal.")}
    return bounds.lengths({"linked_reason": text(linked_reason)}, bounds.SHORT_TEXT)


def _share_args(share: dict[str, Any], purpose: str) -> dict[str, Any]:
    return {"categories": list(share.get("categories") or []), "weighing": text(share.get("weighing")),
            "ends_on": share.get("ends_on") or timezone.localdate(), "purpose": text(purpose),
            "shielded_weighing": text(share.get("shielded_weighing")), "processing_activity": PROCESSING_ACTIVITY}


def _partner_errors(outcome: str, partner: Organisation | None) -> dict[str, str]:
    if outcome not in (Outcome.CASE, Outcome.POLICE, Outcome.RIEC):
        return {}
    if partner is None:
        return {"partner": _("Choose the partner organisation the data go to.")}
    if outcome == Outcome.POLICE and partner.kind != Organisation.Kind.POLITIE:
        return {"partner": _("Choose a police organisation.")}
    if outcome == Outcome.RIEC and partner.kind == Organisation.Kind.GEMEENTE:
        return {"partner": _("Choose the RIEC (a cooperation), not a municipality.")}
    return {}


def _routing_errors(*, outcome: str, case: Case, partner: Organisation | None, routed_to: str,
                    share: dict[str, Any], purpose: str) -> dict[str, str]:
    errors = _partner_errors(outcome, partner)
    if outcome == Outcome.CASE and routed_to not in dict(routable_types()):
        errors["routed_to"] = _("Choose the approach (a kind of case) the signal goes to.")
    if errors or outcome not in (Outcome.CASE, Outcome.POLICE, Outcome.RIEC):
        return errors
    target = Case(case_type=routed_to, controller_id=case.controller_id) if outcome == Outcome.CASE else case
    assert partner is not None  # noqa: S101 - _partner_errors returned an error without one
    try:
        core_sharing.validate_share(case=target, partner=partner, starts_on=timezone.localdate(),
                                    **_share_args(share, purpose))
    except ValidationError as exc:
        errors.update(_messages(exc))
    return errors


def _open_linked(*, actor: User, case: Case, routed_to: str, owner: User | None, linked_reason: str,
                 linked: dict[str, Any]) -> Case:
    """The linked case through the target type's `create_linked` provider, with the registry's common
    keywords (actor, controller, owner; the first named person; `reason`: the text written for the new
    case, never the triage's own reasons, which may point at the shielded source; the signal's address)
    and whatever else that type needs (`linked`, asked by its `linked_form`: e.g. the premises, police
    report and findings of a Damocles procedure). The target type's own rules apply."""
    first = case.signal_persons.select_related("person").first()  # type: ignore[attr-defined]
    return linked_case_create(  # type: ignore[no-any-return]
        routed_to, actor=actor, controller=case.controller, owner=owner or actor,
        person=first.person if first else None, reason=text(linked_reason), address=case.signal.address or "",
        **linked)


@transaction.atomic
def signal_triage(*, actor: User, case: Case, outcome: str, reason: str = "", purpose: str = "",
                  review_on: Any = None, routed_to: str = "", partner: Organisation | None = None,
                  owner: User | None = None, share: dict[str, Any] | None = None, linked_reason: str = "",
                  linked: dict[str, Any] | None = None, expected_version: int | None = None) -> Triage:
    """Triage `case` with `outcome` (the table in workflow.OUTCOMES decides the status it moves to).

    `share`: categories, weighing, ends_on (and shielded_weighing) of the sharing decision of a routing;
    `routed_to`, `owner`, `linked_reason` (the text the new case opens with), `linked`: the linked case
    of the outcome "case".
    """
    signal = _require_triager(actor, case)
    if case.is_closed:
        raise ValidationError(_("This signal is closed. A team lead can reopen it."), code="closed")
    target = OUTCOMES.get((case.status, outcome))
    if target is None:
        raise ValidationError({"outcome": _("This outcome cannot be chosen for a signal in this status.")})
    errors, review = _review_errors(outcome, review_on)
    errors.update(_text_errors(outcome, reason, purpose))
    if outcome == Outcome.CASE:
        errors.update(_linked_reason_errors(linked_reason))
    errors.update(_routing_errors(outcome=outcome, case=case, partner=partner, routed_to=routed_to,
                                  share=share or {}, purpose=purpose))
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate()
    stored_reason = BIBOB_TEXT if outcome == Outcome.BIBOB else text(reason)
    if target != case.status:  # the step first: a stale version stops the triage before anything is written
        transition(case=case, to=target, by=actor, reason=stored_reason, expected_version=expected_version,
                   outcome=outcome)
    elif expected_version is not None:  # monitoring again: an update of the signal under the version rule
        with case_update(case=case, expected_version=expected_version):
            pass
    linked_case, decision = None, None
    if outcome == Outcome.CASE:
        linked_case = _open_linked(actor=actor, case=case, routed_to=routed_to, owner=owner,
                                   linked_reason=linked_reason, linked=linked or {})
        decision = core_sharing.share_record(actor=actor, case=linked_case, partner=cast(Organisation, partner),
                                             history_reason="sharing decision (routed from a signal)",
                                             **_share_args(share or {}, purpose))
    elif outcome in (Outcome.POLICE, Outcome.RIEC):
        decision = core_sharing.share_record(actor=actor, case=case, partner=cast(Organisation, partner),
                                             history_reason=f"sharing decision (signal routed: {outcome})",
                                             **_share_args(share or {}, purpose))
    row = Triage(case=case, data_key_id=case.data_key_id, outcome=outcome, decided_on=today,
                 reason=None if outcome == Outcome.BIBOB else stored_reason,
                 purpose=text(purpose) or None if outcome != Outcome.BIBOB else None, review_on=review,
                 routed_to=routed_to if outcome == Outcome.CASE else "", linked_case=linked_case,
                 partner=partner if decision else None, share=decision, created_by=actor)
    save_with_reason(row, reason=f"signal triaged ({outcome})", user=actor)
    signal.outcome, signal.triaged_on, signal.review_on = outcome, today, review
    signal.routed_to = row.routed_to
    signal.follow_up_ended_on = None if target == BEOORDEELD else today
    save_with_reason(signal, reason=f"triage outcome ({outcome})", user=actor)
    if linked_case is not None:
        link_create(actor=actor, from_case=case, to_case=linked_case, kind=ROUTED_LINK, source_type=TRIAGE_LABEL,
                    source_id=row.pk)
    return row


__all__ = ["BIBOB_TEXT", "routable_types", "signal_triage"]
