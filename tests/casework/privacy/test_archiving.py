"""Archiving by the selection list (issue 13 item 6): category numbers and archive actions as data,
"keep permanently" dossiers listed for transfer and never destroyed, the draft destruction list for
the records manager before approval, and categories on the tombstones and the destruction statement."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.roles import PRIVACY_OFFICER, PROCESREGISSEUR
from audit.models import AuditEvent
from casework.models import Case
from casework.privacy import destruction
from casework.privacy.models import ArchiveAction, DestructionBatch, RetentionPolicy, Tombstone
from casework.privacy.retention import policy_create, retention_selection
from tests.factories.casework import make_pga_case
from tests.pdfa import assert_pdfa_2u

pytestmark = pytest.mark.django_db(databases="__all__")
LONG_AGO = datetime.date(2015, 1, 5)
SURNAME = "Archieftestpersoon"


@pytest.fixture
def owner(make_user):
    return make_user(role=PROCESREGISSEUR)


@pytest.fixture
def officer(make_user):
    return make_user(role=PRIVACY_OFFICER)


@pytest.fixture
def second(make_user):
    return make_user(role=PRIVACY_OFFICER)


def closed_case(owner) -> Case:
    case = make_pga_case(owner=owner, status="afgesloten", surname=SURNAME)
    Case.objects.filter(pk=case.pk).update(opened_on=LONG_AGO - datetime.timedelta(days=30), closed_on=LONG_AGO)
    case.refresh_from_db()
    return case


def test_the_seeded_periods_carry_example_categories():
    for policy in RetentionPolicy.objects.all():
        assert policy.selectielijst_category and policy.is_example and policy.archive_action == ArchiveAction.DESTROY
        assert "voorbeeldwaarde" in policy.selectielijst_version


def test_a_new_version_needs_its_category(officer):
    with pytest.raises(ValidationError) as refused:
        policy_create(actor=officer, case_type="pga", years=3, counted_from="closed_on", basis="slgio-zorg-veiligheid",
                      explanation="test", effective_from=timezone.localdate())
    assert "selectielijst_category" in refused.value.message_dict


def test_keep_permanently_means_transfer_never_destruction(client, login, owner, officer):
    case = closed_case(owner)
    RetentionPolicy.objects.filter(case_type="pga").update(archive_action=ArchiveAction.KEEP)
    selection = retention_selection(controller_id=owner.organisation_id)
    assert [c.case_id for c in selection.transfer] == [case.pk] and selection.expired == []
    with pytest.raises(ValidationError):
        destruction.batch_propose(actor=officer)
    login(client, officer)
    response = client.get(reverse("casework:privacy_retention_transfer_csv"))
    body = response.content.decode()
    assert response.status_code == 200 and case.reference in body and SURNAME not in body
    assert AuditEvent.objects.filter(action="export", case_id=str(case.pk)).exists()


def test_the_draft_list_comes_before_approval_and_holds_no_personal_data(client, login, owner, officer, second,
                                                                          make_user, other_organisation):
    case = closed_case(owner)
    batch = destruction.batch_propose(actor=officer)
    with pytest.raises(ValidationError):
        destruction.batch_decide(actor=second, batch=batch, approve=True)
    outsider = make_user(role=PRIVACY_OFFICER, organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        destruction.batch_draft_rows(actor=outsider, batch=batch)
    login(client, second)
    csv = client.get(reverse("casework:privacy_retention_batch_draft", args=[batch.pk, "csv"]))
    text = csv.content.decode()
    assert csv.status_code == 200 and case.reference in text and "1.1.4" in text and SURNAME not in text
    pdf = client.get(reverse("casework:privacy_retention_batch_draft", args=[batch.pk, "pdf"]))
    pdf_text = assert_pdfa_2u(pdf.content)
    assert case.reference in pdf_text and SURNAME not in pdf_text
    assert client.get(reverse("casework:privacy_retention_batch_draft", args=[batch.pk, "xls"])).status_code == 404
    assert AuditEvent.objects.filter(action="export", case_id=str(case.pk)).count() == 2
    batch.refresh_from_db()
    assert batch.draft_exported_by == second
    decided = destruction.batch_decide(actor=second, batch=batch, approve=True)
    assert decided.state == DestructionBatch.State.APPROVED


def test_the_tombstone_and_the_statement_name_the_category(owner, officer, second):
    case = closed_case(owner)
    batch = destruction.batch_propose(actor=officer)
    destruction.batch_draft_rows(actor=second, batch=batch)
    destruction.batch_decide(actor=second, batch=batch, approve=True)
    call_command("apply_retention", "--execute", "--approval", str(batch.pk), stdout=io.StringIO())
    assert Tombstone.objects.get(case_id=case.pk).selectielijst_category == "1.1.4"
    batch.refresh_from_db()
    text = assert_pdfa_2u(bytes(batch.statement_pdf))
    assert "1.1.4" in text and case.reference in text
