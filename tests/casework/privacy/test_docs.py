"""casework/privacy/docs.py and `privacy_docs`: the generated documents equal what would be written now."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from accounts import roles
from audit.models import ProcessingActivity
from casework.privacy import docs
from casework.privacy.docs_markdown import cell, table
from casework.privacy.docs_matrix import access_matrix
from casework.privacy.docs_register import processing_register, retention_schedule

pytestmark = pytest.mark.django_db(databases="__all__")


def test_the_committed_documents_are_what_privacy_docs_writes_now():
    stale = docs.out_of_date()
    assert stale == [], f"out of date: {stale}; run `python manage.py privacy_docs` and commit docs/privacy/"


def test_check_passes_on_fresh_documents_and_fails_on_an_edited_or_missing_one(tmp_path, capsys):
    call_command("privacy_docs", "--directory", str(tmp_path))
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(d.filename for d in docs.DOCUMENTS)
    call_command("privacy_docs", "--check", "--directory", str(tmp_path))
    assert "up to date" in capsys.readouterr().out

    register = tmp_path / "processing-register.md"
    register.write_text(register.read_text(encoding="utf-8") + "\nA line edited by hand.\n", encoding="utf-8")
    (tmp_path / "access-matrix.md").unlink()
    with pytest.raises(CommandError) as refused:
        call_command("privacy_docs", "--check", "--directory", str(tmp_path))
    assert "processing-register.md" in str(refused.value) and "access-matrix.md" in str(refused.value)
    assert "retention-schedule.md" not in str(refused.value)
    assert not (tmp_path / "access-matrix.md").exists()  # --check writes nothing

    call_command("privacy_docs", "--directory", str(tmp_path))
    assert docs.out_of_date(tmp_path) == []


def test_the_register_document_follows_the_register_data(tmp_path):
    docs.write_all(tmp_path)
    activity = ProcessingActivity.objects.get(code="damocles")
    activity.purpose = "A purpose changed by the privacy officer | with a pipe\nand a line break."
    activity.save()
    ProcessingActivity.objects.create(
        code="test-new-activity", name="A new activity (test)", purpose="Testing.", legal_basis="AVG art. 6(1)(e)",
        data_categories="none", subject_categories="none", retention="1 year", is_active=False,
    )
    text = processing_register()
    assert "A purpose changed by the privacy officer \\| with a pipe and a line break." in text
    assert "## A new activity (test)" in text and "| `test-new-activity` | A new activity (test) |" in text
    assert docs.out_of_date(tmp_path) == ["processing-register.md"]


def test_every_register_entry_and_every_field_is_in_the_document():
    text = processing_register()
    activities = list(ProcessingActivity.objects.all())
    assert len(activities) >= 7
    for activity in activities:
        assert f"## {activity.name}" in text
        for field in ("purpose", "legal_basis", "data_categories", "subject_categories", "retention"):
            assert cell(getattr(activity, field)) in text


def test_the_retention_schedule_follows_the_retention_periods():
    from casework.privacy.models import RetentionPolicy

    seeded = list(RetentionPolicy.objects.all())
    assert {policy.case_type for policy in seeded} >= {"pga", "damocles"}
    policy = seeded[0]
    policy.explanation = "Explanation changed for the test."
    policy.save()
    assert "Explanation changed for the test." in retention_schedule()


def test_the_matrix_is_rendered_from_the_capability_table(monkeypatch):
    changed = roles.Capability("test_capability", "a capability made up by the test", frozenset({roles.HANDHAVER}),
                               ("dashboard",), "test scope")
    monkeypatch.setattr("casework.privacy.docs_matrix.CAPABILITIES", (*roles.CAPABILITIES, changed))
    with translation.override("en"):
        text = access_matrix()
    assert "| a capability made up by the test |  | ✔ |  |  |  | test scope | `/` | `test_capability` |" in text


def test_documents_are_english_whatever_the_active_language():
    with translation.override("nl"):
        text = docs.render(docs.DOCUMENTS[1])
    assert "Process director" in text and "case list and case search" in text


def test_table_cells_never_break_the_table():
    assert cell("a | b\n c") == "a \\| b c"
    assert table(("x", "y"), [("1", "2|3")]).splitlines() == ["| x | y |", "|---|---|", "| 1 | 2\\|3 |"]
