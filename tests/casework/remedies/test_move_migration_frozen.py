"""`make test`'s guard of the move migrations' walk, which runs in `make test-full` only
(tests/casework/remedies/test_move_migration.py): no database needed."""

from __future__ import annotations

from tests.casework.remedies.test_move_migration import FROZEN, move_files_digest


def test_the_move_migrations_are_the_ones_the_full_walk_checked():
    assert move_files_digest() == FROZEN, (
        "A move migration or casework/moves.py changed since the walk back and forth last passed: run "
        "TEST_FULL=1 pytest tests/casework/remedies/test_move_migration.py, then set FROZEN to the new digest "
        f"{move_files_digest()}"
    )
