"""Checkpoints proving the chain (audit/checkpoint_check.py) and anchors off the database
(audit/anchors.py, audit/anchor_check.py), on the in-memory SQLite audit database."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import StringIO
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from django.core.management import CommandError, call_command
from django.db import connections

import audit
from audit import anchors as anchor_sinks
from audit.actions import Action
from audit.anchor_check import compare_source, parse_lines
from audit.canonical import HASHED_FIELDS, chain_hash
from audit.chain import read_head
from audit.checkpoints import checkpoint_create
from audit.models import GENESIS_HASH, AuditCheckpoint, AuditEvent
from audit.verification import verify_chain
from casework.pga.casetype import PROCESSING_ACTIVITY as PGA_PROCESREGIE
from tests.audit.forgery import forge_chain
from tests.pgserver import free_port

pytestmark = pytest.mark.django_db(databases="__all__")


def _append(count: int) -> None:
    for n in range(count):
        audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, reason=f"test {n}", actor=None)


def _raw(sql: str, params=()) -> None:
    with connections["audit"].cursor() as cursor:
        cursor.execute(sql, params)


def _replace_chain(rows: list[dict]) -> None:
    """The attacker's write: every event and every checkpoint row replaced (SQLite has no triggers)."""
    _raw("DELETE FROM audit_auditevent")
    _raw("DELETE FROM audit_auditcheckpoint")
    AuditEvent.objects.using("audit").bulk_create([AuditEvent(**row) for row in rows])


def _rows() -> list[dict]:
    return list(AuditEvent.objects.using("audit").order_by("sequence").values(*HASHED_FIELDS, "prev_hash", "hash"))


@pytest.fixture
def anchor_file(settings, tmp_path: Path) -> Path:
    path = tmp_path / "anchors" / "audit-anchors.jsonl"
    path.parent.mkdir()
    settings.AUDIT_ANCHOR_SINK = f"file:{path}"
    return path


def _new_signing_key(settings) -> bytes:
    """Switch the active signing key; returns the raw public key of the one it replaces."""
    old_public = Ed25519PrivateKey.from_private_bytes(settings.KEY_MATERIAL["audit_signing_key"]).public_key()
    fresh = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    settings.KEY_MATERIAL = {**settings.KEY_MATERIAL, "audit_signing_key": fresh}
    return old_public.public_bytes(Encoding.Raw, PublicFormat.Raw)


# --- the chain and the checkpoint rows prove each other ---------------------------------------

def test_deleting_checkpoint_rows_and_rewriting_the_chain_is_detected():
    """The issue's attack on SQLite: delete the checkpoint rows, edit an event, recompute the hashes."""
    _append(3)
    checkpoint_create(actor=None)
    _append(2)
    rows = _rows()
    for row in rows:
        if row["sequence"] == 2:
            row["reason"] = "rewritten"
    _replace_chain(_rehash(rows))
    result = verify_chain()
    assert not result.intact and result.first_broken_sequence == 4
    assert "no signed checkpoint row" in result.message


def _rehash(rows: list[dict]) -> list[dict]:
    """Recompute the hashes in place, keeping every event (the checkpoint event included)."""
    prev = GENESIS_HASH
    for row in rows:
        row["prev_hash"], row["hash"] = prev, chain_hash(prev, row)
        prev = row["hash"]
    return rows


def test_a_checkpoint_row_whose_event_was_replaced_is_detected():
    _append(2)
    checkpoint = checkpoint_create(actor=None)
    rows = _rows()
    rows[-1].update(action=Action.VIEW, object_type="", object_id="")  # the checkpoint event becomes a view
    _replace_chain(_rehash(rows))
    AuditCheckpoint.objects.using("audit").bulk_create([checkpoint])
    result = verify_chain()
    assert not result.intact and result.first_broken_sequence == 3
    assert "should record signed checkpoint" in result.message


def test_a_forged_checkpoint_event_is_detected():
    _append(2)
    audit.record(action=Action.CHECKPOINT, processing_activity=PGA_PROCESREGIE, actor=None,
                 object_type="audit.AuditCheckpoint", object_id="999", reason="periodic checkpoint at 2")
    result = verify_chain()
    assert not result.intact and result.first_broken_sequence == 3


def test_checkpoints_of_a_retired_key_verify_only_while_it_is_configured(settings):
    _append(2)
    checkpoint_create(actor=None)
    settings.AUDIT_SIGNING_KEYS_RETIRED = [_new_signing_key(settings)]
    _append(1)
    checkpoint_create(actor=None)  # verifies the old checkpoint first, then signs with the new key
    assert verify_chain().intact
    settings.AUDIT_SIGNING_KEYS_RETIRED = []
    result = verify_chain()
    assert not result.intact and "unknown key" in result.message


# --- anchors ---------------------------------------------------------------------------------

def test_each_checkpoint_is_appended_to_the_anchor_file(anchor_file):
    _append(2)
    first = checkpoint_create(actor=None)
    _append(1)
    second = checkpoint_create(actor=None)
    documents = [json.loads(line) for line in anchor_file.read_text().splitlines()]
    assert [(d["checkpoint"], d["sequence"], d["hash"]) for d in documents] == [
        (str(first.pk), first.sequence, first.event_hash), (str(second.pk), second.sequence, second.event_hash)]
    result = compare_source(str(anchor_file))
    assert result.intact and result.anchors_checked == 2 and not result.gaps, result.problems


