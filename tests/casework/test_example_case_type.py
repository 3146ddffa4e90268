"""A case type plugs into the core through the registry alone (issue 12).

The test-only example type (tests/testapps/exampletype/) registers itself from its AppConfig and
is named nowhere in the core, yet its cases appear in the lists, the dashboard, the deadlines, the
timeline, the inzage report (and its PDF), legal holds and retention; and the system check refuses
a registration that lacks a provider or leaves personal data uncovered.
"""

from __future__ import annotations

import dataclasses
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from accounts.roles import KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR
from audit.activities import CHAIN_SHARING
from audit.history import save_with_reason
from casework import checks, dashboards, registry, selectors, workflow
from casework.models import Case
from casework.persons import person_register
from casework.privacy import destruction
from casework.privacy.holds import holds_for
from casework.privacy.inzage import inzage_report
from casework.privacy.inzage_pdf import inzage_pdf_bytes
from casework.privacy.inzage_review import inzage_review_record
from casework.privacy.models import DataSubjectRequest, Tombstone
from casework.privacy.requests import request_register
from casework.privacy.retention import retention_selection
from casework.services import case_create
from casework.sharing import share_create
from casework.timeline import case_page
from encryption.models import DataKey
from tests.pdfa import assert_pdfa_2u
from tests.testapps.exampletype.models import ExampleFile, ExampleObjection, ExampleParty, ExampleSource

pytestmark = pytest.mark.django_db(databases="__all__")
SUMMARY = "Voorbeeldsamenvatting Testwaarde"
PARTY_NOTE = "Notitie over de partij Testwaarde"
LONG_AGO = datetime.date(2015, 1, 5)


def _letter(officer, person, report) -> bytes:
    """The letter for `report`: registered as the answer to a request, its free text reviewed (nothing withheld)."""
    request = request_register(actor=officer, kind=DataSubjectRequest.Kind.INZAGE,
                               received_on=datetime.date(2026, 11, 2), person=person)
    inzage_review_record(user=officer, request=request, report=report, withheld=())
    return inzage_pdf_bytes(report, request)


@pytest.fixture
def owner(make_user):
    return make_user(role=PROCESREGISSEUR)


@pytest.fixture
def example(owner):
    """An example case with its detail, a party and a pending objection due tomorrow."""
    subject, _ = person_register(actor=owner, controller=owner.organisation, first_names="Exa",
                                 surname="Testvoorbeeld", bsn="111222333")
    party, _ = person_register(actor=owner, controller=owner.organisation, first_names="Par",
                               surname="Testpartij", bsn="123456782")
    case = case_create(case_type="example", owner=owner, controller=owner.organisation, person=subject, by=owner,
                       reason="example registered")
    save_with_reason(ExampleFile(case=case, data_key_id=case.data_key_id, summary=SUMMARY), reason="example",
                     user=owner)
    save_with_reason(ExampleParty(case=case, data_key_id=case.data_key_id, person=party, note=PARTY_NOTE),
                     reason="party", user=owner)
    save_with_reason(ExampleObjection(case=case, data_key_id=case.data_key_id,
                                      due_on=datetime.date.today() + datetime.timedelta(days=1)),
                     reason="objection", user=owner)
    return case


def test_the_core_names_the_type_nowhere_but_it_is_registered():
    assert registry.get("example").label.startswith("Example case")
    assert "example" in dict(registry.choices())


def test_its_case_is_in_the_list_the_dashboard_and_the_deadlines(owner, example):
    assert example in selectors.case_list(user=owner, filters=selectors.CaseFilters(case_type="example"))
    board = dashboards.procesregisseur_dashboard(user=owner)
    assert [row.case for row in board.contribution("example").rows] == [example]
    found = selectors.deadlines_due(user=owner, until=datetime.date.today() + datetime.timedelta(days=7))
    assert [(d.case, d.kind) for d in found] == [(example, "example_objection")]


