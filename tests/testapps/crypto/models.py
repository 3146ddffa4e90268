"""Test-only models (no migrations: the test runner creates their tables)."""
