"""Restriction of processing (AVG 18): a restricted person's cases are refused to everyone, and audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER
from audit.actions import Action, Outcome
from casework import access
from casework.breakglass import break_glass_open
from casework.models import Case
from casework.privacy import inzage
from casework.privacy.restriction import restriction_apply, restriction_lift
from tests.casework.api.conftest import api_client, share
from tests.conftest import count_queries
from tests.factories.accounts import OrganisationFactory
from tests.factories.casework import TEST_BSNS, make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")

BSN = TEST_BSNS[3]


def denials(user, case):
    from audit.models import AuditEvent

    return AuditEvent.objects.using("audit").filter(
        action=Action.ACCESS_DENIED, outcome=Outcome.DENIED, actor_id=str(user.pk), case_id=str(case.pk))


@pytest.fixture
def setting(make_user):
    regisseur = make_user(role=PROCESREGISSEUR)
    officer = make_user(role=PRIVACY_OFFICER)
    lead = make_user(role=TEAMLEIDER)
    case = make_pga_case(owner=regisseur, status="in_behandeling", bsn=BSN, surname="Beperkt")
    free = make_pga_case(owner=regisseur, status="in_behandeling")
    return {"regisseur": regisseur, "officer": officer, "lead": lead, "case": case, "free": free}


def restrict(setting):
    return restriction_apply(actor=setting["officer"], person=setting["case"].person)


def test_a_restricted_persons_case_is_refused_to_its_own_procesregisseur(setting, client, login):
    regisseur, case = setting["regisseur"], setting["case"]
    login(client, regisseur)
    assert client.get(f"/cases/{case.pk}/").status_code == 200
    restrict(setting)
    response = client.get(f"/cases/{case.pk}/")
    assert response.status_code == 403 and "Beperkt" not in response.content.decode()
    denied = denials(regisseur, case)
    assert denied.count() == 1 and "restricted (AVG 18)" in denied.get().reason
    assert case.reference not in client.get("/cases/").content.decode()
    assert setting["free"].reference in client.get("/cases/").content.decode()


def test_lists_searches_and_the_api_leave_the_restricted_person_out(setting, client, login):
    regisseur, case = setting["regisseur"], setting["case"]
    restrict(setting)
    assert set(access.visible_cases(regisseur)) == {setting["free"]}
    assert set(access.visible_cases(setting["lead"])) == {setting["free"]}
    login(client, regisseur)
    for query in ({"by": "reference", "reference": case.reference}, {"by": "bsn", "bsn": BSN}):
        response = client.post("/cases/search/", query)
        assert response.status_code == 200 and response.context["rows"] == []
        assert "Beperkt" not in response.content.decode()
    api = api_client(regisseur)
    listed = api.get("/api/v1/pga/cases").json()
    ids = {row["id"] for row in listed.get("results", listed)}
    assert str(case.pk) not in ids and str(setting["free"].pk) in ids
    assert api.get(f"/api/v1/pga/cases/{case.pk}").status_code in (403, 404)
    assert api.get(f"/api/v1/persons/{case.person_id}").status_code in (403, 404)


def test_every_path_is_refused_and_each_refusal_is_audited(setting, make_user):
    regisseur, lead, case = setting["regisseur"], setting["lead"], setting["case"]
    partner = OrganisationFactory(name="Test-GGZ Beperking")
    share(case, by=regisseur, partner_org=partner, categories=("metadata", "personalia"))
    partner_user = make_user(role=KETENPARTNER, organisation=partner)
    assert access.case_access(partner_user, case)  # the share works until the restriction
    restrict(setting)
    case = Case.objects.get(pk=case.pk)
    assert case not in access.visible_cases(partner_user)
    for user in (regisseur, lead, partner_user):
        assert not access.case_access(user, case)
        with pytest.raises(PermissionDenied):
            access.require(user, access.VIEW, case)
        assert denials(user, case).exists()
    assert access.case_access_many(regisseur, [case, setting["free"]])[case.pk] == access.NO_ACCESS
    assert not access.can_break_glass(lead, case)
    with pytest.raises(PermissionDenied):
        break_glass_open(user=lead, case=case, reason="Acute crisis, ik moet het dossier nu zien.")


def test_only_the_inzage_report_still_shows_the_data(setting):
    restrict(setting)
    report = inzage.inzage_report(user=setting["officer"], persons=inzage.find_person_records(bsn=BSN),
                                  reason="request")
    assert report.restricted and [c.reference for c in report.cases] == [setting["case"].reference]


def test_lifting_the_restriction_restores_access(setting, client, login):
    regisseur, case = setting["regisseur"], setting["case"]
    person = restrict(setting)
    restriction_lift(actor=setting["officer"], person=person)
    login(client, regisseur)
    assert client.get(f"/cases/{case.pk}/").status_code == 200
    assert case in access.visible_cases(regisseur)


def test_only_a_privacy_officer_restricts(setting):
    with pytest.raises(PermissionDenied):
        restriction_apply(actor=setting["regisseur"], person=setting["case"].person)
    setting["case"].person.refresh_from_db()
    assert not setting["case"].person.restricted


def test_an_officer_of_another_organisation_cannot_restrict(setting, make_user, other_organisation):
    stranger = make_user(role=PRIVACY_OFFICER, organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        restriction_apply(actor=stranger, person=setting["case"].person)


def test_restricting_twice_is_refused(setting):
    restrict(setting)
    with pytest.raises(ValidationError):
        restrict(setting)


def test_visible_cases_stays_one_query(setting, make_user):
    regisseur = setting["regisseur"]
    restrict(setting)
    for _ in range(3):
        make_pga_case(owner=regisseur, status="in_behandeling")
    with count_queries() as queries:
        rows = list(access.visible_cases(regisseur))
    assert len(rows) == 4
    assert len([q for q in queries if "casework_case" in q["sql"]]) == 1
