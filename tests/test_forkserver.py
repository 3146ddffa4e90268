"""The fork server's children behave as `python ...` started by `subprocess` (tests/forkserver.py): their own
environment, folder, argument vector, streams and settings, and the exit status of a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests import forkserver
from tests.commands import manage_command

SHOW = """
import json, os, sys
print(json.dumps({"argv": sys.argv, "cwd": os.getcwd(), "path0": sys.path[0], "env": os.environ.get("PROBE"),
                  "own": sorted(name for name in sys.modules if name.split(".")[0] in ("casework", "config")),
                  "stdin": sys.stdin.read()}))
"""


def test_a_child_has_the_calls_environment_folder_arguments_and_input(tmp_path):
    done = forkserver.run([sys.executable, "-c", SHOW, "één", "twee"], cwd=tmp_path, input="invoer ✓",
                          env={"PROBE": "waarde", "PATH": "/usr/bin"})
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen == {"argv": ["-c", "één", "twee"], "cwd": str(tmp_path), "path0": "", "env": "waarde",
                    "own": [], "stdin": "invoer ✓"}  # none of our packages came from the server


def test_exit_codes_signals_and_tracebacks_are_the_interpreters():
    exits = forkserver.run([sys.executable, "-c", "raise SystemExit(3)"], cwd=forkserver.ROOT)
    assert exits.returncode == 3
    message = forkserver.run([sys.executable, "-c", "raise SystemExit('kapot')"], cwd=forkserver.ROOT)
    assert (message.returncode, message.stderr.strip()) == (1, "kapot")
    killed = forkserver.run([sys.executable, "-c", "import os; os.kill(os.getpid(), 9)"], cwd=forkserver.ROOT)
    assert killed.returncode == -9
    failed = forkserver.run([sys.executable, "-c", "print('voor'); 1 / 0"], cwd=forkserver.ROOT)
    assert failed.returncode == 1 and failed.stdout == "voor\n" and "ZeroDivisionError" in failed.stderr
    with pytest.raises(subprocess.CalledProcessError):
        forkserver.run([sys.executable, "-c", "raise SystemExit(2)"], cwd=forkserver.ROOT, check=True)


def test_a_timeout_kills_the_child_and_raises_as_subprocess_does():
    with pytest.raises(subprocess.TimeoutExpired) as raised:
        forkserver.run([sys.executable, "-c", "import time; print('begonnen', flush=True); time.sleep(600)"],
                       cwd=forkserver.ROOT, timeout=1)
    assert raised.value.timeout == 1 and raised.value.output == "begonnen\n"
    after = forkserver.run([sys.executable, "-c", "print('daarna')"], cwd=forkserver.ROOT)
    assert after.stdout == "daarna\n"  # the server goes on


def test_each_child_reads_its_own_settings(tmp_path):
    """The server imported Django but not its settings: children in other environments see theirs."""
    show = ["shell", "--verbosity", "0", "-c",
            "from django.conf import settings; print(settings.DATA_DIR, settings.PRODUCTION)"]
    outputs = []
    for env, folder in (("test", tmp_path / "een"), ("development", tmp_path / "twee")):
        done = forkserver.run(manage_command(*show), cwd=forkserver.ROOT,
                              env={"PATH": "/usr/bin", "DJANGO_ENV": env, "DATA_DIR": str(folder)})
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout.split())
    assert outputs == [[str(tmp_path / "een"), "False"], [str(tmp_path / "twee"), "False"]]


def test_a_module_child_runs_as_python_m(tmp_path):
    done = forkserver.run([sys.executable, "-m", "json.tool"], cwd=tmp_path, input='{"a": [1]}')
    assert done.returncode == 0 and json.loads(done.stdout) == {"a": [1]}
