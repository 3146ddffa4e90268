"""The work a case seeded by `seed_scale` holds besides its details and steps (registry `scale_work`): what the
services would have written along its steps. A case that reached "casusoverleg" has its case conference with two
agreements; one that reached "plan" has a plan of approach with an intervention and two self-reliance
measurements. Dates follow the steps; the terms of an open case lie around today (some overdue, most ahead), those
of a closed case before its closure, done. The texts are visibly synthetic ("Schaaltest").
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from random import Random
from typing import Any

from django.utils import timezone

from casework.pga.models import (
    Agreement,
    Conference,
    Leefgebied,
    PlanIntervention,
    PlanVersion,
    SelfRelianceMeasurement,
)
from casework.pga.workflow import CASUSOVERLEG, PLAN

OVERDUE_DAYS = 21  # an open case's terms fall from three weeks ago ...
AHEAD_DAYS = 75  # ... to some ten weeks ahead
DONE_SHARE = 0.25  # of an open case's agreements


def scale_work(*, case: Any, details: Any, path: list[str], times: list[datetime], today: date, rng: Random,
               add: Callable[..., Any]) -> None:
    reached = {state: timezone.localdate(at) for state, at in zip(path, times, strict=True)}
    end = min(case.closed_on or today, today)
    if CASUSOVERLEG in reached:
        held = min(reached[CASUSOVERLEG] + timedelta(days=1), end)
        conference = add(Conference, case=case, held_on=held, created_by_id=case.owner_id,
                         minutes="Schaaltest: verslag van het casusoverleg.")
        for number in (1, 2):
            done = case.closed_on is not None or rng.random() < DONE_SHARE
            add(Agreement, case=case, conference=conference, description=f"Schaaltest: afspraak {number}.",
                owner_organisation_id=case.controller_id, due_on=_term(held, case.closed_on, today, rng),
                status=Agreement.Status.DONE if done else Agreement.Status.OPEN)
    if PLAN in reached:
        _plan(case, reached[PLAN], end, today, rng, add)


def _plan(case: Any, started: date, end: date, today: date, rng: Random, add: Callable[..., Any]) -> None:
    key, due = uuid.uuid4(), _term(started, case.closed_on, today, rng)
    done = case.closed_on is not None
    goals = [{"id": str(uuid.uuid4()), "leefgebied": Leefgebied.HOUSING.value, "goal": "Schaaltest: woning behouden",
              "interventions": [{"id": str(key), "description": "Schaaltest: betalingsregeling",
                                 "partner_id": str(case.controller_id), "due_on": due.isoformat(), "done": done}]}]
    version = add(PlanVersion, case=case, number=1, goals=goals, created_by_id=case.owner_id)
    add(PlanIntervention, case=case, plan_version=version, key=key, description="Schaaltest: betalingsregeling",
        organisation_id=case.controller_id, due_on=due, done=done)
    for measured_on in (started, min(started + timedelta(days=60), end)):
        add(SelfRelianceMeasurement, case=case, measured_on=measured_on, created_by_id=case.owner_id,
            scores={Leefgebied.HOUSING.value: 1 + rng.randrange(5), Leefgebied.FINANCES.value: 1 + rng.randrange(5)})


def _term(start: date, closed_on: date | None, today: date, rng: Random) -> date:
    """A term set at `start`: for a closed case before its closure, for an open one around today."""
    if closed_on is not None:
        return max(start, closed_on - timedelta(days=rng.randrange(0, 30)))
    return max(start, today + timedelta(days=rng.randrange(-OVERDUE_DAYS, AHEAD_DAYS)))
