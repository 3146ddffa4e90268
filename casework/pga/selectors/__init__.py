"""Read side of the PGA case type: its part of the case page, its deadlines and dashboard section.

Registered with the core (casework/pga/casetype.py): the core's case page, case list, deadline
overviews and dashboards call these through the registry. What is loaded follows the sharing
categories: a category the user does not see is not queried or decrypted.

Deadlines of a PGA case:
- each open agreement (afspraak) on its due date — only for users who see the conferences and
  agreements category;
- each open intervention of the current plan on its due date — only for users who see the plan
  (casework/pga/selectors/monitoring.py);
- the triage contact term: contact with the person within 5 working days after the referral
  (domain.md §1), while the case is referred or in triage.
"""

from __future__ import annotations

import contextlib
import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Organisation, User, display_name_of
from accounts.roles import PROCESREGISSEUR
from casework.access import CaseAccess
from casework.categories import NOTES
from casework.contributions import CaseSection, DashboardSection, Deadline, TimelineEntry, WorkItem, soonest
from casework.deadlines import Calendar, working_days_after
from casework.models import Case, Person
from casework.pga import workflow as pga_workflow
from casework.pga.casetype import CASE_TYPE, PGA_CONFERENCES, PGA_PLAN, PGA_REFERRAL, PGA_SELF_RELIANCE
from casework.pga.models import (
    Agreement,
    AgreementNote,
    Conference,
    InformedStatus,
    Leefgebied,
    PartnerContribution,
    PgaCase,
    PlanIntervention,
    PlanVersion,
    SelfRelianceMeasurement,
)
from casework.pga.selectors import partners as partner_selectors
from casework.pga.selectors.monitoring import (
    INTERVENTION,
    SelfReliance,
    intervention_deadline,
    measurements_of,
    notes_by_agreement,
    open_interventions,
    self_reliance,
)
from casework.presence import has_rows, rows
from casework.privacy.inzage_content import Item, format_value, generic_items, sentence_case
from encryption.preload import preload_keys

# PGA triage (domain.md §1): contact with the person within 5 working days after the referral.
TRIAGE_CONTACT_WORKING_DAYS = 5
TRIAGE_STATES = (pga_workflow.AANGEMELD, pga_workflow.TRIAGE)
# Agreements still to be monitored: everything that is not done.
OPEN_AGREEMENT_STATUSES = (Agreement.Status.OPEN, Agreement.Status.LATE, Agreement.Status.CHANGED)
AGREEMENT = "agreement"
TRIAGE_CONTACT = "triage_contact"


def triage_contact_deadline(opened_on: date, *, calendar: Calendar | None = None) -> date:
    return working_days_after(opened_on, TRIAGE_CONTACT_WORKING_DAYS, calendar=calendar)


def _triage_overdue_cutoff(today: date, calendar: Calendar) -> date:
    """The latest opening date whose triage contact deadline lies before today (monotonic)."""
    day = today - timedelta(days=1)
    while triage_contact_deadline(day, calendar=calendar) >= today:
        day -= timedelta(days=1)
    return day


def overdue_condition(*, today: date, calendar: Calendar, partner: bool = False) -> Q:
    """PGA cases with an open agreement past its due date, or a triage contact deadline past.

    `partner=True` for users who reach cases only through sharing decisions: the agreements belong
    to a category they may not have been given, and a yes/no filter on them would reveal what the
    list itself hides.
    """
    late_triage = Q(case_type=CASE_TYPE, status__in=TRIAGE_STATES,
                    opened_on__lte=_triage_overdue_cutoff(today, calendar))
    if partner:
        return late_triage
    late_agreement = Exists(Agreement.objects.filter(
        case=OuterRef("pk"), status__in=OPEN_AGREEMENT_STATUSES, due_on__lt=today,
    ))
    late_intervention = Exists(PlanIntervention.objects.filter(case=OuterRef("pk"), done=False, due_on__lt=today))
    return Q(late_agreement) | Q(late_intervention) | late_triage


