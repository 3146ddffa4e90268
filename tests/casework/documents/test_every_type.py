"""Documents work on every registered case type (and the test-only example type): the list comes from the
registry, so a type added later is covered without editing this file."""

from __future__ import annotations

import pytest

from accounts.roles import HANDHAVER, PROCESREGISSEUR
from casework import access, registry
from casework.categories import METADATA
from casework.documents import selectors
from casework.documents.categories import document_categories
from casework.documents.services import document_upload
from casework.services import case_create
from tests.casework.documents.conftest import make_share
from tests.factories.files import ODT, PDF

pytestmark = pytest.mark.django_db(databases="__all__")


def _owner_role(code: str) -> str:
    spec = registry.get(code)
    roles = {role for capability in spec.capabilities or () for role in capability.roles}
    return PROCESREGISSEUR if PROCESREGISSEUR in roles or not roles & {HANDHAVER} else HANDHAVER


@pytest.mark.parametrize("code", registry.codes())
def test_every_case_type_takes_documents_and_shares_them_by_category(code, make_user, team, partner, partner_org):
    owner = make_user(role=_owner_role(code), team=team)
    case = case_create(case_type=code, owner=owner, controller=owner.organisation, person=None, by=owner,
                       reason="test: documenten")
    offered = document_categories(code)
    assert offered and METADATA not in offered
    own_category = next(c for c in offered if c.startswith(registry.get(code).app_label[:3]) or c == offered[-1])
    document_upload(actor=owner, case=case, title="Eigen stuk (test)", category=offered[0], upload=PDF)
    make_share(case, owner, partner_org, categories=[own_category])
    theirs = document_upload(actor=partner, case=case, title="Stuk partner (test)", category=own_category,
                             upload=ODT, filename="rapport.odt")
    seen = selectors.documents_of(case=case, case_access=access.case_access(partner, case))
    expected = {theirs.pk} | ({row.document.pk for row in selectors.documents_of(
        case=case, case_access=access.case_access(owner, case))} if offered[0] == own_category else set())
    assert {row.document.pk for row in seen} == expected
    assert len(selectors.documents_of(case=case, case_access=access.case_access(owner, case))) == 2
