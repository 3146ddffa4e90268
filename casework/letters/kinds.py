"""When a kind of letter may be generated: its legal basis must exist in the case's state.

A case type declares, per kind, the workflow states in which the letter has a basis (an intention
after the assessment, a decision after the four-eyes approval) and, where a state alone does not
say it, a check of the data the letter states. `refusal` gives the reason a letter cannot be made
now, or None; the service refuses with it and the page offers only the kinds that pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class LetterKind:
    code: str
    title: str  # Dutch: the letter's own title
    states: frozenset[str]
    # Returns the (translated) reason the details do not support the letter yet, or None.
    ready: Callable[[Any], str | None] = field(default=lambda details: None)


def refusal(kind: LetterKind, *, status: str, details: Any, state_labels: Mapping[str, Any]) -> str | None:
    return _state_refusal(kind, status=status, state_labels=state_labels) or kind.ready(details)


def _state_refusal(kind: LetterKind, *, status: str, state_labels: Mapping[str, Any]) -> str | None:
    if status not in kind.states:
        return _("A “%(kind)s” cannot be made while the case is in the state “%(state)s”; it can be made in: "
                 "%(states)s.") % {
            "kind": kind.title, "state": state_labels.get(status, status),
            "states": ", ".join(sorted(str(state_labels.get(s, s)) for s in kind.states)),
        }
    return None


def require_allowed(kind: LetterKind, *, status: str, details: Any, state_labels: Mapping[str, Any]) -> None:
    """Refuse with code "letter_state" (wrong state) or "letter_basis" (the data is not there yet)."""
    reason = _state_refusal(kind, status=status, state_labels=state_labels)
    if reason:
        raise ValidationError({"kind": ValidationError(reason, code="letter_state")})
    reason = kind.ready(details)
    if reason:
        raise ValidationError({"kind": ValidationError(reason, code="letter_basis")})


def allowed(kinds: Iterable[LetterKind], *, status: str, details: Any, state_labels: Mapping[str, Any]) -> list[str]:
    """The codes of the kinds that can be made now."""
    return [k.code for k in kinds if refusal(k, status=status, details=details, state_labels=state_labels) is None]