def with_next_due(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate `next_agreement_due` and `next_intervention_due`: the earliest due date of the case's open
    agreements and of its plan's open interventions."""
    next_due = Agreement.objects.filter(case=OuterRef("pk"), status__in=OPEN_AGREEMENT_STATUSES).order_by("due_on")
    next_intervention = PlanIntervention.objects.filter(case=OuterRef("pk"), done=False).order_by("due_on")
    return cases.annotate(next_agreement_due=Subquery(next_due.values("due_on")[:1]),
                          next_intervention_due=Subquery(next_intervention.values("due_on")[:1]))


def next_deadline(*, case: Case, case_access: CaseAccess, calendar: Calendar) -> date | None:
    """The case's next term for a list row (an agreement's due date only for who sees agreements, an
    intervention's only for who sees the plan)."""
    candidates = [getattr(case, "next_agreement_due", None) if case_access.sees(PGA_CONFERENCES) else None,
                  getattr(case, "next_intervention_due", None) if case_access.sees(PGA_PLAN) else None]
    if case.status in TRIAGE_STATES:
        candidates.append(triage_contact_deadline(case.opened_on, calendar=calendar))
    found = [day for day in candidates if day is not None]
    return min(found) if found else None


def term_labels() -> dict[str, str]:
    """Each kind's label in the active language, translated once for all the terms of a call: "my work" makes a
    thousand terms of a regisseur's caseload, and a translation costs more than the rest of a term (issue 15)."""
    return {AGREEMENT: _("Agreement due"), INTERVENTION: _("Intervention due"),
            TRIAGE_CONTACT: _("Triage: contact with the person")}


def _agreement_deadline(agreement: Agreement, today: date, label: str) -> Deadline:
    return Deadline(case=agreement.case, due_on=agreement.due_on, kind=AGREEMENT, overdue=agreement.due_on < today,
                    label=label, responsible=agreement.owner_organisation.name, obj=agreement)


def _triage_deadline(case: Case, due: date, today: date, label: str, owner_name: str) -> Deadline:
    return Deadline(case=case, due_on=due, kind=TRIAGE_CONTACT, overdue=due < today,
                    label=label, responsible=owner_name)


def _owner_names(cases: list[Case]) -> dict[Any, str]:
    """The names of these cases' owners, one query for all: a caseworker's team has hundreds of cases in triage and
    a handful of owners (a user row per case cost a model instance each on "Mijn werk", issue 15)."""
    owners = {case.owner_id for case in cases}
    return {pk: display_name_of(first, last, username) for pk, first, last, username in
            User.objects.filter(pk__in=owners).values_list("pk", "first_name", "last_name", "username")}


def deadlines(*, cases: QuerySet[Case], until: date, today: date, calendar: Calendar | None = None,
              limit: int | None = None) -> list[Deadline]:
    """Open agreements and plan interventions due up to `until` and triage contact terms of these open cases; with a
    `limit`, the soonest `limit` (each kind reads its soonest `limit` rows: a caseworker's dashboard needs ten of
    hundreds, issue 15)."""
    from casework.selectors import calendar_around

    calendar = calendar or calendar_around(today)
    agreements = (
        Agreement.objects.filter(case__in=cases, status__in=OPEN_AGREEMENT_STATUSES, due_on__lte=until)
        .select_related("case", "owner_organisation").order_by("due_on", "case__reference")[:limit]
    )
    labels = term_labels()
    found = [_agreement_deadline(agreement, today, labels[AGREEMENT]) for agreement in agreements]
    found += [intervention_deadline(row, today, labels[INTERVENTION])
              for row in open_interventions(cases, until, limit)]
    in_triage = list(cases.filter(case_type=CASE_TYPE, status__in=TRIAGE_STATES).order_by("opened_on", "reference")
                     [:limit])
    names = _owner_names(in_triage)  # no cases, no query (an empty IN)
    for case in in_triage:
        due = triage_contact_deadline(case.opened_on, calendar=calendar)
        if due <= until:
            found.append(_triage_deadline(case, due, today, labels[TRIAGE_CONTACT], names.get(case.owner_id, "")))
    return soonest(found, limit)


def case_deadlines(*, case: Case, agreements: list[Agreement], today: date, calendar: Calendar | None = None,
                   interventions: list[PlanIntervention] | None = None) -> list[Deadline]:
    """Upcoming and overdue deadlines of one case: open agreements and interventions, the triage contact term."""
    from casework.selectors import calendar_around

    if case.is_closed:
        return []
    labels = term_labels()
    found = [_agreement_deadline(agreement, today, labels[AGREEMENT]) for agreement in agreements
             if agreement.status in OPEN_AGREEMENT_STATUSES]
    found += [intervention_deadline(row, today, labels[INTERVENTION]) for row in interventions or [] if not row.done]
    if case.status in TRIAGE_STATES:
        due = triage_contact_deadline(case.opened_on, calendar=calendar or calendar_around(today))
        found.append(_triage_deadline(case, due, today, labels[TRIAGE_CONTACT], case.owner.display_name))
    return sorted(found, key=lambda deadline: deadline.due_on)


# --- the case page -----------------------------------------------------------------------------

@dataclass
class PgaSection:
    """The PGA part of the case page (templates/pga/_case_section.html)."""

    details: PgaCase | None
    sees: dict[str, bool]
    partners_to_invite: list[Organisation] = field(default_factory=list)
    conferences: list[Conference] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    plan: PlanVersion | None = None
    plan_goals: list[dict[str, Any]] = field(default_factory=list)
    interventions: list[PlanIntervention] = field(default_factory=list)
    notes: dict[Any, list[AgreementNote]] = field(default_factory=dict)
    self_reliance: SelfReliance | None = None
    closed: bool = False
    # Chain partners' reports (docs/adr/0031): those the viewer may see, and for a partner the agreements of
    # its organisation it may report on now (agreement id -> processing activities of the live decisions).
    contributions: list[PartnerContribution] = field(default_factory=list)
    reportable: dict[Any, list[str]] = field(default_factory=dict)
    waiting_review: int = 0


def _moment(value: date) -> datetime:
    return timezone.make_aware(datetime.combine(value, time.min))


def _date_or_none(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value or ""))
    except ValueError:
        return None


