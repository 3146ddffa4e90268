"""The access paths `seed_scale` writes besides ownership: sharing decisions and break-glass grants.

After the cases, in batches of `CASES_PER_BATCH` case indices whatever `--batch` the cases were written with
(one transaction each, resumable: a batch whose rows are there is skipped; a batch size of its own, so that a
run resumed with another `--batch` plans the same rows and shares no case twice). Every row is derived from
(seed, case index), as the cases are:
- the seeded partner's organisation ("partner", who logs in for `bench`) receives an active sharing
  decision on about `PARTNER_CASELOAD` cases whatever N is: its visible caseload;
- `SHARE_RATE` of all cases have a decision for one of `FILLER_PARTNERS` other partner organisations:
  active, past (ended) or revoked, so the visibility filter's share path reads a table of realistic size;
- `BREAK_GLASS_RATE` of all cases have a break-glass grant of a filler colleague, and each seeded user has a
  few of their own: all expired, as grants are after a few hours (an active one would have expired by
  the time `bench` runs on a database seeded days before).

The rows are written as the services write them (casework/sharing.py `share_record`,
casework/breakglass.py `break_glass_open`): sealed with the case's data key, with their history rows; the
dates of an active decision reach years ahead so that the partner's caseload outlives the benchmark
database.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from accounts.models import Organisation
from audit.activities import CHAIN_SHARING
from audit.models import ProcessingActivity
from casework import categories as case_categories
from casework.models import BreakGlassGrant, Case, SharingDecision
from casework.scale.rows import RowWriter, key_cache_for
from casework.scale.seeding import People, Progress
from casework.scale.synthetic import batch_random, stable_uuid
from encryption.scope import key_scope

CASES_PER_BATCH = 1000  # the cases' default batch size until 6 December: the databases seeded before plan alike
PARTNER_CASELOAD = 100
SHARE_RATE = 0.02
BREAK_GLASS_RATE = 0.001
OWN_BREAK_GLASS = 3  # expired grants of each seeded user
FILLER_PARTNERS = 6
WEIGHING = ("Schaaltest: gedeeld omdat de ketenpartner dit nodig heeft voor de afgesproken interventie; "
            "minder delen volstaat niet (synthetische afweging).")


def filler_partners(seed: int) -> list[Organisation]:
    return [Organisation.objects.get_or_create(name=f"Schaalpartner {seed}-{n}",
                                               defaults={"kind": Organisation.Kind.OTHER})[0]
            for n in range(FILLER_PARTNERS)]


def _category(case_type: str) -> list[str]:
    """The metadata and the first category of the type that is not shielded (as a regisseur would choose)."""
    chosen = [code for code in case_categories.for_case_type(case_type)
              if code != case_categories.METADATA and not case_categories.is_shielded(code)]
    return [case_categories.METADATA, *chosen[:1]]


class _Batch:
    def __init__(self, writer: RowWriter, rng: random.Random, today: date, now: datetime) -> None:
        self.writer, self.rng, self.today, self.now = writer, rng, today, now

    def share(self, row_id: Any, case: Mapping[str, Any], partner_id: Any, *, state: str, legal_basis: str) -> None:
        started = self.today - timedelta(days=self.rng.randrange(30, 700))
        ends = self.today + timedelta(days=self.rng.randrange(730, 1100)) if state != "past" \
            else self.today - timedelta(days=self.rng.randrange(1, 29))
        decided_at = datetime.combine(started, datetime.min.time(), tzinfo=self.now.tzinfo)
        share = SharingDecision(
            id=row_id, case_id=case["id"], data_key_id=case["data_key_id"], partner_id=partner_id,
            categories=_category(case["case_type"]), processing_activity=CHAIN_SHARING, legal_basis=legal_basis,
            purpose="Schaaltest: afstemming van de aanpak in het casusoverleg.", weighing=WEIGHING,
            shielded_weighing=None, starts_on=started, ends_on=ends, decided_by_id=case["owner_id"],
            decided_at=decided_at)
        if state == "revoked":
            share.revoked_at = decided_at + timedelta(days=self.rng.randrange(1, 25))
            share.revoked_by_id = case["owner_id"]
            share.revoke_reason = "Schaaltest: niet langer nodig."
        self.writer.add(share, reason="seed_scale", user_id=case["owner_id"], at=decided_at)

    def glass(self, row_id: Any, case: Mapping[str, Any], user_id: Any) -> None:
        granted = self.now - timedelta(days=self.rng.randrange(2, 600), minutes=self.rng.randrange(0, 1440))
        self.writer.add(BreakGlassGrant(
            id=row_id, case_id=case["id"], data_key_id=case["data_key_id"], user_id=user_id,
            reason="Demo: acute situatie buiten kantoortijd (schaaltest).", granted_at=granted,
            expires_at=granted + timedelta(hours=4)), reason="seed_scale", user_id=user_id, at=granted)


def _plan(*, rng: random.Random, start: int, end: int, total: int, partner_id: Any, fillers: list[Any],
          own: list[Any], filler_users: list[Any], first: bool) -> list[tuple[str, int, Any]]:
    """(kind, case index, partner organisation or user) of every row of a batch, drawn in a fixed order."""
    every = max(1, total // PARTNER_CASELOAD)
    offset = min(2, every - 1)  # not the cases the regisseur and the handhaver own (index % every 0 and 1)
    planned: list[tuple[str, int, Any]] = []
    for index in range(start, end):
        if index % every == offset:
            planned.append(("partner", index, partner_id))
        if rng.random() < SHARE_RATE:
            planned.append(("share", index, fillers[rng.randrange(len(fillers))]))
        if rng.random() < BREAK_GLASS_RATE:
            planned.append(("glass", index, filler_users[rng.randrange(len(filler_users))]))
    if first:
        planned += [("glass", end - 1 - n, user) for n, user in enumerate(own * OWN_BREAK_GLASS)]
    return planned


def seed_grant_batch(*, seed: int, batch: int, size: int, total: int, partner_id: Any, fillers: list[Any],
                     own: list[Any], filler_users: list[Any], legal_basis: str) -> int:
    """The decisions and grants on cases `batch * size` .. (one transaction); returns how many were written
    (0: written before, or none fall in this batch)."""
    rng = batch_random(seed, "grants", batch)
    start, end = batch * size, min(total, (batch + 1) * size)
    planned = _plan(rng=rng, start=start, end=end, total=total, partner_id=partner_id, fillers=fillers, own=own,
                    filler_users=filler_users, first=batch == 0)
    ids = [stable_uuid(seed, f"{kind}:{getattr(whom, 'hex', whom)}", index) for kind, index, whom in planned]
    if not planned or (SharingDecision.objects.filter(pk__in=ids).exists()
                       or BreakGlassGrant.objects.filter(pk__in=ids).exists()):
        return 0
    case_ids = [stable_uuid(seed, "case", index) for _kind, index, _whom in planned]
    cases = {row["id"]: row for row in Case.objects.filter(pk__in=case_ids).values(
        "id", "data_key_id", "case_type", "owner_id")}
    writer = RowWriter()
    rows = _Batch(writer, rng, timezone.localdate(), timezone.now())
    with key_cache_for(2 * len(planned) + 100), key_scope():
        for row_id, case_id, (kind, _index, whom) in zip(ids, case_ids, planned, strict=True):
            case = cases.get(case_id)
            if case is None or (kind == "glass" and case["owner_id"] == whom):
                continue  # not seeded (yet); or the user's own case, which needs no emergency access
            if kind == "glass":
                rows.glass(row_id, case, whom)
            else:
                state = "active" if kind == "partner" else rng.choices(("active", "past", "revoked"), (5, 3, 2))[0]
                rows.share(row_id, case, whom, state=state, legal_basis=legal_basis)
        written = writer.count(SharingDecision) + writer.count(BreakGlassGrant)
        writer.flush()
    return written


def seed_grants(*, seed: int, total: int, crowd: People, progress: Progress | None = None) -> int:
    """Every batch's decisions and grants (see the module docstring); returns how many were written."""
    named = crowd.named
    partner = named["partner"].organisation_id
    own = [named[name].pk for name in ("regisseur", "handhaver") if name in named]
    filler_users = [user.pk for user in crowd.fillers]
    activity = ProcessingActivity.objects.filter(code=CHAIN_SHARING).first()
    legal_basis = activity.legal_basis[:300] if activity else ""
    fillers = [organisation.pk for organisation in filler_partners(seed)]
    written, size = 0, CASES_PER_BATCH
    for batch in range((total + size - 1) // size):
        written += seed_grant_batch(seed=seed, batch=batch, size=size, total=total, partner_id=partner,
                                    fillers=fillers, own=own, filler_users=filler_users, legal_basis=legal_basis)
        if progress:
            progress(min(total, (batch + 1) * size), total)
    return written
