"""The compliance term (begunstigingstermijn) of a decision, per addressee, and the one guard every
enforcement step (a sealing, bestuursdwang, a forfeiture) passes — for every case type.

The rule (one function, `compliance_end`, called by letter, overview, guard and API alike):

- A decision that orders something (a closure under art. 13b Opiumwet, a last onder bestuursdwang or
  dwangsom, Awb 5:24 and 5:32a) gives the addressee a term to comply. The term is set *in the
  decision*; it is not a term set by statute, so the Algemene termijnenwet does not extend it (Atw
  art. 1 lid 1 covers "een in een wet gestelde termijn" only): a term that ends on a Sunday ends on
  that Sunday. (The objection term of Awb 6:7 and the Wkpb term are statutory and are extended:
  casework/deadlines.py.)
- A decision takes effect for an addressee only once it is announced to them (Awb 3:40, 3:41), so
  the term runs from the day after *that addressee's* announcement: N days after an announcement on
  day D end at the end of D + N. Each addressee has their own end date; it is computed when the
  announcement is registered and stored on it (`Announcement.compliance_ends_on`).
- A term of 0 days is no term: the stored end is the announcement day, and enforcement is possible
  from that day on. Otherwise enforcement is possible from the day *after* the stored end date (the
  term includes its last day: "until and including 30 March" allows a sealing on 31 March).
- Before that day, for every addressee, a sealing, bestuursdwang or forfeiture is refused
  (`refuse_before_compliance_end`); so is one before the decision was announced at all. The one
  exception is spoedeisende bestuursdwang (Awb 5:31; art. 174a lid 4 Gemeentewet): the caller passes
  `urgent=True` and records it with its reasons (`urgent_enforcement_record`); the written decision
  must follow as soon as possible (Awb 5:31 lid 2), a deadline until `urgent_enforcement_followed`.

How a case type gives its term: `Decision(compliance_term_days=N)` (casework/remedies/services.py)
when it registers an announcement; None when its decisions set no compliance term.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from audit.history import save_with_reason
from casework.models import Person
from casework.remedies.models import AddresseeRole, Announcement, UrgentEnforcement
from config.compiled_rows import CompiledRows

if TYPE_CHECKING:
    from casework.models import Case
    from casework.remedies.services import Decision

CODE = "compliance_term"


def compliance_end(*, announced_on: date, days: int) -> date:
    """The last day of a compliance term of `days` days announced on `announced_on` (module docstring).

    Counted plainly from the day after the announcement: set in the decision, not by statute, so
    the Atw does not extend it. 0 days (no term) gives the announcement day itself.
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise ValueError("a compliance term is zero or more whole days")
    return announced_on + timedelta(days=days)


def enforceable_from(announcement: Announcement) -> date:
    """The first day enforcement against this addressee is possible: the day after the term's last
    day, or the announcement day when the decision set no term (0 days, or none)."""
    ends = announcement.compliance_ends_on
    if ends is None or ends <= announcement.announced_on:
        return announcement.announced_on
    return ends + timedelta(days=1)


def announcements_of(decision: Decision) -> QuerySet[Announcement]:
    """The announcements of a `casework.remedies.services.Decision`, in order of announcement."""
    return Announcement.objects.filter(**decision.reference()).order_by("announced_on", "id")


def latest_compliance_end(decision: Decision) -> date | None:
    """The latest stored end date over the decision's addressees (None: not announced, or no term)."""
    ends = [a.compliance_ends_on for a in announcements_of(decision) if a.compliance_ends_on is not None]
    return max(ends) if ends else None


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _who(announcement: Announcement, position: int) -> str:
    if announcement.role in AddresseeRole.values:
        return str(AddresseeRole(announcement.role).label).lower()
    return _("addressee %(number)s (announced on %(date)s)") % {"number": position,
                                                               "date": _day(announcement.announced_on)}


