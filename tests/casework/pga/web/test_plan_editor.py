"""The plan editor (casework/pga/web/views.py plan_update_view, plan_forms.py): goals and interventions added
and removed with plain posts (full page) or htmx (the editor part), saved as a new plan version with its
interventions as deadline rows, the version check, bad input, and who may not edit."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import KETENPARTNER
from casework.pga import workflow as pga
from casework.pga.casetype import PGA_PLAN
from casework.pga.models import PlanIntervention, PlanVersion
from casework.pga.services import plan_update
from tests.casework.versions_support import version, with_version
from tests.casework.web.actions_support import events
from tests.casework.web.read_support import share_with as share_categories

pytestmark = pytest.mark.django_db(databases="__all__")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def case(case_factory):
    return case_factory(status=pga.PLAN)


@pytest.fixture
def logged_in(client, login, regisseur):
    login(client, regisseur)
    return client


def url(case):
    return reverse("casework:plan_update", kwargs={"case_id": case.pk})


def due(days=30):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def posted(goals, action="save"):
    """The editor's fields for `goals`: [(leefgebied, goal, [(description, organisation, due_on, done)])]."""
    data = {"action": action}
    for n, (domain, text, items) in enumerate(goals):
        data.update({f"g{n}-id": "", f"g{n}-leefgebied": domain, f"g{n}-goal": text})
        for m, (description, organisation, due_on, done) in enumerate(items):
            data.update({f"g{n}-i{m}-id": "", f"g{n}-i{m}-description": description,
                         f"g{n}-i{m}-organisation": str(organisation.pk) if organisation else "",
                         f"g{n}-i{m}-due_on": due_on})
            if done:
                data[f"g{n}-i{m}-done"] = "on"
    return data


def test_editing_buttons_change_the_draft_only_with_and_without_javascript(logged_in, case, partner_org):
    response = logged_in.get(url(case))
    assert response.status_code == 200 and len(response.context["drafts"]) == 1
    draft = posted([("housing", "Woning behouden (test)", [])], action="add-intervention:0")
    full = logged_in.post(url(case), with_version(case, draft))
    html = full.content.decode()
    assert full.status_code == 200 and "<html" in html and "Woning behouden (test)" in html
    assert re.search(r'<input[^>]*autofocus[^>]*id="id_g0-i0-description"', html)
    partial = logged_in.post(url(case), with_version(case, {**draft, "action": "add-goal"}), **HTMX)
    html = partial.content.decode()
    assert partial.status_code == 200 and "<html" not in html and html.count('id="plan-editor"') == 1
    assert 'name="g1-leefgebied"' in html and re.search(r'<select[^>]*autofocus[^>]*id="id_g1-leefgebied"', html)
    items = [("Een", partner_org, due(), False), ("Twee", partner_org, due(), False)]
    two = posted([("housing", "Eerste (test)", items), ("finances", "Tweede (test)", [])],
                 action="remove-intervention:0:0")
    html = logged_in.post(url(case), with_version(case, two), **HTMX).content.decode()
    assert 'value="Twee"' in html and 'value="Een"' not in html
    html = logged_in.post(url(case), with_version(case, {**two, "action": "remove-goal:0"}), **HTMX).content.decode()
    assert "Tweede (test)" in html and "Eerste (test)" not in html and 'name="g0-goal"' in html
    assert not PlanVersion.objects.filter(case=case).exists()
    assert not events(action="create", object_type="pga.PlanVersion").exists()


