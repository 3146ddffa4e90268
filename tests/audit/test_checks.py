"""audit.checks: the deploy check that guards the TRUNCATE exemption of test databases."""

from __future__ import annotations

from audit.checks import audit_database_not_named_test, name_errors


def test_production_audit_database_named_test_is_an_error():
    assert [error.id for error in name_errors("test_zorgveilig_audit", production=True)] == ["audit.E001"]


def test_normal_names_and_test_runs_pass():
    assert name_errors("zorgveilig_audit", production=True) == []
    assert name_errors("test_zorgveilig_audit", production=False) == []


def test_registered_check_runs_on_current_settings():
    assert audit_database_not_named_test(None) == []