def refuse_before_compliance_end(
    *, decision: Decision, on: date, what: str, urgent: bool = False, addressee_person: Person | None = None,
    field: str | None = None,
) -> None:
    """Raise ValidationError when `what` (e.g. "The sealing") on day `on` comes before the compliance
    term of the decision has ended for every addressee (or for `addressee_person` only, when given),
    or before the decision was announced at all. `urgent=True` (Awb 5:31) skips the check: the caller
    records the urgency with `urgent_enforcement_record`.

    Addressees are named by their role or their number and announcement date (what the case page
    shows already), never by name.
    """
    if urgent:
        return
    announcements = list(announcements_of(decision))
    if addressee_person is not None:
        announcements = [a for a in announcements if a.addressee_person_id == addressee_person.pk]
    if not announcements:
        message = _("%(what)s is not possible yet: the decision has not been announced (to this addressee), so "
                    "its compliance term has not started (Awb 3:40).") % {"what": what}
        raise ValidationError({field: message} if field else message, code=CODE)
    position = {a.pk: number for number, a in enumerate(announcements_of(decision), start=1)}
    waiting = [a for a in announcements if enforceable_from(a) > on]
    if not waiting:
        return
    terms = "; ".join(
        _("%(who)s: until and including %(end)s") % {"who": _who(a, position.get(a.pk, 0)),
                                                       "end": _day(a.compliance_ends_on or a.announced_on)}
        for a in waiting
    )
    first = max(enforceable_from(a) for a in waiting)
    message = _("%(what)s is possible only after the compliance term has ended for every addressee, from "
                "%(first)s. The term still runs for %(terms)s.") % {"what": what, "first": _day(first),
                                                                    "terms": terms}
    raise ValidationError({field: message} if field else message, code=CODE)


@transaction.atomic
def urgent_enforcement_record(
    *, actor: User, authorise: Callable[[User, Case], None], decision: Decision, acted_at: datetime, what: str,
    reasons: str, written_decision_due_on: date | None = None,
) -> UrgentEnforcement:
    """Record spoedeisende bestuursdwang (Awb 5:31; art. 174a lid 4 Gemeentewet): what was done,
    when, why (encrypted), and from when the written decision that must follow is due (by default
    the day of acting: Awb 5:31 lid 2 asks for it "as soon as possible")."""
    case = decision.case
    authorise(actor, case)
    text = str(reasons or "").strip()
    if not text:
        raise ValidationError({"reasons": _("State why the enforcement could not wait (Awb 5:31).")})
    acted_on = timezone.localdate(acted_at) if timezone.is_aware(acted_at) else acted_at.date()
    due = written_decision_due_on or acted_on
    if due < acted_on:
        raise ValidationError({"written_decision_due_on": _("The written decision cannot be due before the "
                                                            "enforcement.")})
    row = UrgentEnforcement(case=case, data_key_id=case.data_key_id, **decision.reference(),
                            acted_at=acted_at, what=what[:100], reasons=text, written_decision_due_on=due)
    save_with_reason(row, reason=f"urgent enforcement recorded ({what[:40]})", user=actor)
    return row


@transaction.atomic
def urgent_enforcement_followed(*, actor: User | None, decision: Decision, decided_on: date) -> int:
    """The written decision after urgent enforcement was taken on `decided_on`: the follow-up
    deadlines of the decision end. Returns how many were open."""
    rows = UrgentEnforcement.objects.filter(**decision.reference(), written_decision_on__isnull=True)
    count = 0
    for row in rows:
        row.written_decision_on = decided_on
        save_with_reason(row, reason="written decision after urgent enforcement taken", user=actor)
        count += 1
    return count


def urgent_follow_ups(cases: QuerySet, until: date) -> QuerySet[UrgentEnforcement]:
    """Urgent enforcement of `cases` whose written decision is still missing and due by `until`."""
    return UrgentEnforcement.objects.filter(case__in=cases, written_decision_on__isnull=True,
                                            written_decision_due_on__lte=until).select_related("case")


def compliance_terms(cases: QuerySet, until: date, *, decision_type: str | None = None) -> QuerySet[Announcement]:
    """Announcements of `cases` whose stored compliance term ends on or before `until`: one deadline
    per addressee, the same stored date the letter states and the guard checks."""
    rows = Announcement.objects.filter(case__in=cases, compliance_ends_on__isnull=False,
                                       compliance_ends_on__lte=until)
    if decision_type is not None:
        rows = rows.filter(decision_type=decision_type)
    return rows.select_related("case").order_by("compliance_ends_on", "announced_on")


