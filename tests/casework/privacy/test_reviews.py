"""casework/privacy/reviews.py and its pages: reviewing writes a Review row and an audit event and
never changes an audit event; only privacy officers review (refusals audited), never their own conduct."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections

from accounts.roles import HANDHAVER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER
from audit import record_batch
from audit.actions import Action, Outcome
from audit.activities import PRIVACY_SUPERVISION
from audit.models import AuditEvent
from audit.services import Target
from casework.breakglass import break_glass_open
from casework.pga.casetype import PROCESSING_ACTIVITY as PGA_PROCESREGIE
from casework.privacy import anomalies, reviews
from casework.privacy.models import AnomalySetting, Review
from tests.auditlog import event_list as events
from tests.conftest import count_queries
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")

COMMENT = "Besproken met de teamleider: acute situatie, terecht (test)."



def snapshot() -> list[tuple]:
    return list(AuditEvent.objects.using("audit").order_by("sequence").values_list("sequence", "hash"))


@pytest.fixture
def emergency(make_user):
    owner = make_user(role=PROCESREGISSEUR)
    case = make_pga_case(owner=owner, surname="Testgeheim")
    officer = make_user(role=HANDHAVER)
    grant = break_glass_open(user=officer, case=case, reason="Acute dreiging bij de woning (test)")
    (finding,) = reviews.findings_for_review(reviews.ReviewFilters(*reviews.default_period(), rule="break_glass"))
    return {"case": case, "officer": officer, "grant": grant, "finding": finding}


@pytest.fixture
def privacy_officer(make_user):
    return make_user(role=PRIVACY_OFFICER)


def test_a_review_is_a_row_of_its_own_and_an_audit_event(emergency, privacy_officer):
    finding = emergency["finding"]
    before = snapshot()
    review = reviews.review_record(reviewer=privacy_officer, finding=finding, decision="justified", comment=COMMENT)
    after = snapshot()
    assert after[:len(before)] == before  # nothing that existed changed
    assert review.event_sequence == finding.sequence and review.break_glass_grant == emergency["grant"]
    assert review.reviewed_actor_id == str(emergency["officer"].pk)
    (event,) = events(action=Action.REVIEW)
    assert event.sequence == after[-1][0] and event.actor_id == str(privacy_officer.pk)
    assert event.processing_activity == PRIVACY_SUPERVISION and event.object_id == str(review.pk)
    assert event.case_id == str(emergency["case"].pk) and "decision:justified" in event.reason
    assert "terecht" not in event.reason
    fresh = Review.objects.get(pk=review.pk)
    assert fresh.comment == COMMENT


def test_the_comment_is_encrypted_at_rest(emergency, privacy_officer):
    review = reviews.review_record(reviewer=privacy_officer, finding=emergency["finding"], decision="escalated",
                                   comment=COMMENT)
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT comment FROM privacy_review WHERE id = %s", [review.pk.hex])
        row = cursor.fetchone()
    if row is None:  # a UUID stored with dashes
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT comment FROM privacy_review WHERE id = %s", [str(review.pk)])
            row = cursor.fetchone()
    assert row is not None and b"teamleider" not in bytes(row[0])


def test_a_finding_is_reviewed_once(emergency, privacy_officer, make_user):
    reviews.review_record(reviewer=privacy_officer, finding=emergency["finding"], decision="justified", comment=COMMENT)
    with pytest.raises(ValidationError):
        reviews.review_record(reviewer=make_user(role=PRIVACY_OFFICER), finding=emergency["finding"],
                              decision="not_justified", comment=COMMENT)
    assert Review.objects.count() == 1 and len(events(action=Action.REVIEW)) == 1


@pytest.mark.parametrize(("decision", "comment"), [("maybe", COMMENT), ("justified", "kort"), ("", "")])
def test_bad_input_saves_nothing(emergency, privacy_officer, decision, comment):
    with pytest.raises(ValidationError):
        reviews.review_record(reviewer=privacy_officer, finding=emergency["finding"], decision=decision,
                              comment=comment)
    assert not Review.objects.exists() and not events(action=Action.REVIEW)


@pytest.mark.parametrize("role", [PROCESREGISSEUR, HANDHAVER, TEAMLEIDER])
def test_only_a_privacy_officer_reviews_and_a_refusal_is_audited(emergency, make_user, role):
    other = make_user(role=role)
    with pytest.raises(PermissionDenied):
        reviews.review_record(reviewer=other, finding=emergency["finding"], decision="justified", comment=COMMENT)
    assert not Review.objects.exists()
    (denied,) = events(action=Action.ACCESS_DENIED, actor_id=str(other.pk))
    assert denied.outcome == Outcome.DENIED and denied.reason == "action:review"


def test_nobody_reviews_their_own_conduct(make_user):
    officer = make_user(role=PRIVACY_OFFICER)
    targets = [Target(object_type="casework.Case", subject_id=uuid.uuid4()) for _ in range(50)]
    record_batch(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, targets=targets, actor=officer)
    (finding,) = reviews.findings_for_review(reviews.ReviewFilters(*reviews.default_period(), rule="many_persons"))
    with pytest.raises(ValidationError):
        reviews.review_record(reviewer=officer, finding=finding, decision="justified", comment=COMMENT)
    reviews.review_record(reviewer=make_user(role=PRIVACY_OFFICER), finding=finding, decision="not_justified",
                          comment=COMMENT)


def test_status_filters_split_reviewed_from_unreviewed(emergency, privacy_officer, make_user):
    officer = make_user(role=HANDHAVER)
    second_case = make_pga_case(owner=make_user(role=PROCESREGISSEUR))
    break_glass_open(user=officer, case=second_case, reason="Tweede noodgeval bij de woning (test)")
    reviews.review_record(reviewer=privacy_officer, finding=emergency["finding"], decision="justified", comment=COMMENT)
    period = reviews.default_period()
    reviewed = reviews.findings_for_review(reviews.ReviewFilters(*period, status=reviews.REVIEWED))
    unreviewed = reviews.findings_for_review(reviews.ReviewFilters(*period, status=reviews.UNREVIEWED))
    assert [f.key for f in reviewed] == [emergency["finding"].key]
    assert emergency["finding"].key not in {f.key for f in unreviewed}
    assert any(f.case_id == str(second_case.pk) for f in unreviewed if f.rule == anomalies.BREAK_GLASS)


def test_the_list_finds_reviews_by_when_they_were_made_whatever_event_they_name(emergency, privacy_officer):
    """The list reads the reviews made since its period began (not one query naming every finding): a review
    names its finding by rule and key; the event it names may differ after the night hours changed."""
    finding = emergency["finding"]
    review = reviews.review_record(reviewer=privacy_officer, finding=finding, decision="justified", comment=COMMENT)
    Review.objects.filter(pk=review.pk).update(event_sequence=0)
    period = reviews.default_period()
    (listed,) = reviews.findings_for_review(reviews.ReviewFilters(*period, rule="break_glass"))
    assert listed.review == review
    later = reviews.ReviewFilters(period[1], period[1] + (period[1] - period[0]), rule="break_glass")
    assert reviews.findings_for_review(later) == []
    with count_queries() as asked:
        reviews.attach_reviews([finding], since=period[0])
    assert len(asked) == 1 and "reviewed_at" in asked[0]["sql"] and finding.key not in asked[0]["sql"]


# --- pages ---------------------------------------------------------------------------------------------


def test_the_review_page_saves_a_decision(client, login, emergency, privacy_officer):
    login(client, privacy_officer)
    finding = emergency["finding"]
    url = f"/privacy/reviews/{finding.rule}/{finding.key}/"
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert emergency["officer"].display_name in body
    assert "Acute dreiging" in body  # the stated reason: what the review judges
    assert "Testgeheim" not in body  # no case content
    assert f'>{emergency["case"].reference}<' in body and f'>{emergency["case"].pk}<' not in body  # named, not by id
    viewed = events(action=Action.VIEW, object_type="privacy.Finding")
    assert viewed and viewed[-1].actor_id == str(privacy_officer.pk)
    response = client.post(url, {"decision": "not_justified", "comment": COMMENT})
    assert response.status_code == 302
    assert Review.objects.get().decision == "not_justified"
    assert COMMENT in client.get(url).content.decode()


def test_the_review_page_refuses_bad_input_with_a_400(client, login, emergency, privacy_officer):
    login(client, privacy_officer)
    finding = emergency["finding"]
    response = client.post(f"/privacy/reviews/{finding.rule}/{finding.key}/", {"decision": "justified",
                                                                                "comment": ""})
    assert response.status_code == 400 and not Review.objects.exists()


def test_an_unknown_finding_is_a_404(client, login, privacy_officer):
    login(client, privacy_officer)
    assert client.get("/privacy/reviews/break_glass/event:999999/").status_code == 404
    assert client.get("/privacy/reviews/nonsense/x/").status_code == 404


def test_the_review_list_filters_and_is_audited(client, login, emergency, privacy_officer):
    login(client, privacy_officer)
    body = client.get("/privacy/reviews/?status=unreviewed&rule=break_glass").content.decode()
    assert emergency["officer"].display_name in body and "Acute dreiging" not in body
    assert client.get("/privacy/reviews/?status=reviewed").content.decode().count("/privacy/reviews/break_glass/") == 0
    (search, *_rest) = events(action=Action.SEARCH, object_type="privacy.Finding")
    assert "status=unreviewed" in search.reason and "rule=break_glass" in search.reason
    assert client.get("/privacy/reviews/?date_from=2026-03-10&date_to=2026-03-01").status_code == 400


def test_the_review_list_costs_the_same_number_of_queries_for_more_findings(client, login, privacy_officer, make_user):
    login(client, privacy_officer)
    worker = make_user(role=PROCESREGISSEUR)

    def denied(n: int) -> None:
        targets = [Target(object_type="casework.Case", object_id=uuid.uuid4(), case_id=uuid.uuid4(),
                          subject_id=uuid.uuid4()) for _ in range(n)]
        record_batch(action=Action.ACCESS_DENIED, outcome=Outcome.DENIED, processing_activity=PGA_PROCESREGIE,
                     targets=targets, actor=worker)

    denied(2)
    client.get("/privacy/reviews/")
    with count_queries() as few:
        assert client.get("/privacy/reviews/").status_code == 200
    denied(30)
    with count_queries() as many:
        body = client.get("/privacy/reviews/").content.decode()
    assert len(many) == len(few)
    assert "Volgende pagina" in body or "Next page" in body


@pytest.mark.parametrize("role", [PROCESREGISSEUR, HANDHAVER, TEAMLEIDER])
def test_other_roles_are_refused_the_review_pages_and_it_is_audited(client, login, make_user, emergency, role):
    user = make_user(role=role)
    login(client, user)
    finding = emergency["finding"]
    for url in ("/privacy/reviews/", f"/privacy/reviews/{finding.rule}/{finding.key}/", "/privacy/reviews/settings/"):
        assert client.get(url).status_code == 403
    assert client.post(f"/privacy/reviews/{finding.rule}/{finding.key}/",
                       {"decision": "justified", "comment": COMMENT}).status_code == 403
    assert not Review.objects.exists()
    assert len(events(action=Action.ACCESS_DENIED, actor_id=str(user.pk))) == 4


def test_thresholds_are_changed_on_their_page_and_audited(client, login, privacy_officer):
    login(client, privacy_officer)
    assert client.get("/privacy/reviews/settings/").status_code == 200
    data = {"many_persons__threshold": 80, "bulk_export__threshold": 25, "night__start_hour": 23,
            "night__end_hour": 6}
    assert client.post("/privacy/reviews/settings/", data).status_code == 302
    assert dict(AnomalySetting.objects.values_list("key", "value")) == {
        anomalies.MANY_PERSONS_THRESHOLD: 80, anomalies.NIGHT_START: 23,
    }
    changed = events(action=Action.UPDATE, object_type="privacy.AnomalySetting")
    assert {event.object_id for event in changed} == {anomalies.MANY_PERSONS_THRESHOLD, anomalies.NIGHT_START}
    bad = client.post("/privacy/reviews/settings/", {**data, "night__start_hour": 24})
    assert bad.status_code == 400 and AnomalySetting.objects.get(key=anomalies.NIGHT_START).value == 23


def test_the_dashboard_counts_unreviewed_findings_with_links(client, login, emergency, privacy_officer):
    login(client, privacy_officer)
    body = client.get("/").content.decode()
    assert "/privacy/reviews/?status=unreviewed&amp;rule=break_glass" in body
    finding = emergency["finding"]
    assert f"/privacy/reviews/break_glass/{finding.key}/" in body
    reviews.review_record(reviewer=privacy_officer, finding=finding, decision="justified", comment=COMMENT)
    body = client.get("/").content.decode()
    assert "rule=break_glass" not in body and f"/privacy/reviews/break_glass/{finding.key}/" not in body


def test_a_finding_whose_grant_is_gone_can_still_be_reviewed(client, login, emergency, privacy_officer):
    emergency["grant"].delete()  # as when retention destroys the case
    login(client, privacy_officer)
    finding = emergency["finding"]
    url = f"/privacy/reviews/{finding.rule}/{finding.key}/"
    page = client.get(url)
    assert page.status_code == 200 and "Acute dreiging" not in page.content.decode()
    assert client.post(url, {"decision": "escalated", "comment": COMMENT}).status_code == 302
    review = Review.objects.get()
    assert review.break_glass_grant is None and review.event_sequence == finding.sequence
