"""The fast canonical form (`canonical_row`) is byte for byte the reference (`canonical_json`).

A difference would break every stored chain, so the two are compared on random events: any text
(control characters, quotes, backslashes, non-ASCII), any time zone, big sequence numbers.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from audit.canonical import HASHED_FIELDS, canonical_json, canonical_row, chain_hash, chain_hash_row
from audit.models import GENESIS_HASH
from tests.sweeps import examples

TEXT_FIELDS = [name for name in HASHED_FIELDS if name not in ("sequence", "occurred_at")]
# Any character a str can hold and UTF-8 can encode (lone surrogates cannot be stored anyway).
texts = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
times = st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2999, 12, 31), timezones=offsets)


@settings(max_examples=examples(100), deadline=None)
@given(values=st.fixed_dictionaries({name: st.one_of(texts, st.none()) for name in TEXT_FIELDS}),
       sequence=st.integers(min_value=1, max_value=2**63 - 1), occurred_at=times)
def test_canonical_row_equals_canonical_json(values, sequence, occurred_at):
    event = {**values, "sequence": sequence, "occurred_at": occurred_at}
    row = [event[name] for name in HASHED_FIELDS]
    assert canonical_row(row) == canonical_json(event)
    reference = hashlib.sha256(bytes.fromhex(GENESIS_HASH) + canonical_json(event)).hexdigest()
    assert chain_hash_row(GENESIS_HASH, row) == chain_hash(GENESIS_HASH, event) == reference


def test_canonical_row_of_a_fixed_event():
    event = {name: "" for name in TEXT_FIELDS}
    event.update(sequence=1, occurred_at=datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC), action="view", outcome="ok",
                 processing_activity="damocles", actor_name='Medewerker "Één"\n')
    row = [event[name] for name in HASHED_FIELDS]
    expected_start = '{"action":"view","actor_id":"","actor_name":"Medewerker \\"Één\\"\\n"'
    assert canonical_row(row).decode().startswith(expected_start)
    assert canonical_row(row) == canonical_json(event)
