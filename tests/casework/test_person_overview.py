"""casework/person_overview.py: which cases of a person a user sees, in which role; never a shielded
role, and nothing that tells a user without access that hidden cases exist."""

from __future__ import annotations

import pytest

from casework.categories import METADATA, PERSONALIA
from casework.person_overview import person_overview
from casework.persons import person_register, persons_by_bsn
from tests.casework.web.actions_support import share_with
from tests.factories.casework import make_pga_case, person_data
from tests.factories.woonoverlast import make_file

pytestmark = pytest.mark.django_db(databases="__all__")
BSN = "999990019"


def _roles(overview) -> dict[str, tuple[str, ...]]:
    return {row.case.reference: row.roles for row in overview.rows}


def test_a_user_sees_only_the_cases_they_may_see_with_the_persons_role(regisseur, other_team_user):
    mine = make_pga_case(owner=regisseur, bsn=BSN)
    theirs = make_pga_case(owner=other_team_user, bsn=BSN)
    assert mine.person_id == theirs.person_id  # one person record of the controller

    overview = person_overview(user=regisseur, person_id=mine.person_id)

    assert _roles(overview) == {mine.reference: ("persoon om wie de casus draait",)}
    row = overview.rows[0]
    assert (row.type_label, row.status_label, row.owner_name, row.team_name) == (
        "PGA-casus", "Aangemeld", regisseur.display_name, "Testteam A")


def test_no_visible_case_is_the_same_answer_as_no_case_at_all(regisseur, other_org_user):
    hidden = make_pga_case(owner=regisseur, bsn=BSN)
    loner, _created = person_register(actor=other_org_user, controller=other_org_user.organisation,
                                      **person_data(bsn="999990020"))
    assert person_overview(user=other_org_user, person_id=hidden.person_id) is None
    assert person_overview(user=other_org_user, person_id=loner.pk) is None
    assert person_overview(user=regisseur, person_id=loner.pk) is None
    assert person_overview(user=regisseur, person_id="00000000-0000-4000-8000-000000000000") is None


def test_a_shielded_role_is_never_listed(handhaver, regisseur):
    reported = make_file(owner=handhaver, melder=person_data(bsn=BSN))  # the owner sees the melders category
    subject_case = make_pga_case(owner=regisseur, bsn=BSN)  # the same team
    overview = person_overview(user=handhaver, person_id=subject_case.person_id)
    assert reported.reference not in _roles(overview)
    assert list(_roles(overview)) == [subject_case.reference]


def test_only_a_melder_is_the_same_answer_as_no_case(handhaver):
    make_file(owner=handhaver, melder=person_data(bsn=BSN))
    (melder,) = persons_by_bsn(controller=handhaver.organisation, bsn=BSN)
    assert person_overview(user=handhaver, person_id=melder.pk) is None


def test_a_partner_sees_the_link_only_through_a_shared_category(regisseur, partner, partner_org):
    case = make_pga_case(owner=regisseur, bsn=BSN)
    share_with(case, partner=partner_org, actor=regisseur, categories=(METADATA,))
    assert person_overview(user=partner, person_id=case.person_id) is None
    share_with(case, partner=partner_org, actor=regisseur, categories=(METADATA, PERSONALIA))
    assert list(_roles(person_overview(user=partner, person_id=case.person_id))) == [case.reference]


def test_a_filter_that_leaves_nothing_is_an_empty_overview(regisseur):
    case = make_pga_case(owner=regisseur, bsn=BSN)
    overview = person_overview(user=regisseur, person_id=case.person_id, case_type="park")
    assert overview is not None and overview.rows == []


def test_the_source_of_a_signal_is_never_listed(handhaver, regisseur):
    from tests.casework.signals.factories import make_signal

    signal = make_signal(handhaver, source_person=person_data(bsn=BSN))  # the owner sees the sources category
    subject_case = make_pga_case(owner=regisseur, bsn=BSN)
    assert signal.reference not in _roles(person_overview(user=handhaver, person_id=subject_case.person_id))
    (source,) = persons_by_bsn(controller=handhaver.organisation, bsn=BSN)
    assert person_overview(user=handhaver, person_id=source.pk) is not None  # the PGA case only
    assert list(_roles(person_overview(user=handhaver, person_id=source.pk))) == [subject_case.reference]
