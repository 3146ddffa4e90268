"""The example case type's registration: every provider the core asks for, and nothing more."""

from __future__ import annotations

from django.db.models import Q

from casework.categories import INTERNAL, METADATA, NOTES, PERSONALIA
from casework.registry import CREATED, EDITABLE, CaseTypeSpec, Category, HoldRule, PersonRole, RetentionDefault
from tests.testapps.exampletype.models import PROCESSING_ACTIVITY

CASE_TYPE = "example"
EXAMPLE_DETAILS = "example_details"
EXAMPLE_SOURCES = "example_sources"
_ID = {"id": INTERNAL, "data_key_id": INTERNAL}

SPEC = CaseTypeSpec(
    code=CASE_TYPE,
    label="Example case (tests only)",
    app_label="exampletype",
    reference_prefix="EXM",
    processing_activity=PROCESSING_ACTIVITY,
    detail_model="exampletype.ExampleFile",
    workflow="tests.testapps.exampletype.workflow:WORKFLOW",
    categories=(Category(EXAMPLE_DETAILS, "Example details"),
                Category(EXAMPLE_SOURCES, "Example sources (shielded)", shielded=True)),
    field_categories={
        "exampletype.ExampleFile": {**_ID, "case": METADATA, "summary": EXAMPLE_DETAILS},
        "exampletype.ExampleParty": {**_ID, "case": PERSONALIA, "person": PERSONALIA, "note": NOTES},
        "exampletype.ExampleSource": {**_ID, "case": EXAMPLE_SOURCES, "person": EXAMPLE_SOURCES,
                                      "statement": EXAMPLE_SOURCES},
        "exampletype.ExampleObjection": {**_ID, "case": EXAMPLE_DETAILS, "pending": EXAMPLE_DETAILS,
                                         "due_on": EXAMPLE_DETAILS},
    },
    history_sources=(
        ("exampletype.ExampleFile", "case_id", EXAMPLE_DETAILS),
        ("exampletype.ExampleObjection", "case_id", EXAMPLE_DETAILS),
        ("exampletype.ExampleSource", "case_id", EXAMPLE_SOURCES),
    ),
    case_section="tests.testapps.exampletype.providers:case_section",
    deadlines="tests.testapps.exampletype.providers:deadlines",
    dashboard="tests.testapps.exampletype.providers:dashboard",
    figures="tests.testapps.exampletype.providers:figures",
    work_queue="tests.testapps.exampletype.providers:work_queue",
    inzage="casework.privacy.inzage_content:generic_items",
    person_roles=(PersonRole("exampletype.ExampleParty", "person", "party", "party"),
                  PersonRole("exampletype.ExampleSource", "person", "melder", "melder", shielded=True,
                             category=EXAMPLE_SOURCES)),
    hold_rules=(HoldRule("exampletype.ExampleObjection", Q(pending=True), "example objection pending"),),
    retention=RetentionDefault(years=1, basis="slgio-zorg-veiligheid", selectielijst_category="0.0.0"),
    demo="tests.testapps.exampletype.providers:demo",
    web_urls="tests.testapps.exampletype.web",
    api_urls="tests.testapps.exampletype.urls",
    navigation=(),
    capabilities=(),
    example=True,
    row_kinds={
        "exampletype.ExampleFile": CREATED, "exampletype.ExampleParty": CREATED, "exampletype.ExampleSource": CREATED,
        "exampletype.ExampleObjection": EDITABLE,
    },
)
