"""The assessment starts from the policy's proposal (issue 19 item 2): deviation reasons are asked only when
the officer changes the proposal, with a message naming both; nothing is saved on a refusal."""

from __future__ import annotations

import pytest

from casework.damocles import workflow as wf
from casework.damocles.models import DamoclesCase
from tests.casework.damocles.web.support import damocles_url
from tests.casework.versions_support import version_of as v
from tests.casework.web.form_pattern_support import FormPage, check_linked
from tests.factories.damocles import PROPORTIONALITY, assess, step

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def assessing(procedure, handhaver):
    return step(procedure, wf.BEOORDELING, by=handhaver)  # 12 g hard drugs, 1st offence: closure 91 days


def test_the_form_starts_from_the_proposal(client, login, handhaver, assessing):
    login(client, handhaver)
    page = FormPage(client.get(damocles_url("assessment", assessing)).content.decode())
    closure = next(c for c in page.controls if c.attrs.get("name") == "chosen_sanction"
                   and c.attrs["value"] == "closure")
    assert "checked" in closure.attrs and page.control("chosen_days").attrs["value"] == "91"
    assert page.described_by(page.control("deviation_reasons")) == [
        "Alleen als uw keuze afwijkt van het voorstel uit het beleid (sluiting, 91 dagen)."]
    assert page.summary() is None and page.invalid_controls() == []


def test_the_proposal_unchanged_asks_no_reasons(client, login, handhaver, assessing):
    login(client, handhaver)
    response = client.post(damocles_url("assessment", assessing), {
        **v(assessing), "chosen_sanction": "closure", "chosen_days": "91", **PROPORTIONALITY})
    assert response.status_code == 302
    details = DamoclesCase.objects.get(case=assessing)
    assert (details.chosen_days, details.deviation_reasons) == (91, None)


def test_a_changed_duration_asks_reasons_naming_both_and_saves_nothing(client, login, handhaver, assessing):
    login(client, handhaver)
    response = client.post(damocles_url("assessment", assessing), {
        **v(assessing), "chosen_sanction": "closure", "chosen_days": "90", **PROPORTIONALITY})
    assert response.status_code == 400
    page = FormPage(response.content.decode())
    check_linked(page)
    message = ("Fout: Uw keuze (sluiting, 90 dagen) wijkt af van het voorstel uit het beleid (sluiting, 91 dagen): "
               "schrijf op waarom u afwijkt, of kies het voorstel.")
    assert message in page.described_by(page.control("deviation_reasons"))
    assert page.summary().links[0][0] == "#id_deviation_reasons"
    assert page.control("chosen_days").attrs["value"] == "90"  # what the officer typed stays
    details = DamoclesCase.objects.get(case=assessing)
    assert (details.chosen_sanction, details.chosen_days, details.geschikt) == ("", None, None)


def test_a_recorded_assessment_is_shown_as_recorded(client, login, handhaver, assessing):
    assess(assessing, by=handhaver, sanction="closure", days=120, reasons="Herhaalde overlast in de straat (test).")
    login(client, handhaver)
    page = FormPage(client.get(damocles_url("assessment", assessing)).content.decode())
    assert page.control("chosen_days").attrs["value"] == "120"
