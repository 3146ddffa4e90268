"""Map a value of an organisation's group claim to a role and team (single sign-on), or remove it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Organisation, Team
from accounts.roles import ROLES
from accounts.sso.services import group_mapping_delete, group_mapping_set


class Command(BaseCommand):
    help = ("Map a group claim value to a role (and team) for an organisation's single sign-on; "
            "a chain partner's groups can only give the chain-partner role.")

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="the organisation's name")
        parser.add_argument("group", help="the value in the group claim (e.g. an Entra ID group object id)")
        parser.add_argument("--role", choices=ROLES)
        parser.add_argument("--team", help="the team's name in that organisation")
        parser.add_argument("--delete", action="store_true")

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(name=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation named {options['organisation']!r}.")
        if options["delete"]:
            count = group_mapping_delete(actor=None, organisation=organisation, group=options["group"])
            self.stdout.write(f"Removed {count} mapping(s).")
            return
        if not options["role"]:
            raise CommandError("Give --role (or --delete).")
        team = None
        if options["team"]:
            team = Team.objects.filter(organisation=organisation, name=options["team"]).first()
            if team is None:
                raise CommandError(f"No team named {options['team']!r} in {organisation.name!r}.")
        try:
            group_mapping_set(actor=None, organisation=organisation, group=options["group"], role=options["role"],
                              team=team)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Group {options['group']!r} gives role {options['role']}."))
