"""Configure an organisation's identity provider (single sign-on; docs/integrations.md).

The client secret is read from an environment variable named by --client-secret-env, never from
the command line (which ends up in shell history and process lists); it is stored sealed.
"""

from __future__ import annotations

import argparse
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Organisation
from accounts.sso.services import identity_provider_configure


class Command(BaseCommand):
    help = "Create or change the identity provider of an organisation; its users then log in there only."

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="the organisation's name")
        parser.add_argument("--issuer")
        parser.add_argument("--discovery-url")
        parser.add_argument("--client-id")
        parser.add_argument("--client-secret-env", help="name of the environment variable holding the secret")
        parser.add_argument("--scopes")
        parser.add_argument("--group-claim")
        parser.add_argument("--acr", dest="acr_values", help="accepted acr values, space-separated")
        parser.add_argument("--amr", dest="amr_values", help="accepted amr values, space-separated")
        parser.add_argument("--recheck-minutes", type=int)
        parser.add_argument("--create-users", action=argparse.BooleanOptionalAction)
        parser.add_argument("--enabled", action=argparse.BooleanOptionalAction)
        parser.add_argument("--local-login-allowed", action=argparse.BooleanOptionalAction)

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(name=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation named {options['organisation']!r}.")
        fields = ("issuer", "discovery_url", "client_id", "scopes", "group_claim", "acr_values", "amr_values",
                  "recheck_minutes", "create_users", "enabled", "local_login_allowed")
        values = {field: options[field] for field in fields if options.get(field) is not None}
        secret = None
        if options["client_secret_env"]:
            secret = os.environ.get(options["client_secret_env"], "")
            if not secret:
                raise CommandError(f"The environment variable {options['client_secret_env']} is empty or unset.")
        try:
            provider = identity_provider_configure(actor=None, organisation=organisation, client_secret=secret,
                                                   **values)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        state = "enabled" if provider.enabled else "disabled"
        self.stdout.write(self.style.SUCCESS(f"Identity provider of {organisation.name!r} saved ({state}); "
                                             f"redirect URI: https://<host>/accounts/login/sso/callback/"))
