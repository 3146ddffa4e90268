"""The review of an inzage report's free text before the answer is made (AVG 15(4)).

Free text — a police summary, notes, minutes, a status reason, the texts of a plan, any encrypted
free-text field — can hold data about someone else (a neighbour, a melder, a family member). The
privacy officer reads each such value of the report, split into passages (sentences and lines),
and marks the passages to withhold. `inzage_review_record` stores the marks (`InzageReview`: per
value a keyed digest of the reviewed text and the numbers of the withheld passages, no plaintext)
and writes one audit event per value reviewed, naming the field and the row id and the counts —
never the text, never a melder. The PDF of the answer is refused (`review_require`) until every
free-text value of the report is covered by the latest review with an unchanged text; the withheld
passages are then replaced by a marker (`review_apply`), and the letter says *that* data was
withheld and on which ground.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import has_capability
from audit import record
from audit.actions import Action
from audit.activities import PRIVACY_SUPERVISION
from casework.privacy.inzage import InzageReport
from casework.privacy.inzage_content import Item
from casework.privacy.models import DataSubjectRequest, InzageReview

PASSAGE_BREAK = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")
DIGEST_SALT = "casework.privacy.inzage_review"  # a salt for the digest of reviewed text, not a secret
WITHHELD_MARKER = "[…]"


@dataclass(frozen=True)
class FreeText:
    """One free-text value of the report, as the officer reviews it."""

    key: str  # "<model>:<row id>:<field>" (internal, never printed)
    title: str
    label: str
    passages: tuple[str, ...]
    person_id: uuid.UUID | None

    def passage_ids(self) -> list[tuple[str, str]]:
        return [(f"{self.key}#{number}", text) for number, text in enumerate(self.passages)]


def passages(text: str) -> tuple[str, ...]:
    return tuple(part for part in (p.strip() for p in PASSAGE_BREAK.split(text)) if part)


def _digest(text: str) -> str:
    return salted_hmac(DIGEST_SALT, text).hexdigest()[:32]


def _items(report: InzageReport) -> Iterable[tuple[Item, uuid.UUID | None]]:
    for item in report.personal_data:
        yield item, uuid.UUID(item.key.rpartition(":")[2]) if item.key else None
    for case in report.cases:
        for item in case.items:
            yield item, case.person_id


def free_texts(report: InzageReport) -> list[FreeText]:
    """Every free-text value of the report, once per row and field."""
    found: dict[str, FreeText] = {}
    for item, person_id in _items(report):
        for index, field_name in item.free_text:
            key = f"{item.key}:{field_name}"
            label, text = item.values[index]
            found.setdefault(key, FreeText(key, item.title, label, passages(text), person_id))
    return list(found.values())


def latest_review(request: DataSubjectRequest) -> InzageReview | None:
    return request.inzage_reviews.order_by("-reviewed_at").first()


def unreviewed(report: InzageReport, review: InzageReview | None) -> list[FreeText]:
    """The free-text values the review does not cover, or whose text changed since."""
    marks = review.marks if review is not None else {}
    return [text for text in free_texts(report)
            if marks.get(text.key, {}).get("digest") != _digest("\n".join(text.passages))]


def _require(user: User, request: DataSubjectRequest) -> None:
    if not has_capability(user, "privacy_inzage"):
        raise PermissionDenied(_("Only a privacy officer can review an inzage report."))
    if request.organisation_id != user.organisation_id:
        raise PermissionDenied(_("This request belongs to another organisation."))
    if request.kind != DataSubjectRequest.Kind.INZAGE:
        raise ValidationError(_("Only a request for inzage (AVG 15) is answered with this report."))


@transaction.atomic
def inzage_review_record(*, user: User, request: DataSubjectRequest, report: InzageReport,
                         withheld: Iterable[str]) -> InzageReview:
    """Record the officer's review of every free-text value of `report`: the passages named in
    `withheld` ("<key>#<number>") are withheld, the rest released. One audit event per value. The officer's
    own latest review with the same marks is returned as it is (a form sent twice)."""
    _require(user, request)
    chosen = set(withheld)
    texts = free_texts(report)
    known = {passage_id for text in texts for passage_id, _text in text.passage_ids()}
    if chosen - known:
        raise ValidationError(_("The report changed while you reviewed it: generate it again and review anew."))
    marks = {}
    for text in texts:
        numbers = [number for number in range(len(text.passages)) if f"{text.key}#{number}" in chosen]
        marks[text.key] = {"digest": _digest("\n".join(text.passages)), "withheld": numbers}
    # Under the request's row lock: the same review sent twice at once (a double click; the page answers the form,
    # no redirect a replay could repeat) is recorded once.
    DataSubjectRequest.objects.select_for_update().filter(pk=request.pk).first()
    latest = latest_review(request)
    if latest is not None and latest.reviewed_by_id == user.pk and latest.marks == marks:
        return latest  # the officer's own latest review, unchanged: nothing new to record
    review = InzageReview.objects.create(request=request, marks=marks, reviewed_by=user, reviewed_at=timezone.now())
    for text in texts:
        model, row_id, field_name = text.key.split(":")
        record(action=Action.REVIEW, processing_activity=PRIVACY_SUPERVISION, object_type=model, object_id=row_id,
               subject_id=text.person_id, actor=user,
               reason=(f"inzage review (AVG 15(4)) of request {request.pk}, review {review.pk}: field {field_name}; "
                       f"withheld {len(marks[text.key]['withheld'])} of {len(text.passages)} passages"))
    return review


def review_require(report: InzageReport, request: DataSubjectRequest | None) -> InzageReview | None:
    """The review that covers every free-text value of the report; a clear error otherwise."""
    if request is None:
        raise ValidationError(_("Link the report to the data-subject request it answers."))
    review = latest_review(request)
    if unreviewed(report, review):
        raise ValidationError(_("Review the free text of the report first: mark what must be withheld."))
    return review


def review_apply(report: InzageReport, review: InzageReview | None) -> int:
    """Replace the withheld passages by a marker; returns the number of passages withheld."""
    marks = review.marks if review is not None else {}
    count = 0
    for item, _person in _items(report):
        for index, field_name in item.free_text:
            numbers = set(marks.get(f"{item.key}:{field_name}", {}).get("withheld", ()))
            if not numbers:
                continue
            label, text = item.values[index]
            kept = [WITHHELD_MARKER if number in numbers else part for number, part in enumerate(passages(text))]
            item.values[index] = (label, " ".join(kept))
            count += len(numbers)
    report.withheld_passages += count
    return count
