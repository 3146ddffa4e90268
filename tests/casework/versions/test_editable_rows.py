"""Optimistic concurrency on every editable row, generated from the declared row kinds (casework/versions.py).

For each model classified EDITABLE by the core, a component or a case type (the test-only example type
included), its scenario in scenarios.py updates a row through its web page: with a version read before
someone else changed the case the page answers 409, writes nothing (the row, the case version and the
audit trail's update events stay as they were) and shows the user's input again with the current
version in the hidden field; submitting that form again saves. A model that nobody classified, or an
editable one without a scenario, fails here; the last two tests prove those checks detect a newcomer.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from casework import checks, registry, versions
from casework.models import Case
from casework.registry import EDITABLE
from tests.auditlog import events
from tests.casework.versions.scenarios import SCENARIOS, Cast
from tests.casework.versions_support import version

pytestmark = pytest.mark.django_db(databases="__all__")


def missing_scenarios() -> list[str]:
    return sorted(set(versions.editable_models()) - set(SCENARIOS))


def someone_else_updates(case: Case) -> None:
    """Another user's accepted update in between: the version rises, as with any update of the case."""
    with versions.case_update(case=Case.objects.get(pk=case.pk), expected_version=version(case)):
        pass


def test_every_model_of_a_case_is_classified():
    assert versions.unclassified() == [], "classify these models in `row_kinds` of their case type or component"


def test_every_editable_model_has_a_conflict_scenario():
    assert missing_scenarios() == [], "add a conflict scenario to tests/casework/versions/scenarios.py"


@pytest.mark.parametrize("label", versions.editable_models())
def test_a_stale_write_is_refused_and_keeps_the_input(label, make_user, organisation, client, login):
    scenario = SCENARIOS.get(label)
    if scenario is None:
        pytest.fail(f"{label} is editable but has no conflict scenario")
    edit = scenario(Cast(make_user, organisation))
    login(client, edit.user)
    read = version(edit.case)
    before = edit.state()
    missing = client.post(edit.url, edit.data)  # no version: the form is refused (400; a step page shows 200)
    assert missing.status_code in (200, 400) and edit.state() == before and version(edit.case) == read
    someone_else_updates(edit.case)
    updates = events(action="update").count()
    stale = client.post(edit.url, {**edit.data, "version": read})
    assert stale.status_code == 409, stale.content.decode()[:2000]
    assert edit.state() == before and version(edit.case) == read + 1
    assert events(action="update").count() == updates
    html = stale.content.decode()
    assert edit.kept in html and "Iemand anders heeft deze casus gewijzigd nadat u deze pagina opende" in html
    assert re.search(rf'name="version" value="{read + 1}"', html)
    again = client.post(edit.url, {**edit.data, "version": read + 1})
    assert again.status_code == 302, again.content.decode()[:2000]
    assert edit.state() != before and version(edit.case) == read + 2


@pytest.fixture
def patched_example():
    original = registry.get("example")

    def patch(**changes):
        registry.register(dataclasses.replace(original, **changes))

    yield original, patch
    registry.register(original)


def test_a_new_model_without_a_kind_or_a_scenario_is_detected(patched_example):
    original, patch = patched_example
    patch(field_categories={**original.field_categories, "exampletype.ExampleRemark": {"id": "internal"},
                            "exampletype.ExampleDecision": {"id": "internal"}},
          row_kinds={**original.row_kinds, "exampletype.ExampleDecision": EDITABLE})
    assert versions.unclassified() == ["exampletype.ExampleRemark"]
    assert missing_scenarios() == ["exampletype.ExampleDecision"]
    # start-up (manage.py check, check --deploy) refuses the unclassified model too
    assert [(message.id, message.obj) for message in checks.case_types_complete() if message.id == "casework.E007"] \
        == [("casework.E007", "exampletype.ExampleRemark")]


def test_the_conflict_page_lists_what_changed_since_by_whom_never_a_value(make_user, organisation, client, login):
    """A colleague changed the agreement's status in between: the stale form's page names the change (the row and
    the fields), who made it and when, as the timeline would show this user; the new value itself is not shown."""
    from casework.pga.models import Agreement
    from casework.pga.services.conferences import agreement_update

    edit = SCENARIOS["pga.Agreement"](Cast(make_user, organisation))
    colleague = make_user(role=edit.user.role, team=edit.user.team)
    login(client, edit.user)
    read = version(edit.case)
    agreement = Agreement.objects.get(case=edit.case)
    with versions.case_update(case=Case.objects.get(pk=edit.case.pk), expected_version=read):
        agreement_update(actor=colleague, agreement=agreement, status="done")
    stale = client.post(edit.url, {**edit.data, "version": read})
    assert stale.status_code == 409
    html = stale.content.decode()
    latest = html[html.index("Laatste wijzigingen in deze casus"):]
    assert colleague.display_name in latest and "afspraak gewijzigd (status)" in latest.lower()
    assert "Afgerond" not in latest.split("</ul>")[0]  # the new status (a value) is not shown