def test_saving_makes_a_version_whose_open_interventions_are_deadline_rows(logged_in, regisseur, case,
                                                                           partner_org, other_organisation):
    goals = [("housing", "Woning behouden (test)", [("Huurachterstand regelen", partner_org, due(10), False),
                                                    ("Budgetcoach", other_organisation, due(20), True)])]
    response = logged_in.post(url(case), with_version(case, posted(goals)))
    assert response.status_code == 302
    plan = PlanVersion.objects.get(case=case)
    items = plan.goals[0]["interventions"]
    assert [(i["description"], i["partner_id"], i["due_on"], i["done"]) for i in items] == [
        ("Huurachterstand regelen", str(partner_org.pk), due(10), False),
        ("Budgetcoach", str(other_organisation.pk), due(20), True)]
    rows = {row.description: row for row in PlanIntervention.objects.filter(case=case)}
    assert {name: (row.organisation, row.done) for name, row in rows.items()} == {
        "Huurachterstand regelen": (partner_org, False), "Budgetcoach": (other_organisation, True)}
    assert events(action="create", object_type="pga.PlanVersion", reason="plan version 1").count() == 1
    assert events(action="create", object_type="pga.PlanIntervention").count() == 2
    # The page of the saved plan carries the ids: a change keeps the intervention, a removal drops its row.
    page = logged_in.get(url(case))
    assert events(action="view", object_type="pga.PlanVersion", object_id=str(plan.pk)).count() == 1
    data = {key: value for key, value in page.context["drafts"][0].form.initial.items()}
    first_id = page.context["drafts"][0].interventions[0]["id"]
    assert first_id == items[0]["id"] and data["goal"] == "Woning behouden (test)"
    again = posted([("housing", "Woning behouden (test)", [("Huurachterstand regelen", partner_org, due(15), True)])])
    again.update({"g0-id": data["id"], "g0-i0-id": first_id})
    assert logged_in.post(url(case), with_version(case, again)).status_code == 302
    (row,) = PlanIntervention.objects.filter(case=case)
    assert (str(row.key), row.due_on.isoformat(), row.done) == (first_id, due(15), True)
    assert list(PlanVersion.objects.filter(case=case).order_by("number").values_list("number", flat=True)) == [1, 2]
    assert PlanVersion.objects.get(case=case, number=1).goals == plan.goals  # history kept as it was


def test_bad_input_gets_dutch_messages_and_saves_nothing(logged_in, case, partner_org):
    cases = [
        (posted([("housing", "Doel (test)", [("Iets", partner_org, "2999-01-01", False)])]), "g0-i0", "due_on",
         "Kies een datum tussen"),
        (posted([("housing", "Doel (test)", [("Iets", None, due(), False)])]), "g0-i0", "organisation",
         "Dit veld is verplicht."),
        (posted([("", "", [])]), "g0", "leefgebied", "Dit veld is verplicht."),
    ]
    for data, prefix, name, message in cases:
        response = logged_in.post(url(case), with_version(case, data))
        assert response.status_code == 400, prefix
        html = response.content.decode()
        assert message in html and f'href="#id_{prefix}-{name}"' in html
    empty = logged_in.post(url(case), with_version(case, {"action": "save"}))
    assert empty.status_code == 400 and "Het plan heeft minstens één doel nodig." in empty.content.decode()
    assert not PlanVersion.objects.filter(case=case).exists() and not PlanIntervention.objects.exists()


def test_a_stale_form_is_a_conflict_and_keeps_the_input(logged_in, regisseur, case, partner_org):
    read = version(case)
    plan_update(actor=regisseur, case=case, goals=[{"leefgebied": "justice", "goal": "Eerder opgeslagen (test)"}])
    from casework.versions import case_update

    with case_update(case=case, expected_version=read):
        pass
    data = posted([("housing", "Mijn wijziging (test)", [("Iets", partner_org, due(), False)])])
    response = logged_in.post(url(case), {**data, "version": read})
    html = response.content.decode()
    assert response.status_code == 409 and "Iemand anders heeft deze casus gewijzigd" in html
    assert "Mijn wijziging (test)" in html
    assert list(PlanVersion.objects.filter(case=case).values_list("number", flat=True)) == [1]


def test_partners_cannot_open_or_post_the_editor_and_are_logged(client, login, make_user, regisseur, case,
                                                                 partner_org, other_organisation):
    stranger = make_user(role=KETENPARTNER, organisation=other_organisation)
    sharer = make_user(role=KETENPARTNER, organisation=partner_org)
    share_categories(case, regisseur, partner_org, [PGA_PLAN])
    for user in (stranger, sharer):
        login(client, user)
        assert client.get(url(case)).status_code in (403, 404)
        data = posted([("housing", "Niet van mij (test)", [])])
        assert client.post(url(case), with_version(case, data)).status_code in (403, 404)
        assert events(action="access_denied", actor_id=str(user.pk)).count() == 2
    assert not PlanVersion.objects.filter(case=case).exists()
