"""The written privacy documents stay consistent with the code they describe."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from audit.actions import Action
from casework.privacy import docs

DIRECTORY = docs.docs_directory()


def read(name: str) -> str:
    return (DIRECTORY / name).read_text(encoding="utf-8")


def test_the_logging_policy_names_every_audit_action():
    policy = read("logging-policy.md")
    missing = [action.value for action in Action if f"`{action.value}`" not in policy]
    assert missing == [], f"logging-policy.md does not say when these are logged: {missing}"


def test_the_index_lists_every_privacy_document_and_nothing_else():
    linked = set(re.findall(r"\]\(([\w-]+\.md)\)", read("README.md")))
    present = {path.name for path in DIRECTORY.glob("*.md")} - {"README.md"}
    assert linked == present
    for document in docs.DOCUMENTS:
        assert document.filename in linked


def test_relative_links_between_privacy_documents_resolve():
    for path in DIRECTORY.glob("*.md"):
        for target in re.findall(r"\]\(([^)#:]+\.md)\)", path.read_text(encoding="utf-8")):
            assert (DIRECTORY / target).resolve().exists(), f"{path.name} links to missing {target}"


def test_the_dpia_is_a_draft_for_the_fg_with_the_model_structure():
    dpia = read("dpia.md")
    assert "DRAFT for the data protection officer (FG)" in dpia
    parts = re.findall(r"^## Part ([A-D]) ", dpia, flags=re.MULTILINE)
    assert parts == ["A", "B", "C", "D"]
    points = [int(n) for n in re.findall(r"^### (\d+)\. ", dpia, flags=re.MULTILINE)]
    assert points == list(range(1, 16))  # points 16 (risks) and 17 (measures) are parts C and D


@pytest.mark.parametrize(("document", "url_name"), [
    ("datalek-procedure.md", "audit:user_subjects"),
    ("datalek-procedure.md", "casework:privacy_subject_search"),
    ("datalek-procedure.md", "casework:privacy_reviews"),
    ("datalek-procedure.md", "casework:privacy_sharing_register"),
    ("logging-policy.md", "audit:search"),
])
def test_pages_named_in_the_procedures_exist_at_the_stated_path(document, url_name):
    assert f"`{reverse(url_name)}`" in read(document)


def test_the_retention_periods_named_in_the_dpia_match_the_seeded_schedule():
    dpia, schedule = read("dpia.md"), read("retention-schedule.md")
    for case_type, years in (("PGA case", 2), ("Damocles procedure", 5), ("Holiday-park enforcement", 5)):
        assert re.search(rf"\| {re.escape(case_type)} \| {years} \|", schedule), case_type
    flat = " ".join(dpia.split())
    assert ("PGA 2 years after closure, Damocles 5 years after the closure ended, "
            "park files 5 years after closure") in flat
