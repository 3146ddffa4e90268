"""Retention periods (casework/privacy/retention.py) and the retention pages (views_retention.py)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.roles import PRIVACY_OFFICER, PROCESREGISSEUR
from audit.models import AuditEvent
from casework.models import Case
from casework.privacy import destruction
from casework.privacy.models import DestructionBatch, RetentionPolicy
from casework.privacy.retention import add_years, candidate_for, policy_create, policy_in_force, retention_selection
from tests.casework.privacy.test_destruction import closed_case

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def owner(make_user):
    return make_user(role=PROCESREGISSEUR)


@pytest.fixture
def second_officer(make_user):
    return make_user(role=PRIVACY_OFFICER)


def test_the_seeded_periods_are_municipal_choices_with_a_basis():
    pga, damocles, park = (policy_in_force(t) for t in ("pga", "damocles", "park"))
    assert (pga.years, pga.counted_from, pga.basis) == (2, "closed_on", "slgio-zorg-veiligheid")
    assert (damocles.years, damocles.counted_from) == (5, "closure_ended")
    assert (park.years, park.counted_from) == (5, "closed_on")
    assert all("Gemeentelijke keuze" in p.explanation for p in (pga, damocles, park))


def test_a_new_version_takes_effect_on_its_date_and_never_in_the_past(officer):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    policy_create(actor=officer, case_type="pga", years=3, counted_from="closed_on", basis="slgio-zorg-veiligheid",
                  explanation="test", effective_from=tomorrow, selectielijst_category="1.1.4")
    assert policy_in_force("pga").years == 2 and policy_in_force("pga", tomorrow).years == 3
    with pytest.raises(ValidationError):
        policy_create(actor=officer, case_type="pga", years=4, counted_from="closed_on",
                      basis="slgio-zorg-veiligheid", explanation="test", selectielijst_category="1.1.4",
                      effective_from=timezone.localdate() - datetime.timedelta(days=1))
    assert RetentionPolicy.objects.filter(case_type="pga").count() == 2


def test_a_date_of_effect_past_the_planning_window_is_refused(officer):
    """9999-12-31 was accepted: a typo in the year made a version that never takes effect (the hostile sweep)."""
    for day in (datetime.date(9999, 12, 31), timezone.localdate() + datetime.timedelta(days=5 * 366 + 1)):
        with pytest.raises(ValidationError) as error:
            policy_create(actor=officer, case_type="pga", years=3, counted_from="closed_on",
                          basis="slgio-zorg-veiligheid", explanation="test", effective_from=day,
                          selectielijst_category="1.1.4")
        assert "effective_from" in error.value.message_dict
    assert RetentionPolicy.objects.filter(case_type="pga").count() == 1


def test_damocles_counts_from_the_end_of_the_closure():
    policy = policy_in_force("damocles")
    case = Case(reference="D-1", case_type="damocles", opened_on=datetime.date(2019, 1, 1),
                closed_on=datetime.date(2019, 6, 1))
    assert candidate_for(case, policy, datetime.date(2020, 2, 29)).expires_on == datetime.date(2025, 2, 28)
    assert candidate_for(case, policy, None).expires_on == datetime.date(2024, 6, 1)
    assert add_years(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 28)


def test_a_case_is_due_only_after_its_period(owner):
    today = timezone.localdate()
    due = closed_case(owner, closed_on=add_years(today, -2))
    not_yet = closed_case(owner, closed_on=add_years(today, -2) + datetime.timedelta(days=1))
    ids = [c.case_id for c in retention_selection().expired]
    assert due.pk in ids and not_yet.pk not in ids


def test_the_overview_lists_due_cases_and_records_one_event_per_case(client, login, owner, officer):
    case = closed_case(owner)
    login(client, officer)
    response = client.get(reverse("casework:privacy_retention"))
    assert response.status_code == 200
    assert case.reference in response.content.decode()
    assert AuditEvent.objects.filter(action="list", case_id=str(case.pk)).count() == 1


def test_other_roles_are_refused(client, login, owner):
    login(client, owner)
    assert client.get(reverse("casework:privacy_retention")).status_code == 403
    assert AuditEvent.objects.filter(action="access_denied").exists()


def test_a_new_period_through_the_page_and_a_bad_date_saves_nothing(client, login, officer):
    login(client, officer)
    url = reverse("casework:privacy_retention_policy_create")
    data = {"case_type": "park", "years": "7", "counted_from": "closed_on", "basis": "slgio-ruimtelijke-handhaving",
            "explanation": "Langere invordering (test).", "effective_from": timezone.localdate().isoformat(),
            "selectielijst_category": "1.7.3", "selectielijst_version": "", "archive_action": "destroy"}
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 302
    assert policy_in_force("park").years == 7
    bad = client.post(url, {**data, "years": "8", "effective_from": "2001-01-01"})
    assert bad.status_code == 400 and policy_in_force("park").years == 7


def test_propose_approve_by_another_officer_execute_and_download_the_statement(
        client, login, owner, officer, second_officer):
    case = closed_case(owner)
    login(client, officer)
    response = client.post(reverse("casework:privacy_retention_batch_propose"))
    batch = DestructionBatch.objects.get()
    assert response.status_code == 302 and batch.case_references == [case.reference]
    detail = client.get(reverse("casework:privacy_retention_batch", args=[batch.pk])).content.decode()
    assert 'value="approve"' not in detail  # the requester gets no decision buttons
    refused = client.post(reverse("casework:privacy_retention_batch_decide", args=[batch.pk]), {"decision": "approve"})
    assert refused.status_code == 403
    batch.refresh_from_db()
    assert batch.state == DestructionBatch.State.REQUESTED

    login(client, second_officer)
    page = client.get(reverse("casework:privacy_retention_batch", args=[batch.pk])).content.decode()
    assert 'value="approve"' in page
    assert client.get(reverse("casework:privacy_retention_batch_draft", args=[batch.pk, "csv"])).status_code == 200
    client.post(reverse("casework:privacy_retention_batch_decide", args=[batch.pk]), {"decision": "approve"})
    batch.refresh_from_db()
    assert batch.state == DestructionBatch.State.APPROVED and batch.approved_by == second_officer
    assert client.get(reverse("casework:privacy_retention_statement", args=[batch.pk])).status_code == 404

    call_command("apply_retention", "--execute", "--approval", str(batch.pk), stdout=io.StringIO())
    pdf = client.get(reverse("casework:privacy_retention_statement", args=[batch.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="export", object_id=str(batch.pk)).exists()
    assert case.reference in client.get(reverse("casework:privacy_retention_batch", args=[batch.pk])).content.decode()


def test_proposing_with_nothing_due_is_refused_cleanly(client, login, officer):
    login(client, officer)
    response = client.post(reverse("casework:privacy_retention_batch_propose"))
    assert response.status_code == 400 and not DestructionBatch.objects.exists()
    with pytest.raises(ValidationError):
        destruction.batch_propose(actor=officer)


def test_the_overview_uses_a_constant_number_of_queries(client, login, owner, officer):
    from tests.conftest import count_queries

    closed_case(owner)
    login(client, officer)
    url = reverse("casework:privacy_retention")
    client.get(url)
    with count_queries() as one:
        assert client.get(url).status_code == 200
    for _ in range(3):
        closed_case(owner)
    with count_queries() as four:
        assert client.get(url).status_code == 200
    assert len(four) == len(one) > 0


def test_a_legal_hold_is_placed_by_reference_and_lifted(client, login, owner, officer, make_user, other_organisation):
    from casework.privacy.models import LegalHold

    case = closed_case(owner)
    login(client, officer)
    url = reverse("casework:privacy_retention_hold_create")
    assert client.post(url, {"reference": case.reference, "ground": "litigation"}).status_code == 302
    assert [c.case_id for c in retention_selection().held] == [case.pk]
    assert AuditEvent.objects.filter(object_type="privacy.LegalHold", action="create", case_id=str(case.pk)).exists()
    hold = LegalHold.objects.get()

    outsider = make_user(role=PRIVACY_OFFICER, organisation=other_organisation)
    login(client, outsider)
    assert client.post(url, {"reference": case.reference, "ground": "other"}).status_code == 400
    assert client.post(reverse("casework:privacy_retention_hold_lift", args=[hold.pk])).status_code == 404
    assert LegalHold.objects.count() == 1

    login(client, officer)
    assert client.post(reverse("casework:privacy_retention_hold_lift", args=[hold.pk])).status_code == 302
    assert [c.case_id for c in retention_selection().expired] == [case.pk]


def test_a_second_proposal_waits_until_the_first_is_decided(client, login, owner, officer):
    """The page offers no second proposal while one awaits approval; the service refuses it too (a resent or
    hand-made POST), with the page's Dutch message, and nothing is written."""
    closed_case(owner)
    login(client, officer)
    assert client.post(reverse("casework:privacy_retention_batch_propose")).status_code == 302
    again = client.post(reverse("casework:privacy_retention_batch_propose"))
    assert again.status_code in (302, 400) and DestructionBatch.objects.count() == 1
    from casework.privacy.destruction import batch_propose

    with pytest.raises(ValidationError, match="wacht een vernietigingslijst op goedkeuring"):
        batch_propose(actor=officer)
    assert DestructionBatch.objects.count() == 1
