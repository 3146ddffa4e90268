"""System checks for the audit trail's deployment."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register


def name_errors(name: str, *, production: bool) -> list[Error]:
    if production and name.startswith("test_"):
        return [Error("the audit database must not be named test_*: its TRUNCATE guard exempts such names",
                      id="audit.E001")]
    return []


@register(Tags.security, deploy=True)
def audit_database_not_named_test(app_configs, **kwargs):
    """The TRUNCATE trigger exempts `test_*` databases (Django's test runner): never in production."""
    name = str(settings.DATABASES.get("audit", {}).get("NAME", ""))
    return name_errors(name, production=getattr(settings, "PRODUCTION", False))
