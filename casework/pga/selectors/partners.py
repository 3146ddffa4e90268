"""Read side of partner contributions (docs/adr/0031): what the case page shows of them, which agreements a
partner may report on now, and the contributions waiting for the process director on Mijn werk.

A partner sees only its own organisation's contributions, and only while a sharing decision in force
shares the agreements' category with it: the case page and the API reach the case through
`access.case_access` (no share in force, no case) and this selector adds the live-share condition, so
an ended or revoked decision hides the partner's earlier contributions too.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import roles_with
from audit.labels import activity_names
from casework.access import CaseAccess
from casework.contributions import TimelineEntry, WorkItem
from casework.live_shares import activities_of, live_shares
from casework.models import Case
from casework.pga.casetype import PGA_CONFERENCES
from casework.pga.models import Agreement, PartnerContribution
from casework.privacy.inzage_content import Item, sentence_case
from encryption.preload import preload_keys

PARTNER_CONTRIBUTION = "partner_contribution"


def is_reporting_partner(user: Any, case_access: CaseAccess) -> bool:
    return case_access.via == "share" and getattr(user, "role", None) in roles_with("report_back")


def contributions(*, case: Case, case_access: CaseAccess, user: Any) -> list[PartnerContribution]:
    """The contributions `user` may see on the case page: all of them for who reaches the case directly, a
    partner's own organisation's while a decision in force shares the category (else none)."""
    rows = case.partner_contributions.select_related("organisation", "written_by", "reviewed_by", "agreement")
    found = list(visible_to(rows, case=case, case_access=case_access, user=user).order_by("written_at"))
    preload_keys(found)
    return found


def visible_to(rows: QuerySet[PartnerContribution], *, case: Case, case_access: CaseAccess,
               user: Any) -> QuerySet[PartnerContribution]:
    """`rows` (of `case`) narrowed to what `user` may see: nothing without the agreements' category; for a
    partner, its own organisation's rows and only while a decision in force shares the category."""
    if not case_access.sees(PGA_CONFERENCES):
        return rows.none()
    if case_access.via == "share":
        if not live_shares(organisation_id=user.organisation_id, case=case, category=PGA_CONFERENCES):
            return rows.none()
        return rows.filter(organisation_id=user.organisation_id)
    return rows


def reportable_agreements(*, case: Case, case_access: CaseAccess, user: Any,
                          agreements: list[Agreement]) -> dict[Any, list[str]]:
    """Agreement id -> the processing activities a partner may report under, for the agreements of the
    partner's organisation it may report on now (empty for everyone else, and on a closed case)."""
    if case.is_closed or not is_reporting_partner(user, case_access) or not case_access.sees(PGA_CONFERENCES):
        return {}
    shares = live_shares(organisation_id=user.organisation_id, case=case, category=PGA_CONFERENCES)
    activities = activities_of(shares)
    if not activities:
        return {}
    return {agreement.pk: activities for agreement in agreements
            if agreement.owner_organisation_id == user.organisation_id}


def timeline_entries(rows: list[PartnerContribution]) -> list[TimelineEntry]:
    """One entry per contribution: who reported what, with the organisation."""
    return [TimelineEntry(at=row.written_at, kind=PARTNER_CONTRIBUTION, obj=row,
                          by=f"{row.written_by.display_name} ({row.organisation.name})",
                          template="pga/_timeline_entry.html") for row in rows]


def waiting_for_review(cases: QuerySet[Case]) -> QuerySet[PartnerContribution]:
    """Contributions on these cases the process director has not marked seen (one indexed query)."""
    return (PartnerContribution.objects.filter(case__in=cases, reviewed_at__isnull=True)
            .select_related("case", "organisation").order_by("written_at"))


def label_of(row: PartnerContribution) -> str:
    """The Dutch work-item text (an organisation's name only: no personal data)."""
    text = _("%(organisation)s reported an agreement done") if row.kind == PartnerContribution.Kind.DONE \
        else _("%(organisation)s added a monitoring note")
    return text % {"organisation": row.organisation.name}


def review_items(*, cases: QuerySet[Case], today: date) -> list[WorkItem]:
    """Mijn werk: a partner's contribution to review, dated the day it was made."""
    from casework.worklist import PARTNER_REPORT

    return [WorkItem(case=row.case, kind=PARTNER_REPORT, label=label_of(row), due_on=timezone.localdate(row.written_at))
            for row in waiting_for_review(cases)]


def inzage_item(item: Item) -> Item:
    """The inzage row of a partner's report names the processing activity by its name in the register, not its
    code; any other row as it is."""
    if not item.key.startswith(f"{PartnerContribution._meta.label}:"):
        return item
    label = sentence_case(PartnerContribution._meta.get_field("processing_activity").verbose_name)
    names = activity_names()
    return dataclasses.replace(item, values=[(key, names.get(value, value) if key == label else value)
                                             for key, value in item.values])
