"""The command line of a `manage.py` child process in the tests: the system checks left out.

Before its command, every `manage.py` run executes all system checks — it imports the whole URL
configuration and checks every model, about 1.4 s of CPU — and the tests start some seventy such
children. The checks are tested where they are the subject: `manage.py check` in a child process
(tests/accounts/test_security.py, tests/casework/test_example_case_type.py) and `check --deploy` in
`make check-deploy`; a child that runs `audit_verify` or `seed_demo` tests that command, not them.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def _accepts_skip_checks(name: str) -> bool:
    from django.core.management import get_commands, load_command_class

    app = get_commands().get(name)
    if app is None:
        return False
    parser = load_command_class(app, name).create_parser("manage.py", name)
    return any("--skip-checks" in action.option_strings for action in parser._actions)


def manage_command(*args: str) -> list[str]:
    """`python manage.py ARGS`, with `--skip-checks` where the command takes it."""
    extra = ["--skip-checks"] if args and _accepts_skip_checks(args[0]) else []
    return [sys.executable, str(ROOT / "manage.py"), *args, *extra]
