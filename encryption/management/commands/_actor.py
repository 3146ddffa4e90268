"""Shared by the key commands: who runs them (`--actor USERNAME`), for the audit signals."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser


def add_actor_argument(parser: CommandParser) -> None:
    parser.add_argument("--actor", help="username of the operator (recorded by the audit trail)")


def resolve_actor(username: str | None) -> Any:
    if not username:
        return None
    user_model = get_user_model()
    try:
        return user_model.objects.get(**{user_model.USERNAME_FIELD: username})
    except user_model.DoesNotExist as exc:
        raise CommandError(f"no user {username!r}") from exc
