"""Unsaved model instances for `seed_scale`: cases of every registered type, their persons,
details and steps, built through the models (so sealing and blind indexes happen on write).

A case type's detail model (its `detail_model` in casework/registry.py) is filled generically:
every required field gets a synthetic value of its kind, a required foreign key (other than the
case) a parent from a small pool built the same way, nullable fields stay empty. So a type added
later is seeded without changes here; a type whose details need more can register nothing new —
its pages then show the mostly empty details a freshly registered case has.
"""

from __future__ import annotations

import functools
import random
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.apps import apps
from django.db import models

from casework import registry
from casework.deadlines import Calendar
from casework.scale.rows import RowWriter
from casework.scale.synthetic import person_values, stable_uuid
from casework.workflow import WORKFLOWS, Workflow
from encryption.fields import EncryptedDateField, EncryptedJSONField

POOL = 40  # parents (premises, objects, ...) per model for each (begun) 1,000 cases of a batch
POOL_CASES = 1000


def case_types() -> list[tuple[str, Workflow]]:
    """(code, workflow) of every registered, non-example case type with a workflow."""
    found = []
    for spec in registry.types():
        if spec.example:
            continue
        workflow = registry.resolve(spec.workflow) if spec.workflow else WORKFLOWS.get(spec.code)
        if workflow is not None:
            found.append((spec.code, workflow))
    return found


def detail_model(code: str) -> type[models.Model] | None:
    label = registry.get(code).detail_model
    return apps.get_model(label) if label else None


def _required(field: models.Field) -> bool:
    return not (field.null or field.has_default() or field.primary_key or getattr(field, "auto_now_add", False)
                or getattr(field, "auto_now", False) or field.blank and isinstance(field, models.CharField))


@functools.cache
def _to_fill(model: type[models.Model]) -> tuple[bool, list[models.Field]]:
    """Whether `model` has a data key of its own, and its required fields other than that key."""
    fields = model._meta.concrete_fields
    return (any(field.attname == "data_key_id" for field in fields),
            [field for field in fields if _required(field) and field.attname != "data_key_id"])


def synthetic_value(field: models.Field, rng: random.Random, index: int, *, seed: int) -> Any:
    """A plausible synthetic value for a required field (visibly fake text, naming the seed and the index: a
    unique text, such as a park's name, stays unique beside another seed's rows in the same database)."""
    if field.choices:
        return field.choices[rng.randrange(len(field.choices))][0]
    if isinstance(field, EncryptedDateField | models.DateField) and not isinstance(field, models.DateTimeField):
        return date.today() - timedelta(days=rng.randrange(0, 900))
    if isinstance(field, models.DateTimeField):
        return datetime.now().astimezone() - timedelta(minutes=rng.randrange(0, 1_000_000))
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.IntegerField | models.DecimalField | models.FloatField):
        return 1 + rng.randrange(0, 5)
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(field, models.JSONField | EncryptedJSONField):
        return {}
    text = f"Schaaltest {field.name} S{seed}-{index}"
    max_length = getattr(field, "max_length", None)
    return text[-max_length:] if max_length else text


class Builder:
    """Builds the rows of one batch into a RowWriter."""

    def __init__(self, writer: RowWriter, *, seed: int, first: int, size: int, rng: random.Random) -> None:
        self.writer, self.seed, self.rng = writer, seed, rng
        self.first = first  # the batch's first case, from which its parents are numbered
        # as many parents per case whatever the batch size (a premises has as many procedures with 2,000 per batch
        # as with 1,000); numbered from first * POOL: a parent is made only when a row draws one, a few per case
        # at most (fewer than POOL), so two batches' numbers never meet
        self.pool_size = POOL * max(1, -(-size // POOL_CASES))
        self.pools: dict[type[models.Model], list[models.Model]] = {}

    def generic(self, model: type[models.Model], index: int, **given: Any) -> models.Model:
        """An instance of `model` with `given` values and synthetic required fields; queued for writing."""
        obj = model(**given)
        keyed, required = _to_fill(model)
        if keyed and "data_key_id" not in given:
            case = given.get("case")  # a case's details share its data key
            obj.data_key_id = case.data_key_id if case is not None else self.writer.new_key()  # type: ignore[attr-defined]
        for field in required:
            if field.attname in given or field.name in given:
                continue
            if field.is_relation:
                setattr(obj, field.attname, self.parent(field.related_model, index).pk)  # type: ignore[arg-type]
            else:
                setattr(obj, field.attname, synthetic_value(field, self.rng, index, seed=self.seed))
        self.writer.add(obj, reason="seed_scale")
        return obj

    def parent(self, model: type[models.Model], index: int) -> models.Model:
        pool = self.pools.setdefault(model, [])
        if len(pool) < self.pool_size:
            existing = list(model._default_manager.order_by("pk")[:1]) if model._meta.app_label == "accounts" else []
            pool.append(existing[0] if existing else self.generic(model, self.first * POOL + len(pool)))
        return pool[index % len(pool)]

    def person(self, index: int, *, controller_id: Any, restricted: bool) -> models.Model:
        from casework.models import Person

        values = person_values(self.rng, index, self.seed, with_bsn=self.rng.random() < 0.9)
        person = Person(id=stable_uuid(self.seed, "person", index), controller_id=controller_id,
                        restricted=restricted, **values)
        person.data_key_id = self.writer.new_key()
        self.writer.add(person, reason="seed_scale")
        return person


def walk(workflow: Workflow, rng: random.Random) -> list[str]:
    """A random path through the workflow from its initial state (at most six steps)."""
    path = [workflow.initial]
    for _step in range(rng.randrange(0, 6)):
        targets = workflow.targets_from(path[-1])
        if not targets:
            break
        path.append(rng.choice(targets).target)
    return path


def step_times(path: Sequence[str], *, start: datetime) -> list[datetime]:
    """When each state of `path` was reached: a day apart from `start`."""
    return [start + timedelta(days=number) for number in range(1, len(path) + 1)]


@functools.lru_cache(maxsize=1)
def term_calendar(today: date) -> Calendar:
    """The calendar the types' seeding hooks count terms with (`term_end(..., calendar=)`): the years of the seeded
    steps, from four years back to next year (one query, when a term is first counted). Kept for a batch:
    `build_case_batch` clears it before each, so a calendar never outlives the equated days it read by long."""
    return Calendar.for_years(today.year - 4, today.year + 1)


def scale_details(code: str, path: list[str], times: list[datetime], *, today: date) -> dict[str, Any]:
    """What the type's `scale_details` hook sets on the details of a case that went `path` at `times`."""
    hook = registry.get(code).scale_details
    return registry.resolve(hook)(path=path, times=times, today=today) if hook else {}


def scale_work(code: str) -> Callable[..., None] | None:
    """The type's `scale_work` hook (the work rows of a seeded case), if it has one."""
    hook = registry.get(code).scale_work
    return registry.resolve(hook) if hook else None


def step_rows(case: models.Model, path: Iterable[str], times: Iterable[datetime], *, by_id: Any,
              builder: Builder) -> None:
    from casework.models import CaseStep

    previous = ""
    for number, (state, at) in enumerate(zip(path, times, strict=True), start=1):
        step = CaseStep(id=uuid.uuid4(), case_id=case.pk, data_key_id=getattr(case, "data_key_id"),  # noqa: B009
                        sequence=number, from_status=previous, to_status=state, at=at, by_id=by_id)
        builder.writer.add(step, reason="seed_scale")
        previous = state
