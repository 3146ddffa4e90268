"""Codes of the processing activities (verwerkingsactiviteiten) that audit events name.

The register itself (purpose, legal basis, categories, recipients, retention) is data on the
`default` database (`audit.models.ProcessingActivity`, seeded by data migrations and kept by the
privacy officer). The codes are known here because code names them when it records an event;
`record()` refuses a code that is not known, without a query, so a typo fails in the first test
instead of producing events nobody can attribute to a legal basis.

The audit layer knows no case type: the general activities are listed here, and each case type
registers its own code (casework/registry.py does so when the type registers), together with a
data migration in its own app that adds its row to the register.
"""

from __future__ import annotations

CHAIN_SHARING = "chain-sharing"
PRIVACY_SUPERVISION = "privacy-supervision"
ACCOUNT_ADMINISTRATION = "account-administration"
INFORMATION_SECURITY = "information-security"

# Mutable on purpose: case types add their codes at start-up (`register`). Read it at call time.
KNOWN_ACTIVITIES: set[str] = {
    CHAIN_SHARING,
    PRIVACY_SUPERVISION,
    ACCOUNT_ADMINISTRATION,
    INFORMATION_SECURITY,
}

# The Logboek Dataverwerkingen standard wants a URI for `dpl.core.processing_activity_id`.
URI_PREFIX = "urn:nl:zorgveilig:verwerkingsactiviteit:"


def register(code: str) -> str:
    """Make `code` a known processing activity (its register row comes from a data migration)."""
    KNOWN_ACTIVITIES.add(code)
    return code


def activity_uri(code: str) -> str:
    return URI_PREFIX + code
