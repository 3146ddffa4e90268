"""casework/privacy/register.py and its pages: the sharing register for the privacy officer.

Filters by partner, processing activity (legal basis), period and state; every read audited with
the case's subject; the CSV holds no free text; other roles are refused (audited); a page costs
the same number of queries whatever its size; no person's name appears.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Organisation
from accounts.roles import HANDHAVER, KETENPARTNER, PROCESREGISSEUR, TEAMLEIDER
from audit.actions import Action, Outcome
from audit.activities import CHAIN_SHARING, PRIVACY_SUPERVISION
from casework.categories import PERSONALIA
from casework.csv_export import safe_cell
from casework.models import Person
from casework.pga.casetype import PROCESSING_ACTIVITY as PGA_PROCESREGIE
from casework.privacy import register
from casework.sharing import share_create, share_revoke
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import event_list as events
from tests.conftest import count_queries
from tests.factories.accounts import OrganisationFactory
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")

WEIGHING = "Alleen wat het casusoverleg nodig heeft; minder ingrijpend kan niet (testafweging)."
PURPOSE = "Afstemming in het casusoverleg (testdoel)."



def make_share(case, actor, partner, *, activity=CHAIN_SHARING, days=30, starts_in=0):
    today = timezone.localdate()
    return share_create(
        actor=actor, case=case, partner=partner, categories=[PERSONALIA], processing_activity=activity,
        purpose=PURPOSE, weighing=WEIGHING, starts_on=today + timedelta(days=starts_in),
        ends_on=today + timedelta(days=days),
    )


@pytest.fixture
def world(make_user, other_organisation):
    owner = make_user(role=PROCESREGISSEUR)
    police = other_organisation
    ggz = OrganisationFactory(name="Test-GGZ West", kind=Organisation.Kind.GGZ)
    cases = [make_pga_case(owner=owner, surname="Testgeheimnaam") for _ in range(3)]
    shares = {
        "police": make_share(cases[0], owner, police),
        "ggz_pga": make_share(cases[1], owner, ggz, activity=PGA_PROCESREGIE, days=10),
        "revoked": make_share(cases[2], owner, police),
    }
    share_revoke(actor=owner, share=shares["revoked"], reason="Niet meer nodig (test).")
    return {"owner": owner, "police": police, "ggz": ggz, "cases": cases, "shares": shares}


def ids(filters: register.RegisterFilters, **kwargs) -> set:
    return set(register.sharing_register(filters, **kwargs).values_list("pk", flat=True))


def test_filters_by_partner_activity_and_state(world):
    shares = world["shares"]
    assert ids(register.RegisterFilters()) == {share.pk for share in shares.values()}
    assert ids(register.RegisterFilters(partner_id=str(world["ggz"].pk))) == {shares["ggz_pga"].pk}
    assert ids(register.RegisterFilters(processing_activity=PGA_PROCESREGIE)) == {shares["ggz_pga"].pk}
    assert ids(register.RegisterFilters(state=register.ACTIVE)) == {shares["police"].pk, shares["ggz_pga"].pk}
    assert ids(register.RegisterFilters(state=register.REVOKED)) == {shares["revoked"].pk}
    assert ids(register.RegisterFilters(state=register.EXPIRED)) == set()
    later = timezone.localdate() + timedelta(days=20)
    assert ids(register.RegisterFilters(state=register.EXPIRED), today=later) == {shares["ggz_pga"].pk}
    assert ids(register.RegisterFilters(state=register.ACTIVE), today=later) == {shares["police"].pk}


def test_the_period_selects_decisions_in_force_in_it(world):
    shares, today = world["shares"], timezone.localdate()
    in_force_later = register.RegisterFilters(start=today + timedelta(days=15), end=today + timedelta(days=40))
    assert ids(in_force_later) == {shares["police"].pk, shares["revoked"].pk}
    before = register.RegisterFilters(end=today - timedelta(days=1))
    assert ids(before) == set()


def test_the_page_lists_sharing_records_without_case_content_and_audits_each(client, login, world, officer):
    login(client, officer)
    body = client.get("/privacy/sharing-register/").content.decode()
    for case in world["cases"]:
        assert case.reference in body
    assert world["police"].name in body and PURPOSE in body
    assert "Testgeheimnaam" not in body and WEIGHING not in body
    listed = events(action=Action.LIST, processing_activity=PRIVACY_SUPERVISION)
    assert len(listed) == 3 and {event.actor_id for event in listed} == {str(officer.pk)}
    assert {event.subject_pseudonym for event in listed} == {subject_pseudonym(c.person_id) for c in world["cases"]}


def test_the_page_filters(client, login, world, officer):
    login(client, officer)
    body = client.get(f"/privacy/sharing-register/?partner={world['ggz'].pk}").content.decode()
    assert world["cases"][1].reference in body and world["cases"][0].reference not in body
    body = client.get("/privacy/sharing-register/?state=revoked").content.decode()
    assert world["cases"][2].reference in body and world["cases"][1].reference not in body
    assert client.get("/privacy/sharing-register/?partner=nonsense").status_code == 400
    empty = client.get(f"/privacy/sharing-register/?partner={world['ggz'].pk}&state=revoked")
    assert empty.status_code == 200 and events(action=Action.SEARCH, object_type=register.SHARE_TYPE)


def test_the_detail_shows_the_weighing_and_is_audited(client, login, world, officer):
    login(client, officer)
    share = world["shares"]["revoked"]
    body = client.get(f"/privacy/sharing-register/{share.pk}/").content.decode()
    assert WEIGHING in body and "Niet meer nodig" in body and "Testgeheimnaam" not in body
    (viewed,) = events(action=Action.VIEW, object_type=register.SHARE_TYPE)
    assert viewed.object_id == str(share.pk) and viewed.subject_pseudonym == subject_pseudonym(share.case.person_id)


def test_the_csv_is_audited_per_decision_and_holds_no_free_text(client, login, world, officer):
    login(client, officer)
    response = client.get(f"/privacy/sharing-register/export.csv?partner={world['police'].pk}")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["case_reference"] for row in rows} == {world["cases"][0].reference, world["cases"][2].reference}
    assert {row["state"] for row in rows} == {register.ACTIVE, register.REVOKED}
    assert PURPOSE not in text and WEIGHING not in text and "Testgeheimnaam" not in text
    exported = events(action=Action.EXPORT)
    assert len(exported) == 2 and all(event.processing_activity == PRIVACY_SUPERVISION for event in exported)
    assert {event.object_id for event in exported} == {row["id"] for row in rows}
    assert all(f"partner={world['police'].pk}" in event.reason for event in exported)


def test_an_empty_csv_export_is_still_audited(client, login, world, officer):
    login(client, officer)
    response = client.get(f"/privacy/sharing-register/export.csv?partner={world['ggz'].pk}&state=revoked")
    assert b"".join(response.streaming_content).decode().count("\n") == 1
    (exported,) = events(action=Action.EXPORT)
    assert exported.subject_pseudonym == ""


def test_the_csv_neutralises_spreadsheet_formulas(world):
    Organisation.objects.filter(pk=world["police"].pk).update(name="=HYPERLINK(\"x\")")
    share = register.sharing_register(register.RegisterFilters(partner_id=str(world["police"].pk))).first()
    assert safe_cell(share.partner.name).startswith("'=")


@pytest.mark.parametrize("role", [PROCESREGISSEUR, HANDHAVER, TEAMLEIDER, KETENPARTNER])
def test_other_roles_are_refused_and_it_is_audited(client, login, make_user, world, role):
    user = make_user(role=role)
    login(client, user)
    share = world["shares"]["police"]
    for url in ("/privacy/sharing-register/", "/privacy/sharing-register/export.csv",
                f"/privacy/sharing-register/{share.pk}/"):
        response = client.get(url)
        assert response.status_code == 403
        assert WEIGHING.encode() not in response.content
    denied = events(action=Action.ACCESS_DENIED, actor_id=str(user.pk))
    assert len(denied) == 3 and all(event.outcome == Outcome.DENIED for event in denied)
    assert not events(action=Action.EXPORT)


def test_a_page_costs_the_same_number_of_queries_for_more_decisions(client, login, world, officer, make_user):
    login(client, officer)
    client.get("/privacy/sharing-register/")
    with count_queries() as few:
        client.get("/privacy/sharing-register/")
    owner = make_user(role=PROCESREGISSEUR)
    for _ in range(8):
        make_share(make_pga_case(owner=owner), owner, world["ggz"])
    with count_queries() as many:
        body = client.get("/privacy/sharing-register/").content.decode()
    assert body.count("/privacy/sharing-register/") > 10
    assert len(many) == len(few)


def test_a_restricted_persons_free_texts_are_not_shown(client, login, world, officer):
    share = world["shares"]["police"]
    Person.objects.filter(pk=share.case.person_id).update(restricted=True)  # AVG 18, as restriction.py sets it
    login(client, officer)
    listed = client.get(f"/privacy/sharing-register/?partner={world['police'].pk}&state=active").content.decode()
    assert share.case.reference in listed and PURPOSE not in listed
    detail = client.get(f"/privacy/sharing-register/{share.pk}/").content.decode()
    assert share.case.reference in detail and PURPOSE not in detail and WEIGHING not in detail
    other = client.get(f"/privacy/sharing-register/{world['shares']['ggz_pga'].pk}/").content.decode()
    assert WEIGHING in other
