"""The work of `manage.py seed_scale`: cases (with persons, details, steps, history) and chained
audit events, in batches of one transaction each, resumable.

Everything a batch writes is derived from (seed, batch number), and a batch is one transaction per
database, so an interrupted run continues at the first batch that is not there: cases are counted
by their reference prefix, audit events found by the request id the seeder gives them.
"""

from __future__ import annotations

import functools
import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.demo import seed_accounts
from accounts.models import Organisation, Team, User
from audit import chain, partitions
from audit.actions import Action, Outcome
from audit.models import AUDIT_ALIAS, AuditEvent
from casework import registry
from casework.models import Case
from casework.notifications.kinds import Kind
from casework.notifications.models import Notification
from casework.scale.builders import (
    Builder,
    case_types,
    detail_model,
    scale_details,
    scale_work,
    step_rows,
    step_times,
    term_calendar,
    walk,
)
from casework.scale.pipeline import BatchWrites
from casework.scale.rows import RowWriter, key_cache_for
from casework.scale.synthetic import batch_random, stable_uuid, stable_uuid_text
from encryption.pseudonyms import subject_pseudonym
from encryption.scope import key_scope

Progress = Callable[[int, int], None]
FILLER_TEAMS = 12
RESTRICTED_SHARE = 0.005
CASELOADS = {"regisseur": 2000, "handhaver": 500}  # visible cases of the seeded users at any N
EVENT_MONTHS = 11  # audit events are spread over this many past months (and the current one)


def prefix(seed: int) -> str:
    return f"S{seed}-"


@dataclass
class People:
    controller: Organisation
    named: dict[str, User]
    fillers: list[User]
    teams: list[Team]


def people(seed: int) -> People:
    """The demo accounts (who log in for `bench`) and filler owners of the other cases."""
    named = {user.username: user for user, _role in seed_accounts()}
    controller = named["regisseur"].organisation
    teams = [Team.objects.get_or_create(organisation=controller, name=f"Schaalteam {n}")[0]
             for n in range(FILLER_TEAMS)]
    usernames = [f"schaal{seed}-{n}" for n in range(FILLER_TEAMS * 4)]
    existing = {user.username: user for user in User.objects.filter(username__in=usernames)}
    unusable = make_password(None)
    missing = [User(username=name, first_name="Schaal", last_name=f"Medewerker {n}", organisation=controller,
                    team=teams[n % FILLER_TEAMS], password=unusable, email=f"{name}@scale.invalid")
               for n, name in enumerate(usernames) if name not in existing]
    User.objects.bulk_create(missing)
    fillers = list(User.objects.filter(username__in=usernames).order_by("username"))
    if controller is None:
        raise RuntimeError("the demo account 'regisseur' has no organisation")
    return People(controller=controller, named=named, fillers=fillers, teams=teams)


def cases_done(seed: int) -> int:
    return Case.objects.filter(reference__startswith=prefix(seed)).count()


