"""Create a user with a role and organisation; prints the TOTP provisioning URI once."""

from __future__ import annotations

import getpass
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts import services
from accounts.models import Organisation, Team
from accounts.roles import ROLES


class Command(BaseCommand):
    help = "Create a user (role, organisation) and print the authenticator provisioning URI once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=ROLES)
        parser.add_argument("--organisation", required=True, help="Name of an existing organisation")
        parser.add_argument("--team", help="Name of a team of that organisation (created when missing)")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from standard input"
        )

    def handle(self, *args, **options):
        try:
            organisation = Organisation.objects.get(name=options["organisation"])
        except Organisation.DoesNotExist as exc:
            raise CommandError(f"No organisation named {options['organisation']!r}.") from exc
        team = None
        if options["team"]:
            team, _created = Team.objects.get_or_create(organisation=organisation, name=options["team"])
        read_password = (lambda: sys.stdin.readline().rstrip("\n")) if options["password_stdin"] else (
            lambda: getpass.getpass("Password: ")
        )
        password = read_password()
        try:
            user, device = services.user_create(
                actor=None,
                organisation=organisation,
                username=options["username"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                email=options["email"],
                role=options["role"],
                team=team,
                password=password,
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Created {user.username} ({options['role']})."))
        self.stdout.write("Authenticator provisioning URI (shown once, do not store it):")
        self.stdout.write(device.config_url)
