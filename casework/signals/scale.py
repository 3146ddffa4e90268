"""What a signal seeded by `seed_scale` holds besides its steps (registry `scale_details` and `scale_work`): what
the services would have written along its steps. The texts are visibly synthetic ("Schaaltest").

A step into "beoordeeld" is a triage that chose monitoring, a step into "afgesloten" one that chose no action
(the routings, which open a linked case or a sharing decision, are not seeded); a step back into "ontvangen" a
team lead's reopening.
On the details (`scale_details`): received on the day of its first step (into "ontvangen"); the latest triage's
outcome and date, the monitoring's review date (around today for a signal still monitored: a week overdue to two
weeks ahead, spread by its opening date; otherwise a month after the triage), and the end of the follow-up of a
closed signal.
As work rows (`scale_work`): every signal its source (a citizen: a person with a data key of its own, a shielded
party of the signal) and the person the seed gave the case as its named person (informing them postponed for about
one in five, the review of the postponement around today), and a triage row for each triage step.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from random import Random
from typing import Any

from django.utils import timezone

from casework.models import Person
from casework.privacy.models import DataSubjectRequest
from casework.scale.synthetic import day_around, person_values
from casework.signals.models import Informing, Outcome, SignalPerson, SignalSource, SourceKind, Triage
from casework.signals.workflow import AFGESLOTEN, BEOORDEELD

REVIEW_AFTER = timedelta(days=30)  # the review date of a monitoring that was triaged again since
POSTPONED_SHARE = 0.2
TRIAGE_OUTCOMES = {BEOORDEELD: Outcome.MONITOR, AFGESLOTEN: Outcome.NO_ACTION}
# The triage's own reasons (a field of the row, sealed), not a reason recorded with the history or the audit trail:
# the scan of recorded reasons (tests/audit/reason_scan.py) reads literals passed as `reason=`.
TRIAGE_REASONS = "Schaaltest: redenen van triage {number}."


def _triages(path: list[str], times: list[datetime]) -> list[tuple[str, date]]:
    """(outcome, date) of each triage step along `path` (a step into "ontvangen" is a reopening)."""
    return [(TRIAGE_OUTCOMES[state], timezone.localdate(at)) for state, at in zip(path, times, strict=True)
            if state in TRIAGE_OUTCOMES]


def _review_on(outcome: str, decided: date, *, still: bool, opened: date, today: date) -> date | None:
    if outcome != Outcome.MONITOR:
        return None
    return day_around(today, opened) if still else decided + REVIEW_AFTER


def scale_details(*, path: list[str], times: list[datetime], today: date | None = None) -> dict[str, Any]:
    """The details of a signal that went through `path` at `times` (registry `scale_details`)."""
    opened = timezone.localdate(times[0])  # the step into "ontvangen"
    values: dict[str, Any] = {"received_on": opened, "description": "Schaaltest: beschrijving van het signaal."}
    triages = _triages(path, times)
    if triages:
        outcome, decided = triages[-1]
        values |= {"outcome": outcome, "triaged_on": decided,
                   "review_on": _review_on(outcome, decided, still=path[-1] == BEOORDEELD, opened=opened,
                                           today=today or timezone.localdate()),
                   "follow_up_ended_on": decided if outcome != Outcome.MONITOR else None}
    return values


def scale_work(*, case: Any, details: Any, path: list[str], times: list[datetime], today: date, rng: Random,
               add: Callable[..., Any]) -> None:
    """The signal's source and named person; a triage row for each triage step."""
    opened = timezone.localdate(times[0])
    source = add(Person, controller_id=case.controller_id, restricted=False,
                 **person_values(rng, rng.randrange(1_000_000), 0, with_bsn=False))
    add(SignalSource, case=case, kind=SourceKind.CITIZEN, person=source, created_by_id=case.owner_id)
    postponed = rng.random() < POSTPONED_SHARE
    add(SignalPerson, case=case, person_id=case.person_id, involvement="Schaaltest: betrokkenheid bij het signaal.",
        informing=Informing.POSTPONED if postponed else Informing.NOT_YET, created_by_id=case.owner_id,
        postponement_ground=DataSubjectRequest.PostponementGround.CRIMINAL_OFFENCES if postponed else "",
        postponement_review_on=day_around(today, opened + timedelta(days=3)) if postponed else None)
    triages = _triages(path, times)
    for number, (outcome, decided) in enumerate(triages, start=1):
        still = number == len(triages) and path[-1] == BEOORDEELD
        add(Triage, case=case, outcome=outcome, decided_on=decided, created_by_id=case.owner_id,
            reason=TRIAGE_REASONS.format(number=number), purpose="Schaaltest: doel van de verdere verwerking.",
            review_on=_review_on(outcome, decided, still=still, opened=opened, today=today))
