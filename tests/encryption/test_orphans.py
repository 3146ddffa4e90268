"""Orphan data keys: the key store commits a new key at once, so work that rolls back must not leave
it behind (on-rollback guard), and a killed process's keys are swept later (sweeper)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from audit.actions import Action
from audit.models import AuditEvent
from encryption.keystore import datakey_create
from encryption.models import DataKey
from encryption.orphans import orphan_guard, sweep_orphan_keys
from tests.testapps.crypto.models import Dossier

pytestmark = pytest.mark.django_db(databases="__all__")


def _live(key_id: uuid.UUID) -> bool:
    return DataKey.objects.filter(id=key_id, destroyed_at__isnull=True).exists()


def _dossier(name: str = "Proef") -> Dossier:
    dossier = Dossier(data_key_id=datakey_create().id, name=name)
    dossier.save()
    return dossier


class Boom(Exception):
    pass


def test_a_key_made_for_work_that_rolled_back_is_destroyed_when_the_guard_closes():
    made: list[uuid.UUID] = []
    with orphan_guard():
        with pytest.raises(Boom), transaction.atomic():
            key = datakey_create()
            made.append(key.id)
            Dossier(data_key_id=key.id, name="Wordt teruggedraaid").save()
            raise Boom
        assert _live(made[0])  # still there until the guard closes (the request ends)
    row = DataKey.objects.get(id=made[0])
    assert row.destroyed_at is not None and bytes(row.wrapped_key) == b""


def test_a_key_whose_transaction_is_still_open_or_committed_is_kept():
    with orphan_guard(), transaction.atomic():  # a savepoint inside the test's transaction: still open afterwards
        dossier = _dossier()
    assert _live(dossier.data_key_id)
    assert Dossier.objects.get(pk=dossier.pk).name == "Proef"


@pytest.mark.urls("tests.ops.urls")
def test_a_failing_request_leaves_no_orphan_key(client, make_user, login):
    """Through the middleware: the view creates a dossier and its key, then fails (HTTP 500)."""
    login(client, make_user())
    before = set(DataKey.objects.values_list("id", flat=True))
    dossiers = Dossier.objects.count()
    client.raise_request_exception = False
    assert client.get("/test-ops/dossier-then-fail/").status_code == 500
    new = DataKey.objects.exclude(id__in=before)
    assert new.count() == 1, "the view did create a data key before failing"
    assert not new.filter(destroyed_at__isnull=True).exists()
    assert Dossier.objects.count() == dossiers


def test_the_sweeper_destroys_old_unreferenced_keys_only():
    kept = _dossier()
    orphan = datakey_create()
    young_orphan = datakey_create()
    DataKey.objects.filter(id__in=[kept.data_key_id, orphan.id]).update(created=timezone.now() - timedelta(hours=2))

    dry = sweep_orphan_keys(older_than=timedelta(hours=1), dry_run=True)
    assert (dry.examined, dry.destroyed) == (2, 1) and _live(orphan.id)

    report = sweep_orphan_keys(older_than=timedelta(hours=1))
    assert (report.examined, report.destroyed) == (2, 1)
    assert not _live(orphan.id)
    assert _live(kept.data_key_id) and _live(young_orphan.id)
    assert Dossier.objects.get(pk=kept.pk).name == "Proef"


def test_history_rows_keep_their_key_alive():
    dossier = _dossier()
    key_id = dossier.data_key_id
    Dossier.objects.filter(pk=dossier.pk).delete()  # only the history rows refer to the key now
    DataKey.objects.filter(id=key_id).update(created=timezone.now() - timedelta(days=1))
    assert sweep_orphan_keys(older_than=timedelta(0)).destroyed == 0
    assert _live(key_id)


def test_the_sweep_command_reports_and_is_audited():
    orphan = datakey_create()
    DataKey.objects.filter(id=orphan.id).update(created=timezone.now() - timedelta(hours=3))
    call_command("sweep_orphan_keys")
    assert not _live(orphan.id)
    event = AuditEvent.objects.filter(action=Action.SHRED, object_type="encryption.DataKey").latest("sequence")
    assert event.reason.startswith("1 orphan data keys destroyed")
