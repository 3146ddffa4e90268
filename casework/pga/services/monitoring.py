"""PGA services: measurements of zelfredzaamheid per life domain, monitoring notes per agreement, and the
municipality's own criteria texts for the scores."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from audit.history import save_with_reason
from casework import access, bounds
from casework.models import Case
from casework.pga.models import (
    SCORE_MAX,
    SCORE_MIN,
    Agreement,
    AgreementNote,
    Leefgebied,
    SelfRelianceCriterion,
    SelfRelianceMeasurement,
)


def _score_errors(scores: Mapping[str, object]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for domain, score in scores.items():
        if domain not in Leefgebied.values:
            errors["scores"] = _("Unknown life domain.")
        elif isinstance(score, bool) or not isinstance(score, int) or not SCORE_MIN <= score <= SCORE_MAX:
            errors[domain] = _("Choose a score from 1 to 5.")
    if not scores and not errors:
        errors["scores"] = _("Score at least one life domain.")
    return errors


def _measured_on_errors(measured_on: date) -> dict[str, str]:
    today = timezone.localdate()
    if measured_on > today:
        return {"measured_on": _("A measurement cannot be dated in the future.")}
    return bounds.planning_date(measured_on, "measured_on") if measured_on < today - timedelta(days=1) else {}


@transaction.atomic
def measurement_record(
    *, actor: User, case: Case, measured_on: date, scores: dict[str, int],
) -> SelfRelianceMeasurement:
    """Record one measurement: a score from 1 (acute problems) to 5 (fully self-reliant) per life domain."""
    access.require(actor, access.CHANGE, case)
    bounds.raise_errors(_score_errors(scores), _measured_on_errors(measured_on))
    measurement = SelfRelianceMeasurement(
        case=case, data_key_id=case.data_key_id, measured_on=measured_on, created_by=actor,
        scores={domain: scores[domain] for domain in Leefgebied.values if domain in scores},
    )
    save_with_reason(measurement, reason="self-reliance measured", user=actor)
    return measurement


@transaction.atomic
def agreement_note_add(*, actor: User, agreement: Agreement, text: str) -> AgreementNote:
    """A monitoring note on an agreement: how it goes (stored under the agreement's category)."""
    access.require(actor, access.CHANGE, agreement.case)
    if not text.strip():
        raise ValidationError({"text": _("Write the monitoring note.")})
    bounds.raise_errors(bounds.lengths({"text": text}, bounds.SHORT_TEXT))
    note = AgreementNote(case=agreement.case, data_key_id=agreement.case.data_key_id, agreement=agreement,
                         text=text.strip(), written_by=actor)
    save_with_reason(note, reason="monitoring note added", user=actor)
    return note


@transaction.atomic
def criteria_load(*, organisation: Organisation, rows: Iterable[tuple[str, int, str]]) -> int:
    """Replace the organisation's criteria texts with `rows` (leefgebied, score, text); all or nothing."""
    seen: set[tuple[str, int]] = set()
    criteria = []
    for number, (domain, score, text) in enumerate(rows, start=1):
        where = _("line %(number)s") % {"number": number}
        if domain not in Leefgebied.values:
            raise ValidationError(_("%(where)s: unknown life domain %(domain)r.") % {"where": where, "domain": domain})
        if not SCORE_MIN <= score <= SCORE_MAX:
            raise ValidationError(_("%(where)s: the score must be 1 to 5.") % {"where": where})
        if not text.strip() or len(text) > 1000:
            raise ValidationError(_("%(where)s: the text must be 1 to 1000 characters.") % {"where": where})
        if (domain, score) in seen:
            raise ValidationError(_("%(where)s: this life domain and score occur twice.") % {"where": where})
        seen.add((domain, score))
        criteria.append(SelfRelianceCriterion(organisation=organisation, leefgebied=domain, score=score,
                                              text=text.strip()))
    SelfRelianceCriterion.objects.filter(organisation=organisation).delete()
    SelfRelianceCriterion.objects.bulk_create(criteria)
    return len(criteria)
