"""audit.history: required change reasons, the acting user on history rows, an event per change."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from audit.actions import Action
from audit.history import ChangeReasonRequired, delete_with_reason, save_with_reason
from audit.models import ProcessingActivity
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import event_list as events
from tests.testapps.auditing.models import DemoNote

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def note(person):
    return save_with_reason(DemoNote(person=person, text="eerste"), reason="intake")


def test_save_without_reason_is_refused_before_writing(person):
    with pytest.raises(ChangeReasonRequired):
        DemoNote(person=person, text="zonder reden").save()
    assert not DemoNote.objects.exists()
    assert not DemoNote.history.exists()


def test_update_without_reason_is_refused(note):
    note.text = "gewijzigd"
    with pytest.raises(ChangeReasonRequired):
        note.save()  # the reason of the previous change does not carry over
    note.refresh_from_db()
    assert note.text == "eerste"


def test_delete_without_reason_is_refused(note):
    with pytest.raises(ChangeReasonRequired), transaction.atomic():
        note.delete()
    assert DemoNote.objects.filter(pk=note.pk).exists()


def test_change_writes_history_and_an_audit_event(note, procesregisseur):
    note.text = "tweede"
    save_with_reason(note, reason="nieuwe informatie", user=procesregisseur)
    latest = note.history.first()
    assert latest.history_change_reason == "nieuwe informatie"
    assert latest.history_user_id == procesregisseur.pk
    (created,) = events(action=Action.CREATE, object_type="testapp_auditing.DemoNote")
    (updated,) = events(action=Action.UPDATE, object_type="testapp_auditing.DemoNote")
    assert created.reason == "intake" and updated.reason == "nieuwe informatie"
    assert updated.subject_pseudonym == subject_pseudonym(note.person_id)
    assert updated.actor_id == str(procesregisseur.pk)
    delete_with_reason(note, reason="dubbel ingevoerd", user=procesregisseur)
    (deleted,) = events(action=Action.DELETE)
    assert deleted.reason == "dubbel ingevoerd"


def test_the_history_manager_class_is_made_once_and_reads_the_instances_own_history(note, person):
    """`instance.history` of an opted-in model: one manager class for every access (simple-history made a new
    one each time, 0.5 ms of every history write), still bound to its instance."""
    other = save_with_reason(DemoNote(person=person, text="andere"), reason="intake")
    note.text = "tweede"
    save_with_reason(note, reason="nieuwe informatie")
    assert type(note.history) is type(other.history) is type(DemoNote.history)
    assert [row.text for row in note.history.order_by("history_date")] == ["eerste", "tweede"]
    assert [row.text for row in other.history.all()] == ["andere"]
    assert DemoNote.history.count() == 3


@pytest.mark.urls("tests.testapps.auditing.urls")
def test_history_user_comes_from_the_request(worker_client, procesregisseur, note):
    url = reverse("test_note_edit", args=[note.pk])
    response = worker_client.post(url, {"text": "via web", "reason": "belnotitie"})
    assert response.status_code == 200
    latest = note.history.first()
    assert latest.history_user_id == procesregisseur.pk and latest.history_change_reason == "belnotitie"
    (updated,) = events(action=Action.UPDATE)
    assert updated.actor_id == str(procesregisseur.pk) and updated.request_id


def test_register_is_seeded_with_this_systems_activities():
    from audit.activities import KNOWN_ACTIVITIES
    from casework import registry

    seeded = set(ProcessingActivity.objects.values_list("code", flat=True))
    examples = {spec.processing_activity for spec in registry.types() if spec.example}  # test-only, no register row
    assert seeded == set(KNOWN_ACTIVITIES) - examples
    for activity in ProcessingActivity.objects.all():
        assert activity.purpose and activity.legal_basis and activity.retention
        assert activity.data_categories and activity.subject_categories
