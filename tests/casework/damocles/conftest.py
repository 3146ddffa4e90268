"""The cast of the Damocles service tests: an enforcement officer (`officer`) and a team lead (`lead`),
neither in a team. The web/ and api/ folders below bring casts of their own."""

from __future__ import annotations

from tests.casework.support import lead_without_team, officer  # noqa: F401  (fixtures `lead`, `officer`)
