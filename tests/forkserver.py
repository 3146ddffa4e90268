"""Python children of the tests, forked from a server that has the libraries imported already.

Some ninety tests run `manage.py` or `python -m ...` in a child process: against real database files, in
another environment (production settings, other keys), or to be killed. Each such child starts an
interpreter and imports Django, its contrib apps, DRF, cryptography, fpdf2 and the rest before it reaches
our code: about 0.35 s of the 0.7 s a child takes, paid some ninety times per run. `run` gives the same
child cheaper: a server process per test process (started at the first call) imports those libraries once
and forks a child per call; the child takes the call's environment, folder, argument vector and files for
its standard streams, and runs the script, module or `-c` code as `python` would.

What the child inherits is only what is the same for every child: the third-party modules that import
without settings. The server has no DJANGO_SETTINGS_MODULE, so a module that reads a setting while it is
imported fails there and is left to the child; our own packages are never imported by the server. So each
child reads its settings, opens its databases and loads its apps itself, from its own environment, as a
fresh interpreter would. (`multiprocessing`'s forkserver does the same for its workers; it cannot give a
child another environment, folder and argument vector, which is why this one exists.)

Calls that are not plain Python children (`gunicorn`, `pg_ctl`), children run side by side (`Popen`), and
any call with TEST_FORKSERVER=0 in the environment use `subprocess` as before.

Server protocol (a JSON line per call on its standard input): the server forks, answers the child's pid,
waits for it and answers its return code (as `subprocess`: negative for a signal).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import json
import os
import select
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OWN_PACKAGES = frozenset({"accounts", "audit", "casework", "config", "encryption", "ops", "tests", "manage"})

# What a child that sets Django up and imports our URLconf and commands has imported: the server imports
# the same modules but ours (and those that need settings). Learnt from such a child at the server's start.
_LEARN = """
import json, os, pkgutil, importlib, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
import config.urls
from django.core.management import get_commands, load_command_class
for name, app in get_commands().items():
    try:
        load_command_class(app, name)
    except Exception:
        pass
sys.stdout.write(json.dumps(list(sys.modules)))
"""


# --- the server ------------------------------------------------------------------------------------------------

def _learnt_modules() -> list[str]:
    """The modules a child imports, kept in var/test-templates/ for as long as the dependencies and the
    interpreter are the same (a stale list only preloads less: a name that fails is left to the child)."""
    import hashlib

    key = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + sys.version.encode()).hexdigest()[:16]
    cache = ROOT / "var" / "test-templates" / f"forkserver-modules-{key}.json"
    with contextlib.suppress(OSError, ValueError):
        return list(json.loads(cache.read_text()))
    with tempfile.TemporaryDirectory(prefix="forkserver-") as folder:
        env = {key: value for key, value in os.environ.items() if not key.endswith("DATABASE_URL")}
        env.update(DJANGO_ENV="test", DATA_DIR=folder)
        learnt = subprocess.run([sys.executable, "-c", _LEARN], cwd=ROOT, env=env, capture_output=True, text=True,
                                timeout=300, check=False)
    if learnt.returncode != 0:
        return []
    names = [name for name in json.loads(learnt.stdout) if name.split(".")[0] not in OWN_PACKAGES]
    with contextlib.suppress(OSError):
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(names))
        partial.replace(cache)
    return names


def _preload() -> int:
    names = _learnt_modules()
    loaded = 0
    for name in names:
        if name.split(".")[0] in OWN_PACKAGES or name in sys.modules or name == "__main__":
            continue
        try:
            importlib.import_module(name)
            loaded += 1
        except Exception:  # noqa: BLE001,S112 - a module that needs settings or apps is the child's to import
            continue
    from django.conf import settings

    if settings.configured:  # pragma: no cover - the guard of the whole idea
        raise RuntimeError("a preloaded module configured Django's settings: the server would leak them")
    return loaded


def _child(request: dict[str, Any]) -> None:
    """In the forked child: become `python ARGV` in the call's environment and folder, then exit."""
    code = 1
    try:
        for fd, path, mode in ((0, request["stdin"], os.O_RDONLY), (1, request["stdout"], os.O_WRONLY),
                               (2, request["stderr"], os.O_WRONLY)):
            opened = os.open(path, mode)
            os.dup2(opened, fd)
            os.close(opened)
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False,  # noqa: SIM115
                          buffering=1)
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        extra = [entry for entry in request["env"].get("PYTHONPATH", "").split(os.pathsep) if entry]
        argv = request["argv"][1:]
        import runpy

        try:
            if argv[0] == "-m":
                sys.path[:] = [os.getcwd(), *extra, *_BASE_PATH]
                sys.argv = [argv[1], *argv[2:]]
                runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
            elif argv[0] == "-c":
                sys.path[:] = ["", *extra, *_BASE_PATH]
                sys.argv = ["-c", *argv[2:]]
                exec(compile(argv[1], "<string>", "exec"), {"__name__": "__main__"})  # noqa: S102
            else:
                script = os.path.abspath(argv[0])
                sys.path[:] = [os.path.dirname(script), *extra, *_BASE_PATH]
                sys.argv = [argv[0], *argv[1:]]
                runpy.run_path(script, run_name="__main__")
            code = 0
        except SystemExit as exit_:
            if exit_.code is None or isinstance(exit_.code, int):
                code = exit_.code or 0
            else:
                print(exit_.code, file=sys.stderr)
                code = 1
        except BaseException:  # noqa: BLE001 - as the interpreter: the traceback on stderr, status 1
            import traceback

            traceback.print_exc()
            code = 1
        threading._shutdown()  # type: ignore[attr-defined]  # as the interpreter: wait for non-daemon threads
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
    finally:
        os._exit(code)


