"""docs/privacy/access-matrix.md cannot lie: every row of the capability table it is generated from
is exercised against the real views and services, for every role.

- A capability with pages: each role that holds it gets 200 on every page, every other role gets
  403 and an `access_denied` audit event.
- A capability on cases: the paths of casework/access.py, the sharing, approval and break-the-glass
  services give it to exactly the roles the table names.
- The navigation never links a role to a page that refuses it.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from accounts import navigation as nav_entries
from accounts.context_processors import navigation
from accounts.roles import (
    CAPABILITIES,
    HANDHAVER,
    KETENPARTNER,
    PRIVACY_OFFICER,
    PROCESREGISSEUR,
    ROLES,
    TEAMLEIDER,
    roles_with,
)
from audit.actions import Action
from audit.models import AuditEvent
from casework import access
from casework.approvals import approval_decide, approval_request
from casework.breakglass import break_glass_open
from casework.categories import METADATA, PERSONALIA
from casework.documents.selectors import documents_of
from casework.documents.services import document_upload
from casework.privacy.restriction import restriction_apply
from tests.casework.web.read_support import share_with
from tests.factories.accounts import OrganisationFactory, TeamFactory
from tests.factories.casework import make_pga_case
from tests.factories.files import PDF

pytestmark = pytest.mark.django_db(databases="__all__")

PAGES = [(c.code, page) for c in CAPABILITIES for page in c.pages]
CASE_CAPABILITIES = {c.code for c in CAPABILITIES if not c.pages}
REASON = "Acute zorgen, regisseur onbereikbaar (test)."


def denials():
    return AuditEvent.objects.using("audit").filter(action=Action.ACCESS_DENIED)


@pytest.mark.parametrize("role", ROLES)
def test_each_page_answers_200_to_the_roles_with_its_capability_and_403_to_the_others(role, make_user, client,
                                                                                      login, settings):
    """One user per role walks every page of the table (a user and a login per page and role cost ten times
    as much and test nothing more: each page is asked on its own)."""
    settings.AUDIT_REFUSAL_LIMIT = 1_000_000  # the many refusals are the point here (the limit: test_refusals*)
    user = make_user(role=role)
    login(client, user)
    wrong = []
    for code, page in PAGES:
        url = reverse(page)  # a page the table names but no URL serves makes the documentation lie
        before = denials().filter(actor_id=str(user.pk)).count()
        status = client.get(url).status_code
        refused = denials().filter(actor_id=str(user.pk)).count() - before
        expected = (200, 0) if role in roles_with(code) else (403, 1)
        if (status, refused) != expected:
            wrong.append(f"{url} ({code}): {status} with {refused} access_denied events, expected {expected}")
    assert wrong == [], f"{role}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_the_navigation_links_a_role_only_to_pages_it_may_open(role, make_user, client, login):
    user = make_user(role=role)
    login(client, user)
    request = RequestFactory().get("/")
    request.user = user
    items = navigation(request)["navigation"]
    assert items, "every role sees at least its dashboard"
    for item in items:
        assert client.get(item["url"]).status_code == 200, f"{role} is linked to {item['url']}"


def test_every_navigation_entry_is_a_page_of_a_capability_with_the_same_roles():
    """The navigation reads the capability table; an entry with roles of its own would escape the matrix."""
    pages = {page: c.roles for c in CAPABILITIES for page in c.pages}
    for entry in nav_entries.entries():
        name = entry.url_name
        assert name in pages, f"{name} is in the navigation but in no capability"
        nav_roles = roles_with(entry.capability) if entry.capability else frozenset(ROLES)
        assert nav_roles == pages[name], name


def test_every_capability_without_pages_is_exercised_below():
    assert {
        "work_cases", "share_cases", "supervise_cases", "approve_decisions", "read_shared_cases", "break_glass",
        "brp_lookup", "report_back", "documents",
    } == CASE_CAPABILITIES


@pytest.fixture
def world(make_user, organisation):
    team = TeamFactory(organisation=organisation, name="Testteam Matrix")
    owner = make_user(role=PROCESREGISSEUR, team=team)
    return {"team": team, "owner": owner, "case": make_pga_case(owner=owner)}


@pytest.mark.parametrize("role", ROLES)
def test_work_and_share_cases_go_to_exactly_the_roles_in_the_table(role, world, make_user):
    member = make_user(role=role, team=world["team"])
    found = access.case_access(member, world["case"])
    assert found.allows(access.CHANGE) is (role in roles_with("work_cases"))
    assert found.allows(access.TRANSITION) is (role in roles_with("work_cases") | roles_with("supervise_cases"))
    assert found.allows(access.SHARE) is (role in roles_with("share_cases"))
    partner = OrganisationFactory(name="Testwoningcorporatie Matrix")
    if role in roles_with("share_cases"):
        assert share_with(world["case"], member, partner, [PERSONALIA]).partner == partner
    else:
        with pytest.raises(PermissionDenied):
            share_with(world["case"], member, partner, [PERSONALIA])


@pytest.mark.parametrize("role", ROLES)
def test_supervision_goes_to_exactly_the_roles_in_the_table(role, world, make_user):
    colleague = make_user(role=role)  # same organisation, another team (none)
    found = access.case_access(colleague, world["case"])
    assert found.allows(access.HANDOVER) is (role in roles_with("supervise_cases"))
    assert (world["case"] in access.visible_cases(colleague)) is (role in roles_with("supervise_cases"))


@pytest.mark.parametrize("role", ROLES)
def test_four_eyes_approval_goes_to_exactly_the_roles_in_the_table(role, world, make_user):
    approval = approval_request(case=world["case"], subject="closure_order", requested_by=world["owner"])
    approver = make_user(role=role)
    if role in roles_with("approve_decisions"):
        assert approval_decide(approval=approval, approver=approver, approve=True, reason="").decided_by == approver
    else:
        with pytest.raises(PermissionDenied):
            approval_decide(approval=approval, approver=approver, approve=True, reason="")


@pytest.mark.parametrize("role", ROLES)
def test_shared_cases_reach_exactly_the_roles_in_the_table(role, world, make_user):
    partner = OrganisationFactory(name="Testreclassering Matrix")
    share_with(world["case"], world["owner"], partner, [PERSONALIA])
    reader = make_user(role=role, organisation=partner)
    found = access.case_access(reader, world["case"])
    assert (found.via == "share") is (role in roles_with("read_shared_cases"))
    assert (world["case"] in access.visible_cases(reader)) is (role in roles_with("read_shared_cases"))
    if found:
        assert found.categories == {METADATA, PERSONALIA} and not found.allows(access.CHANGE)


@pytest.mark.parametrize("role", ROLES)
def test_documents_reach_exactly_the_roles_in_the_table(role, world, make_user):
    """A document in a category the reader sees: the team and its lead, a partner with a share of it; never the
    privacy officer (casework/documents/, ADR 0030)."""
    document_upload(actor=world["owner"], case=world["case"], title="Stuk (test)", category=PERSONALIA, upload=PDF)
    if role == KETENPARTNER:
        share_with(world["case"], world["owner"], OrganisationFactory(name="Testreclassering Stukken"), [PERSONALIA])
        reader = make_user(role=role, organisation=world["case"].shares.get().partner)
    else:
        reader = make_user(role=role, team=world["team"])
    rows = documents_of(case=world["case"], case_access=access.case_access(reader, world["case"]))
    assert bool(rows) is (role in roles_with("documents"))


@pytest.mark.parametrize("role", ROLES)
def test_break_the_glass_goes_to_exactly_the_roles_in_the_table(role, world, make_user, organisation):
    other_team = TeamFactory(organisation=organisation, name="Testteam Elders")
    # Caseworkers in another team; a team lead already supervises, so a lead of a joint controller asks.
    colleague = make_user(role=role, team=other_team) if role != TEAMLEIDER else None
    if colleague is None:
        joint = OrganisationFactory(name="Testgemeente Mede")
        world["case"].joint_controllers.add(joint)
        colleague = make_user(role=role, organisation=joint)
    assert access.can_break_glass(colleague, world["case"]) is (role in roles_with("break_glass"))
    if role in roles_with("break_glass"):
        break_glass_open(user=colleague, case=world["case"], reason=REASON)
        assert access.case_access(colleague, world["case"]).via == "break_glass"
    else:
        with pytest.raises(PermissionDenied):
            break_glass_open(user=colleague, case=world["case"], reason=REASON)
        assert not access.case_access(colleague, world["case"])


@pytest.mark.parametrize("role", ROLES)
def test_consulting_the_brp_goes_to_exactly_the_roles_in_the_table_and_only_at_a_municipality(role, make_user):
    """The limits the matrix states on `brp_lookup`: refused before any call (casework/brp/access.py)."""
    from casework.brp.access import BrpRefused, require_brp_access

    municipal = make_user(role=role)
    if role in roles_with("brp_lookup"):
        assert require_brp_access(municipal, "damocles").code == "damocles"
        with pytest.raises(BrpRefused):  # an activity without a BRP authorisation
            require_brp_access(municipal, "information-security")
    else:
        with pytest.raises(BrpRefused):
            require_brp_access(municipal, "damocles")
    partner_staff = make_user(role=role, organisation=OrganisationFactory(name="Testpolitie BRP",
                                                                          kind="politie"))
    with pytest.raises(BrpRefused):
        require_brp_access(partner_staff, "damocles")


@pytest.mark.parametrize("role", ROLES)
def test_report_back_goes_to_exactly_the_roles_in_the_table(role, world, make_user):
    """The limits the matrix states on `report_back` (docs/adr/0031): a user of the partner organisation reports
    on its own organisation's agreement within a shared category; every other role of that organisation is
    refused."""
    from datetime import timedelta

    from django.utils import timezone

    from casework.pga.casetype import PGA_CONFERENCES
    from casework.pga.services import agreement_record, partner_agreement_note

    organisation = OrganisationFactory(name="Testreclassering Matrix")
    share_with(world["case"], world["owner"], organisation, [PGA_CONFERENCES])
    agreement = agreement_record(actor=world["owner"], case=world["case"], description="Afspraak (matrixtest)",
                                 owner_organisation=organisation, due_on=timezone.localdate() + timedelta(days=7))
    member = make_user(role=role, organisation=organisation)
    if role in roles_with("report_back"):
        assert partner_agreement_note(actor=member, agreement=agreement, text="Loopt (matrixtest)").organisation \
            == organisation
    else:
        with pytest.raises(PermissionDenied):
            partner_agreement_note(actor=member, agreement=agreement, text="Loopt (matrixtest)")


def test_a_chain_partner_registering_a_referral_gets_no_access_to_it(world, make_user):
    """The limit the matrix states on `register_referral`: a chain partner refers, and reaches nothing."""
    partner_user = make_user(role=KETENPARTNER, organisation=OrganisationFactory(name="Testpolitie Matrix"))
    referred = make_pga_case(owner=world["owner"], actor=partner_user)
    assert not access.case_access(partner_user, referred)
    assert referred not in access.visible_cases(partner_user)


def test_no_path_reaches_a_restricted_person(world, make_user, organisation):
    """The matrix's note under the paths: a restricted person (AVG 18) is shown to no one."""
    case = world["case"]
    partner = OrganisationFactory(name="Testggz Matrix")
    share_with(case, world["owner"], partner, [PERSONALIA])
    colleague = make_user(role=HANDHAVER, team=TeamFactory(organisation=organisation, name="Testteam Glas"))
    break_glass_open(user=colleague, case=case, reason=REASON)
    readers = {"owner": world["owner"], "supervision": make_user(role=TEAMLEIDER),
               "share": make_user(role=KETENPARTNER, organisation=partner), "break_glass": colleague}
    assert {via: access.case_access(user, case).via for via, user in readers.items()} == {
        via: via for via in readers}
    restriction_apply(actor=make_user(role=PRIVACY_OFFICER), person=case.person)
    case.refresh_from_db()
    for via, user in readers.items():
        assert not access.case_access(user, case), via
        assert case not in access.visible_cases(user), via
