"""The review list a slice at a time: the counted days' findings are filtered, ordered and cut in SQL.

A month of findings runs into the thousands (3,300 at the scale bench: 1,000,000 cases, 10,000,000 events) and a
page shows 25. `anomalies.findings` builds them all as Python objects and `reviews.findings_for_review` attaches
every review and filters by status: about 37 ms of the list page's 60 at that scale, growing with the events a day
brings (issue 15). `FindingList` gives the page the same findings in the same order, but the counted days (ADR
0053, far the most of them) stay in the audit database until a slice is asked: one query counts them and one reads
the newest N, with each rule's threshold and night hours, the review status (the keys of the reviews made since
the period started, as `reviews.attach_reviews` picks them) and the order in SQL. The rest of the period (today,
days not counted yet, and the break-the-glass events, which are never counted) is read from the events as before,
a day's worth, and merged in by time. A Django `Paginator` takes it as it takes a list.

Order: newest first by the first event's time and sequence, then by the rules' order in `anomalies.RULES` (one
event can start findings of several rules), then by key.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from datetime import date
from typing import Any, overload

from django.db.models import CharField, IntegerField, QuerySet, Value
from django.db.models.functions import Cast, Concat

from casework.privacy import anomalies, counted_days, reviews
from casework.privacy.anomalies import Finding

RULES = tuple(anomalies.RULES)  # in their order: a rule by its rank
RANK = {rule: number for number, rule in enumerate(RULES)}
ORDER = ("-first_at", "-first", "rule_rank", "actor_id", "day", "finding_case")


def _order(item: Finding) -> tuple[Any, ...]:
    """The list's order as a key for `heapq.merge(..., reverse=True)`: the later first, then the rule's rank."""
    return item.occurred_at, item.sequence, -RANK[item.rule]


def _key(rule: str) -> Concat:
    """The finding key of a count row in SQL, as `anomalies.day_key` and `outside_key` make it in Python."""
    day = Cast("day", CharField())
    if rule == anomalies.OUTSIDE_ASSIGNMENT:
        return Concat("actor_id", Value(":"), "case_id", Value(":"), day, output_field=CharField())
    return Concat("actor_id", Value(":"), day, output_field=CharField())


def _rows(rule: str, first_day: date, last_day: date, *, settings: dict[str, int], status: str,
          reviewed: set[str]) -> QuerySet:
    """One rule's findings over counted days as rows of `anomalies.counted_findings` and the rule's rank (a union's
    members must have the same columns), filtered by review status on the finding keys in SQL."""
    counts = anomalies.day_counts(rule, first_day, last_day)
    if status == reviews.REVIEWED:
        counts = counts.alias(finding_key=_key(rule)).filter(finding_key__in=sorted(reviewed))
    elif status == reviews.UNREVIEWED and reviewed:
        counts = counts.alias(finding_key=_key(rule)).exclude(finding_key__in=sorted(reviewed))
    return anomalies.counted_findings(rule, counts, settings=settings).annotate(
        rule_rank=Value(RANK[rule], output_field=IntegerField()))


def _finding(row: dict[str, Any]) -> Finding:
    return anomalies.counted_finding(RULES[row["rule_rank"]], row)


class FindingList:
    """The findings of a `ReviewFilters`, newest first, with their reviews: a sequence a paginator can cut."""

    def __init__(self, filters: reviews.ReviewFilters) -> None:
        self.filters = filters
        rules = (filters.rule,) if filters.rule else tuple(anomalies.RULES)
        settings = anomalies.settings_in_force()
        counted = [rule for rule in rules if rule in anomalies.COUNTED_RULES]
        parts = counted_days.parts(filters.start, filters.end, count=anomalies.count_day) if counted else []
        live: list[Finding] = []
        for rule in rules:
            ranges = [(part.start, part.end) for part in parts if part.days is None] \
                if rule in anomalies.COUNTED_RULES else [(filters.start, filters.end)]
            for start, end in ranges:
                live.extend(anomalies.RULES[rule](start=start, end=end, settings=settings))
        self._live = sorted(reviews.with_status(reviews.attach_reviews(live, since=filters.start), filters.status),
                            key=_order, reverse=True)
        reviewed: dict[str, set[str]] = {rule: set() for rule in counted}
        if counted and filters.status:
            for rule, key in reviews.reviews_made_since(filters.start, counted).values_list("rule", "finding_key"):
                reviewed[rule].add(key)
        # A rule without reviews has no reviewed finding: no member of the union then (an empty IN is no SQL).
        self._members = {rule: [_rows(rule, *part.days, settings=settings, status=filters.status,
                                      reviewed=reviewed[rule]) for part in parts if part.days is not None]
                         for rule in counted if filters.status != reviews.REVIEWED or reviewed[rule]}
        members = [member for of_rule in self._members.values() for member in of_rule]
        self._counted: QuerySet | None = members[0].union(*members[1:], all=True) if members else None
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = len(self._live) + (self._counted.count() if self._counted is not None else 0)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def uncounted(self, rule: str) -> list[Finding]:
        """The findings of a rule that is never counted (break-the-glass), newest first: read from the events."""
        if rule in anomalies.COUNTED_RULES:
            raise ValueError(f"{rule} is read from counted days: slice the list instead")
        return [item for item in self._live if item.rule == rule]

    def counts_by_rule(self) -> dict[str, int]:
        """How many findings each rule has (every rule of `anomalies.RULES`, 0 where none): one COUNT per rule and
        counted part, no finding built (the privacy officer's dashboard)."""
        counts = dict.fromkeys(anomalies.RULES, 0)
        for item in self._live:
            counts[item.rule] += 1
        for rule, members in self._members.items():
            counts[rule] += sum(member.count() for member in members)
        return counts

    def _newest(self, number: int) -> list[Finding]:
        counted: list[Finding] = []
        if self._counted is not None and number > 0:
            counted = reviews.attach_reviews([_finding(row) for row in self._counted.order_by(*ORDER)[:number]],
                                             since=self.filters.start)
        return list(heapq.merge(self._live, counted, key=_order, reverse=True))[:number]

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> list[Finding]: ...

    def __getitem__(self, index: int | slice) -> Finding | list[Finding]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self.count())
            return self._newest(stop)[start:stop:step]
        if index < 0:
            index += self.count()
        if not 0 <= index < self.count():
            raise IndexError(index)
        return self._newest(index + 1)[index]

    def __iter__(self) -> Iterator[Finding]:
        return iter(self[:])

