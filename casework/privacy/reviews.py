"""Reviews of break-the-glass events and anomalies: list, look up, decide (services and selectors).

A privacy officer reviews a finding (casework/privacy/anomalies.py) with a decision (justified,
not justified, escalated) and a comment. The review is a `Review` row of its own: audit events are
never updated. Reviewing is audited (`review`, processing activity privacy-supervision), and so is
reading the review list and a finding's detail. A privacy officer does not review their own
conduct (four eyes): a finding about the reviewer is left to a colleague.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import PRIVACY_OFFICER
from audit import record
from audit.actions import Action, Outcome
from audit.activities import PRIVACY_SUPERVISION
from casework.models import BreakGlassGrant
from casework.privacy import anomalies
from casework.privacy.anomalies import Finding
from casework.privacy.models import AnomalySetting, Review
from encryption.keystore import datakey_create

if TYPE_CHECKING:
    from casework.privacy.finding_list import FindingList

UNREVIEWED = "unreviewed"
REVIEWED = "reviewed"
DEFAULT_PERIOD = timedelta(days=30)
MAX_PERIOD = timedelta(days=366)
MIN_COMMENT_LENGTH = 10
REVIEW_TYPE = "privacy.Review"
FINDING_TYPE = "privacy.Finding"
REVIEW_CLOCK_MARGIN = timedelta(hours=1)  # servers' clocks may differ a little: a superset is harmless


@dataclass(frozen=True)
class ReviewFilters:
    start: datetime
    end: datetime
    rule: str = ""
    status: str = ""

    def describe(self) -> str:
        parts = [f"from={self.start.isoformat()}", f"until={self.end.isoformat()}"]
        parts += [f"{name}={value}" for name, value in (("rule", self.rule), ("status", self.status)) if value]
        return "; ".join(parts)


def default_period(today: date | None = None) -> tuple[datetime, datetime]:
    """The last 30 days including today (local time)."""
    today = today or timezone.localdate()
    start, _ignored = anomalies.local_day_bounds(today - DEFAULT_PERIOD + timedelta(days=1))
    return start, anomalies.local_day_bounds(today)[1]


def require_privacy_officer(user, *, what: str) -> None:
    """Refuse anyone but a privacy officer, with an audited denial."""
    if getattr(user, "is_authenticated", False) and user.is_active and user.role == PRIVACY_OFFICER:
        return
    record(action=Action.ACCESS_DENIED, outcome=Outcome.DENIED, processing_activity=PRIVACY_SUPERVISION,
           object_type=REVIEW_TYPE, reason=f"action:{what}", actor=user if getattr(user, "pk", None) else None)
    raise PermissionDenied(_("Only a privacy officer may do this."))


def attach_reviews(found: list[Finding], *, since: datetime | None = None) -> list[Finding]:
    """Set `finding.review` from the Review rows (one query for any number of findings).

    With `since` (the start of the period the findings were computed for) the reviews are chosen by when
    they were made, not by key: a finding of the period is reviewed after its first event, so on or after
    `since`. A month's list holds thousands of findings and few reviews; a query naming every finding's key (3,300
    at the scale bench) cost about 5 ms in parameters alone (issue 15), this one the index on `reviewed_at`."""
    if not found:
        return found
    if since is None:
        reviews = Review.objects.filter(finding_key__in={item.key for item in found})
    else:
        reviews = reviews_made_since(since, {item.rule for item in found})
    by_key = {(review.rule, review.finding_key): review for review in reviews.select_related("reviewer")}
    for item in found:
        item.review = by_key.get((item.rule, item.key))
    return found


def reviews_made_since(since: datetime, rules: Iterable[str]) -> QuerySet[Review]:
    """The reviews of these rules made on or after `since` (less the clocks' margin): every review of a finding
    whose first event is on or after `since`, and few others (the index on `reviewed_at`)."""
    return Review.objects.filter(reviewed_at__gte=since - REVIEW_CLOCK_MARGIN, rule__in=list(rules))


def findings_for_review(filters: ReviewFilters) -> list[Finding]:
    """Findings in the period with their reviews, filtered by rule and status; newest first."""
    rules = (filters.rule,) if filters.rule else tuple(anomalies.RULES)
    found = attach_reviews(anomalies.findings(start=filters.start, end=filters.end, rules=rules), since=filters.start)
    return with_status(found, filters.status)


def with_status(found: list[Finding], status: str) -> list[Finding]:
    """The findings of a review status ("": all), their reviews attached."""
    if status == UNREVIEWED:
        return [item for item in found if item.review is None]
    if status == REVIEWED:
        return [item for item in found if item.review is not None]
    return found


def review_list(*, user, filters: ReviewFilters) -> FindingList:
    """The review list page: privacy officers only; the search is audited. The findings of `findings_for_review`
    in their order, read a page at a time (casework/privacy/finding_list.py)."""
    from casework.privacy.finding_list import FindingList  # it reads this module's rules: imported when used

    require_privacy_officer(user, what="review_list")
    found = FindingList(filters)
    record(action=Action.SEARCH, processing_activity=PRIVACY_SUPERVISION, object_type=FINDING_TYPE,
           reason=filters.describe(), actor=user)
    return found


def finding_detail(*, user, rule: str, key: str) -> Finding | None:
    """One finding with its review; reading it is audited.

    It shows audit rows and, for an emergency access, the grant with the reason the user stated:
    judging whether the access was justified needs it, as judging a sharing decision needs its
    weighing. No other case content. A grant destroyed with its case is simply absent.
    """
    require_privacy_officer(user, what="review_detail")
    finding = anomalies.finding_lookup(rule=rule, key=key)
    if finding is None:
        return None
    attach_reviews([finding])
    finding.grant = _grant(finding)
    record(action=Action.VIEW, processing_activity=PRIVACY_SUPERVISION, object_type=FINDING_TYPE,
           object_id=f"{rule}:{finding.sequence}", case_id=finding.case_id,
           subject_pseudonym=finding.subject_pseudonym, reason=f"rule:{rule} finding:{key}", actor=user)
    return finding


def _grant(finding: Finding) -> BreakGlassGrant | None:
    if not finding.grant_id:
        return None
    return BreakGlassGrant.objects.filter(pk=finding.grant_id).first()


def review_record(*, reviewer, finding: Finding, decision: str, comment: str) -> Review:
    """Write the decision on one finding (once), and an audit event; the audit events stay as they are."""
    require_privacy_officer(reviewer, what="review")
    errors: dict[str, str] = {}
    if decision not in Review.Decision.values:
        errors["decision"] = _("Choose a decision.")
    if len(comment.strip()) < MIN_COMMENT_LENGTH:
        errors["comment"] = _("Explain the decision (at least 10 characters).")
    if errors:
        raise ValidationError(errors)
    if finding.actor_id == str(reviewer.pk):
        raise ValidationError(_("You cannot review your own conduct; a colleague reviews this finding."))
    if Review.objects.filter(rule=finding.rule, finding_key=finding.key).exists():
        raise ValidationError(_("This finding has already been reviewed."))
    review = Review(
        data_key_id=datakey_create().id, rule=finding.rule, finding_key=finding.key,
        event_sequence=finding.sequence, break_glass_grant=_grant(finding), reviewed_actor_id=finding.actor_id,
        decision=decision, comment=comment.strip(), reviewer=reviewer, reviewed_at=timezone.now(),
    )
    review.full_clean(exclude=["comment"])
    try:
        with transaction.atomic():
            review.save(force_insert=True)
    except IntegrityError as error:  # a colleague reviewed it a moment earlier
        raise ValidationError(_("This finding has already been reviewed.")) from error
    record(action=Action.REVIEW, processing_activity=PRIVACY_SUPERVISION, object_type=REVIEW_TYPE,
           object_id=review.pk, case_id=finding.case_id, subject_pseudonym=finding.subject_pseudonym,
           reason=f"rule:{finding.rule} event:{finding.sequence} decision:{decision}", actor=reviewer)
    return review


def anomaly_setting_set(*, actor, key: str, value: int) -> AnomalySetting:
    """Change one threshold of the anomaly rules (audited)."""
    require_privacy_officer(actor, what="anomaly_setting")
    if key not in anomalies.DEFAULTS:
        raise ValidationError({"key": _("Unknown setting.")})
    if value < 0 or (key in anomalies.HOUR_SETTINGS and value > 23) or (
            key not in anomalies.HOUR_SETTINGS and value < 1):
        raise ValidationError({"value": _("Enter an hour from 0 to 23, or a threshold of at least 1.")})
    setting, _created = AnomalySetting.objects.update_or_create(
        key=key, defaults={"value": value, "updated_at": timezone.now(), "updated_by": actor},
    )
    record(action=Action.UPDATE, processing_activity=PRIVACY_SUPERVISION, object_type="privacy.AnomalySetting",
           object_id=key, reason=f"value:{value}", actor=actor)
    return setting
