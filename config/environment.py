"""Reading the environment for settings.py.

Kept free of Django imports so settings can use it before apps load. Key material is parsed here
and handed to `encryption.keyring`, which owns everything that is done with it.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import dj_database_url

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ConfigurationError(RuntimeError):
    """The environment describes a configuration the application refuses to run with."""


def env_bool(name: str, *, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ConfigurationError(f"{name} must be a boolean (true/false), not {raw!r}")


def env_list(name: str, *, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


@dataclass(frozen=True)
class DatabaseTimeouts:
    """How long a request waits for a database before it is answered 503 (fail closed, fast).

    `connect` (seconds): PostgreSQL connect timeout (libpq treats values under 2 as 2).
    `statement` (seconds): PostgreSQL `statement_timeout` (lock waits included); 0 switches it off,
    for a migration that rewrites a large table.
    `sqlite_busy` (seconds): how long SQLite waits for another process's write lock.
    """

    connect: int = 5
    statement: float = 30.0
    sqlite_busy: float = 10.0

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> DatabaseTimeouts:
        def number(name: str, default: float) -> float:
            raw = environ.get(name, "").strip()
            if not raw:
                return default
            try:
                value = float(raw)
            except ValueError as exc:
                raise ConfigurationError(f"{name} must be a number of seconds, not {raw!r}") from exc
            if value < 0:
                raise ConfigurationError(f"{name} must not be negative")
            return value

        return cls(
            connect=max(1, round(number("DB_CONNECT_TIMEOUT", cls.connect))),
            statement=number("DB_STATEMENT_TIMEOUT", cls.statement),
            sqlite_busy=number("SQLITE_BUSY_TIMEOUT", cls.sqlite_busy),
        )


def database_config(
    env_name: str, sqlite_path: Path, *, secure_delete: bool = False, timeouts: DatabaseTimeouts | None = None,
    environ: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """One database alias from a URL, or a local SQLite file in WAL mode.

    Every SQLite alias opens its transactions with `BEGIN IMMEDIATE`, which takes the file's write
    lock at the start: a writer then waits (up to the busy timeout) instead of failing with
    "database is locked" when it upgrades a read transaction that another writer overtook. The
    audit chain relies on it to serialise appends. Aliases are always entered in one order —
    `default`, then `keys`; `audit` writes in its own short transaction — so locks on three files
    cannot deadlock (docs/operations.md).
    `secure_delete` makes SQLite overwrite freed pages, so a shredded data key leaves no copy.
    """
    environ = os.environ if environ is None else environ
    timeouts = timeouts or DatabaseTimeouts.from_environment(environ)
    url = environ.get(env_name)
    if url:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=int(environ.get("CONN_MAX_AGE", "60"))))
        config["CONN_HEALTH_CHECKS"] = True
        if config["ENGINE"] == "django.db.backends.sqlite3":
            config["OPTIONS"] = _sqlite_options(secure_delete=secure_delete, timeouts=timeouts)
        elif config["ENGINE"] == "django.db.backends.postgresql":
            config["OPTIONS"] = {**config.get("OPTIONS", {}), **postgres_options(timeouts)}
        return config
    sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": sqlite_path,
        "OPTIONS": _sqlite_options(secure_delete=secure_delete, timeouts=timeouts),
    }


def postgres_options(timeouts: DatabaseTimeouts) -> dict[str, Any]:
    """libpq connection parameters: connect timeout, and statement timeout for the session."""
    return {
        "connect_timeout": timeouts.connect,
        "options": f"-c statement_timeout={round(timeouts.statement * 1000)}",
    }


def _sqlite_options(*, secure_delete: bool, timeouts: DatabaseTimeouts) -> dict[str, Any]:
    pragmas = ["PRAGMA journal_mode=WAL;", "PRAGMA synchronous=NORMAL;", "PRAGMA foreign_keys=ON;"]
    if secure_delete:
        pragmas.append("PRAGMA secure_delete=ON;")
    return {"init_command": "".join(pragmas), "timeout": timeouts.sqlite_busy, "transaction_mode": "IMMEDIATE"}


# --- key material ----------------------------------------------------------------------------------


def _b64(value: str, what: str) -> bytes:
    try:
        raw = base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ConfigurationError(f"{what} is not valid base64") from exc
    if len(raw) != 32:
        raise ConfigurationError(f"{what} must be 32 bytes (base64 of 32 random bytes)")
    return raw


def parse_kek_list(raw: str) -> list[tuple[str, bytes]]:
    """`id1:base64,id2:base64` -> [(id, key)]; the first is the active key-encryption key."""
    keks: list[tuple[str, bytes]] = []
    for item in raw.split(","):
        item = item.strip()
        if not item:
            continue
        kek_id, sep, material = item.partition(":")
        if not sep or not kek_id.strip():
            raise ConfigurationError("FIELD_ENCRYPTION_KEYS entries look like 'kek-2026-01:BASE64'")
        keks.append((kek_id.strip(), _b64(material, f"key-encryption key {kek_id.strip()!r}")))
    ids = [kek_id for kek_id, _ in keks]
    if len(set(ids)) != len(ids):
        raise ConfigurationError("FIELD_ENCRYPTION_KEYS names a key id twice")
    return keks


def generate_key_file(path: Path) -> None:
    """Write fresh development keys (never used in production) to a git-ignored file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "field_encryption_keys": [
            {"id": "dev-kek-1", "key": base64.b64encode(secrets.token_bytes(32)).decode()}
        ],
        "blind_index_key": base64.b64encode(secrets.token_bytes(32)).decode(),
        "audit_signing_key": base64.b64encode(secrets.token_bytes(32)).decode(),
    }
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(data, handle, indent=2)


