"""The main navigation: entries registered by the apps, shown per role (accounts/context_processors.py).

Each entry names a URL without arguments, its label, the capability that shows it (None: every
role; the roles come from the capability table in accounts/roles.py, like the views' checks) and a
position. The general entries are below; each case type registers its own (casework/registry.py),
and so does the privacy officer's work. Entries whose URL does not resolve are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: Promise | str
    capability: str | None = None
    order: int = 100


ENTRIES: dict[str, Entry] = {}


def register(*entries: Entry) -> None:
    for entry in entries:
        ENTRIES[entry.url_name] = entry


def entries() -> list[Entry]:
    return sorted(ENTRIES.values(), key=lambda entry: (entry.order, str(entry.label)))


register(
    Entry("dashboard", _("Dashboard"), None, 0),
    Entry("casework:my_work", _("My work"), "find_cases", 5),
    Entry("casework:case_list", _("My cases"), "find_cases", 10),
    Entry("casework:case_search", _("Search cases"), "find_cases", 20),
    Entry("accounts:user_list", _("Users"), "manage_users", 70),
    Entry("audit:search", _("Audit trail"), "audit_workspace", 80),
    Entry("audit:status", _("Chain status"), "audit_workspace", 99),
)