def _owner(index: int, total: int, code: str, crowd: People, rng: random.Random) -> tuple[User, Team | None]:
    regisseur, handhaver = crowd.named["regisseur"], crowd.named["handhaver"]
    if index % max(1, total // CASELOADS["regisseur"]) == 0:
        return regisseur, regisseur.team
    if code != "pga" and index % max(1, total // CASELOADS["handhaver"]) == 1:
        return handhaver, handhaver.team
    owner = crowd.fillers[rng.randrange(len(crowd.fillers))]
    return owner, owner.team


def build_case_batch(*, seed: int, batch: int, size: int, total: int, crowd: People,
                     done: int = 0) -> tuple[RowWriter, int]:
    """The rows of cases `batch * size` .. (not written yet) and how many cases they are; none below `done` (the
    cases there, when a run is resumed with another batch size). A batch's parents (parks, premises, ...) are
    numbered from its first case, so no two batches of any size make the same."""
    rng = batch_random(seed, "cases", batch)
    work_rng = batch_random(seed, "work", batch)
    types = case_types()
    works = {code: scale_work(code) for code, _workflow in types}
    writer = RowWriter()
    start, end = max(batch * size, done), min(total, (batch + 1) * size)
    builder = Builder(writer, seed=seed, first=start, size=size, rng=rng)
    today = timezone.localdate()
    term_calendar.cache_clear()
    with key_cache_for(4 * size + 1000), key_scope():
        for index in range(start, end):
            code, workflow = types[index % len(types)] if rng.random() < 0.7 else rng.choice(types)
            person = builder.person(index, controller_id=crowd.controller.pk,
                                    restricted=rng.random() < RESTRICTED_SHARE)
            owner, team = _owner(index, total, code, crowd, rng)
            path = walk(workflow, rng)
            opened = today - timedelta(days=rng.randrange(0, 3 * 365))
            closed = opened + timedelta(days=rng.randrange(0, 60)) if path[-1] in workflow.closed_states else None
            case = Case(id=stable_uuid(seed, "case", index), case_type=code, status=path[-1], person_id=person.pk,
                        reference=f"{prefix(seed)}{registry.get(code).reference_prefix}-{index:08d}",
                        controller_id=crowd.controller.pk, owner_id=owner.pk, team_id=team.pk if team else None,
                        opened_on=opened, closed_on=min(closed, today) if closed else None)
            case.data_key_id = getattr(person, "data_key_id")  # noqa: B009 - a Person, typed as Model
            writer.add(case, reason="seed_scale", user_id=owner.pk)
            times = step_times(path, start=datetime.combine(opened, datetime.min.time(), tzinfo=UTC))
            model = detail_model(code)
            details = None if model is None else builder.generic(
                model, index, case=case, **scale_details(code, path, times, today=today))
            step_rows(case, path, times, by_id=owner.pk, builder=builder)
            work = works[code]
            if work is not None:  # its own random draws: the cases' draws stay what they were without it
                work(case=case, details=details, path=path, times=times, today=today, rng=work_rng,
                     add=functools.partial(builder.generic, index=index))
            if owner.pk == crowd.named["regisseur"].pk:  # the regisseur's notification list (`bench`)
                writer.add(Notification(recipient_id=owner.pk, kind=Kind.CASE_HANDED_OVER, case_id=case.pk,
                                        event_key="seed_scale", created_at=datetime.combine(
                                            opened, datetime.min.time(), tzinfo=UTC)), history=False)
    return writer, end - start


def seed_cases(*, seed: int, total: int, size: int, crowd: People | None = None,
               progress: Progress | None = None) -> int:
    """Every batch of cases not there yet, each written (one transaction) while the next is built."""
    crowd = crowd or people(seed)
    written = 0

    def done(end: int, count: int, _rows: int) -> None:
        nonlocal written
        written += count
        if progress:
            progress(end, total)

    there = cases_done(seed)
    with BatchWrites() as writes:
        for batch in range(there // size, (total + size - 1) // size):
            writer, count = build_case_batch(seed=seed, batch=batch, size=size, total=total, crowd=crowd, done=there)
            writes.submit(writer.flush, then=functools.partial(done, min(total, (batch + 1) * size), count))
    return written


# --- audit events ---------------------------------------------------------------------------------
ACTIONS = ((Action.VIEW, 0.6), (Action.LIST, 0.2), (Action.SEARCH, 0.1), (Action.UPDATE, 0.1))


def _tag(seed: int, index: int) -> str:
    return f"seed_scale:{seed}:{index}"


def events_done(seed: int) -> int:
    """Events of this seed already written: read from the request id of the newest one."""
    latest = (AuditEvent.objects.using(AUDIT_ALIAS).filter(request_id__startswith=f"seed_scale:{seed}:")
              .order_by("-sequence").values_list("request_id", flat=True).first())
    return int(latest.rsplit(":", 1)[1]) + 1 if latest else 0


def _event_time(index: int, total: int, now: datetime) -> datetime:
    span = timedelta(days=30 * EVENT_MONTHS)
    return now - span + span * (index / max(total, 1))


def seed_event_batch(*, seed: int, start: int, end: int, total: int, cases: int, actors: list[tuple[str, str]],
                     activities: dict[str, str], now: datetime) -> int:
    """Events `start` to `end`, chained under the chain lock in one transaction. They are drafted and hashed one
    at a time as the COPY sends them, so that PostgreSQL inserts the rows already sent while Python makes the
    next (drafted first, then sent, the two took turns: 19,400 events/s; overlapped: see docs/performance.md)."""
    drafts = _event_drafts(seed=seed, start=start, end=end, cases=cases, actors=actors, activities=activities)
    with transaction.atomic(using=AUDIT_ALIAS):
        head = chain.lock_chain(AUDIT_ALIAS)
        return chain.insert_rows(chain.chained(drafts, head=head, occurred_at=_event_time(start, total, now)),
                                 using=AUDIT_ALIAS)


def _event_drafts(*, seed: int, start: int, end: int, cases: int, actors: list[tuple[str, str]],
                  activities: dict[str, str]) -> Iterator[dict[str, Any]]:
    rng = batch_random(seed, "events", start)
    # the same draws as `rng.choices(ACTIONS, weights)`, without summing the weights for every event
    cumulative = list(itertools.accumulate(weight for _action, weight in ACTIONS))
    codes = case_types()
    for index in range(start, end):
        case_index = rng.randrange(max(cases, 1))
        actor_id, actor_name = actors[rng.randrange(len(actors))]
        action = rng.choices(ACTIONS, cum_weights=cumulative)[0][0]
        code = codes[case_index % len(codes)][0]
        case_id = stable_uuid_text(seed, "case", case_index) if cases else ""
        yield {
            "actor_id": actor_id, "actor_name": actor_name, "actor_organisation_id": "", "actor_organisation": "",
            "actor_role": "procesregisseur", "on_behalf_of_type": "", "on_behalf_of_id": "", "on_behalf_of_name": "",
            "action": action, "outcome": Outcome.OK, "object_type": "casework.Case",
            "object_id": case_id, "case_id": case_id,
            "subject_pseudonym": subject_pseudonym(stable_uuid(seed, "person", case_index)) if cases else "",
            "processing_activity": activities[code], "reason": "", "request_id": _tag(seed, index),
            "trace_id": "", "span_id": "", "parent_span_id": "", "client_address": "127.0.0.1",
            "user_agent": "seed_scale",
        }


def seed_events(*, seed: int, total: int, size: int, cases: int, crowd: People | None = None,
                progress: Progress | None = None) -> int:
    now = timezone.now()
    first = _event_time(0, total, now).date().replace(day=1)
    partitions.ensure(first, now.date(), using=AUDIT_ALIAS)
    crowd = crowd or people(seed)
    actors = [(str(user.pk), user.get_full_name()) for user in [*crowd.named.values(), *crowd.fillers]]
    activities = {spec.code: spec.processing_activity for spec in registry.types()}
    written = 0
    for start in range(events_done(seed), total, size):
        end = min(total, start + size)
        written += seed_event_batch(seed=seed, start=start, end=end, total=total, cases=cases, actors=actors,
                                    activities=activities, now=now)
        if progress:
            progress(end, total)
    return written


def disk_used() -> dict[str, int]:
    """Bytes of each database (PostgreSQL: pg_database_size; SQLite: the file)."""
    import os

    from django.db import connections

    sizes = {}
    for alias in connections:
        connection = connections[alias]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_database_size(current_database())")
                sizes[alias] = cursor.fetchone()[0]
        else:
            name = str(connection.settings_dict["NAME"])
            sizes[alias] = os.path.getsize(name) if os.path.exists(name) else 0
    return sizes



