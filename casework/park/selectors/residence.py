"""The BRP residence checks of a recreation object (`park.ResidenceCheck`) as readable rows: for the object's
dossier page (every check, with all residents it names) and for one person's inzage report (only the periods in
which the BRP names that person, never the other residents).

Reads only: the caller has checked access and audits the read (casework/park/web/views/read.py: one `view` event
per check shown; the inzage report's own events, casework/privacy/inzage.py). The evidence is decrypted with the
object's key (`preload_keys`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from casework.park.models import RecreationObject, ResidenceCheck
from encryption.exceptions import DecryptionError
from encryption.preload import preload_keys


@dataclass(frozen=True)
class Resident:
    bsn: str
    name: str
    date_of_birth: date | None


@dataclass(frozen=True)
class ResidencePeriod:
    date_from: date
    date_to: date
    residents: list[Resident]
    possible_residents: list[Resident]


@dataclass
class CheckRow:
    check: ResidenceCheck
    residents_now: list[Resident] = field(default_factory=list)
    periods: list[ResidencePeriod] = field(default_factory=list)


def _resident(raw: dict[str, Any]) -> Resident:
    name = " ".join(part for part in (raw.get("first_names") or "", raw.get("surname") or "") if part)
    born = raw.get("date_of_birth")
    return Resident(bsn=raw.get("bsn") or "", name=name, date_of_birth=date.fromisoformat(born) if born else None)


def _row(check: ResidenceCheck) -> CheckRow:
    answer = json.loads(check.answer)
    periods = [ResidencePeriod(date.fromisoformat(p["from"]), date.fromisoformat(p["to"]),
                               [_resident(r) for r in p.get("residents", ())],
                               [_resident(r) for r in p.get("possible_residents", ())])
               for p in answer.get("residences", ())]
    return CheckRow(check, [_resident(r) for r in answer.get("residents", ())], periods)


def object_checks(obj: RecreationObject) -> list[CheckRow]:
    """Every stored check of the object, newest first, decrypted."""
    checks = list(ResidenceCheck.objects.filter(object=obj).select_related("checked_by", "inspection")
                  .order_by("-checked_at"))
    preload_keys(checks)
    return [_row(check) for check in checks]


@dataclass(frozen=True)
class PersonEvidence:
    """What one stored check says about one person (matched by BSN)."""

    check: ResidenceCheck
    registered_at_check: bool
    periods: list[tuple[date, date]]
    possible_periods: list[tuple[date, date]]


def person_evidence(obj: RecreationObject, bsn: str) -> list[PersonEvidence]:
    """The checks of the object that name the person with this BSN, with only that person's periods."""
    if not bsn:
        return []
    found = []
    for row in object_checks(obj):
        now = any(r.bsn == bsn for r in row.residents_now)
        periods = [(p.date_from, p.date_to) for p in row.periods if any(r.bsn == bsn for r in p.residents)]
        possible = [(p.date_from, p.date_to) for p in row.periods
                    if any(r.bsn == bsn for r in p.possible_residents)]
        if now or periods or possible:
            found.append(PersonEvidence(row.check, now, periods, possible))
    return found


def objects_naming(bsns: set[str]) -> dict[str, set[Any]]:
    """BSN -> the ids of the recreation objects whose stored checks name it (now, in a period, or possibly).

    For the inzage report only (casework/park/inzage.py): the BSNs sit inside the encrypted answers, so every
    stored check is decrypted, in one batch (a handful per object; no index of the named BSNs is kept). A check
    whose object's data key was shredded names nobody any more and is skipped; any other failure raises.
    """
    found: dict[str, set[Any]] = {}
    if not bsns:
        return found
    checks = preload_keys(list(ResidenceCheck.objects.only("id", "object_id", "data_key_id", "answer")))
    for check in checks:
        try:
            row = _row(check)
        except DecryptionError as exc:
            if exc.reason.startswith("data key"):
                continue
            raise
        named = {r.bsn for r in row.residents_now}
        for period in row.periods:
            named |= {r.bsn for r in (*period.residents, *period.possible_residents)}
        for bsn in named & bsns:
            found.setdefault(bsn, set()).add(check.object_id)
    return found
