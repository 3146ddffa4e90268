"""Writing documents: upload a document, add a version, withdraw one. Each write is audited (the
history of the row, under the processing activity it records) and leaves nothing half-saved: the
file is checked before anything is written, and removed again when the rows cannot be saved.

Who uploads (`upload_activity`):
- whoever may change the case (owner, team, a change grant): in any document category of its type,
  under the case type's processing activity; not on a closed case;
- a ketenpartner on a shared case: only in a category a live sharing decision shares with its
  organisation, under that decision's processing activity (the partner supplies it under it);
- nobody else (a team lead supervises, break-the-glass reads): refused and recorded.
A new version of a document: the same rule for its category; a partner only for a document its own
organisation brought in. Withdrawing: the uploader (a partner while its share lasts) or the case
owner, with a reason. Withdrawal is soft: the rows and files stay with the dossier until it is
destroyed (crypto-shredding by the case's key; casework/privacy/destruction.py removes the files).
"""

from __future__ import annotations

import os
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.history import save_with_reason
from audit.labels import activity_names
from casework import access, bounds, uploads
from casework import categories as case_categories
from casework.documents.categories import document_categories
from casework.documents.models import Document, DocumentVersion
from casework.live_shares import choose_share
from casework.live_shares import live_shares as core_live_shares
from casework.models import Case, SharingDecision, processing_activity_of
from encryption.storage import sealed_content

MAX_BYTES = 20 * 1024 * 1024


def live_shares(user: Any, case: Case, category: str) -> list[SharingDecision]:
    """The sharing decisions that share `category` of `case` with `user`'s organisation today, oldest first
    (the first decision's activity is the default; casework/live_shares.py finds them)."""
    return core_live_shares(organisation_id=user.organisation_id, case=case, category=category)[::-1]


def _refuse(actor: Any, case: Case, what: str, message: str) -> PermissionDenied:
    access.record_denial(actor, case, what)
    return PermissionDenied(message)


def _require_open(case: Case) -> None:
    """A closed case is read-only for everyone, a partner with a share still in force included."""
    if case.is_closed:
        raise PermissionDenied(_("This case is closed and read-only. Reopen it first."))


def upload_activity(*, actor: Any, case: Case, category: str, processing_activity: str = "",
                    case_access: access.CaseAccess | None = None) -> str:
    """The processing activity under which `actor` may bring a document of `category` into `case`;
    refused (403, recorded) for anyone else. `processing_activity`: a partner's choice among the
    activities of its live sharing decisions, needed when they name more than one (casework.live_shares)."""
    found = case_access if case_access is not None else access.case_access(actor, case)
    if category not in document_categories(case.case_type):
        raise ValidationError({"category": _("Choose a category this case type keeps documents under.")})
    _require_open(case)
    if found.allows(access.CHANGE):
        return processing_activity_of(case)
    if found.via == "share" and found.sees(category):
        shares = live_shares(actor, case, category)
        if shares:  # one activity: that one; several: the partner chooses (a field error without a choice)
            return choose_share(shares, processing_activity).processing_activity
    raise _refuse(actor, case, f"upload:{category}",
                  _("You may not add documents in this category to this case."))


def _organisation_id(actor: User) -> uuid.UUID:
    """The uploader's organisation (every path that allows an upload needs one: casework/access.py)."""
    if actor.organisation_id is None:
        raise PermissionDenied(_("You may not add documents in this category to this case."))
    return actor.organisation_id


def _check_file(upload: Any) -> uploads.CheckedUpload:
    try:
        return uploads.check_upload(upload, accepted=uploads.DOCUMENT_TYPES, name="document", max_bytes=MAX_BYTES)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc


def _filename(name: str, checked: uploads.CheckedUpload) -> str:
    """The name the uploader gave (without folders), with the extension of the checked type."""
    stem = os.path.splitext(os.path.basename((name or "").replace("\\", "/")))[0].strip()
    stem = "".join(ch for ch in stem if ch.isprintable())[:150] or _("document")
    return f"{stem}.{checked.extension}"


def _title(title: str) -> str:
    clean = (title or "").strip()
    if not clean:
        raise ValidationError({"title": _("Give the document a title.")})
    if "\x00" in clean:
        raise ValidationError({"title": _("The title contains characters that are not allowed.")})
    bounds.raise_errors(bounds.lengths({"title": clean}, bounds.NAME))
    return clean


