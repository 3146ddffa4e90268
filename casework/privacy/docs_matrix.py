"""The access matrix (role × capability) as a document, generated from the code that enforces it.

Sources: the capability table `accounts.roles.CAPABILITIES` (read by the navigation and the role
checks), the workflow tables `casework.workflow.WORKFLOWS` (read by `transition()`), and the
session settings. tests/casework/privacy/test_docs_access_matrix.py exercises the real views and
services for every role, so a row here that the code does not honour fails a test.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from accounts.roles import CAPABILITIES, ROLE_LABELS, ROLES, Capability
from casework import registry
from casework.breakglass import GRANT_DURATION
from casework.privacy.docs_markdown import generated_note, join_blocks, table
from casework.workflow import WORKFLOWS

YES = "✔"

INTRO = """\
# Access matrix

{note}

Roles are Django groups (`accounts/roles.py`). A role grants *capabilities*: the table
`accounts.roles.CAPABILITIES` below is the one the navigation and the views' and services' role
checks read. Access to a case is decided per case in `casework/access.py` (owner, team,
supervision, sharing decision, break-the-glass); model-level permissions never grant rows.
Everything except the login page and static files requires a session that passed both factors
(`accounts.middleware.RequireTwoFactorMiddleware`). Every refusal answers 403 and is recorded as an
`access_denied` audit event (with the case and the subject's pseudonym when it concerns a case).

Roles: {roles}."""

PATHS = (
    ("owner, member of the case's team, a per-case guardian grant", "work_cases",
     "read everything; change, take workflow steps, share"),
    ("team lead of the controlling organisation", "supervise_cases",
     "read everything; hand over, approve (four eyes), the workflow steps below that name the team lead"),
    ("active sharing decision with the user's organisation", "read_shared_cases",
     "read case metadata and the shared categories only, until the end date; no changes, except that a chain "
     "partner reports its own organisation's PGA agreements done and adds monitoring notes within a shared "
     "category (docs/adr/0031)"),
    ("active break-the-glass grant", "break_glass",
     "read everything for {hours} hours; flagged for the privacy officer's review"),
    ("privacy officer", "privacy_inzage",
     "no case content; the inzage report (AVG art. 15) is their one audited exception"),
)
PATHS_NOTE = """\
`visible_cases(user)` applies the same paths in SQL to every list, search, count and export; a
restricted person (AVG art. 18) is shown to no one except through the inzage report. The filter tests each
case row's copy of its person's restriction, which database triggers keep equal to the person's own flag in
the same statement as any change (docs/adr/0046): no new data, the same fact stored next to the case."""

SESSIONS = """\
## Sessions

- Idle timeout {idle} minutes (cookie renewed on each request), absolute lifetime {absolute} hours.
- Lockout: {failures} failed logins per username + client address lock that combination for {cooloff} minutes.
- Deactivating a user, or resetting their second factor, deletes their sessions and revokes their
  API tokens at once; an inactive user is also refused on every request by the authentication backend."""


def _roles(roles: frozenset[str]) -> str:
    return ", ".join(f"`{role}`" for role in ROLES if role in roles) or "—"


def _page(name: str) -> str:
    try:
        return f"`{reverse(name)}`"
    except NoReverseMatch:
        return f"`{name}` (not built yet)"


def _capability_row(capability: Capability) -> list[str]:
    marks = [YES if role in capability.roles else "" for role in ROLES]
    pages = ", ".join(_page(name) for name in capability.pages) or "per case"
    return [str(capability.label), *marks, str(capability.scope) or "—", pages, f"`{capability.code}`"]


def capability_table() -> str:
    headers = ["capability", *ROLES, "limits", "pages", "code"]
    return "## Capabilities per role\n\n" + table(headers, (_capability_row(c) for c in CAPABILITIES))


def _by_code(code: str) -> frozenset[str]:
    return next(c.roles for c in CAPABILITIES if c.code == code)


def paths_table() -> str:
    hours = int(GRANT_DURATION.total_seconds() // 3600)
    rows = ((path, _roles(_by_code(code)), gives.format(hours=hours)) for path, code, gives in PATHS)
    return "## Paths to a case (`casework/access.py`)\n\n" + table(("path", "roles", "what it gives"), rows) \
        + "\n\n" + PATHS_NOTE


def workflow_tables() -> str:
    blocks = ["## Workflow steps per role (`casework/<type>/workflow.py`)\n\n"
              "Who may take which step, as `transition()` enforces it (on top of the paths to the case)."]
    for case_type in sorted(spec.code for spec in registry.documented_types()):
        workflow = WORKFLOWS[case_type]
        rows = [
            (f"{workflow.label(t.source)} → {workflow.label(t.target)}", _roles(t.roles),
             ", ".join(t.requires) or "—", "closes" if t.closes else "reopens" if t.reopens else "")
            for t in workflow.transitions
        ]
        heading = f"### {registry.label(case_type)} (`{case_type}`)"
        blocks.append(heading + "\n\n" + table(("step", "roles", "requires", ""), rows))
    return "\n\n".join(blocks)


def sessions() -> str:
    return SESSIONS.format(
        idle=settings.SESSION_IDLE_TIMEOUT // 60, absolute=settings.SESSION_ABSOLUTE_LIFETIME // 3600,
        failures=settings.AXES_FAILURE_LIMIT, cooloff=round(settings.AXES_COOLOFF_TIME * 60),
    )


def access_matrix() -> str:
    roles = ", ".join(f"`{code}` ({label})" for code, label in ROLE_LABELS.items())
    return join_blocks(
        INTRO.format(note=generated_note("accounts/roles.py CAPABILITIES, casework/access.py and the workflow "
                                         "tables"), roles=roles),
        capability_table(),
        paths_table(),
        workflow_tables(),
        sessions(),
    )
