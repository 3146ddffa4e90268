"""Changes to a Damocles procedure's own rows appear on the case timeline, per sharing category."""

from __future__ import annotations

import pytest

from casework.remedies.component import REMEDIES
from tests.casework.damocles.web.support import share_with
from tests.casework.damocles.web.test_case_page import decided  # noqa: F401  (fixture)
from tests.casework.support import case_url

pytestmark = pytest.mark.django_db(databases="__all__")


def timeline_models(response) -> set[str]:
    return {entry.detail.get("model") for entry in response.context["page"].timeline if entry.kind == "change"}


def test_owner_sees_changes_of_the_procedure_report_and_announcements(client, login, handhaver, decided):  # noqa: F811
    login(client, handhaver)
    models = timeline_models(client.get(case_url(decided)))
    assert {"Damocles-procedure", "politierapportage", "bekendmaking"} <= models


def test_partner_sees_only_history_of_shared_categories(client, login, handhaver, partner, partner_org,
                                                         decided):  # noqa: F811
    share_with(decided, actor=handhaver, partner_org=partner_org, categories=[REMEDIES])
    login(client, partner)
    models = timeline_models(client.get(case_url(decided)))
    assert "bekendmaking" in models
    assert not {"Damocles-procedure", "politierapportage"} & models


def test_a_pga_case_page_does_not_query_damocles_history(client, login, make_user):
    from tests.conftest import count_queries
    from tests.factories.casework import make_pga_case

    owner = make_user(role="procesregisseur")
    case = make_pga_case(owner=owner)
    login(client, owner)
    client.get(case_url(case))
    with count_queries() as queries:
        client.get(case_url(case))
    assert not any("damocles_" in query["sql"] for query in queries)
