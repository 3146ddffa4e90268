"""The case list as CSV (casework/csv_export.py escapes the cells against formula injection).

A row holds what the list page shows the same user: the person's name only where the personalia
of that case are shared with them (`CaseRow.person_name` is None otherwise), never a shielded party
(the list shows only the case's subject). Dates in ISO 8601, so a spreadsheet sorts them.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from casework import registry
from casework.selectors import CaseRow


def case_rows_csv(rows: Iterable[CaseRow]) -> tuple[list[str], list[list[str]]]:
    header = [_("Reference"), _("Case type"), _("Person"), _("Status"), _("Owner"), _("Team"), _("Opened on"),
              _("Next deadline"), _("Overdue")]
    lines = []
    for row in rows:
        case = row.case
        lines.append([
            case.reference, str(registry.label(case.case_type)),
            _("not shared") if row.person_name is None else row.person_name,
            row.status_label, case.owner.display_name, case.team.name if case.team else "",
            case.opened_on.isoformat(), row.next_deadline.isoformat() if row.next_deadline else "",
            _("yes") if row.overdue else _("no"),
        ])
    return header, lines
