"""Legal holds: why a dossier whose retention period has ended must not be destroyed yet.

A case is on hold while
- a legal remedy is pending (the core's legal remedies and each case type name their rules in
  the registry, `hold_rules`: an objection, interim relief or appeal) — the decision is not final;
- a data-subject request of its person is open (`privacy.DataSubjectRequest` in OPEN_STATUSES):
  destroying the data would frustrate the request;
- an explicit `LegalHold` has been placed and not lifted (litigation, archive, justice).

`holds_for(case_ids)` answers for many cases in a constant number of queries (one per rule).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import require_capability
from audit import record
from audit.actions import Action
from audit.activities import PRIVACY_SUPERVISION
from casework import registry
from casework.models import Case
from casework.privacy.models import LegalHold


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _open_request_statuses() -> tuple[str, ...]:
    try:
        from casework.privacy.models.requests import OPEN_STATUSES
    except ImportError:
        return ()
    return tuple(str(status) for status in OPEN_STATUSES)


def holds_for(case_ids: Iterable[uuid.UUID] | QuerySet, *, exclude_request_id=None) -> dict[uuid.UUID, list[str]]:
    """The hold reasons per case id; cases without a hold are absent. `case_ids` is a list of ids, or a
    query of them (`values("pk")`) that each rule reads as a subquery: the retention selection asks about
    tens of thousands of cases, of which a few are held, without sending their ids back and forth."""
    ids = case_ids if isinstance(case_ids, QuerySet) else list(case_ids)
    reasons: dict[uuid.UUID, list[str]] = defaultdict(list)
    if not isinstance(ids, QuerySet) and not ids:
        return {}
    for rule in registry.hold_rules():
        model = apps.get_model(rule.model)
        found = model.objects.filter(rule.pending, **{f"{rule.case_path}_id__in": ids})
        for case_id in found.values_list(f"{rule.case_path}_id", flat=True).distinct():
            reasons[case_id].append(str(rule.reason))
    for case_id in LegalHold.objects.filter(case_id__in=ids, lifted_at__isnull=True).values_list(
            "case_id", flat=True).distinct():
        reasons[case_id].append(str(_("explicit legal hold")))
    requesting = _open_requests(exclude_request_id)
    if requesting is not None:
        for case_id in Case.objects.filter(pk__in=ids, person_id__in=requesting).values_list("pk", flat=True):
            reasons[case_id].append(str(_("open data-subject request")))
    return dict(reasons)


def _open_requests(exclude_request_id=None) -> QuerySet | None:
    """The persons with an open data-subject request (a subquery), or None where requests are not installed."""
    request_model = _model("privacy.DataSubjectRequest")
    statuses = _open_request_statuses()
    if request_model is None or not statuses:
        return None
    rows = request_model.objects.filter(status__in=statuses)
    if exclude_request_id is not None:
        rows = rows.exclude(pk=exclude_request_id)
    return rows.values("person_id")


def legal_hold_place(*, actor: Any, reference: str, ground: str) -> LegalHold:
    """Place an explicit hold on a case of the privacy officer's own organisation, found by reference."""
    require_capability(actor, "privacy_retention")
    case = Case.objects.filter(reference=reference.strip(), controller_id=actor.organisation_id).first()
    if case is None:
        raise ValidationError({"reference": _("Your organisation controls no case with this reference.")})
    hold = LegalHold(case=case, data_key_id=case.data_key_id, ground=ground, placed_by=actor, placed_at=timezone.now())
    hold.full_clean()
    hold.save()
    record(action=Action.CREATE, processing_activity=PRIVACY_SUPERVISION, actor=actor, object_type="privacy.LegalHold",
           object_id=hold.pk, case_id=case.pk, subject_id=case.person_id, reason=f"legal hold placed ({ground})")
    return hold


def legal_hold_lift(*, actor: Any, hold: LegalHold) -> LegalHold:
    """Lift a hold (kept as a row, with the time it was lifted)."""
    require_capability(actor, "privacy_retention")
    if hold.case.controller_id != actor.organisation_id:
        raise PermissionDenied(_("This hold is on a case of another organisation."))
    if hold.lifted_at is None:
        hold.lifted_at = timezone.now()
        hold.save(update_fields=["lifted_at"])
        record(action=Action.UPDATE, processing_activity=PRIVACY_SUPERVISION, actor=actor,
               object_type="privacy.LegalHold", object_id=hold.pk, case_id=hold.case_id,
               subject_id=hold.case.person_id, reason="legal hold lifted")
    return hold