def plan_goals(plan: PlanVersion) -> list[dict[str, Any]]:
    """The plan's goals with life-domain labels and partner names (one query for the partners)."""
    goals = plan.goals or []
    partner_ids = {item.get("partner_id") for goal in goals for item in goal.get("interventions", [])}
    names: dict[str, str] = {
        str(pk): name
        for pk, name in Organisation.objects.filter(pk__in=[pk for pk in partner_ids if pk]).values_list("pk", "name")
    }
    labels = dict(Leefgebied.choices)
    return [
        {"leefgebied": labels.get(goal.get("leefgebied"), goal.get("leefgebied")), "goal": goal.get("goal", ""),
         "interventions": [{**item, "partner": names.get(item.get("partner_id") or "", ""),
                            "due_date": _date_or_none(item.get("due_on"))}
                           for item in goal.get("interventions", [])]}
        for goal in goals
    ]


def _summary(details: PgaCase | None, sees_notes: bool) -> list[tuple[str, str]]:
    if details is None:
        return []
    escalated = _("Yes") if details.escalated else _("No")
    if details.escalated and sees_notes and details.escalation_reason:
        escalated = f"{escalated}: {details.escalation_reason}"
    rows: list[tuple[str, Any]] = [(_("Escalated"), escalated)]
    if details.closure_reason:
        rows.append((_("Closure reason"), details.get_closure_reason_display()))
    if details.aftercare_check_on:
        rows.append((_("Aftercare check on"), details.aftercare_check_on))
    return rows


def _timeline(section: PgaSection) -> list[TimelineEntry]:
    template = "pga/_timeline_entry.html"
    measured = section.self_reliance.measurements if section.self_reliance else []
    return ([TimelineEntry(at=_moment(c.held_on), kind="conference", obj=c, template=template)
             for c in section.conferences]
            + [TimelineEntry(at=_moment(a.due_on), kind="agreement", obj=a, template=template)
               for a in section.agreements]
            + [TimelineEntry(at=note.written_at, kind="agreement_note", obj=note, by=note.written_by.display_name,
                             template=template) for notes in section.notes.values() for note in notes]
            + [TimelineEntry(at=_moment(m.measured_on), kind="self_reliance", obj=m, template=template)
               for m in measured]
            + partner_selectors.timeline_entries(section.contributions))


