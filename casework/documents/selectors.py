"""Reading documents: what a user sees follows each document's own category.

Who sees the category (a direct path to the case sees every category; a partner those a live sharing
decision shares with its organisation) sees the document, its versions and their files; nobody else
learns that it exists. A withdrawn document stays visible, marked, to the case's own organisation
only (partners no longer see it). Downloads record one `export` event each (case, category, version)
before any byte is sent; a refusal records an `access_denied` event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from audit import record
from audit.actions import Action
from casework import access, presence
from casework.categories import label_of
from casework.contributions import TimelineEntry
from casework.documents.categories import document_categories
from casework.documents.models import Document, DocumentVersion
from casework.models import Case, processing_activity_of
from encryption.preload import preload_keys


def visible(*, case: Case, case_access: access.CaseAccess) -> QuerySet[Document]:
    """The documents of `case` whose category `case_access` sees (withdrawn ones only for direct access)."""
    seen = [code for code in document_categories(case.case_type) if case_access.sees(code)]
    rows = Document.objects.filter(case=case, category__in=seen)
    if case_access.via in ("share", ""):
        rows = rows.filter(withdrawn_at__isnull=True)
    return rows


@dataclass(frozen=True)
class DocumentRow:
    document: Document
    version_count: int
    latest: int

    @property
    def category_label(self) -> str:
        return label_of(self.document.category)


def documents_of(*, case: Case, case_access: access.CaseAccess) -> list[DocumentRow]:
    """The list on the case and documents pages: newest first, with version count; a fixed number of queries."""
    if not presence.has_rows(case, Document):
        return []
    rows = list(visible(case=case, case_access=case_access)
                .select_related("organisation", "created_by")
                .annotate(version_count=Count("versions"), latest=Max("versions__number"))
                .order_by("-created_at", "id"))
    preload_keys(rows)
    return [DocumentRow(document=row, version_count=row.version_count, latest=row.latest or 0) for row in rows]


def document_for(*, user: Any, case: Case, document_id: Any,
                 case_access: access.CaseAccess | None = None) -> Document:
    """One document of `case` the user sees; 404 when it is not of the case, 403 (recorded) when its
    category is not seen."""
    found = case_access if case_access is not None else access.case_access(user, case)
    document = Document.objects.select_related("case", "organisation", "created_by").filter(
        pk=document_id, case=case).first()
    if document is None:
        raise Http404
    if not found.sees(document.category) or (document.withdrawn and found.via == "share"):
        access.record_denial(user, case, f"view:{document.category}")
        raise PermissionDenied(_("You do not have access to this part of the case."))
    return document


def versions_of(document: Document) -> list[DocumentVersion]:
    rows = list(document.versions.select_related("organisation", "created_by").order_by("-number"))
    preload_keys(rows)
    return rows


def version_open(*, user: Any, document: Document, number: int) -> tuple[DocumentVersion, bytes]:
    """The version's row and plaintext, after the caller's `document_for`; one `export` event recorded first."""
    version = document.versions.filter(number=number).first()
    if version is None or not version.file.storage.exists(version.file.name):
        raise Http404  # no such version, or its file is gone from storage (logged by the caller's 404)
    case = document.case
    # Under the case's processing activity, as every other read of the case (web and API); the document keeps
    # the activity it was supplied under as its own data.
    record(action=Action.EXPORT, processing_activity=processing_activity_of(case),
           object_type="documents.DocumentVersion", object_id=version.pk, case_id=case.pk, subject_id=case.person_id,
           reason=f"document download category:{document.category} version:{number}", actor=user)
    content = version.file.storage.open_for(version.file.name, owner_id=version.pk).read()
    return version, content


def timeline(*, case: Case, case_access: access.CaseAccess) -> list[TimelineEntry]:
    """One entry per uploaded version and per withdrawal, with the organisation, for who sees the category."""
    if not presence.has_rows(case, Document):
        return []
    versions = list(DocumentVersion.objects.filter(document__in=visible(case=case, case_access=case_access))
                    .select_related("document", "document__withdrawn_by", "organisation", "created_by")
                    .order_by("created_at"))
    preload_keys([*versions, *{v.document_id: v.document for v in versions}.values()])
    entries = [TimelineEntry(at=v.created_at, kind="document", obj=v, by=v.created_by.display_name,
                             template="documents/_timeline_entry.html",
                             detail={"title": v.document.title, "number": v.number, "organisation": v.organisation.name,
                                     "category": label_of(v.document.category)})
               for v in versions]
    withdrawn = {v.document_id: v.document for v in versions if v.document.withdrawn}
    entries += [TimelineEntry(at=d.withdrawn_at, kind="document_withdrawn", obj=d,
                              by=d.withdrawn_by.display_name if d.withdrawn_by else "",
                              template="documents/_timeline_entry.html",
                              detail={"title": d.title, "withdrawn": True, "reason": d.withdraw_reason,
                                      "category": label_of(d.category)})
                for d in withdrawn.values() if d.withdrawn_at is not None]
    return entries
