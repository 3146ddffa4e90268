from __future__ import annotations

from pathlib import Path

import pytest

from tests import templatedb
from tests.ops.support import environment, throwaway_keys


@pytest.fixture
def sqlite_env(migrated_template, tmp_path: Path) -> dict[str, str]:
    """The environment of a subprocess on fresh file-backed copies of the migrated SQLite databases."""
    if migrated_template.sqlite_dir is None:
        pytest.skip("SQLite only (the embedded default)")
    data_dir = templatedb.sqlite_copy(migrated_template, tmp_path / "data")
    return environment(data_dir, env="test", keys=throwaway_keys(), LOG_FORMAT="json", LOG_LEVEL="INFO")