def _from_key_file(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"key file {path} cannot be read as JSON") from exc
    keks = [(str(item["id"]), _b64(item["key"], f"key {item['id']!r}")) for item in data["field_encryption_keys"]]
    return {
        "keks": keks,
        "blind_index_key": _b64(data["blind_index_key"], "blind_index_key") if data.get("blind_index_key") else None,
        "audit_signing_key": (
            _b64(data["audit_signing_key"], "audit_signing_key") if data.get("audit_signing_key") else None
        ),
    }


def load_key_material(*, environ: Mapping[str, str], base_dir: Path, production: bool) -> dict[str, Any]:
    """KEKs, blind-index root key and audit signing key, from the environment or a key file.

    Precedence: FIELD_ENCRYPTION_KEYS / BLIND_INDEX_KEY / AUDIT_SIGNING_KEY variables, then the
    file named by FIELD_ENCRYPTION_KEY_FILE. Outside production, a missing configuration makes
    (once) a git-ignored development key file `var/dev-keys.json`. Production refuses to start
    without every key: a generated key there would silently make data unreadable after a restart.
    """
    material: dict[str, Any] = {"keks": [], "blind_index_key": None, "audit_signing_key": None}
    key_file = environ.get("FIELD_ENCRYPTION_KEY_FILE")
    if not key_file and not production and not environ.get("FIELD_ENCRYPTION_KEYS"):
        default_file = base_dir / "var" / "dev-keys.json"
        if not default_file.exists():
            generate_key_file(default_file)
        key_file = str(default_file)
    if key_file:
        material.update(_from_key_file(Path(key_file)))
    if environ.get("FIELD_ENCRYPTION_KEYS"):
        material["keks"] = parse_kek_list(environ["FIELD_ENCRYPTION_KEYS"])
    if environ.get("BLIND_INDEX_KEY"):
        material["blind_index_key"] = _b64(environ["BLIND_INDEX_KEY"], "BLIND_INDEX_KEY")
    if environ.get("AUDIT_SIGNING_KEY"):
        material["audit_signing_key"] = _b64(environ["AUDIT_SIGNING_KEY"], "AUDIT_SIGNING_KEY")
    missing = [name for name, present in (
        ("FIELD_ENCRYPTION_KEYS", bool(material["keks"])),
        ("BLIND_INDEX_KEY", material["blind_index_key"] is not None),
        ("AUDIT_SIGNING_KEY", material["audit_signing_key"] is not None),
    ) if not present]
    if missing:
        raise ConfigurationError("missing key material: " + ", ".join(missing))
    return material


def parse_public_keys(raw: str, what: str) -> list[bytes]:
    """`base64,base64` -> raw 32-byte Ed25519 public keys (retired audit signing keys)."""
    return [_b64(item, f"{what} entry {number}") for number, item in enumerate(raw.split(","), start=1)
            if item.strip()]


def parse_optional_date(raw: str, what: str) -> date | None:
    """`2026-12-01` -> a date; empty -> None."""
    if not raw.strip():
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError as error:
        raise ConfigurationError(f"{what} looks like 2026-12-01") from error


def proxy_ssl_header(raw: str) -> tuple[str, str]:
    """`HTTP_X_FORWARDED_PROTO,https` -> the pair Django's SECURE_PROXY_SSL_HEADER expects."""
    header, sep, value = (part.strip() for part in raw.partition(","))
    if not sep or not header.startswith("HTTP_") or not value:
        raise ConfigurationError("SECURE_PROXY_SSL_HEADER looks like 'HTTP_X_FORWARDED_PROTO,https'")
    return header, value


def require_production_safety(
    *, secret_key: str, dev_secret_key: str, debug: bool, allowed_hosts: list[str]
) -> None:
    """Refuse to run production with a configuration that would be unsafe."""
    if not secret_key or secret_key == dev_secret_key or secret_key.startswith("django-insecure"):
        raise ConfigurationError("production needs its own SECRET_KEY (not the development key)")
    if len(secret_key) < 50 or len(set(secret_key)) < 5:
        raise ConfigurationError("SECRET_KEY must be at least 50 characters of random data")
    if debug:
        raise ConfigurationError("DEBUG must be off in production")
    if not allowed_hosts or "*" in allowed_hosts:
        raise ConfigurationError("ALLOWED_HOSTS must name this service's hosts in production")
