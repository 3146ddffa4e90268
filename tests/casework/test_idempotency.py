"""casework/idempotency.py: one submit per key and user; replay, reuse, in progress, release, expiry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from casework import idempotency
from casework.models import SubmissionKey

pytestmark = pytest.mark.django_db(databases="__all__")


def _claim(user, key="k-1", fingerprint="f-1", channel="api"):
    return idempotency.claim(user=user, channel=channel, key=key, request_fingerprint=fingerprint)


def test_first_claim_runs_then_a_repeat_replays_the_stored_result(regisseur):
    claim = _claim(regisseur)
    idempotency.complete(claim, location="/api/v1/pga/cases/abc", created_id="abc")
    with pytest.raises(idempotency.Replay) as replay:
        _claim(regisseur)
    assert replay.value.row.location == "/api/v1/pga/cases/abc" and replay.value.row.created_id == "abc"


def test_nothing_readable_is_stored(regisseur):
    _claim(regisseur, key="visible-key-123", fingerprint=idempotency.fingerprint(
        method="POST", path="/x", body=b'{"bsn": "999990019"}'))
    row = SubmissionKey.objects.get()
    assert "visible-key-123" not in row.key_digest and len(row.key_digest) == 64
    assert "999990019" not in row.fingerprint


def test_keys_are_scoped_to_the_user_and_the_channel(regisseur, other_team_user):
    idempotency.complete(_claim(regisseur), location="/a")
    _claim(other_team_user)  # another user's same key is a new submit
    _claim(regisseur, channel="web")  # the same key as a form token is another key
    assert SubmissionKey.objects.count() == 3


def test_the_same_key_for_another_request_is_refused(regisseur):
    idempotency.complete(_claim(regisseur), location="/a")
    with pytest.raises(idempotency.KeyReused):
        _claim(regisseur, fingerprint="f-2")


def test_a_key_whose_first_request_still_runs_is_in_progress(regisseur):
    first = _claim(regisseur)
    with pytest.raises(idempotency.InProgress) as busy:
        _claim(regisseur)
    assert busy.value.row.pk == first.row.pk


def test_a_failed_request_frees_its_key_for_a_corrected_retry(regisseur):
    idempotency.release(_claim(regisseur))
    assert SubmissionKey.objects.count() == 0
    _claim(regisseur)  # runs again
    assert SubmissionKey.objects.count() == 1


def test_a_success_without_a_result_keeps_nothing(regisseur):
    idempotency.complete(_claim(regisseur))
    assert not SubmissionKey.objects.exists()


def test_expired_keys_are_purged_and_an_expired_key_runs_again(regisseur, settings):
    settings.SUBMISSION_KEY_TTL_SECONDS = 60
    idempotency.complete(_claim(regisseur), location="/a")
    SubmissionKey.objects.update(created_at=timezone.now() - timedelta(seconds=61))
    _claim(regisseur)  # the old key was past its time to live: a new submit
    SubmissionKey.objects.update(created_at=timezone.now() - timedelta(seconds=61))
    assert idempotency.purge_expired() == 1 and not SubmissionKey.objects.exists()


@pytest.mark.parametrize("key, valid", [("0b6f4a1e-6c1e-4a8e-9d4e-2f0c2b7a9e11", True), ("a", True),
                                        ("", False), ("x" * 256, False), ("met spatie", False),
                                        ("é", False), ("tab\t", False)])
def test_key_format(key, valid):
    assert idempotency.valid_key(key) is valid