def case_section(*, case: Case, case_access: CaseAccess, user: Any = None, today: date | None = None) -> CaseSection:
    """The PGA part of `case` that `case_access` may see."""
    today = today or timezone.localdate()
    sees = {category: case_access.sees(category)
            for category in (PGA_REFERRAL, PGA_PLAN, PGA_CONFERENCES, PGA_SELF_RELIANCE, NOTES)}
    details = PgaCase.objects.filter(case=case).first()
    section = PgaSection(details=details, sees=sees, closed=case.is_closed)
    if details is not None and sees[PGA_REFERRAL]:
        section.partners_to_invite = list(details.partners_to_invite.all())
    if sees[PGA_CONFERENCES]:
        section.conferences = rows(case, case.conferences.prefetch_related("invited", "attending")
                                   .order_by("-held_on"))
        section.agreements = rows(case, case.agreements.select_related("owner_organisation", "conference", "case")
                                  .order_by("due_on"))
        section.notes = notes_by_agreement(case) if has_rows(case, AgreementNote) else {}
        section.contributions = partner_selectors.contributions(case=case, case_access=case_access, user=user) \
            if has_rows(case, PartnerContribution) else []
        section.reportable = partner_selectors.reportable_agreements(case=case, case_access=case_access, user=user,
                                                                     agreements=section.agreements)
        section.waiting_review = sum(1 for row in section.contributions if row.reviewed_at is None)
        for agreement in section.agreements:
            agreement.monitoring_notes = section.notes.get(agreement.pk, [])  # type: ignore[attr-defined]
            agreement.partner_reports = [  # type: ignore[attr-defined]
                row for row in section.contributions if row.agreement_id == agreement.pk]
            agreement.reportable = agreement.pk in section.reportable  # type: ignore[attr-defined]
    if sees[PGA_PLAN]:
        if has_rows(case, PlanVersion):
            section.plan = case.plan_versions.order_by("-number").select_related("created_by").first()
        section.plan_goals = plan_goals(section.plan) if section.plan else []
        section.interventions = rows(case, case.plan_interventions.select_related("organisation", "case"))
    if sees[PGA_SELF_RELIANCE]:
        section.self_reliance = self_reliance(measurements_of(case) if has_rows(case, SelfRelianceMeasurement) else [])
    preload_keys([*filter(None, [details, section.plan]), *section.conferences, *section.agreements,
                  *section.interventions])
    return CaseSection(
        template="pga/_case_section.html", data=section, summary=_summary(details, sees[NOTES]),
        deadlines=case_deadlines(case=case, agreements=section.agreements, today=today,
                                 interventions=section.interventions),
        timeline=_timeline(section),
    )


# --- dashboards and the inzage report --------------------------------------------------------------

def dashboard_sections(*, user: Any, visible: QuerySet[Case], today: date) -> list[DashboardSection]:
    """Process directors: referrals awaiting triage (mine or my team's)."""
    from casework.dashboards import open_rows_of_type

    if user.role != PROCESREGISSEUR:
        return []
    waiting = visible.filter(status=pga_workflow.AANGEMELD)
    rows, total = open_rows_of_type(user=user, visible=waiting, case_type=CASE_TYPE, today=today, oldest_first=True)
    return [DashboardSection(
        key="triage", title=_("Referrals awaiting triage"), rows=rows, cases=[row.case for row in rows],
        count_text=ngettext("%(count)s referral of you or your team awaits triage.",
                            "%(count)s referrals of you or your team await triage.", total) % {"count": total},
        empty_text=_("No referrals are waiting."),
        rows_caption=_("Referrals of you and your team, oldest first"),
    )]


def informing_postponed(*, cases: list[Case]) -> list[tuple[str, str]]:
    """(reference, ground) of cases where informing the person was postponed (AVG 14(5), UAVG 41)."""
    rows = PgaCase.objects.filter(case__in=[c for c in cases if c.case_type == CASE_TYPE],
                                  informed_status=InformedStatus.POSTPONED).select_related("case")
    return [(row.case.reference, row.postponement_ground or _("ground recorded in the case")) for row in rows]


def referral_owner_for(controller: Organisation) -> User | None:
    """The process director who receives a partner's referral: the active one of the
    municipality with the fewest open cases (ties: by name), so referrals spread over the team."""
    return (
        User.objects.filter(organisation=controller, is_active=True, groups__name=PROCESREGISSEUR)
        .annotate(open_cases=Count("owned_cases", filter=Q(owned_cases__closed_on__isnull=True)))
        .order_by("open_cases", "last_name", "first_name", "username")
        .first()
    )


