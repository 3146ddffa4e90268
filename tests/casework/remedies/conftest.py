"""The cast of the legal-remedies tests: an enforcement officer (`officer`) and a team lead (`lead`)."""

from __future__ import annotations

from tests.casework.support import lead_without_team, officer  # noqa: F401  (fixtures `lead`, `officer`)
