"""The categories of the documents' fields (casework/categories.py) and the documents' line in the access matrix.

A document's existence (its category, organisation, dates, version numbers) is metadata of its case
that only those who see the document's own category are shown (the selectors filter on `category`);
its title, its file names and its files are kept under that category, which the row records. The static
table below says NOTES for them (the coverage check needs one category per field); every read goes
through `casework.documents.selectors`, which checks the row's own category.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.roles import CASE_ROLES, Capability
from casework import registry
from casework.categories import INTERNAL, METADATA, NOTES, for_case_type

NOT_OFFERED = (METADATA, INTERNAL)

CAPABILITY = Capability(
    "documents", _("documents of a case: read, download, upload, new versions, withdraw"), CASE_ROLES, (),
    _("only documents in a category the user sees; upload: own and team cases, a partner only in a category shared "
      "with its organisation; withdraw: the uploader or the case owner"),
)

FIELD_CATEGORIES: dict[str, dict[str, str]] = {
    "documents.Document": {
        "id": INTERNAL, "data_key_id": INTERNAL, "category": INTERNAL, "case": METADATA,
        "organisation": METADATA, "processing_activity": METADATA, "created_by": METADATA, "created_at": METADATA,
        "withdrawn_at": METADATA, "withdrawn_by": METADATA, "withdraw_reason": NOTES, "title": NOTES,
    },
    "documents.DocumentVersion": {
        "id": INTERNAL, "data_key_id": INTERNAL, "document": METADATA, "case": METADATA, "number": METADATA,
        "content_type": METADATA, "size": METADATA, "organisation": METADATA, "processing_activity": METADATA,
        "created_by": METADATA, "created_at": METADATA, "filename": NOTES, "file": NOTES,
    },
}


def document_categories(case_type: str) -> tuple[str, ...]:
    """The categories a document of this case type can be kept under: the type's own choice
    (`CaseTypeSpec.document_categories`), else every category of the type but metadata."""
    spec = registry.find(case_type)
    chosen = tuple(spec.document_categories) if spec is not None and spec.document_categories else ()
    return tuple(code for code in (chosen or for_case_type(case_type)) if code not in NOT_OFFERED)
