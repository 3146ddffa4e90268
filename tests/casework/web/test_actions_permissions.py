"""Every action page refuses users who may not write to the case: 403, an access_denied event, no change.

Outsiders: a procesregisseur of another team, one of another organisation, a chain partner with an
active share (read-only), and a partner whose share has expired. Each is tried on every action,
with GET and with a valid-looking POST.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from audit.activities import CHAIN_SHARING
from casework.models import Case, SharingDecision
from casework.pga import workflow as pga
from casework.pga.models import Agreement, Conference, PlanVersion
from casework.pga.services import agreement_record, conference_plan
from encryption.pseudonyms import subject_pseudonym
from tests.casework.web.actions_support import WEIGHING, denied_events, share_with

pytestmark = pytest.mark.django_db(databases="__all__")


def _setting(case, regisseur, partner_org):
    conference = conference_plan(actor=regisseur, case=case, held_on=date(2026, 3, 2), invited=[partner_org],
                                 minutes="Notulen (test)")
    agreement = agreement_record(actor=regisseur, case=case, description="Afspraak (test)",
                                 owner_organisation=partner_org, due_on=date(2026, 4, 1), conference=conference)
    share = share_with(case, partner=partner_org, actor=regisseur)
    return conference, agreement, share


def _actions(case, conference, agreement, share, partner_org, regisseur):
    kw = {"case_id": case.pk}
    return [
        ("case_transition", {**kw, "target": pga.CASUSOVERLEG}, {"reason": "x", "version": case.version}),
        ("conference_create", kw, {"held_on": "2026-03-09", "invited": [partner_org.pk]}),
        ("conference_edit", {**kw, "conference_id": conference.pk}, {"held_on": "2026-03-02", "minutes": "Gewijzigd"}),
        ("agreement_create", kw, {"description": "Nieuw", "owner_organisation": partner_org.pk,
                                  "due_on": "2026-05-01"}),
        ("agreement_update", {**kw, "agreement_id": agreement.pk}, {"status": "done", "due_on": "2026-04-01"}),
        ("plan_update", kw, {"action": "save", "g0-leefgebied": "housing", "g0-goal": "Woning behouden"}),
        ("escalation", kw, {"escalated": "on", "reason": "Partners lopen vast"}),
        ("handover", kw, {"new_owner": regisseur.pk, "reason": "x", "version": case.version}),
        ("share_create", kw, {"partner": partner_org.pk, "processing_activity": CHAIN_SHARING, "purpose": "x",
                              "weighing": WEIGHING, "ends_on": "2099-01-01"}),
        ("share_revoke", {**kw, "share_id": share.pk}, {"reason": "x"}),
    ]


def _snapshot(case):
    fresh = Case.objects.get(pk=case.pk)
    return (fresh.status, fresh.version, fresh.owner_id, fresh.pga.escalated,
            Conference.objects.filter(case=case).count(), Agreement.objects.filter(case=case, status="open").count(),
            PlanVersion.objects.filter(case=case).count(),
            SharingDecision.objects.filter(case=case, revoked_at__isnull=True).count(),
            [c.minutes for c in Conference.objects.filter(case=case)])


@pytest.mark.parametrize("who", ["other_team", "other_org", "partner_with_share", "partner_after_expiry"])
def test_outsiders_get_403_and_an_event_on_every_action(client, login, regisseur, partner_org, case_factory,
                                                        outsiders, who):
    case = case_factory(status=pga.IN_BEHANDELING)
    conference, agreement, share = _setting(case, regisseur, partner_org)
    user = outsiders[who](case)
    login(client, user)
    before = _snapshot(case)
    for name, kwargs, data in _actions(case, conference, agreement, share, partner_org, regisseur):
        url = reverse(f"casework:{name}", kwargs=kwargs)
        for method, args in (("get", ()), ("post", (data,))):
            count = denied_events(case).count()
            response = getattr(client, method)(url, *args)
            assert response.status_code == 403, (name, method, response.status_code)
            assert "Notulen" not in response.content.decode()
            new = denied_events(case).order_by("-sequence").first()
            assert denied_events(case).count() == count + 1, (name, method)
            assert new.actor_id == str(user.pk) and new.outcome == "denied"
            assert new.subject_pseudonym == subject_pseudonym(case.person_id)
    assert _snapshot(case) == before


def test_a_closed_case_refuses_changes_but_offers_reopening(client, login, regisseur, case_factory):
    case = case_factory(status=pga.AFGESLOTEN)
    login(client, regisseur)
    for name in ("conference_create", "agreement_create", "plan_update", "escalation", "share_create"):
        assert client.get(reverse(f"casework:{name}", kwargs={"case_id": case.pk})).status_code == 403, name
    reopen = reverse("casework:case_transition", kwargs={"case_id": case.pk, "target": pga.UITVOERING})
    assert client.get(reopen).status_code == 200


def test_unknown_case_or_child_of_another_case_is_404(client, login, regisseur, partner_org, case_factory):
    import uuid

    case, other = case_factory(status=pga.IN_BEHANDELING), case_factory(status=pga.IN_BEHANDELING)
    conference, agreement, share = _setting(other, regisseur, partner_org)
    login(client, regisseur)
    assert client.get(reverse("casework:plan_update", kwargs={"case_id": uuid.uuid4()})).status_code == 404
    kw = {"case_id": case.pk}
    assert client.get(reverse("casework:conference_edit", kwargs={**kw, "conference_id": conference.pk})).status_code \
        == 404
    assert client.get(reverse("casework:agreement_update", kwargs={**kw, "agreement_id": agreement.pk})).status_code \
        == 404
    assert client.get(reverse("casework:share_revoke", kwargs={**kw, "share_id": share.pk})).status_code == 404
