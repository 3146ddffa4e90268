"""Destroying dossiers: destruction batches with four-eyes approval, and erasure on request.

Destroying one case (`case_destroy`):
1. In one transaction on the main database: a tombstone (type, reference, dates, basis, batch,
   approvers; no personal data), then every row that belongs to the case — history rows and live
   rows, in every app (dossier_rows.py) — deleted; its person too when this was their last case
   and nothing else still refers to them, and likewise every other person its rows named (a
   reporter, an addressee), each with their own key and `destroy` event. On SQLite the deletes run
   with `secure_delete`, so the freed pages are zeroed, and the file is checkpointed afterwards.
2. After commit: the data keys crypto-shredded (the case's and the person's, and any other key
   the deleted rows used that no remaining row still uses), so every copy of the ciphertext —
   in backups, dumps, replicas — becomes unreadable; attachments removed from storage.
3. Audit events: `destroy` per case and per person (pseudonym only); `shred` per key (sent by
   encryption and recorded by audit).

Batches: a privacy officer proposes the current selection of expired cases (retention.py), a
second privacy officer approves (never the requester), and `apply_retention --execute --approval
ID` executes it only if the selection is still exactly that batch. The batch then holds the
destruction statement (destruction_statement.py).

`erase_person(actor=, person=, request=)` serves an erasure request (AVG 17): refused while a
legal duty to keep is recorded on the request or a hold applies to one of the person's cases.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError, connections, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import has_capability, require_capability
from audit import record, record_batch
from audit.actions import Action, Outcome
from audit.activities import PRIVACY_SUPERVISION
from audit.services import Target
from casework.models import Case, Person
from casework.privacy import dossier_rows
from casework.privacy.holds import holds_for
from casework.privacy.models import DestructionBatch, RetentionBasis, Tombstone
from casework.privacy.retention import CAPABILITY, retention_selection
from encryption.keystore import datakey_destroy
from encryption.scope import key_scope

logger = logging.getLogger(__name__)


class DestructionRefused(Exception):
    """A destruction or erasure that may not (yet) happen; the message says why, without personal data."""


@dataclass
class Destroyed:
    references: list[str] = field(default_factory=list)
    persons: int = 0
    rows: int = 0
    keys: int = 0


def _display(user: Any) -> str:
    return (getattr(user, "display_name", "") or getattr(user, "username", "") or "")[:255] if user else ""


def _secure_delete(connection, on: bool) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA secure_delete = {'ON' if on else 'OFF'}")


def _checkpoint(connection) -> None:
    """Copy the WAL (with the zeroed pages) into the file and empty it; only outside a transaction."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except OperationalError:
        logger.warning("main database checkpoint was blocked; the WAL keeps old pages until the next one")


def case_destroy(*, case: Case, basis: str, retention_years: int | None, actor: Any,
                 batch: DestructionBatch | None = None, erasure_request_id: Any = None, reason: str,
                 selectielijst_category: str = "") -> Destroyed:
    """Destroy one case and, with their last case, its person (see the module docstring)."""
    connection = connections[dossier_rows.ALIAS]
    person = case.person
    result = Destroyed(references=[case.reference])
    _secure_delete(connection, True)
    try:
        with transaction.atomic(using=dossier_rows.ALIAS):
            Tombstone.objects.create(
                case_id=case.pk, case_type=case.case_type, reference=case.reference, opened_on=case.opened_on,
                closed_on=case.closed_on, basis=basis, retention_years=retention_years, batch=batch,
                selectielijst_category=selectielijst_category,
                erasure_request_id=erasure_request_id,
                requested_by_name=_display(batch.requested_by) if batch else _display(actor),
                approved_by_name=_display(batch.approved_by) if batch else "", destroyed_at=timezone.now(),
            )
            dossier = dossier_rows.collect(Case, {case.pk})
            named = dossier_rows.referenced(dossier, Person) - {getattr(person, "pk", None)}
            dossier_keys = {case.data_key_id}
            files = dossier_rows.stored_files(dossier)
            result.rows += dossier_rows.delete(dossier)
            if person is not None and dossier_rows.references_to(Person, person.pk) == 0:
                person_rows = dossier_rows.collect(Person, {person.pk})
                files += dossier_rows.stored_files(person_rows)
                result.rows += dossier_rows.delete(person_rows)
                dossier.data_keys |= person_rows.data_keys
                dossier_keys.add(person.data_key_id)
                result.persons = 1
    finally:
        _secure_delete(connection, False)
    _checkpoint(connection)
    keys = dossier_keys | (dossier.data_keys - dossier_rows.keys_still_used(dossier.data_keys))
    for key_id in keys:
        datakey_destroy(key_id=key_id, dossier_id=case.pk, reason=reason, actor=actor)
    result.keys = len(keys)
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:  # the key is shredded: what remains on disk can no longer be opened
            logger.warning("a destroyed attachment could not be removed from storage")
    record(action=Action.DESTROY, processing_activity=PRIVACY_SUPERVISION, actor=actor, object_type="casework.Case",
           object_id=case.pk, case_id=case.pk, subject_id=person.pk if person else None, reason=reason)
    if result.persons and person is not None:
        record(action=Action.DESTROY, processing_activity=PRIVACY_SUPERVISION, actor=actor,
               object_type="casework.Person", object_id=person.pk, subject_id=person.pk, reason=reason)
    _named_persons_destroy(named, result, actor=actor, reason=reason)
    return result