def _store(*, actor: User, document: Document, checked: uploads.CheckedUpload, filename: str,
           activity: str, number: int, reason: str) -> DocumentVersion:
    """The version row with its sealed file; the file is removed again when the row cannot be saved.

    Everything that can refuse (access, title, the file's content) runs before this, so the file is
    written last; the one write after it is the row, and a failure there deletes the file."""
    version = DocumentVersion(document=document, case_id=document.case_id, data_key_id=document.data_key_id,
                              number=number, content_type=checked.content_type, size=len(checked.content),
                              filename=_filename(filename, checked), organisation_id=_organisation_id(actor),
                              processing_activity=activity, created_by=actor)
    version.file.save(f"{uuid.uuid4()}.bin", sealed_content(checked.content, data_key_id=document.data_key_id,
                                                             owner_id=version.id), save=False)
    stored = version.file.name
    try:
        save_with_reason(version, reason=reason, user=actor)
    except Exception:
        version.file.storage.delete(stored)
        raise
    return version


@transaction.atomic
def document_upload(*, actor: User, case: Case, title: str, category: str, upload: Any, filename: str = "",
                    processing_activity: str = "") -> Document:
    """A new document with its first version; refused (403, recorded) for who may not upload in `category`."""
    activity = upload_activity(actor=actor, case=case, category=category, processing_activity=processing_activity)
    clean_title = _title(title)
    checked = _check_file(upload)
    document = Document(case=case, data_key_id=case.data_key_id, title=clean_title, category=category,
                        organisation_id=_organisation_id(actor), processing_activity=activity, created_by=actor)
    save_with_reason(document, reason=f"document added category:{category} organisation:{document.organisation_id}",
                     user=actor)
    _store(actor=actor, document=document, checked=checked, filename=filename, activity=activity, number=1,
           reason=f"document version 1 uploaded category:{category}")
    return document


@transaction.atomic
def document_version_add(*, actor: User, document: Document, upload: Any, filename: str = "") -> DocumentVersion:
    """A new version of `document` (numbered after the last, under a lock on the case row)."""
    case = Case.objects.select_for_update().get(pk=document.case_id)
    found = access.case_access(actor, case)
    activity = upload_activity(actor=actor, case=case, category=document.category, case_access=found)
    if found.via == "share" and document.organisation_id != actor.organisation_id:
        raise _refuse(actor, case, f"upload:{document.category}",
                      _("Only the organisation that added this document may add a version."))
    if document.withdrawn:
        raise ValidationError({"file": _("This document was withdrawn; add a new document instead.")})
    checked = _check_file(upload)
    last = document.versions.aggregate(last=Max("number"))["last"] or 0
    return _store(actor=actor, document=document, checked=checked, filename=filename, activity=activity,
                  number=last + 1, reason=f"document version {last + 1} uploaded category:{document.category}")


@transaction.atomic
def document_withdraw(*, actor: User, document: Document, reason: str) -> Document:
    """Withdraw a document (soft): by its uploader or the case owner, with a reason; recorded."""
    case = document.case
    found = access.case_access(actor, case)
    if document.withdrawn:
        raise ValidationError(_("This document was already withdrawn."))
    _require_open(case)
    if not may_withdraw(user=actor, document=document, case_access=found):
        raise _refuse(actor, case, f"withdraw:{document.category}",
                      _("Only who added the document or the case owner may withdraw it."))
    clean = (reason or "").strip()
    if not clean:
        raise ValidationError({"reason": _("State why the document is withdrawn.")})
    bounds.raise_errors(bounds.lengths({"reason": clean}, bounds.LINE))
    document.withdrawn_at, document.withdrawn_by, document.withdraw_reason = timezone.now(), actor, clean
    save_with_reason(document, reason=f"document withdrawn category:{document.category}", user=actor)
    return document


def upload_choices(*, user: Any, case: Case,
                   case_access: access.CaseAccess) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The (code, label) categories `user` may upload in, and for a partner the processing activities of its
    live sharing decisions (empty for the case's own organisation: the case type's activity applies)."""
    offered = document_categories(case.case_type)
    if case.is_closed:
        return [], []
    if case_access.allows(access.CHANGE):
        return [(code, case_categories.label_of(code)) for code in offered], []
    if case_access.via != "share":
        return [], []
    allowed = [code for code in offered if case_access.sees(code)]
    codes = dict.fromkeys(share.processing_activity for code in allowed for share in live_shares(user, case, code))
    names = activity_names()
    return [(code, case_categories.label_of(code)) for code in allowed], [(c, names.get(c, c)) for c in codes]


def may_withdraw(*, user: Any, document: Document, case_access: access.CaseAccess) -> bool:
    if document.withdrawn or document.case.is_closed:
        return False
    if document.created_by_id == user.pk and (case_access.allows(access.CHANGE) or case_access.sees(document.category)):
        return True
    return bool(document.case.owner_id == user.pk and case_access.allows(access.CHANGE))


def may_add_version(*, user: Any, document: Document, case_access: access.CaseAccess) -> bool:
    if document.withdrawn or document.case.is_closed:
        return False
    if case_access.allows(access.CHANGE):
        return True
    return (case_access.via == "share" and case_access.sees(document.category)
            and document.organisation_id == user.organisation_id)
