"""The garbage collector's settings (config/gc_tuning.py) in gunicorn, manage.py and the test session.

config/gunicorn.py tunes each worker (ADR 0040): the young-generation threshold when the worker is forked
(before it loads the app), and the worker's long-lived objects frozen once, after its first requests."""

from __future__ import annotations

import gc
import importlib.util
import subprocess

import pytest

from config.gc_tuning import GEN0
from tests.commands import ROOT, manage_command

CONFIG = ROOT / "config" / "gunicorn.py"


def load_config(monkeypatch, **env: str):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("gunicorn_config_under_test", CONFIG)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def restored_gc():
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)
    if frozen:  # the test session had frozen its own long-lived objects (tests/conftest.py): again
        gc.freeze()


def test_the_worker_collects_the_young_generation_later_and_freezes_once_after_its_first_requests(
        monkeypatch, restored_gc):
    config = load_config(monkeypatch, GUNICORN_GC_GEN0="12345", GUNICORN_GC_FREEZE_AFTER="3")
    config.post_fork(None, None)
    assert gc.get_threshold()[0] == 12345
    gc.unfreeze()
    freezes = []
    real_freeze = gc.freeze
    monkeypatch.setattr(gc, "freeze", lambda: freezes.append(1) or real_freeze())
    for _request in range(2):
        config.post_request(None, None, {}, None)
    assert gc.get_freeze_count() == 0 and freezes == []  # not yet warm
    config.post_request(None, None, {}, None)
    assert gc.get_freeze_count() > 10_000  # the loaded modules, Django and the test session's objects
    for _request in range(5):
        config.post_request(None, None, {}, None)
    assert freezes == [1]  # once only (a frozen object that dies leaves the count, so count the calls)


def test_freezing_can_be_turned_off(monkeypatch, restored_gc):
    config = load_config(monkeypatch, GUNICORN_GC_FREEZE_AFTER="0")
    gc.unfreeze()
    for _request in range(25):
        config.post_request(None, None, {}, None)
    assert gc.get_freeze_count() == 0
    assert config.GC_GEN0 == 20_000  # the default


def test_a_command_collects_the_young_generation_later_from_its_start():
    """manage.py sets the threshold before Django loads (config/gc_tuning.py): every command, job and the
    tests' child processes start with it."""
    result = subprocess.run(manage_command("shell", "--verbosity", "0", "-c",
                                           "import gc; print(gc.get_threshold()[0])"),
                            cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.split() == [str(GEN0)]


def test_the_test_session_freezes_what_it_loaded_and_collects_the_young_generation_later():
    """tests/conftest.py: a full collection during a test scans what the tests made, not Django and every
    collected test module (ADR 0055)."""
    assert gc.get_threshold()[0] == GEN0
    assert gc.get_freeze_count() > 100_000