def _named_persons_destroy(person_ids: set[Any], result: Destroyed, *, actor: Any, reason: str) -> None:
    """The other persons the dossier's rows named (a reporter, an addressee): destroyed with it when
    nothing else still refers to them (no other case, request or row), like its main person."""
    for named in Person.objects.filter(pk__in=person_ids).order_by("pk"):
        if dossier_rows.references_to(Person, named.pk):
            continue
        persons, rows, keys = _person_destroy(person=named, actor=actor, reason=reason)
        result.persons, result.rows, result.keys = result.persons + persons, result.rows + rows, result.keys + keys


# --- batches -----------------------------------------------------------------------------------------


def batch_propose(*, actor: Any, case_ids: list[uuid.UUID] | None = None) -> DestructionBatch:
    """Propose the current selection of expired cases (or the given subset of it) for destruction."""
    require_capability(actor, CAPABILITY)
    selection = retention_selection(controller_id=actor.organisation_id)
    expired = {candidate.case_id: candidate for candidate in selection.expired}
    wanted = list(expired) if case_ids is None else [uuid.UUID(str(case_id)) for case_id in case_ids]
    if not wanted:
        raise ValidationError(_("No case has reached the end of its retention period."))
    if any(case_id not in expired for case_id in wanted):
        raise ValidationError(_("A case in the proposal is not (or no longer) due for destruction."))
    with transaction.atomic():
        batches = DestructionBatch.objects.select_for_update()
        # One proposal at a time per organisation (the page offers no second one; the service enforces it).
        if batches.filter(state=DestructionBatch.State.REQUESTED,
                          requested_by__organisation_id=actor.organisation_id).exists():
            raise ValidationError(_("A destruction batch is awaiting approval: decide on it before proposing "
                                    "another."))
        number = (batches.aggregate(n=Max("number"))["n"] or 0) + 1
        chosen = sorted((expired[case_id] for case_id in wanted), key=lambda c: c.reference)
        batch = DestructionBatch.objects.create(
            number=number, case_ids=[str(c.case_id) for c in chosen], case_references=[c.reference for c in chosen],
            requested_by=actor, requested_at=timezone.now(),
        )
    record(action=Action.CREATE, processing_activity=PRIVACY_SUPERVISION, actor=actor,
           object_type="privacy.DestructionBatch", object_id=batch.pk,
           reason=f"destruction batch {number} proposed: {len(chosen)} cases")
    return batch


