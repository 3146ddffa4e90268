"""The sharing register: every sharing decision, for the privacy officer (selector and CSV).

The privacy officer sees sharing records, not case content: the case reference and type, the
categories shared, the partner, the processing activity and legal basis, the purpose, validity,
revocation and who decided. The weighing of proportionality and subsidiarity is part of the
sharing record ("informeer, motiveer, documenteer") and is exactly what a privacy officer
supervises (AVG art. 39(1)(b)), so they may read it, but one decision at a time on the detail page
(one audited `view`); it is left out of the list and the CSV (minimisation: free text that may
describe a person does not leave the system in bulk). The person's name never appears here.
When processing of the case's person is restricted (AVG art. 18), the register keeps showing the
record's structured fields (it is the account of what was shared) but not its free text: purpose,
weighing and revocation reason stay unread, as for every other user; only the inzage report shows them.

Every read is audited with the case's subject: the list page one `list` event per decision shown,
the CSV one `export` event per decision exported (one batched insert), the detail page a `view`.
"""

from __future__ import annotations

import csv
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from audit import record, record_batch
from audit.actions import Action
from audit.activities import PRIVACY_SUPERVISION
from audit.services import Target
from casework.categories import label_of
from casework.csv_export import safe_cell
from casework.models import SharingDecision
from casework.privacy.reviews import require_privacy_officer

ACTIVE = "active"
EXPIRED = "expired"
REVOKED = "revoked"
SHARE_TYPE = "casework.SharingDecision"
CSV_FIELDS = (
    "id", "case_reference", "case_type", "partner", "categories", "processing_activity", "legal_basis",
    "valid_from", "valid_until", "state", "decided_by", "decided_at", "revoked_at", "revoked_by",
)


@dataclass(frozen=True)
class RegisterFilters:
    partner_id: str = ""
    processing_activity: str = ""
    start: date | None = None  # in force on or after (validity overlaps the period)
    end: date | None = None  # in force on or before
    state: str = ""

    def describe(self) -> str:
        parts = [f"{name}={value}" for name, value in (
            ("partner", self.partner_id), ("activity", self.processing_activity),
            ("from", self.start.isoformat() if self.start else ""), ("until", self.end.isoformat() if self.end else ""),
            ("state", self.state),
        ) if value]
        return "; ".join(parts) or "all decisions"


def state_of(share: SharingDecision, today: date) -> str:
    if share.revoked_at is not None:
        return REVOKED
    if share.ends_on < today:
        return EXPIRED
    return ACTIVE if share.starts_on <= today else "upcoming"


def category_labels(categories: Iterable[str]) -> list[str]:
    return [str(label_of(code)) for code in categories]


def _state_filter(state: str, today: date) -> Q:
    if state == ACTIVE:
        return Q(revoked_at__isnull=True, starts_on__lte=today, ends_on__gte=today)
    if state == EXPIRED:
        return Q(revoked_at__isnull=True, ends_on__lt=today)
    if state == REVOKED:
        return Q(revoked_at__isnull=False)
    return Q()


def sharing_register(filters: RegisterFilters, *, today: date | None = None) -> QuerySet[SharingDecision]:
    """Every sharing decision matching the filters, newest decision first (no personal data read)."""
    today = today or timezone.localdate()
    # Whether the case's person restricted processing (AVG 18) is the case's own copy (`case.person_restricted`,
    # kept by the database): no join for it, so the page's count reads the decisions alone.
    shares = SharingDecision.objects.select_related("case", "partner", "decided_by", "revoked_by")
    if filters.partner_id:
        shares = shares.filter(partner_id=uuid.UUID(filters.partner_id))
    if filters.processing_activity:
        shares = shares.filter(processing_activity=filters.processing_activity)
    if filters.start:
        shares = shares.filter(ends_on__gte=filters.start)
    if filters.end:
        shares = shares.filter(starts_on__lte=filters.end)
    return shares.filter(_state_filter(filters.state, today)).order_by("-decided_at", "id")


def _targets(shares: Iterable[SharingDecision]) -> list[Target]:
    return [Target(object_type=SHARE_TYPE, object_id=share.pk, case_id=share.case_id, subject_id=share.case.person_id)
            for share in shares]


def register_page_shown(*, user, shares: list[SharingDecision], filters: RegisterFilters) -> None:
    """Audit the page before it is rendered: one `list` event per decision (or one `search` if none)."""
    require_privacy_officer(user, what="sharing_register")
    if shares:
        record_batch(action=Action.LIST, processing_activity=PRIVACY_SUPERVISION, targets=_targets(shares),
                     reason=filters.describe(), actor=user)
    else:
        record(action=Action.SEARCH, processing_activity=PRIVACY_SUPERVISION, object_type=SHARE_TYPE,
               reason=filters.describe(), actor=user)


def share_detail(*, user, share: SharingDecision) -> SharingDecision:
    """One decision with its purpose and weighing: an audited `view` about the case's subject."""
    require_privacy_officer(user, what="sharing_register_detail")
    record(action=Action.VIEW, processing_activity=PRIVACY_SUPERVISION, object_type=SHARE_TYPE, object_id=share.pk,
           case_id=share.case_id, subject_id=share.case.person_id, reason="sharing register", actor=user)
    return share


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_row(share: SharingDecision, today: date) -> list[Any]:
    return [
        share.pk, share.case.reference, share.case.case_type, share.partner.name, " ".join(share.categories),
        share.processing_activity, share.legal_basis, share.starts_on.isoformat(), share.ends_on.isoformat(),
        state_of(share, today), share.decided_by.display_name, share.decided_at.isoformat(),
        share.revoked_at.isoformat() if share.revoked_at else "",
        share.revoked_by.display_name if share.revoked_by else "",
    ]


def register_csv(*, user, filters: RegisterFilters, today: date | None = None) -> Iterator[str]:
    """The register as CSV (no free text). Audited before the first byte: one `export` per decision."""
    require_privacy_officer(user, what="sharing_register_export")
    today = today or timezone.localdate()
    shares = list(sharing_register(filters, today=today))
    if shares:
        record_batch(action=Action.EXPORT, processing_activity=PRIVACY_SUPERVISION, targets=_targets(shares),
                     reason=f"sharing register csv: {filters.describe()}", actor=user)
    else:
        record(action=Action.EXPORT, processing_activity=PRIVACY_SUPERVISION, object_type=SHARE_TYPE,
               reason=f"sharing register csv: {filters.describe()}", actor=user)
    return _csv_lines(shares, today)


def _csv_lines(shares: list[SharingDecision], today: date) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_FIELDS)
    for share in shares:
        yield writer.writerow([safe_cell(value) for value in _csv_row(share, today)])
