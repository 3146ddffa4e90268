"""What an attacker with full control of the audit database does: a consistent rewrite of the chain.

`forge_chain` drops the `checkpoint` events, applies an edit, renumbers from the first event and
recomputes every hash, so that — once the checkpoint rows are deleted as well — nothing in the
database contradicts the result. Shared by the SQLite and PostgreSQL tests.
"""

from __future__ import annotations

from collections.abc import Callable

from audit.actions import Action
from audit.canonical import chain_hash
from audit.models import GENESIS_HASH


def forge_chain(rows: list[dict], *, edit: Callable[[dict], None]) -> list[dict]:
    forged, prev_hash = [], GENESIS_HASH
    kept = [dict(row) for row in rows if row["action"] != Action.CHECKPOINT]
    for number, row in enumerate(kept, start=1):
        row["sequence"] = number
        edit(row)
        row["prev_hash"] = prev_hash
        row["hash"] = prev_hash = chain_hash(prev_hash, row)
        forged.append(row)
    return forged
