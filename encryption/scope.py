"""Key scopes: within one scope (a request, a batch of a command) each data key is checked
against the key store once, and all keys the scope has seen are checked in one query.

`from_db_value` notes the key id of every encrypted value a query returns (it is in the value's
header), so the first decryption of a list page checks every key of that page at once; the query
count of a page stays constant however many dossiers it shows. Outside a scope every use of a key
re-checks the key store, which is slower but always honours a shredding at once — except that one
row written outside a scope is a scope of its own: its encrypted fields share one check of their key
(encryption/fields.py, `open_row_scope`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass
class KeyScope:
    """What the current scope knows about data keys (ids only; the keys live in the cache)."""

    verified: set[uuid.UUID] = field(default_factory=set)
    unavailable: dict[uuid.UUID, str] = field(default_factory=dict)
    pending: set[uuid.UUID] = field(default_factory=set)

    def note(self, key_id: uuid.UUID) -> None:
        if key_id not in self.verified and key_id not in self.unavailable:
            self.pending.add(key_id)


_current: ContextVar[KeyScope | None] = ContextVar("encryption_key_scope", default=None)


def current_scope() -> KeyScope | None:
    return _current.get()


@contextmanager
def key_scope() -> Iterator[KeyScope]:
    """Open a fresh scope (nested scopes start fresh too, so a long command can re-check per batch)."""
    token = _current.set(KeyScope())
    try:
        yield _current.get()  # type: ignore[misc]
    finally:
        _current.reset(token)


@contextmanager
def within(scope: KeyScope) -> Iterator[KeyScope]:
    """Make an existing scope current for a moment (a row's save scope, encryption/fields.py)."""
    token = _current.set(scope)
    try:
        yield scope
    finally:
        _current.reset(token)


def note_key_seen(key_id: uuid.UUID) -> None:
    """Remember a key id a query returned, to check it with the scope's next batch."""
    scope = _current.get()
    if scope is not None:
        scope.note(key_id)
