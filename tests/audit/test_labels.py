"""audit.labels and the privacy officer's screens: names instead of codes and ids (issue 19), in a fixed number
of queries; the exports keep the stored ids."""

from __future__ import annotations

import csv
import io
import uuid

import pytest
from django.urls import reverse

import audit
from audit import labels
from audit.actions import Action
from audit.models import AuditEvent
from casework.pga.casetype import PROCESSING_ACTIVITY as PGA_PROCESREGIE
from tests.conftest import count_queries
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")


def _event(**kwargs) -> AuditEvent:
    audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, **kwargs)
    return AuditEvent.objects.latest("sequence")


def test_an_event_is_labelled_with_role_activity_case_and_object(procesregisseur):
    case = make_pga_case(owner=procesregisseur)
    grant = uuid.uuid4()
    event = _event(actor=procesregisseur, object_type="casework.Case", object_id=case.pk, case_id=case.pk,
                   reason=f"grant:{grant} for {case.pk}")
    [labelled] = labels.label_events([event])
    assert labelled.role_label == "Procesregisseur"
    assert (labelled.action_label, labelled.outcome_label) == ("Bekijken", "Gelukt")
    assert labelled.activity_label == "Procesregie persoonsgerichte aanpak (PGA)"
    assert labelled.case_label == case.reference
    assert labelled.object_label == f"casus {case.reference}"
    assert labelled.reason_label == f"noodtoegang: [intern kenmerk] for {case.reference}"  # "grant:" in words
    assert labelled.on_behalf_of_label == "organisatie"
    assert event.reason == f"grant:{grant} for {case.pk}"  # the stored reason is unchanged


def test_users_organisations_and_unknown_ids(procesregisseur):
    user_event = _event(actor=procesregisseur, object_type="accounts.User", object_id=procesregisseur.pk)
    organisation_event = _event(actor=procesregisseur, object_type="accounts.Organisation",
                                object_id=procesregisseur.organisation_id)
    gone = _event(actor=procesregisseur, object_type="casework.Case", object_id=uuid.uuid4(), case_id=uuid.uuid4())
    numbered = _event(actor=procesregisseur, object_type="audit.AuditEvent", object_id=12)
    labelled = labels.label_events([user_event, organisation_event, gone, numbered])
    assert [event.object_label for event in labelled] == [
        f"gebruiker {procesregisseur.display_name}", f"organisatie {procesregisseur.organisation.name}",
        "casus", "auditgebeurtenis 12"]
    assert labelled[2].case_label == "casus niet gevonden"  # a destroyed case has no reference left


def test_labelling_a_page_costs_a_fixed_number_of_queries(procesregisseur):
    cases = [make_pga_case(owner=procesregisseur) for _ in range(3)]
    events = [_event(actor=procesregisseur, object_type="casework.Case", object_id=case.pk, case_id=case.pk)
              for case in cases]
    with count_queries() as few:
        labels.label_events(events[:1])
    with count_queries() as many:
        labels.label_events(events)
    assert len(many) == len(few) <= 3


def test_the_search_page_shows_references_and_names_not_ids(officer_client, procesregisseur):
    case = make_pga_case(owner=procesregisseur)
    _event(actor=procesregisseur, object_type="casework.Case", object_id=case.pk, case_id=case.pk)
    body = officer_client.post(reverse("audit:search"), {"case_id": str(case.pk)}).content.decode()
    rows = body[body.index("<tbody"):body.index("</tbody>")]  # the filters keep the id in hidden fields
    assert case.reference in rows and str(case.pk) not in rows
    assert "Procesregisseur" in rows and "procesregisseur)" not in rows
    assert "Procesregie persoonsgerichte aanpak (PGA)" in rows and PGA_PROCESREGIE not in rows


def test_the_event_detail_shows_names_and_the_export_keeps_the_ids(officer_client, procesregisseur):
    case = make_pga_case(owner=procesregisseur)
    event = _event(actor=procesregisseur, object_type="casework.Case", object_id=case.pk, case_id=case.pk)
    body = officer_client.get(reverse("audit:event_detail", args=[event.sequence])).content.decode()
    assert case.reference in body and str(case.pk) not in body and str(procesregisseur.pk) not in body
    export = b"".join(officer_client.post(reverse("audit:export", args=["csv"]),
                                          {"case_id": str(case.pk)}).streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(export)))
    assert any(row["case_id"] == str(case.pk) for row in rows)
