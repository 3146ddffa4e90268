"""Create an organisation (a municipality or chain partner) so users can be created in it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Organisation


class Command(BaseCommand):
    help = "Create an organisation (name, kind); does nothing when it already exists with that kind."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--kind", required=True, choices=Organisation.Kind.values)

    def handle(self, *args, **options):
        name = options["name"].strip()
        existing = Organisation.objects.filter(name=name).first()
        if existing is not None:
            if existing.kind != options["kind"]:
                raise CommandError(f"An organisation named {name!r} exists with kind {existing.kind!r}.")
            self.stdout.write(f"Organisation {name!r} already exists.")
            return
        organisation = Organisation(name=name, kind=options["kind"])
        try:
            organisation.full_clean()
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        organisation.save()
        self.stdout.write(self.style.SUCCESS(f"Created organisation {name!r} ({options['kind']})."))