def _announcements(cases: QuerySet, until: date, compliance: Q) -> QuerySet[Announcement]:
    term = Q(compliance_ends_on__isnull=False, compliance_ends_on__lte=until) & compliance
    return (Announcement.objects.filter(case__in=cases).filter(term | Q(objection_deadline__lte=until))
            .annotate(is_term=models.Case(models.When(term, then=models.Value(True)), default=models.Value(False),
                                          output_field=models.BooleanField()))
            .select_related("case").order_by("compliance_ends_on", "announced_on", "pk"))


def _split(rows: list[Any], until: date) -> tuple[list[Announcement], list[Announcement]]:
    windows = [row for row in rows if row.objection_deadline is not None and row.objection_deadline <= until]
    return [row for row in rows if row.is_term], windows


def terms_and_windows(cases: QuerySet, until: date, *,
                      compliance: Q) -> tuple[list[Announcement], list[Announcement]]:
    """In one query (a deadline provider asked the table twice: issue 15), the announcements of `cases`
    - whose stored compliance term ends on or before `until` and that match `compliance` (the type's decisions,
      as `compliance_terms` gives them, in its order), and
    - whose objection term ends on or before `until` (as `objection_windows` in casework/remedies/selectors.py).
    An announcement may be in both lists."""
    return _split(list(_announcements(cases, until, compliance)), until)


@dataclass(frozen=True)
class TermRule:
    """A case type's announcements with a term: those of its open cases, `compliance(open_cases)` the condition
    for a compliance term (its decisions, their state). One rule for the type's deadline overview
    (`terms_and_windows(open_cases, until, compliance=rule.compliance(open_cases))`) and its list rows and case
    page (`page_terms_and_windows`); `announced` chooses. `compliance` is a module-level function: the rule is part
    of a compiled shape."""

    case_type: str
    compliance: Callable[[QuerySet], Q]

    def open_cases(self, cases: QuerySet) -> QuerySet:
        return cases.filter(case_type=self.case_type, closed_on__isnull=True)

    def open_ids(self, cases: Sequence[Any]) -> list[Any]:
        """The ids of the cases in hand (a list page's rows) that `open_cases` keeps."""
        return [case.pk for case in cases if case.case_type == self.case_type and case.closed_on is None]

    def announced(self, open_cases: QuerySet, until: date, *,
                  page_ids: Sequence[Any] | None = None) -> tuple[list[Announcement], list[Announcement]]:
        """The compliance terms and objection windows of `open_cases` (`self.open_cases` of something): by
        `terms_and_windows`, or, given `page_ids` (their ids, a list page's or the case page's), by
        `page_terms_and_windows` with SQL compiled once."""
        if page_ids is None:
            return terms_and_windows(open_cases, until, compliance=self.compliance(open_cases))
        return page_terms_and_windows(page_ids, until, rule=self)


def _page_announcements(ids: list[Any], until: date, rule: TermRule) -> QuerySet[Announcement]:
    from casework.models import Case

    open_cases = rule.open_cases(Case.objects.filter(pk__in=ids))
    return _announcements(open_cases, until, rule.compliance(open_cases))


# compiled once per number of ids, day and rule (config/compiled_rows.py, ADR 0049); a day's shapes are kept for a
# few days of lists of every length (1 to 25 ids, three types)
_PAGE_TERMS = CompiledRows(_page_announcements, ids_field=Announcement._meta.get_field("case"), max_shapes=400)


def page_terms_and_windows(case_ids: Sequence[Any], until: date, *,
                           rule: TermRule) -> tuple[list[Announcement], list[Announcement]]:
    """`terms_and_windows` of a list page's cases (by id; of them those open and of the rule's type), with SQL
    the ORM builds and compiles once per shape: building and compiling the query took about 2 ms of Python a type
    on a list page, where PostgreSQL answers it in a fraction of that (issue 15)."""
    rows = _PAGE_TERMS.rows(list(case_ids), using=router.db_for_read(Announcement), until=until, rule=rule)
    return _split(rows, until)


__all__ = [
    "TermRule", "compliance_end", "compliance_terms", "enforceable_from", "latest_compliance_end",
    "page_terms_and_windows", "refuse_before_compliance_end", "terms_and_windows", "urgent_enforcement_followed",
    "urgent_enforcement_record", "urgent_follow_ups",
]
