"""Codes of the processing activities (verwerkingsactiviteiten) that audit events name.

The register itself (purpose, legal basis, categories, recipients, retention) is data on the
`default` database (`audit.models.ProcessingActivity`, seeded by a data migration and kept by the
privacy officer). The codes are constants here because code names them when it records an event;
`record()` refuses a code that is not in this list, without a query, so a typo fails in the first
test instead of producing events nobody can attribute to a legal basis.
"""

from __future__ import annotations

PGA_PROCESREGIE = "pga-procesregie"
DAMOCLES = "damocles"
PARK_ENFORCEMENT = "park-enforcement"
CHAIN_SHARING = "chain-sharing"
PRIVACY_SUPERVISION = "privacy-supervision"
ACCOUNT_ADMINISTRATION = "account-administration"
INFORMATION_SECURITY = "information-security"

KNOWN_ACTIVITIES = frozenset({
    PGA_PROCESREGIE,
    DAMOCLES,
    PARK_ENFORCEMENT,
    CHAIN_SHARING,
    PRIVACY_SUPERVISION,
    ACCOUNT_ADMINISTRATION,
    INFORMATION_SECURITY,
})

# The Logboek Dataverwerkingen standard wants a URI for `dpl.core.processing_activity_id`.
URI_PREFIX = "urn:nl:zorgveilig:verwerkingsactiviteit:"


def activity_uri(code: str) -> str:
    return URI_PREFIX + code