# The server's import path but its own folder (a child's first entry is its script's, its folder or ""); set by
# `serve` before the first fork.
_BASE_PATH: list[str] = []


def serve() -> None:
    os.environ.pop("DJANGO_SETTINGS_MODULE", None)
    _BASE_PATH.extend(entry for entry in sys.path[1:] if entry and os.path.abspath(entry) != str(ROOT))
    loaded = _preload()
    answer = sys.stdout.buffer
    answer.write(json.dumps({"ready": loaded}).encode() + b"\n")
    answer.flush()
    for line in sys.stdin.buffer:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(request)
        answer.write(f"{pid}\n".encode())
        answer.flush()
        _pid, status = os.waitpid(pid, 0)
        answer.write(f"{os.waitstatus_to_exitcode(status)}\n".encode())
        answer.flush()


# --- the client, in the test process ------------------------------------------------------------------------------

class _Server:
    def __init__(self) -> None:
        env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
        self.process = subprocess.Popen([sys.executable, "-m", "tests.forkserver"], cwd=ROOT, env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        self.lock = threading.Lock()
        self.ready = False
        atexit.register(self.close)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.process.stdin.close()  # type: ignore[union-attr]
            self.process.wait(timeout=10)

    def _line(self, timeout: float | None) -> str | None:
        """The server's next line, or None when `timeout` seconds pass first."""
        out = self.process.stdout
        assert out is not None
        deadline = None if timeout is None else time.monotonic() + timeout
        data = b""
        while not data.endswith(b"\n"):
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not select.select([out], [], [], left)[0]:
                return None
            byte = out.read(1)
            if not byte:
                raise RuntimeError("the fork server ended")
            data += byte
        return data.decode().strip()

    def call(self, argv: Sequence[str], *, cwd: str, env: Mapping[str, str], stdin: str, stdout: str,
             stderr: str, timeout: float | None) -> tuple[int, bool]:
        with self.lock:
            if not self.ready:
                json.loads(self._line(None) or "{}")
                self.ready = True
            request = {"argv": list(argv), "cwd": cwd, "env": dict(env), "stdin": stdin, "stdout": stdout,
                       "stderr": stderr}
            assert self.process.stdin is not None
            self.process.stdin.write(json.dumps(request).encode() + b"\n")
            pid = int(self._line(None) or "0")
            code = self._line(timeout)
            if code is not None:
                return int(code), False
            os.kill(pid, 9)
            return int(self._line(None) or "-9"), True


_server: _Server | None = None


def _forkable(argv: Sequence[str]) -> bool:
    if os.environ.get("TEST_FORKSERVER", "1") == "0" or len(argv) < 2 or argv[0] != sys.executable:
        return False
    if argv[1] in ("-m", "-c"):
        return len(argv) >= 3
    return not argv[1].startswith("-")


def run(args: Sequence[str], *, cwd: str | Path, env: Mapping[str, str] | None = None, timeout: float | None = None,
        input: str | None = None, check: bool = False) -> subprocess.CompletedProcess:  # noqa: A002
    """As `subprocess.run(args, cwd=..., env=..., capture_output=True, text=True, timeout=..., input=...,
    check=...)` for `[sys.executable, script | -m module | -c code, ...]`, forked from the server."""
    global _server
    env = dict(os.environ if env is None else env)
    if not _forkable(args):
        return subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                              input=input, check=check)
    if _server is None or _server.process.poll() is not None:
        _server = _Server()
    with tempfile.TemporaryDirectory(prefix="child-") as folder:
        paths = {name: os.path.join(folder, name) for name in ("stdin", "stdout", "stderr")}
        Path(paths["stdin"]).write_text(input or "", encoding="utf-8")
        for name in ("stdout", "stderr"):
            Path(paths[name]).touch()
        code, timed_out = _server.call(args, cwd=str(cwd), env=env, timeout=timeout, **paths)
        stdout = Path(paths["stdout"]).read_text(encoding="utf-8", errors="replace")
        stderr = Path(paths["stderr"]).read_text(encoding="utf-8", errors="replace")
    if timed_out:
        raise subprocess.TimeoutExpired(list(args), timeout or 0, output=stdout, stderr=stderr)
    done = subprocess.CompletedProcess(list(args), code, stdout, stderr)
    if check:
        done.check_returncode()
    return done


if __name__ == "__main__":
    serve()
