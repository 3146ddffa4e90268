"""Sharing decisions through the web UI: create (with the register's legal basis) and revoke."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import KETENPARTNER
from audit.activities import CHAIN_SHARING
from audit.models import ProcessingActivity
from casework import access
from casework.categories import METADATA, PERSONALIA
from casework.models import SharingDecision
from casework.pga import workflow as pga
from casework.pga.casetype import PGA_PLAN
from encryption.pseudonyms import subject_pseudonym
from tests.casework.versions_support import version_of as v
from tests.casework.web.actions_support import WEIGHING, events, share_with

pytestmark = pytest.mark.django_db(databases="__all__")


def _post(partner, **overrides):
    data = {"partner": partner.pk, "categories": [PERSONALIA, PGA_PLAN], "processing_activity": CHAIN_SHARING,
            "purpose": "Afstemming plan van aanpak (test)", "weighing": WEIGHING,
            "ends_on": (timezone.localdate() + timedelta(days=90)).isoformat()}
    data.update(overrides)
    return data


@pytest.fixture
def case(case_factory):
    return case_factory(status=pga.PLAN)


def test_the_form_offers_the_case_types_categories_and_shows_legal_bases(client, login, regisseur, case):
    login(client, regisseur)
    response = client.get(reverse("casework:share_create", kwargs={"case_id": case.pk}))
    assert response.status_code == 200
    form = response.context["form"]
    assert [code for code, _label in form.fields["categories"].choices] == [
        "personalia", "notes", "pga_referral", "pga_plan", "pga_conferences", "pga_self_reliance"]
    assert regisseur.organisation not in form.fields["partner"].queryset
    activity = ProcessingActivity.objects.get(code=CHAIN_SHARING)
    html = response.content.decode()
    assert 'name="processing_activity"' in html and activity.legal_basis.split("\n")[0][:40] in html


def test_share_create_gives_the_partner_exactly_the_chosen_categories(client, login, regisseur, case, partner_org,
                                                                     make_user):
    login(client, regisseur)
    response = client.post(reverse("casework:share_create", kwargs={"case_id": case.pk}), _post(partner_org))
    assert response.status_code == 302
    share = SharingDecision.objects.get(case=case)
    assert share.categories == [METADATA, PERSONALIA, PGA_PLAN]
    assert share.weighing == WEIGHING and share.decided_by == regisseur
    assert share.legal_basis == ProcessingActivity.objects.get(code=CHAIN_SHARING).legal_basis[:300]
    event = events(action="share", case_id=str(case.pk)).get()
    assert event.subject_pseudonym == subject_pseudonym(case.person_id)
    assert event.reason == f"partner:{partner_org.pk} categories:metadata,personalia,pga_plan"
    partner_user = make_user(role=KETENPARTNER, organisation=partner_org)
    seen = access.case_access(partner_user, case)
    assert seen.sees(PGA_PLAN) and seen.sees(PERSONALIA) and not seen.sees("notes")


@pytest.mark.parametrize(("field", "overrides"), [
    ("weighing", {"weighing": "Nodig."}),
    ("purpose", {"purpose": ""}),
    ("ends_on", {"ends_on": "2001-01-01"}),
    ("processing_activity", {"processing_activity": "verzonnen"}),
])
def test_bad_share_input_saves_nothing(client, login, regisseur, case, partner_org, field, overrides):
    login(client, regisseur)
    response = client.post(reverse("casework:share_create", kwargs={"case_id": case.pk}),
                           _post(partner_org, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not SharingDecision.objects.filter(case=case).exists()
    assert not events(action="share", case_id=str(case.pk)).exists()


def test_the_controller_itself_is_not_a_partner(client, login, regisseur, case):
    login(client, regisseur)
    response = client.post(reverse("casework:share_create", kwargs={"case_id": case.pk}),
                           _post(regisseur.organisation))
    assert response.status_code == 200 and "partner" in response.context["form"].errors
    assert not SharingDecision.objects.filter(case=case).exists()


def test_revoking_ends_access_at_once(client, login, regisseur, case, partner_org, make_user):
    share = share_with(case, partner=partner_org, actor=regisseur)
    partner_user = make_user(role=KETENPARTNER, organisation=partner_org)
    assert access.case_access(partner_user, case)
    login(client, regisseur)
    url = reverse("casework:share_revoke", kwargs={"case_id": case.pk, "share_id": share.pk})
    response = client.get(url)
    assert response.status_code == 200 and partner_org.name in response.content.decode()
    bad = client.post(url, {**v(case), "reason": ""})
    assert bad.status_code == 400 and "reason" in bad.context["form"].errors
    share.refresh_from_db()
    assert share.revoked_at is None
    ok = client.post(url, {**v(case), "reason": "Doel bereikt (test)"})
    assert ok.status_code == 302
    share.refresh_from_db()
    assert share.revoked_at is not None and share.revoke_reason == "Doel bereikt (test)"
    assert not access.case_access(partner_user, case)
    assert events(action="share_revoked", case_id=str(case.pk)).count() == 1
    again = client.post(url, {**v(case), "reason": "Nog eens (test)"})
    assert again.status_code == 400 and again.context["form"].non_field_errors()
    assert events(action="share_revoked", case_id=str(case.pk)).count() == 1
