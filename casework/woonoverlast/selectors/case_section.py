"""The woonoverlast part of the case page: what a user may see of a file, by sharing category.

A category the user does not see is not even queried or decrypted. The nuisance reports and their
reporters (`woonoverlast_melders`, shielded) are loaded only for who holds that category; who sees
the zwartboek sees the reports only counted per source category (AVG 14: neighbours, police,
corporation), never who made them. Data keys of all rows are loaded in one key-store query.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone

from casework.access import CaseAccess
from casework.categories import NOTES, PERSONALIA
from casework.contributions import CaseSection
from casework.models import Approval, Case, Person
from casework.penalties.component import PENALTIES
from casework.penalties.models import (
    CollectionDecision,
    CollectionIntention,
    CollectionRequest,
    Forfeiture,
    Payment,
)
from casework.presence import rows
from casework.remedies.component import REMEDIES
from casework.remedies.models import Announcement, Appeal, Objection
from casework.remedies.selectors import remedies_of
from casework.woonoverlast import followup_letters, letters
from casework.woonoverlast.categories import DECISIONS, EVIDENCE, INTERVENTIONS, MELDERS
from casework.woonoverlast.models import (
    BehaviouralOrder,
    Closure,
    ClosureExtension,
    ComplianceCheck,
    DecisionState,
    EnforcementAct,
    Intention,
    Intervention,
    Melding,
    Source,
    WoonoverlastFile,
    Zwartboek,
)
from casework.woonoverlast.selectors import overview
from encryption.preload import preload_keys


@dataclass
class WoonoverlastSection:
    details: WoonoverlastFile
    sees: dict[str, bool]
    meldingen: list[Melding] = field(default_factory=list)
    source_counts: list[tuple[str, int]] = field(default_factory=list)
    zwartboeken: list[Zwartboek] = field(default_factory=list)
    interventions: list[Intervention] = field(default_factory=list)
    intentions: list[Intention] = field(default_factory=list)
    orders: list[BehaviouralOrder] = field(default_factory=list)
    closures: list[Closure] = field(default_factory=list)
    checks: list[ComplianceCheck] = field(default_factory=list)
    acts: list[EnforcementAct] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)
    announcements: list[Announcement] = field(default_factory=list)
    objections: list[Objection] = field(default_factory=list)
    appeals: list[Appeal] = field(default_factory=list)
    forfeitures: list[Forfeiture] = field(default_factory=list)
    # Collection of the forfeitures (the core's penalties): dates and amounts only, nothing decrypted.
    collection_intentions: list[CollectionIntention] = field(default_factory=list)
    collection_requests: list[CollectionRequest] = field(default_factory=list)
    collection_decisions: list[CollectionDecision] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    extensions: list[ClosureExtension] = field(default_factory=list)
    # The ids (str) of the intentions and decisions whose letter can be made now (letters.LETTER_STATES).
    letters: set[str] = field(default_factory=set)
    # Per intention / closure / extension: the addressees a letter can be made for now (empty: none).
    intention_rows: list[tuple[Intention, list[Person]]] = field(default_factory=list)
    closure_rows: list[tuple[Closure, list[Person]]] = field(default_factory=list)
    extension_rows: list[tuple[ClosureExtension, list[Person]]] = field(default_factory=list)

    @property
    def imposed_orders(self) -> list[BehaviouralOrder]:
        return [row for row in self.orders if row.state in (DecisionState.IMPOSED, DecisionState.ENDED)]

    @property
    def imposed_closures(self) -> list[Closure]:
        return [row for row in self.closures if row.state in (DecisionState.IMPOSED, DecisionState.ENDED)]


def _load_decisions(section: WoonoverlastSection, case: Case) -> None:
    section.intentions = rows(case, Intention.objects.filter(case=case).order_by("sent_on", "created_at"))
    section.orders = rows(case, BehaviouralOrder.objects.filter(case=case).select_related("apv_article")
                           .prefetch_related("addressees").order_by("created_at"))
    section.closures = rows(case, Closure.objects.filter(case=case).prefetch_related("addressees")
                             .order_by("created_at"))
    section.checks = rows(case, ComplianceCheck.objects.filter(case=case).order_by("checked_on", "created_at"))
    section.acts = rows(case, EnforcementAct.objects.filter(case=case).order_by("carried_out_on", "created_at"))
    section.approvals = rows(case, Approval.objects.filter(case=case, subject__startswith="woonoverlast.")
                              .select_related("requested_by", "decided_by").order_by("-requested_at"))
    section.extensions = rows(case, ClosureExtension.objects.filter(case=case).select_related("closure")
                               .order_by("created_at"))
    section.letters = {str(row.pk) for row in section.intentions if letters.intention_letter_allowed(case, row)}
    decisions: list[BehaviouralOrder | Closure] = [*section.orders, *section.closures]
    section.letters |= {str(row.pk) for row in decisions if letters.decision_letter_allowed(case, row)}
    section.intention_rows = [(row, letters.intention_addressees(row) if str(row.pk) in section.letters else [])
                              for row in section.intentions]
    addressees = {row.pk: list(row.addressees.all()) for row in section.closures}
    section.closure_rows = [(row, addressees[row.pk] if followup_letters.costs_letter_allowed(row) else [])
                            for row in section.closures]
    section.extension_rows = [(row, addressees.get(row.closure_id, [])
                               if followup_letters.extension_letter_allowed(row) else [])
                              for row in section.extensions]


def woonoverlast_section(*, case: Case, case_access: CaseAccess) -> WoonoverlastSection | None:
    details = WoonoverlastFile.objects.filter(case=case).first()
    if details is None:
        return None
    sees = {category: case_access.sees(category)
            for category in (PERSONALIA, NOTES, MELDERS, EVIDENCE, INTERVENTIONS, DECISIONS, REMEDIES, PENALTIES)}
    section = WoonoverlastSection(details=details, sees=sees)
    if sees[MELDERS]:
        section.meldingen = rows(case, Melding.objects.filter(case=case).select_related("melder")
                                  .order_by("reported_on", "created_at"))
    if sees[EVIDENCE]:
        labels = dict(Source.choices)
        # the sources of the reports read above, when the user sees them; otherwise the column alone
        counts = Counter([melding.source for melding in section.meldingen] if sees[MELDERS] else rows(
            case, Melding.objects.filter(case=case).values_list("source", flat=True)))
        section.source_counts = [(str(labels[code]), counts[code]) for code in Source.values if counts[code]]
        section.zwartboeken = rows(case, Zwartboek.objects.filter(case=case).order_by("compiled_on", "created_at"))
    if sees[INTERVENTIONS]:
        section.interventions = rows(case, Intervention.objects.filter(case=case)
                                      .order_by("carried_out_on", "created_at"))
    if sees[DECISIONS]:
        _load_decisions(section, case)
    if sees[REMEDIES]:
        remedies = remedies_of(case)
        section.announcements, section.objections = remedies.announcements, remedies.objections
        section.appeals = remedies.appeals
    if sees[PENALTIES]:
        section.forfeitures = rows(case, Forfeiture.objects.filter(case=case).order_by("forfeited_on", "pk"))
        section.collection_intentions = rows(case, CollectionIntention.objects.filter(case=case).order_by("sent_on"))
        section.collection_requests = rows(case, CollectionRequest.objects.filter(case=case)
                                            .order_by("requested_on"))
        section.collection_decisions = rows(case, CollectionDecision.objects.filter(case=case)
                                             .order_by("decided_on"))
        section.payments = rows(case, Payment.objects.filter(case=case).order_by("paid_on", "pk"))
    persons: list[Any] = [m.melder for m in section.meldingen]
    decisions: list[BehaviouralOrder | Closure] = [*section.orders, *section.closures]
    persons += [p for row in decisions for p in row.addressees.all()]
    persons += [a.addressee_person for a in section.announcements if a.addressee_person]
    preload_keys([details, *section.meldingen, *persons, *section.zwartboeken, *section.interventions,
                  *section.intentions, *section.orders, *section.closures, *section.extensions, *section.checks,
                  *section.acts, *[p for _row, people in section.intention_rows for p in people],
                  *section.objections, *section.appeals])
    return section


def case_section(*, case: Case, case_access: CaseAccess, user: Any = None, today: date | None = None) -> CaseSection:
    """The registry's `case_section` provider: the woonoverlast part of the shared case page."""
    section = woonoverlast_section(case=case, case_access=case_access)
    today = today or timezone.localdate()
    due = []
    if section is not None and section.sees[DECISIONS] and not case.is_closed:  # none read without rows (probed)
        due = overview.deadlines(cases=Case.objects.filter(pk=case.pk), until=date.max, today=today, probed=case,
                                 page_ids=[case.pk])  # its announcements with SQL compiled once
    return CaseSection(template="woonoverlast/_case_section.html", data=section, deadlines=due)
