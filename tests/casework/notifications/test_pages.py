"""The notification list: entries re-check access when shown, the page is audited per case shown,
mark read (once or twice), mark all read, pagination, empty state, the count in the navigation,
and the same number of queries for 10 or 200 notifications."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from accounts.roles import PRIVACY_OFFICER
from audit.actions import Action
from casework.categories import METADATA
from casework.notifications.kinds import Kind
from casework.notifications.models import Notification
from casework.notifications.services import notify
from casework.services import case_handover
from casework.web.context_processors import UNREAD_KEY
from tests.auditlog import events
from tests.casework.web.read_support import expire, share_with
from tests.conftest import count_queries
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")

LIST = "/meldingen/"
NO_ACCESS = "Een dossier waartoe u geen toegang meer hebt"


def _page(client) -> str:
    response = client.get(LIST)
    assert response.status_code == 200
    return response.content.decode()


def test_an_entry_shows_its_case_and_the_list_is_audited_once_per_case(client, login, regisseur, colleague):
    case = make_pga_case(owner=regisseur)  # the colleague is notified of the referral
    notify(Kind.APPROVAL_DECIDED, case=case, recipients=[colleague])
    login(client, colleague)
    before = events(action=Action.LIST).count()
    html = _page(client)
    assert case.reference in html and "Een nieuwe aanmelding voor uw team" in html and NO_ACCESS not in html
    listed = events(action=Action.LIST).order_by("sequence")[before:]
    assert [(event.case_id, event.reason) for event in listed] == [(str(case.pk), "notifications")]


def test_after_a_share_ends_the_entry_shows_no_reference_and_no_event(client, login, regisseur, partner, partner_org):
    case = make_pga_case(owner=regisseur)
    share = share_with(case, regisseur, partner_org, [METADATA])
    notify(Kind.SHARE_EXPIRING, case=case, recipients=[partner])
    login(client, partner)
    assert case.reference in _page(client)
    expire(share)
    before = events(action=Action.LIST, case_id=str(case.pk)).count()
    html = _page(client)
    assert case.reference not in html and NO_ACCESS in html
    assert events(action=Action.LIST, case_id=str(case.pk)).count() == before


def test_after_a_handover_away_or_destruction_the_entry_shows_no_reference(client, login, regisseur, lead,
                                                                            other_team_user, team_b):
    case = make_pga_case(owner=regisseur)
    notify(Kind.CASE_HANDED_OVER, case=case, recipients=[regisseur])
    Notification.objects.create(recipient=regisseur, kind=Kind.REFERRAL_NEW, case_id=uuid.uuid4())  # destroyed
    case_handover(actor=lead, case=case, new_owner=other_team_user, reason="Verlof (test)")
    login(client, regisseur)
    html = _page(client)
    assert case.reference not in html and html.count(NO_ACCESS) == 2


def test_a_role_without_notifications_is_refused_and_the_refusal_recorded(client, login, make_user):
    officer = make_user(role=PRIVACY_OFFICER)
    login(client, officer)
    assert client.get(LIST).status_code == 403
    assert events(action=Action.ACCESS_DENIED, actor_id=str(officer.pk)).exists()


def test_mark_read_twice_and_someone_elses_is_not_found(client, login, regisseur, colleague):
    notify(Kind.CASE_HANDED_OVER, case=None, recipients=[regisseur, colleague])
    mine = Notification.objects.get(recipient=regisseur)
    theirs = Notification.objects.get(recipient=colleague)
    login(client, regisseur)
    url = reverse("casework:notification_read", kwargs={"notification_id": mine.pk})
    assert client.post(url, {"page": "1"}).status_code == 302
    first = Notification.objects.get(pk=mine.pk).read_at
    assert first is not None
    assert client.post(url).status_code == 302  # a second click (another tab): no error, nothing changes
    assert Notification.objects.get(pk=mine.pk).read_at == first
    other = reverse("casework:notification_read", kwargs={"notification_id": theirs.pk})
    assert client.post(other).status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    assert client.get(url).status_code == 405


def test_mark_all_read_and_the_count_in_the_navigation(client, login, regisseur, colleague):
    notify(Kind.CASE_HANDED_OVER, case=None, recipients=[regisseur])
    notify(Kind.APPROVAL_DECIDED, case=None, recipients=[regisseur, colleague])
    login(client, regisseur)
    assert "Meldingen (2<span" in client.get(reverse("casework:my_work")).content.decode()
    assert client.post(reverse("casework:notifications_all_read")).status_code == 302
    assert not Notification.objects.filter(recipient=regisseur, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=colleague, read_at__isnull=True).count() == 1
    html = _page(client)
    assert "Meldingen (" not in html and "Alles als gelezen markeren" not in html


def test_the_count_in_the_navigation_is_kept_a_minute_and_counted_again_after_the_users_write(
        client, login, regisseur, colleague, settings):
    """A notification that arrives while the user reads pages shows within MY_WORK_COUNT_SECONDS, and at once
    on the notification list; marking read (the user's own write) shows at once; with the keeping off every
    page counts."""
    settings.MY_WORK_COUNT_SECONDS = 60
    notify(Kind.CASE_HANDED_OVER, case=None, recipients=[regisseur])
    login(client, regisseur)
    assert "Meldingen (1<span" in client.get(reverse("casework:my_work")).content.decode()
    notify(Kind.APPROVAL_DECIDED, case=None, recipients=[regisseur])  # someone else's doing
    with count_queries() as kept:
        assert "Meldingen (1<span" in client.get(reverse("casework:my_work")).content.decode()
    assert not any("notifications_notification" in query["sql"] for query in kept)
    assert "Meldingen (2<span" in _page(client)  # the list itself counts afresh: the count agrees with it
    assert "Meldingen (2<span" in client.get(reverse("casework:my_work")).content.decode()
    notify(Kind.APPROVAL_DECIDED, case=None, recipients=[regisseur])
    assert "Meldingen (2<span" in client.get(reverse("casework:my_work")).content.decode()
    session = client.session
    session[UNREAD_KEY][2] -= 61  # a minute later: counted again
    session.save()
    assert "Meldingen (3<span" in client.get(reverse("casework:my_work")).content.decode()
    first = Notification.objects.filter(recipient=regisseur).order_by("pk").first()
    assert client.post(reverse("casework:notification_read", args=[first.pk])).status_code == 302
    assert "Meldingen (2<span" in client.get(reverse("casework:my_work")).content.decode()
    settings.MY_WORK_COUNT_SECONDS = 0
    notify(Kind.APPROVAL_DECIDED, case=None, recipients=[regisseur])
    assert "Meldingen (3<span" in client.get(reverse("casework:my_work")).content.decode()


def test_an_empty_list_says_so(client, login, regisseur):
    login(client, regisseur)
    assert "U hebt geen meldingen." in _page(client)


def _many(user, cases, count: int) -> None:
    """`count` notifications, one in three about no case, the others about one of `cases` in turn."""
    Notification.objects.bulk_create([
        Notification(recipient=user, kind=Kind.CASE_HANDED_OVER,
                     case_id=None if n % 3 == 0 else cases[n % len(cases)].pk)
        for n in range(count)
    ])


def test_the_list_pages_and_costs_the_same_queries_for_10_or_200(client, login, regisseur, colleague):
    cases = [make_pga_case(owner=regisseur) for _ in range(3)]  # the colleague is notified of each referral
    login(client, colleague)
    _many(colleague, cases, 7)
    client.get(LIST)
    with count_queries() as few:
        client.get(LIST)
    _many(colleague, cases, 190)
    with count_queries() as many:
        html = _page(client)
    assert len(many) == len(few)
    assert "Pagina 1 van 8" in html
    assert "Pagina 8 van 8" in client.get(LIST + "?page=8").content.decode()
