"""Generators of the privacy documents that must never drift from the data or the code.

`python manage.py privacy_docs` writes them into docs/privacy/; `--check` exits non-zero when a
document differs from what would be written now (tests/casework/privacy/test_docs.py runs the
same comparison). Generated, so not edited by hand:

- processing-register.md from the register of processing activities (`audit.ProcessingActivity`
  rows: as seeded by audit/migrations/0003 and then kept by the privacy officer);
- access-matrix.md from the capability table (`accounts.roles.CAPABILITIES`), the paths to a case
  (casework/access.py) and the workflow tables (`casework.workflow.WORKFLOWS`);
- retention-schedule.md from the retention periods (`privacy.RetentionPolicy`) when that model is
  installed.

Output is deterministic (no dates of generation) and in English whatever the active language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import translation

from casework.privacy.docs_matrix import access_matrix
from casework.privacy.docs_register import processing_register, retention_schedule


@dataclass(frozen=True)
class Document:
    filename: str
    render: Callable[[], str]


DOCUMENTS: tuple[Document, ...] = (
    Document("processing-register.md", processing_register),
    Document("access-matrix.md", access_matrix),
    Document("retention-schedule.md", retention_schedule),
)


def docs_directory() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "privacy"


def render(document: Document) -> str:
    with translation.override("en"):
        text = document.render()
    return text.rstrip("\n") + "\n"


def render_all(documents: Iterable[Document] = DOCUMENTS) -> dict[str, str]:
    return {document.filename: render(document) for document in documents}


def out_of_date(directory: Path | None = None) -> list[str]:
    """File names whose content differs from what would be generated now (missing counts)."""
    directory = directory or docs_directory()
    stale = []
    for filename, text in render_all().items():
        path = directory / filename
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(filename)
    return stale


def write_all(directory: Path | None = None) -> list[str]:
    """Write every generated document; returns the file names that changed."""
    directory = directory or docs_directory()
    directory.mkdir(parents=True, exist_ok=True)
    changed = []
    for filename, text in render_all().items():
        path = directory / filename
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(filename)
    return changed
