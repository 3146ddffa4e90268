"""The work a woonoverlast file seeded by `seed_scale` holds besides its details and steps (registry
`scale_work`): what the services would have written along its steps. Every file has two nuisance reports, each
by a reporter of its own (a person with a data key of its own, a shielded party of the file, as
`melding_register` makes one); a file that reached "interventies" has a lighter intervention; one that reached
"voornemen" or "voornemen_sluiting" the intention with its term for a view, the view received when the file
went on from there. The term of an open file still waiting for the view lies around today (some overdue), those
of files that went on lie in the past. The texts are visibly synthetic ("Schaaltest").

Not seeded: gedragsaanwijzingen, closures and what follows them (they rest on the organisation's APV articles,
approvals and addressees); the case page reads their tables all the same.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from random import Random
from typing import Any

from django.utils import timezone

from casework.deadlines import term_end
from casework.models import Person
from casework.scale.builders import term_calendar
from casework.scale.synthetic import day_around, person_values
from casework.woonoverlast.models import (
    DecisionKind,
    Intention,
    Intervention,
    InterventionKind,
    Melding,
    NuisanceKind,
    Source,
)
from casework.woonoverlast.workflow import INTERVENTIES, MELDINGEN, VOORNEMEN, VOORNEMEN_SLUITING

REPORTS = 2
VIEW_TERM_WEEKS = 2
LIGHTER = [kind for kind in InterventionKind.values if kind != InterventionKind.POINTLESS]


def scale_work(*, case: Any, details: Any, path: list[str], times: list[datetime], today: date, rng: Random,
               add: Callable[..., Any]) -> None:
    reached = {state: timezone.localdate(at) for state, at in zip(path, times, strict=True)}
    end = min(case.closed_on or today, today)
    first = min(reached[MELDINGEN], end)
    for number in range(1, REPORTS + 1):
        reporter = add(Person, controller_id=case.controller_id, restricted=False,
                       **person_values(rng, rng.randrange(1_000_000), 0, with_bsn=False))
        add(Melding, case=case, melder=reporter, source=rng.choice(Source.values), kind=rng.choice(NuisanceKind.values),
            reported_on=min(first + timedelta(days=number - 1), end), created_by_id=case.owner_id,
            description=f"Schaaltest: melding {number} van overlast.")
    if INTERVENTIES in reached:
        add(Intervention, case=case, kind=rng.choice(LIGHTER), carried_out_on=min(reached[INTERVENTIES], end),
            outcome="Schaaltest: uitkomst van de interventie.", created_by_id=case.owner_id)
    for state, decision in ((VOORNEMEN, DecisionKind.ORDER), (VOORNEMEN_SLUITING, DecisionKind.CLOSURE)):
        if state in reached:
            _intention(case, decision, reached[state], waiting=path[-1] == state and case.closed_on is None,
                       end=end, today=today, add=add)


def _intention(case: Any, decision: str, sent: date, *, waiting: bool, end: date, today: date,
               add: Callable[..., Any]) -> None:
    """The intention sent on reaching its state, its term for a view counted as the service counts it (a
    statutory term: Algemene termijnenwet). `waiting`: the file is still there and the view not received, so
    the intention was sent two weeks before a day around today (`day_around`, as the other types' hooks)."""
    sent = day_around(today, case.opened_on) - timedelta(weeks=VIEW_TERM_WEEKS) if waiting else min(sent, end)
    due = term_end(event=sent, weeks=VIEW_TERM_WEEKS, calendar=term_calendar(today))
    received = {} if waiting else {"view_received_on": min(sent + timedelta(days=7), end),
                                   "view_summary": "Schaaltest: samenvatting van de zienswijze."}
    add(Intention, case=case, decision=decision, sent_on=sent, view_term_weeks=VIEW_TERM_WEEKS, view_due_on=due,
        signatory="Schaaltest burgemeester", created_by_id=case.owner_id, **received)
