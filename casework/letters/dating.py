"""A letter's date: the sending date recorded for it, or a draft.

A letter is dated the day it is sent to its addressee (the announcement's date for a decision,
the recorded sending date for an intention or a warning), never the day it happens to be
generated: a copy made later must not state a different date, nor a deadline counted from a day
the addressee never received anything. Without a recorded sending date the letter is a draft: it
says "CONCEPT" at the top and states no binding date or deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casework.pdf import datum

DRAFT_DATE = "datum van verzending"
DRAFT_MARK = "CONCEPT"


@dataclass(frozen=True)
class LetterDate:
    sent_on: date | None

    @property
    def draft(self) -> bool:
        return self.sent_on is None

    @property
    def text(self) -> str:
        """'28 december 2026', or the placeholder a draft prints instead of a date."""
        return datum(self.sent_on) if self.sent_on else DRAFT_DATE
