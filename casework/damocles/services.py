"""Damocles services (assessment, decision, announcements, legal tracks). Being built."""

from __future__ import annotations

from typing import Any

from casework.models import Case
from casework.workflow import Transition


def guard_and_apply(case: Case, step: Transition, data: dict[str, Any]) -> None:
    """Legal preconditions of a step and its data; see casework/damocles/workflow.py."""
