"""Health probes: `/health/live` (the process answers) and `/health/ready` (it can serve).

Ready means: the three databases answer; the audit store would accept an append — checked by
privilege and by taking the chain lock, never by writing to the chain; the keyring is loaded and
wraps and unwraps; the key store is readable; and no migration is unapplied (computed once per
process: a release whose migrations are missing never becomes ready, one that is ready stays so).

Anyone gets only the status code (200 or 503) and one word. The details — each check, and the
scheduled jobs' last success (ops.jobs) — need `Authorization: Bearer <MONITORING_TOKEN>`:
behind a proxy every request comes from localhost, so the address proves nothing. Details name
checks and exception types, never an exception's text.
"""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connections, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse

from config.replica import REPLICA

LIVE = "/health/live"
READY = "/health/ready"


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""
    ms: float = 0.0


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": "ready" if self.ok else "not ready",
            "checks": {c.name: {"ok": c.ok, "detail": c.detail, "ms": c.ms} for c in self.checks},
            **self.extra,
        }


def _run(name: str, check: Callable[[], str]) -> Check:
    started = time.perf_counter()
    try:
        detail = check()
        ok = True
    except Exception as exc:  # noqa: BLE001 - a probe reports every failure, by type only
        detail, ok = type(exc).__name__, False
    return Check(name, ok, detail, round((time.perf_counter() - started) * 1000, 1))


def _database(alias: str) -> Callable[[], str]:
    def check() -> str:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return connections[alias].vendor

    return check


def _audit_accepts_appends() -> str:
    """Privilege to insert, and the chain lock can be taken now; nothing is written."""
    from audit.chain import ADVISORY_LOCK_KEY
    from audit.models import AUDIT_ALIAS, AuditEvent

    connection = connections[AUDIT_ALIAS]
    table = AuditEvent._meta.db_table
    with transaction.atomic(using=AUDIT_ALIAS):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT has_table_privilege(current_user, %s, 'INSERT')", [table])
                if not cursor.fetchone()[0]:
                    raise PermissionError("no INSERT privilege on the audit table")
                cursor.execute("SET LOCAL lock_timeout = '2s'")
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
            else:
                # The audit alias opens transactions with BEGIN IMMEDIATE: being here means the
                # write lock was granted. A read-only file would still refuse the insert.
                cursor.execute("PRAGMA query_only")
                if cursor.fetchone()[0]:
                    raise PermissionError("the audit database is read-only")
                name = str(connection.settings_dict["NAME"])
                if os.path.exists(name) and not os.access(name, os.W_OK):
                    raise PermissionError("the audit database file is not writable")
        transaction.set_rollback(True, using=AUDIT_ALIAS)
    return "lock and privilege"


def _keyring() -> str:
    from encryption import keyring

    provider = keyring.get_provider()
    probe_id = os.urandom(16)
    kek_id, wrapped = provider.wrap(b"\0" * keyring.DATA_KEY_BYTES, key_id=probe_id)
    provider.unwrap(wrapped, kek_id=kek_id, key_id=probe_id)
    return f"active KEK {kek_id}"


def _key_store() -> str:
    from encryption.models import DataKey

    list(DataKey.objects.values_list("id", flat=True)[:1])
    return "readable"


_migrations_ok = False


def _migrations() -> str:
    """Unapplied migrations on any alias: computed once per process when all are applied."""
    global _migrations_ok
    if _migrations_ok:
        return "all applied (checked at start-up)"
    from django.db.migrations.executor import MigrationExecutor

    pending = []
    for alias in connections:
        if alias == REPLICA:
            continue
        executor = MigrationExecutor(connections[alias])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        # Every migration is recorded on every alias (operations run only where the router allows).
        pending += [f"{alias}:{migration.app_label}.{migration.name}" for migration, _backwards in plan]
    if pending:
        raise RuntimeError(f"{len(pending)} unapplied")
    _migrations_ok = True
    return "all applied"


_restore_ok = False


def _destructions_replayed() -> str:
    """After a restore the key store may hold keys the audit trail says are destroyed (ops/restore.py).

    Checked once per process (the trail can be long); a process stays unready until
    `replay_shredding` has run.
    """
    global _restore_ok
    if _restore_ok:
        return "consistent (checked at start-up)"
    from ops.restore import keys_to_replay

    pending = keys_to_replay()
    if pending:
        raise RuntimeError(f"{len(pending)} recorded destructions not in the key store: run replay_shredding")
    _restore_ok = True
    return "consistent"


def readiness() -> Report:
    report = Report()
    for alias in connections:
        if alias == REPLICA:  # optional: without it reads go to the primary, so it never makes us unready
            replica_check = _run("database:replica", _database(alias))
            report.extra["replica"] = {"ok": replica_check.ok, "detail": replica_check.detail}
            continue
        report.checks.append(_run(f"database:{alias}", _database(alias)))
    report.checks.append(_run("audit_append", _audit_accepts_appends))
    report.checks.append(_run("keyring", _keyring))
    report.checks.append(_run("key_store", _key_store))
    report.checks.append(_run("migrations", _migrations))
    report.checks.append(_run("destructions_replayed", _destructions_replayed))
    return report


def authorised(request: HttpRequest) -> bool:
    token = getattr(settings, "MONITORING_TOKEN", "")
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not token or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[len("Bearer "):].strip().encode(), token.encode())


def _plain(text: str, status: int) -> HttpResponse:
    response = HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def respond(request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return _plain("method not allowed", 405)
    path = request.path_info.rstrip("/")
    if path == LIVE:
        return _plain("live", 200)
    if path != READY:
        return _plain("not found", 404)
    report = readiness()
    status = 200 if report.ok else 503
    if not authorised(request):
        return _plain("ready" if report.ok else "not ready", status)
    from ops.jobs import job_status

    report.extra["jobs"] = job_status()
    response = JsonResponse(report.as_dict(), status=status)
    response["Cache-Control"] = "no-store"
    return response
