"""Loaded with `-p tests.env_plugin` before pytest-django reads the settings: selects the test
environment even when a developer runs plain `pytest`.

Under pytest-xdist every worker is its own process with its own in-memory SQLite test databases
(pytest-django suffixes file and PostgreSQL test database names with the worker id itself); what
this module adds per worker is the live server's port, taken from a range of its own.
"""

import os

os.environ.setdefault("DJANGO_ENV", "test")
# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PORTS_FROM, PORTS_TO = 20000, 32000  # below 32768: the ephemeral range collides with outgoing connections
PORTS_PER_WORKER = 400
_OURS = "ZV_LIVE_SERVER_ADDRESS_CHOSEN_BY"  # marks an address this module chose, and for which process


def worker_number() -> int | None:
    """0 for xdist worker gw0, 1 for gw1, ...; None outside xdist (or in its controller)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return int(worker[2:]) if worker.startswith("gw") and worker[2:].isdigit() else None


def _port_range() -> tuple[int, int]:
    number = worker_number()
    if number is None:
        return PORTS_FROM, PORTS_TO
    low = PORTS_FROM + (number * PORTS_PER_WORKER) % (PORTS_TO - PORTS_FROM)
    return low, low + PORTS_PER_WORKER - 1


def _free_loopback_port() -> int:
    """A free loopback port in this worker's own range (disjoint ranges: workers never collide)."""
    import random
    import socket

    low, high = _port_range()
    for _attempt in range(200):
        port = random.randint(low, high)  # noqa: S311 - not security relevant
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free loopback port in {low}-{high}")


# An address a developer set stays; one this module chose in the xdist controller (inherited by
# the workers through the environment) is replaced by one from the worker's own range.
_chooser = os.environ.get("PYTEST_XDIST_WORKER", "main")
if "DJANGO_LIVE_TEST_SERVER_ADDRESS" not in os.environ or os.environ.get(_OURS, _chooser) != _chooser:
    os.environ["DJANGO_LIVE_TEST_SERVER_ADDRESS"] = f"127.0.0.1:{_free_loopback_port()}"
    os.environ[_OURS] = _chooser


def pytest_configure(config):
    """The session folder that xdist workers share (migrated templates, their locks; tests/dbtemplates.py).

    Made by the process that runs the session (xdist's controller, or pytest alone), inherited by the
    workers through the environment, removed at the end together with any PostgreSQL templates.
    """
    if worker_number() is not None:
        return
    import tempfile

    from tests.dbtemplates import SESSION_DIR_VARIABLE

    os.environ[SESSION_DIR_VARIABLE] = tempfile.mkdtemp(prefix="zv-test-session-")
    config._zv_session_dir = os.environ[SESSION_DIR_VARIABLE]


def pytest_unconfigure(config):
    folder = getattr(config, "_zv_session_dir", None)
    if folder is None:
        return
    import shutil
    from pathlib import Path

    from tests.dbtemplates import drop_pg_templates

    drop_pg_templates(Path(folder))
    shutil.rmtree(folder, ignore_errors=True)
