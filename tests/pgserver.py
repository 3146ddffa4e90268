"""Run a command against a throwaway PostgreSQL server: `python -m tests.pgserver -- pytest -m postgres`.

Starts `initdb` in a temporary folder on a free loopback port below 32768 (the ephemeral range
collides), creates every database the settings name (default, audit, keys), exports
DATABASE_URL / AUDIT_DATABASE_URL / KEYS_DATABASE_URL, runs the command and stops the server.
`initdb` refuses to run as root, so as root the server runs as the `postgres` system user.
When DATABASE_URL already points to a PostgreSQL server, the command just runs against it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

DATABASES = {
    "DATABASE_URL": "zorgveilig",
    "AUDIT_DATABASE_URL": "zorgveilig_audit",
    "KEYS_DATABASE_URL": "zorgveilig_keys",
}


def find_pg_bin() -> Path:
    initdb = shutil.which("initdb")
    if initdb:
        return Path(os.path.realpath(initdb)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if not candidates:
        raise SystemExit("PostgreSQL server binaries (initdb) not found: install postgresql (see .ci/run).")
    return Path(candidates[0]).parent


def free_port() -> int:
    for _attempt in range(200):
        port = random.randint(15000, 32000)  # noqa: S311 - not security relevant
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit("no free loopback port below 32768")


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@contextlib.contextmanager
def postgres_server() -> Iterator[dict[str, str]]:
    pg_bin = find_pg_bin()
    tmp = Path(tempfile.mkdtemp(prefix="zv-pg-"))
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres", "postgres")
    data = tmp / "data"
    port = free_port()
    subprocess.run(  # noqa: S603
        _as_server_user([str(pg_bin / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                         "--no-sync", "-E", "UTF8", "--locale=C"]),
        check=True, stdout=subprocess.DEVNULL,
    )
    options = f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    subprocess.run(  # noqa: S603
        _as_server_user([str(pg_bin / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(tmp / "log"),
                         "-w", "start"]),
        check=True, stdout=subprocess.DEVNULL,
    )
    try:
        env = {}
        for variable, name in DATABASES.items():
            subprocess.run(  # noqa: S603
                _as_server_user([str(pg_bin / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
                                 name]),
                check=True,
            )
            env[variable] = f"postgres://postgres@127.0.0.1:{port}/{name}"
        env["PG_BIN"] = str(pg_bin)
        yield env
    finally:
        subprocess.run(  # noqa: S603
            _as_server_user([str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
            check=False, stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def streaming_replica(primary_url: str) -> Iterator[int]:
    """A hot standby of the server behind `primary_url` (`pg_basebackup -R`) on another loopback port.

    Yields its port; every database of the primary is on it, read-only, kept up to date by streaming
    replication. Tests wait for it by comparing WAL positions (`pg_last_wal_replay_lsn()`).
    """
    from urllib.parse import urlsplit

    pg_bin = Path(os.environ["PG_BIN"]) if os.environ.get("PG_BIN") else find_pg_bin()
    primary = urlsplit(primary_url)
    tmp = Path(tempfile.mkdtemp(prefix="zv-replica-"))
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres", "postgres")
    data = tmp / "data"
    port = free_port()
    subprocess.run(  # noqa: S603
        _as_server_user([str(pg_bin / "pg_basebackup"), "-h", primary.hostname or "127.0.0.1",
                         "-p", str(primary.port or 5432), "-U", "postgres", "-D", str(data), "-R",
                         "-X", "stream", "--checkpoint=fast", "--no-sync"]),
        check=True, stdout=subprocess.DEVNULL,
    )
    options = f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c hot_standby=on -c fsync=off"
    subprocess.run(  # noqa: S603
        _as_server_user([str(pg_bin / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(tmp / "log"),
                         "-w", "start"]),
        check=True, stdout=subprocess.DEVNULL,
    )
    try:
        yield port
    finally:
        subprocess.run(  # noqa: S603
            _as_server_user([str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
            check=False, stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--":
        argv = argv[1:]
    if not argv:
        raise SystemExit("usage: python -m tests.pgserver -- COMMAND [ARGS...]")
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        return subprocess.call(argv)  # noqa: S603
    with postgres_server() as env:
        print(f"PostgreSQL test server on {env['DATABASE_URL'].rsplit('/', 1)[0]}", flush=True)
        return subprocess.call(argv, env={**os.environ, **env})  # noqa: S603


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
