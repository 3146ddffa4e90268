"""factory-boy factories for accounts (synthetic, clearly fake names)."""

from __future__ import annotations

import factory

from accounts.models import Organisation, Team


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    kind = Organisation.Kind.GEMEENTE
    postal_address = "Postbus 1\n9999 AA Testdorp"
    court_name = "Rechtbank Testland"
    court_address = "Postbus 2\n9999 AB Testdorp"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Testteam {n}")