def batch_decide(*, actor: Any, batch: DestructionBatch, approve: bool) -> DestructionBatch:
    """A second privacy officer approves or rejects a proposed batch; the requester never can."""
    if not has_capability(actor, CAPABILITY) or actor.pk == batch.requested_by_id \
            or actor.organisation_id != batch.requested_by.organisation_id:
        record(action=Action.APPROVE, processing_activity=PRIVACY_SUPERVISION, actor=actor, outcome=Outcome.DENIED,
               object_type="privacy.DestructionBatch", object_id=batch.pk,
               reason="four eyes: only another privacy officer of the same organisation decides a batch")
        raise PermissionDenied(_("A destruction batch is approved by another privacy officer of the same "
                                 "organisation than the requester."))
    with transaction.atomic():
        locked = DestructionBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.state != DestructionBatch.State.REQUESTED:
            raise ValidationError(_("This destruction batch has already been decided."))
        if approve and locked.draft_exported_at is None:
            raise ValidationError(_("Export the draft destruction list for the records manager before approving "
                                    "the batch."))
        locked.state = DestructionBatch.State.APPROVED if approve else DestructionBatch.State.REJECTED
        locked.approved_by, locked.approved_at = actor, timezone.now()
        locked.save(update_fields=["state", "approved_by", "approved_at"])
    record(action=Action.APPROVE, processing_activity=PRIVACY_SUPERVISION, actor=actor,
           object_type="privacy.DestructionBatch", object_id=batch.pk,
           reason=f"destruction batch {locked.number} {'approved' if approve else 'rejected'}")
    return locked


def batch_execute(*, batch_id: Any, actor: Any = None) -> Destroyed:
    """Destroy the approved batch's cases, if today's selection is still exactly that batch."""
    try:
        batch = DestructionBatch.objects.select_related("requested_by", "approved_by").get(pk=batch_id)
    except (DestructionBatch.DoesNotExist, ValidationError, ValueError) as exc:
        raise DestructionRefused(_("There is no destruction batch %(id)s.") % {"id": batch_id}) from exc
    if batch.state != DestructionBatch.State.APPROVED:
        raise DestructionRefused(_("Destruction batch %(number)s is not approved (state: %(state)s).")
                                 % {"number": batch.number, "state": batch.get_state_display()})
    selection = retention_selection(controller_id=batch.requested_by.organisation_id)
    if selection.expired_ids != sorted(batch.case_ids):
        raise DestructionRefused(_("The cases due for destruction today differ from destruction batch %(number)s "
                                   "(%(now)s now, %(batch)s approved): propose and approve a new batch.")
                                 % {"number": batch.number, "now": len(selection.expired),
                                    "batch": len(batch.case_ids)})
    total = Destroyed()
    cases = {case.pk: case for case in Case.objects.select_related("person").filter(pk__in=batch.case_ids)}
    with key_scope():
        for candidate in sorted(selection.expired, key=lambda c: c.reference):
            done = case_destroy(
                case=cases[candidate.case_id], basis=candidate.policy.basis, retention_years=candidate.policy.years,
                actor=actor, batch=batch, reason=f"retention period ended (destruction batch {batch.number})",
                selectielijst_category=candidate.policy.selectielijst_category,
            )
            total.references += done.references
            total.persons, total.rows, total.keys = total.persons + done.persons, total.rows + done.rows, \
                total.keys + done.keys
    from casework.privacy.destruction_statement import statement_pdf

    batch.state, batch.executed_at = DestructionBatch.State.EXECUTED, timezone.now()
    batch.save(update_fields=["state", "executed_at"])
    batch.statement_pdf = statement_pdf(batch)
    batch.save(update_fields=["statement_pdf"])
    return total


# --- erasure on request (AVG 17) ------------------------------------------------------------------


def erase_person(*, actor: Any, person: Person, request: Any) -> Destroyed:
    """Erase a person's dossiers for erasure request `request`, unless a legal duty or a hold forbids it.

    Raises DestructionRefused naming the duty or the held case references (no personal data).
    Called inside the caller's transaction (request_decide), the rows are deleted with it, but the
    data keys are shredded at once, on the key store: should the caller roll back afterwards, the
    rows come back unreadable (erasure fails secure, never half-undone into readable data).
    """
    if not (has_capability(actor, CAPABILITY) or has_capability(actor, "privacy_requests")):
        raise PermissionDenied(_("Only a privacy officer erases a person's data."))
    duty = str(getattr(request, "legal_duty_to_keep", "") or "").strip()
    if duty:
        raise DestructionRefused(_("Not erased: a legal duty to keep is recorded (%(duty)s).") % {"duty": duty})
    cases = list(Case.objects.select_related("person").filter(person=person).order_by("reference"))
    holds = holds_for([case.pk for case in cases], exclude_request_id=getattr(request, "pk", None))
    if holds:
        held = ", ".join(f"{case.reference} ({'; '.join(holds[case.pk])})" for case in cases if case.pk in holds)
        raise DestructionRefused(_("Not erased: a legal hold applies to %(cases)s.") % {"cases": held})
    reason = f"erasure request {getattr(request, 'pk', '')} (AVG art. 17)"
    total = Destroyed()
    with key_scope():
        for case in cases:
            done = case_destroy(case=case, basis=RetentionBasis.ERASURE, retention_years=None, actor=actor,
                                erasure_request_id=getattr(request, "pk", None), reason=reason)
            total.references += done.references
            total.persons, total.rows, total.keys = total.persons + done.persons, total.rows + done.rows, \
                total.keys + done.keys
        if not cases:
            total.persons, total.rows, total.keys = _person_destroy(person=person, actor=actor, reason=reason)
    return total