def test_its_rows_are_on_the_case_page_and_the_timeline(client, login, owner, example):
    login(client, owner)
    response = client.get(reverse("casework:case_detail", kwargs={"case_id": example.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    assert SUMMARY in html and "Example objection due" in html
    page = case_page(user=owner, case=example, case_access=response.context["page"].case_access)
    kinds = {entry.kind for entry in page.timeline}
    assert {"example_objection", "step", "change"} <= kinds


def test_its_content_is_in_the_inzage_report_and_its_pdf(make_user, example):
    officer = make_user(role=PRIVACY_OFFICER)
    report = inzage_report(user=officer, persons=[example.person], reason="request")
    values = [value for case in report.cases for item in case.items for _label, value in item.values]
    assert SUMMARY in values
    assert_pdfa_2u(_letter(officer, example.person, report), contains=("Testwaarde",))
    party = ExampleParty.objects.get(case=example).person
    party_report = inzage_report(user=officer, persons=[party], reason="request")
    assert party_report.found


def test_a_pending_objection_holds_and_a_retention_run_shreds_the_key(make_user, owner, example):
    workflow.transition(case=example, to="closed", by=owner, reason="klaar")
    Case.objects.filter(pk=example.pk).update(opened_on=LONG_AGO - datetime.timedelta(days=30), closed_on=LONG_AGO)
    assert holds_for([example.pk]) == {example.pk: ["example objection pending"]}
    assert [c.case_id for c in retention_selection().held] == [example.pk]

    ExampleObjection.objects.filter(case=example).update(pending=False)
    selection = retention_selection()
    assert [c.case_id for c in selection.expired] == [example.pk]
    assert selection.expired[0].policy.years == 1  # the type's registered default
    officer, second = make_user(role=PRIVACY_OFFICER), make_user(role=PRIVACY_OFFICER)
    proposed = destruction.batch_propose(actor=officer)
    destruction.batch_draft_rows(actor=second, batch=proposed)
    batch = destruction.batch_decide(actor=second, batch=proposed, approve=True)
    call_command("apply_retention", "--execute", "--approval", str(batch.pk), stdout=io.StringIO())
    assert not Case.objects.filter(pk=example.pk).exists()
    assert not ExampleFile.objects.exists() and not ExampleFile.history.exists()
    assert DataKey.objects.get(id=example.data_key_id).destroyed_at is not None
    assert Tombstone.objects.get(case_id=example.pk).case_type == "example"


@pytest.fixture
def patched_spec():
    """Re-register the example type with a change for one test, and put the original back after."""
    original = registry.get("example")

    def patch(**changes):
        registry.register(dataclasses.replace(original, **changes))

    yield patch
    registry.register(original)


def _errors(code: str) -> list[str]:
    return [message.msg for message in checks.case_types_complete() if message.id == code]


def test_the_complete_registration_passes_the_check():
    assert checks.case_types_complete() == []


@pytest.mark.parametrize("provider", registry.CaseTypeSpec.REQUIRED)
def test_removing_any_provider_fails_the_check(patched_spec, provider):
    patched_spec(**{provider: None})
    assert any(repr(provider) in message for message in _errors("casework.E001"))


def test_a_provider_that_does_not_resolve_fails_the_check(patched_spec):
    patched_spec(deadlines="tests.testapps.exampletype.providers:no_such_function")
    assert _errors("casework.E002")


def test_a_case_action_that_does_not_resolve_fails_the_check(patched_spec):
    patched_spec(case_actions=(registry.CaseAction("casework:no_such_page", "Nergens heen"),))
    assert any("'casework:no_such_page'" in message for message in _errors("casework.E008"))


def test_an_encrypted_field_without_a_category_fails_the_check(patched_spec):
    categories = dict(registry.get("example").field_categories)
    categories["exampletype.ExampleParty"] = {k: v for k, v in categories["exampletype.ExampleParty"].items()
                                              if k != "note"}
    patched_spec(field_categories=categories)
    assert _errors("casework.E003") == [
        "exampletype.ExampleParty.note holds personal data but has no sharing category."]


def test_a_person_link_that_is_no_person_role_fails_the_check(patched_spec):
    patched_spec(person_roles=())
    assert _errors("casework.E004") == [
        "exampletype.ExampleParty.person links a person but is not a person role of 'example'.",
        "exampletype.ExampleSource.person links a person but is not a person role of 'example'."]


def test_manage_py_check_fails_on_an_incomplete_type(patched_spec):
    from django.core.management.base import SystemCheckError

    patched_spec(inzage=None)
    with pytest.raises(SystemCheckError):
        call_command("check")


# --- shielded parties (melders, sources): the core's shielded-party role ----------------------------

MELDER_SURNAME = "Testmelder-Geheim"
STATEMENT = "Verklaring van de melder Geheimwaarde"
WEIGHING = "Alleen wat de partner voor de aanpak nodig heeft; minder delen volstaat niet."


@pytest.fixture
def with_source(owner, example):
    melder, _ = person_register(actor=owner, controller=owner.organisation, first_names="Mel",
                                surname=MELDER_SURNAME, bsn="111333507")
    save_with_reason(ExampleSource(case=example, data_key_id=example.data_key_id, person=melder, statement=STATEMENT),
                     reason="source recorded", user=owner)
    return melder


def _share(owner, example, partner_org, categories, **extra):
    return share_create(actor=owner, case=example, partner=partner_org, categories=categories,
                        processing_activity=CHAIN_SHARING, purpose="Samenwerking in de aanpak.", weighing=WEIGHING,
                        ends_on=datetime.date.today() + datetime.timedelta(days=30), **extra)


def test_a_partner_without_the_shielded_category_never_sees_the_source(client, login, make_user, other_organisation,
                                                                        owner, example, with_source):
    _share(owner, example, other_organisation, ["personalia", "example_details"])
    partner = make_user(role=KETENPARTNER, organisation=other_organisation)
    login(client, partner)
    response = client.get(reverse("casework:case_detail", kwargs={"case_id": example.pk}))
    html = response.content.decode()
    assert response.status_code == 200 and SUMMARY in html
    assert MELDER_SURNAME not in html and STATEMENT not in html and "example source" not in html


def test_sharing_the_shielded_category_needs_its_own_weighing(owner, example, other_organisation, with_source):
    with pytest.raises(ValidationError) as refused:
        _share(owner, example, other_organisation, ["example_sources"])
    assert "shielded_weighing" in refused.value.message_dict
    share = _share(owner, example, other_organisation, ["example_sources"],
                   shielded_weighing="De partner moet de melder kunnen benaderen voor een tweede verklaring.")
    assert share.categories == ["metadata", "example_sources"] and share.shielded_weighing.startswith("De partner")


def test_the_inzage_report_withholds_the_source_and_says_so(make_user, example, with_source):
    officer = make_user(role=PRIVACY_OFFICER)
    report = inzage_report(user=officer, persons=[example.person], reason="request")
    (case,) = report.cases
    values = " ".join(value for item in case.items for _label, value in item.values)
    assert STATEMENT not in values and MELDER_SURNAME not in values
    assert case.withheld and "AVG art. 15 lid 4" in case.withheld[0]
    text = assert_pdfa_2u(_letter(officer, example.person, report), contains=("15 lid 4",))
    assert "Geheim" not in text
    own = inzage_report(user=officer, persons=[with_source], reason="request")
    assert STATEMENT in [value for c in own.cases for item in c.items for _label, value in item.values]
    assert own.cases[0].withheld == []


def test_a_shielded_role_outside_a_shielded_category_fails_the_check(patched_spec):
    spec = registry.get("example")
    roles = tuple(dataclasses.replace(role, category="example_details") if role.shielded else role
                  for role in spec.person_roles)
    patched_spec(person_roles=roles)
    assert _errors("casework.E006")
