"""Loaded with `-p tests.env_plugin` before pytest-django reads the settings: selects the test
environment even when a developer runs plain `pytest`."""

import os

os.environ.setdefault("DJANGO_ENV", "test")
# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _free_loopback_port() -> int:
    """A free port below 32768 (the ephemeral range collides with outgoing connections)."""
    import random
    import socket

    for _attempt in range(200):
        port = random.randint(20000, 32000)  # noqa: S311 - not security relevant
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free loopback port below 32768")


os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", f"127.0.0.1:{_free_loopback_port()}")