def _person_destroy(*, person: Person, actor: Any, reason: str) -> tuple[int, int, int]:
    """A person without cases (erasure): their rows and key, unless something else still holds on to them."""
    connection = connections[dossier_rows.ALIAS]
    if dossier_rows.references_to(Person, person.pk):
        raise DestructionRefused(_("Not erased: other records still refer to this person."))
    _secure_delete(connection, True)
    try:
        with transaction.atomic(using=dossier_rows.ALIAS):
            rows = dossier_rows.collect(Person, {person.pk})
            deleted = dossier_rows.delete(rows)
    finally:
        _secure_delete(connection, False)
    _checkpoint(connection)
    keys = {person.data_key_id} | (rows.data_keys - dossier_rows.keys_still_used(rows.data_keys))
    for key_id in keys:
        datakey_destroy(key_id=key_id, dossier_id=person.pk, reason=reason, actor=actor)
    record(action=Action.DESTROY, processing_activity=PRIVACY_SUPERVISION, actor=actor,
           object_type="casework.Person", object_id=person.pk, subject_id=person.pk, reason=reason)
    return 1, deleted, len(keys)


# --- the draft destruction list (for the records manager, before approval) -------------------------

DRAFT_COLUMNS = ("reference", "case_type", "selectielijst_category", "basis", "opened_on", "closed_on",
                 "counted_from", "expires_on", "retention_years")


def batch_draft_rows(*, actor: Any, batch: DestructionBatch) -> list[dict[str, Any]]:
    """The draft destruction list of a proposed batch: case references, categories and dates only (no
    names or BSNs), for the records manager. Exporting it is recorded (one `export` event per case) and
    marks the batch, which can only be approved after the list was exported."""
    require_capability(actor, CAPABILITY)
    if actor.organisation_id != batch.requested_by.organisation_id:
        raise PermissionDenied(_("This destruction batch belongs to another organisation."))
    selection = retention_selection(case_ids=[uuid.UUID(i) for i in batch.case_ids],
                                    controller_id=batch.requested_by.organisation_id)
    candidates = sorted([*selection.expired, *selection.held], key=lambda c: c.reference)
    rows = [{
        "reference": c.reference, "case_type": c.case_type_label, "selectielijst_category":
        c.policy.selectielijst_category, "basis": c.policy.get_basis_display(), "opened_on": c.opened_on,
        "closed_on": c.closed_on, "counted_from": c.counted_from_date, "expires_on": c.expires_on,
        "retention_years": c.policy.years,
    } for c in candidates]
    record_batch(action=Action.EXPORT, processing_activity=PRIVACY_SUPERVISION, actor=actor,
                 reason=f"draft destruction list of batch {batch.number}",
                 targets=[Target(object_type="casework.Case", object_id=c.case_id, case_id=c.case_id,
                                 subject_id=c.person_id) for c in candidates]
                 or [Target(object_type="privacy.DestructionBatch", object_id=batch.pk)])
    if batch.draft_exported_at is None:
        DestructionBatch.objects.filter(pk=batch.pk, draft_exported_at__isnull=True).update(
            draft_exported_at=timezone.now(), draft_exported_by=actor)
        batch.refresh_from_db(fields=["draft_exported_at", "draft_exported_by"])
    return rows
