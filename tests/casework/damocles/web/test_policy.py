"""Maintaining the policy table (casework/damocles/services/policy_table.py, web/views/policy.py): a team lead adds
a version with a date of effect; officers read; nothing is saved on bad input; the creation is audited.

Assertions look at field names, not texts: the messages are English msgids shipped in Dutch.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from casework.damocles.models import PolicyVersion
from casework.damocles.policy import policy_in_force
from casework.damocles.services.policy_table import policy_version_create
from casework.damocles.web.forms.policy import TIER_ROWS
from tests.casework.damocles.web.support import events

pytestmark = pytest.mark.django_db(databases="__all__")
LIST, NEW = reverse("casework:damocles_policy_list"), reverse("casework:damocles_policy_create")
SEEDED = date(2017, 1, 1)


def tier(**overrides):
    return {"substance": "harddrugs", "unit": "g", "min_amount": "0.5", "max_amount": None,
            "label": "harddrugs > 0,5 g (test)", "first_sanction": "closure", "first_days": 91,
            "second_sanction": "closure", "second_days": 182, "third_sanction": "closure", "third_days": 365,
            **overrides}


def later(days: int = 30) -> date:
    return timezone.localdate() + timedelta(days=days)


def create(actor, **overrides):
    arguments = {"name": "Beleidsregels 13b (test)", "effective_from": later(), "lookback_years": 3,
                 "source": "testbesluit", "tiers": [tier()], **overrides}
    return policy_version_create(actor=actor, **arguments)


def form_data(effective_from=None, rows=None):
    """POST data for the new-version page: the given rows by number, every other row empty."""
    data = {"name": "Beleidsregels 13b (test)", "effective_from": (effective_from or later()).isoformat(),
            "lookback_years": "5", "source": ""}
    for n in range(1, TIER_ROWS + 1):
        row = (rows if rows is not None else {1: tier()}).get(n, {})
        for part in ("substance", "unit", "min_amount", "max_amount", "label", "first_sanction", "first_days",
                     "second_sanction", "second_days", "third_sanction", "third_days"):
            value = row.get(part)
            data[f"tier{n}_{part}"] = "" if value is None else str(value)
    return data


def created_events():
    return events(action="create", object_type="damocles.PolicyVersion")


# --- the service --------------------------------------------------------------------------------

def test_a_new_version_is_in_force_from_its_date_on_and_the_old_one_before(lead):
    starts = later(10)
    version = create(lead, effective_from=starts)
    assert policy_in_force(starts) == version
    assert policy_in_force(starts + timedelta(days=400)) == version
    assert policy_in_force(starts - timedelta(days=1)).effective_from == SEEDED
    assert version.lookback_years == 3 and version.tiers.get().third_days == 365
    event = created_events().get(object_id=str(version.pk))
    assert event.actor_id == str(lead.pk) and event.processing_activity == "damocles" and event.subject_pseudonym == ""


def test_a_version_may_start_today(lead):
    version = create(lead, effective_from=timezone.localdate())
    assert policy_in_force(timezone.localdate()) == version


def test_only_a_team_lead_adds_a_version(handhaver, regisseur):
    for user in (handhaver, regisseur):
        with pytest.raises(PermissionDenied):
            create(user)
    assert PolicyVersion.objects.count() == 1 and not created_events().exists()


@pytest.mark.parametrize(("overrides", "key"), [
    ({"effective_from": SEEDED}, "effective_from"),  # duplicate, and in the past
    ({"effective_from": date.today() - timedelta(days=3)}, "effective_from"),
    ({"tiers": []}, "tiers"),
    ({"lookback_years": 0}, "lookback_years"),
    ({"tiers": [tier(first_days=None)]}, "tiers.0.first_days"),
    ({"tiers": [tier(second_sanction="warning", second_days=28)]}, "tiers.0.second_days"),
    ({"tiers": [tier(min_amount="5", max_amount="5")]}, "tiers.0.max_amount"),
    ({"tiers": [tier(substance="cocaine")]}, "tiers.0.substance"),
    ({"tiers": [tier(unit="plants")]}, "tiers.0.unit"),
    ({"tiers": [tier(), tier(min_amount="0", max_amount="1")]}, "tiers.1.min_amount"),  # overlaps tier 1
])
def test_bad_input_is_refused_and_nothing_is_saved(lead, overrides, key):
    with pytest.raises(ValidationError) as refused:
        create(lead, **overrides)
    assert key in refused.value.message_dict
    assert PolicyVersion.objects.count() == 1 and not created_events().exists()


def test_a_duplicate_future_date_is_refused(lead):
    create(lead, effective_from=later(5))
    with pytest.raises(ValidationError) as refused:
        create(lead, effective_from=later(5))
    assert list(refused.value.message_dict) == ["effective_from"]
    assert PolicyVersion.objects.count() == 2 and created_events().count() == 1


# --- the pages ----------------------------------------------------------------------------------

def test_officers_and_team_leads_read_the_table_with_the_version_in_force_marked(client, login, handhaver, lead):
    future = create(lead, effective_from=later(20))
    for user, may_edit in ((handhaver, False), (lead, True)):
        login(client, user)
        response = client.get(LIST)
        assert response.status_code == 200
        assert [v.pk for v in response.context["versions"]] == [future.pk, response.context["in_force"].pk]
        assert response.context["in_force"].effective_from == SEEDED
        assert response.content.decode().count("<caption") == 2
        assert (NEW in response.content.decode()) is may_edit
        detail = client.get(reverse("casework:damocles_policy_detail", kwargs={"version_id": future.pk}))
        assert detail.status_code == 200 and "harddrugs &gt; 0,5 g (test)" in detail.content.decode()
        assert reverse("casework:damocles_policy_list") in client.get(reverse("dashboard")).content.decode()


def test_other_roles_are_refused_and_the_refusal_is_audited(client, login, handhaver, regisseur):
    login(client, regisseur)
    for url in (LIST, NEW):
        assert client.get(url).status_code == 403
    login(client, handhaver)
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, form_data()).status_code == 403
    refused = events(action="access_denied", object_type__startswith="view:casework:damocles_policy")
    assert refused.count() == 4
    assert set(refused.values_list("actor_id", flat=True)) == {str(regisseur.pk), str(handhaver.pk)}
    assert PolicyVersion.objects.count() == 1 and not created_events().exists()


def test_the_form_starts_from_the_version_in_force(client, login, lead):
    login(client, lead)
    response = client.get(NEW)
    assert response.status_code == 200
    form = response.context["form"]
    labels = {form[f"tier{n}_label"].value() for n in range(1, TIER_ROWS + 1)} - {None}
    assert labels == set(PolicyVersion.objects.get(effective_from=SEEDED).tiers.values_list("label", flat=True))
    assert form["lookback_years"].value() == 5 and not form["effective_from"].value()


def test_a_team_lead_adds_a_version_through_the_form(client, login, lead):
    login(client, lead)
    starts = later(14)
    rows = {1: tier(), 4: tier(substance="softdrugs", min_amount="5", max_amount="30", label="soft (test)",
                               first_sanction="warning", first_days=None)}
    response = client.post(NEW, form_data(starts, rows))
    version = PolicyVersion.objects.get(effective_from=starts)
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:damocles_policy_detail", kwargs={"version_id": version.pk})
    assert sorted(version.tiers.values_list("label", flat=True)) == ["harddrugs > 0,5 g (test)", "soft (test)"]
    assert created_events().filter(object_id=str(version.pk), actor_id=str(lead.pk)).count() == 1


@pytest.mark.parametrize(("effective_from", "rows", "field"), [
    (SEEDED, None, "effective_from"),  # duplicate date
    (date.today() - timedelta(days=3), None, "effective_from"),  # in the past
    (date(9999, 12, 31), None, "effective_from"),  # past the planning window (accepted before: the hostile sweep)
    (None, {1: tier(), 3: tier(substance="softdrugs", min_amount="5", max_amount="30", label="soft",
                               first_sanction="closure", first_days=None)}, "tier3_first_days"),
    (None, {2: tier(min_amount="30", max_amount="5")}, "tier2_max_amount"),
    (None, {2: tier(min_amount="5", max_amount="5")}, "tier2_max_amount"),
    (None, {}, "tier1_substance"),  # no tier at all
])
def test_bad_input_on_the_form_shows_field_errors_and_saves_nothing(client, login, lead, effective_from, rows,
                                                                    field):
    login(client, lead)
    response = client.post(NEW, form_data(effective_from, rows))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert PolicyVersion.objects.count() == 1 and not created_events().exists()