def inzage_items(*, case: Case, person: Person) -> list[Item]:
    """The PGA `inzage` provider: the generic rows, with each plan version's goals and interventions as
    readable text (life domain, goal, intervention, partner by name, date) instead of the stored JSON.
    Goals and interventions are free text: the privacy officer reviews them before the answer is made."""
    items = generic_items(case=case, person=person)
    plans = {f"{PlanVersion._meta.label}:{plan.pk}": plan for plan in case.plan_versions.all()}
    measured = {f"{SelfRelianceMeasurement._meta.label}:{row.pk}": row
                for row in case.self_reliance_measurements.all()}
    return [_plan_item(item, plans[item.key]) if item.key in plans
            else _measurement_item(item, measured[item.key]) if item.key in measured
            else partner_selectors.inzage_item(item) for item in items]


def _measurement_item(item: Item, row: SelfRelianceMeasurement) -> Item:
    """The scores per life domain by their Dutch names instead of the stored codes."""
    scores_label = sentence_case(SelfRelianceMeasurement._meta.get_field("scores").verbose_name)
    labels = dict(Leefgebied.choices)
    free = dict(item.free_text)
    values: list[tuple[str, str]] = []
    free_text: list[tuple[int, str]] = []
    for index, (label, value) in enumerate(item.values):
        if label == scores_label:
            continue
        if index in free:
            free_text.append((len(values), free[index]))
        values.append((label, value))
    values += [(str(labels.get(domain, domain)), str(score)) for domain, score in (row.scores or {}).items()]
    return dataclasses.replace(item, values=values, free_text=tuple(free_text))


def _plan_item(item: Item, plan: PlanVersion) -> Item:
    goals_label = sentence_case(PlanVersion._meta.get_field("goals").verbose_name)
    free = dict(item.free_text)
    values: list[tuple[str, str]] = []
    free_text: list[tuple[int, str]] = []
    for index, (label, value) in enumerate(item.values):
        if label == goals_label:
            continue
        if index in free:
            free_text.append((len(values), free[index]))
        values.append((label, value))
    for number, goal in enumerate(plan_goals(plan), start=1):
        free_text.append((len(values), f"goals.{number}"))
        values.append((_("Goal %(number)s (%(domain)s)") % {"number": number, "domain": goal["leefgebied"]},
                       goal["goal"]))
        for count, intervention in enumerate(goal["interventions"], start=1):
            free_text.append((len(values), f"goals.{number}.{count}"))
            values.append((_("Intervention %(number)s.%(count)s") % {"number": number, "count": count},
                           _intervention_text(intervention)))
    return dataclasses.replace(item, values=values, free_text=tuple(free_text))


def _intervention_text(intervention: dict[str, Any]) -> str:
    parts = [str(intervention.get("description", ""))]
    if intervention.get("partner"):
        parts.append(_("by %(partner)s") % {"partner": intervention["partner"]})
    due = intervention.get("due_on") or ""
    with contextlib.suppress(ValueError):  # no date set
        parts.append(_("before %(date)s") % {"date": format_value(date.fromisoformat(due))})
    return ", ".join(parts)


def work_queue(*, user: Any, cases: QuerySet[Case], today: date) -> list[WorkItem]:
    """"Mijn werk": referrals of the user or their team awaiting triage, due on the triage contact
    term (they stand for that term, which is not listed again), and chain partners' reports not yet
    marked seen (casework/pga/selectors/partners.py)."""
    from casework.selectors import calendar_around
    from casework.worklist import REFERRAL

    calendar = calendar_around(today)
    items = []
    for case in cases.filter(status=pga_workflow.AANGEMELD).order_by("opened_on", "reference"):
        due = triage_contact_deadline(case.opened_on, calendar=calendar)
        items.append(WorkItem(case=case, kind=REFERRAL, label=_("Referral awaiting triage"), due_on=due,
                              overdue=due < today, replaces=(TRIAGE_CONTACT,)))
    return items + partner_selectors.review_items(cases=cases, today=today)
