"""The PGA web pages use the same fixtures as the core's case pages (tests/casework/web/conftest.py)."""

from tests.casework.web.conftest import case_factory, outsiders  # noqa: F401 - fixtures