def test_a_full_rewrite_passes_the_database_check_but_not_the_anchors(anchor_file):
    _append(3)
    checkpoint_create(actor=None)
    _append(2)

    def edit(row: dict) -> None:
        if row["sequence"] == 2:
            row["reason"] = "rewritten"

    _replace_chain(forge_chain(_rows(), edit=edit))
    assert verify_chain().intact  # nothing left in the database contradicts the rewrite
    result = compare_source(str(anchor_file))
    assert not result.intact
    assert any("event 3 differs from anchored checkpoint" in line for line in result.problems)
    assert any("no signed checkpoint row" in line for line in result.problems)
    with pytest.raises(CommandError, match="anchors"):
        call_command("audit_verify", "--anchors", str(anchor_file), "--no-progress", stdout=StringIO())


def test_a_truncated_tail_is_tampering_unless_a_restore_marker_documents_it(anchor_file):
    _append(2)
    checkpoint_create(actor=None)  # event 3 records it
    backup_head = read_head()
    _append(2)
    checkpoint_create(actor=None)  # at event 5: lost below
    _raw("DELETE FROM audit_auditevent WHERE sequence > 3")
    _raw("DELETE FROM audit_auditcheckpoint WHERE sequence > 3")
    assert verify_chain().intact  # the restored copy is consistent in itself
    result = compare_source(str(anchor_file))
    assert not result.intact and "truncated" in result.problems[0]

    out = StringIO()
    call_command("audit_checkpoint", "--after-restore", "drill: nightly backup", stdout=out)
    assert "restore marker" in out.getvalue()
    result = compare_source(str(anchor_file))
    assert result.intact, result.problems
    assert len(result.gaps) == 1 and "event 5" in result.gaps[0] and "documented gap" in result.gaps[0]
    assert f"to event {backup_head[0]}" in result.gaps[0]
    out = StringIO()
    call_command("audit_verify", "--anchors", str(anchor_file), "--no-progress", stdout=out)
    assert "1 documented gap" in out.getvalue() and "audit chain intact" in out.getvalue()


def test_a_restore_marker_must_match_the_restored_head(anchor_file):
    _append(2)
    anchor_sinks.restore_marker_publish(sequence=2, event_hash="f" * 64, note="wrong head")
    result = compare_source(str(anchor_file))
    assert not result.intact and "differs from restore marker" in result.problems[0]


def test_a_forged_anchor_line_is_reported(anchor_file):
    _append(2)
    checkpoint_create(actor=None)
    document = json.loads(anchor_file.read_text())
    with anchor_file.open("a") as sink:
        sink.write(json.dumps({**document, "type": "restore", "restored_to": 1}) + "\n")  # no valid signature
    result = compare_source(str(anchor_file))
    assert not result.intact and "line 2" in result.problems[0]


def test_syslog_lines_are_read_as_anchors(anchor_file, tmp_path):
    _append(1)
    checkpoint_create(actor=None)
    line = anchor_file.read_text().strip()
    syslog = tmp_path / "syslog"
    syslog.write_text(f"Dec  2 10:00:00 loghost sshd[1]: unrelated\n"
                      f"Dec  2 10:00:01 app1 {anchor_sinks.ANCHOR_TAG} {line}\n")
    assert [document["type"] for _, document in parse_lines(syslog.read_text().splitlines())] == ["checkpoint"]
    assert compare_source(str(syslog)).intact


def test_sink_setting_is_parsed():
    assert isinstance(anchor_sinks.sink_from_setting("file:/srv/anchors.jsonl"), anchor_sinks.FileSink)
    assert anchor_sinks.sink_from_setting("syslog://loghost:1514").address == ("loghost", 1514)
    assert anchor_sinks.sink_from_setting("syslog:").address == "/dev/log"
    assert anchor_sinks.sink_from_setting("") is None
    with pytest.raises(ValueError):
        anchor_sinks.sink_from_setting("ftp://x")


def test_http_sink_posts_each_checkpoint_with_the_token(settings):
    received: list[tuple[str, dict]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers["Authorization"], json.loads(body)))
            self.send_response(201)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        settings.AUDIT_ANCHOR_SINK = f"http://127.0.0.1:{server.server_port}/anchors"
        settings.AUDIT_ANCHOR_TOKEN = "anchor-token"
        _append(1)
        checkpoint = checkpoint_create(actor=None)
    finally:
        server.shutdown()
    assert received == [("Bearer anchor-token", anchor_sinks.checkpoint_document(checkpoint))]


def test_an_unreachable_sink_fails_the_command_but_keeps_the_checkpoint(settings, tmp_path):
    settings.AUDIT_ANCHOR_SINK = f"file:{tmp_path}/missing-directory/anchors.jsonl"
    _append(1)
    with pytest.raises(CommandError, match="anchor was not written"):
        call_command("audit_checkpoint", stdout=StringIO())
    assert AuditCheckpoint.objects.count() == 1 and verify_chain().intact
