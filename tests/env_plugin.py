"""Loaded with `-p tests.env_plugin` before pytest-django reads the settings: selects the test
environment even when a developer runs plain `pytest`."""

import os

os.environ.setdefault("DJANGO_ENV", "test")
# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
