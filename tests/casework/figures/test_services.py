"""Goals and external figures (casework/figures/services.py and their pages): set, replace, refuse
bad input with nothing saved, refuse other roles, and every change in the audit trail."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import HANDHAVER, PRIVACY_OFFICER, TEAMLEIDER
from audit.models import AuditEvent
from casework.figures import services
from casework.figures.models import ExternalFigure, Goal
from casework.figures.selectors import annual_figures

pytestmark = pytest.mark.django_db(databases="__all__")

@pytest.fixture
def lead(make_user):
    return make_user(role=TEAMLEIDER)


def _events(**filters):
    return AuditEvent.objects.using("audit").filter(**filters)


def test_a_goal_is_set_replaced_and_removed_with_an_event_each(lead):
    goal = services.goal_set(actor=lead, indicator="damocles.premises", year=2025, comparison="gt",
                             value=Decimal(4))
    assert goal.text == "> 4" and goal.met_by(5) is True and goal.met_by(4) is False
    again = services.goal_set(actor=lead, indicator="damocles.premises", year=2025, comparison="gte",
                              value=Decimal("6.5"))
    assert again.pk == goal.pk and Goal.objects.get().text == "≥ 6,5"
    services.goal_remove(actor=lead, goal=again)
    assert not Goal.objects.exists()
    actions = list(_events(object_type="figures.Goal").order_by("sequence").values_list("action", flat=True))
    assert actions == ["create", "update", "delete"]
    assert _events(object_type="figures.Goal").first().processing_activity == "beleidsinformatie"


@pytest.mark.parametrize(("changes", "field"), [
    ({"indicator": "damocles.nonsense"}, "indicator"),
    ({"year": 1999}, "year"),
    ({"comparison": "about"}, "comparison"),
    ({"value": Decimal(-1)}, "value"),
])
def test_bad_goal_input_is_refused_with_nothing_saved(lead, changes, field):
    data = {"indicator": "damocles.premises", "year": 2025, "comparison": "gt", "value": Decimal(4), **changes}
    with pytest.raises(ValidationError) as caught:
        services.goal_set(actor=lead, **data)
    assert field in caught.value.message_dict
    assert not Goal.objects.exists() and not _events(object_type="figures.Goal").exists()


@pytest.mark.parametrize("role", [HANDHAVER, PRIVACY_OFFICER])
def test_only_a_team_lead_sets_goals_and_external_figures(make_user, role):
    user = make_user(role=role)
    with pytest.raises(PermissionDenied):
        services.goal_set(actor=user, indicator="damocles.premises", year=2025, comparison="gt", value=Decimal(4))
    with pytest.raises(PermissionDenied):
        services.external_figure_set(actor=user, kind="veilig_thuis", year=2025, value=10, source="Veilig Thuis")
    assert not Goal.objects.exists() and not ExternalFigure.objects.exists()


def test_an_external_figure_needs_a_source_and_is_replaced_per_year(lead):
    with pytest.raises(ValidationError) as caught:
        services.external_figure_set(actor=lead, kind="veilig_thuis", year=2025, value=10, source="  ")
    assert "source" in caught.value.message_dict and not ExternalFigure.objects.exists()
    with pytest.raises(ValidationError):
        services.external_figure_set(actor=lead, kind="burglaries", year=2025, value=10, source="Politie")
    services.external_figure_set(actor=lead, kind="veilig_thuis", year=2025, value=10, source="Veilig Thuis IJsselland")
    services.external_figure_set(actor=lead, kind="veilig_thuis", year=2025, value=12, source="Veilig Thuis, herzien")
    figure = ExternalFigure.objects.get()
    assert (figure.value, figure.source) == (12, "Veilig Thuis, herzien")
    assert list(_events(object_type="figures.ExternalFigure").order_by("sequence").values_list("action", flat=True)) \
        == ["create", "update"]


def test_goals_and_external_figures_reach_the_published_figures_of_the_own_organisation_only(lead, make_user,
                                                                                              other_organisation):
    services.goal_set(actor=lead, indicator="external.veilig_thuis", year=2025, comparison="lt", value=Decimal(300))
    services.external_figure_set(actor=lead, kind="veilig_thuis", year=2025, value=212, source="Veilig Thuis")
    [veilig_thuis] = [item for item in annual_figures(user=lead, years=[2025]).indicators
                      if item.key == "external.veilig_thuis"]
    [row] = veilig_thuis.rows
    assert row.total.text == "212" and row.goal.text == "< 300" and row.goal_met is True
    assert row.source == "Veilig Thuis"
    foreign = make_user(role=TEAMLEIDER, organisation=other_organisation)
    [row] = [item for item in annual_figures(user=foreign, years=[2025]).indicators
             if item.key == "external.veilig_thuis"][0].rows
    assert row.total.shown is None and row.goal is None


def test_the_goal_page_saves_through_the_form_and_shows_errors(client, login, lead):
    login(client, lead)
    assert client.get("/jaarcijfers/doelen/").status_code == 200
    bad = client.post("/jaarcijfers/doelen/", {"indicator": "damocles.premises", "year": "2025", "comparison": "gt",
                                                "value": "-3"})
    assert bad.status_code == 400 and not Goal.objects.exists()
    done = client.post("/jaarcijfers/doelen/", {"indicator": "damocles.premises", "year": "2025",
                                                 "comparison": "gt", "value": "4"})
    assert done.status_code == 302
    goal = Goal.objects.get()
    assert client.post(f"/jaarcijfers/doelen/{goal.pk}/verwijderen/").status_code == 302
    assert not Goal.objects.exists()


def test_the_external_page_saves_through_the_form(client, login, lead):
    login(client, lead)
    response = client.post("/jaarcijfers/extern/", {"kind": "confused_behaviour", "year": "2024", "value": "87",
                                                    "source": "Politie basisteam, jaarcijfers 2024"})
    assert response.status_code == 302
    assert ExternalFigure.objects.get().value == 87
