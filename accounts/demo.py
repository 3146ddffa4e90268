"""Demo organisations and users (synthetic, clearly fake names). Idempotent."""

from __future__ import annotations

from accounts import services
from accounts.models import Organisation, Team, User
from accounts.roles import HANDHAVER, KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER

DEMO_PASSWORD = "demo-wachtwoord-2026"  # noqa: S105 - demo only; seed_demo refuses production

# Synthetic postal addresses (postcode range 9999 is not issued) for letterheads and objections.
POSTAL_ADDRESSES = {
    "Gemeente Demodorp": "Postbus 9999\n9999 ZZ Demodorp",
}

# What the demo municipality's letters print besides the address (synthetic; the court's real
# name, a postcode range that is not issued, a web address under the reserved .invalid domain).
LETTER_DETAILS = {
    "Gemeente Demodorp": {
        "municipality_name": "Demodorp",
        "digital_objection_url": "https://bezwaar.demodorp.invalid/",
        "court_name": "Rechtbank Gelderland",
        "court_address": "Postbus 9998\n9999 ZY Demodorp",
    },
}

ORGANISATIONS = [
    ("Gemeente Demodorp", Organisation.Kind.GEMEENTE),
    ("Politie Eenheid Demo", Organisation.Kind.POLITIE),
    ("Openbaar Ministerie Demo", Organisation.Kind.OM),
    ("Reclassering Demo", Organisation.Kind.RECLASSERING),
    ("GGZ Demo", Organisation.Kind.GGZ),
    ("Veilig Thuis Demo", Organisation.Kind.VEILIG_THUIS),
    ("Woningcorporatie Demo", Organisation.Kind.WONINGCORPORATIE),
]

# username, role, organisation, team, first name, last name
USERS = [
    ("regisseur", PROCESREGISSEUR, "Gemeente Demodorp", "Zorg en Veiligheid", "Rianne", "Testregisseur"),
    ("regisseur2", PROCESREGISSEUR, "Gemeente Demodorp", "Team Oost", "Roos", "Testregisseur-Oost"),
    ("handhaver", HANDHAVER, "Gemeente Demodorp", "Handhaving", "Hugo", "Testhandhaver"),
    ("privacy", PRIVACY_OFFICER, "Gemeente Demodorp", None, "Priya", "Testprivacy"),
    ("privacy2", PRIVACY_OFFICER, "Gemeente Demodorp", None, "Pim", "Testprivacy-Twee"),  # four eyes on destruction
    ("teamleider", TEAMLEIDER, "Gemeente Demodorp", "Zorg en Veiligheid", "Thijs", "Testleider"),
    ("partner", KETENPARTNER, "Reclassering Demo", None, "Pieter", "Testpartner"),
]


def seed_accounts() -> list[tuple[User, str]]:
    """Create the demo organisations and users; returns (user, role) for every demo user."""
    organisations = {}
    for name, kind in ORGANISATIONS:
        organisations[name], _created = Organisation.objects.get_or_create(name=name, defaults={"kind": kind})
        address = POSTAL_ADDRESSES.get(name, "")
        if address and not organisations[name].postal_address:
            organisations[name].postal_address = address
            organisations[name].save(update_fields=["postal_address"])
        details = {field: value for field, value in LETTER_DETAILS.get(name, {}).items()
                   if not getattr(organisations[name], field)}
        if details:
            for field, value in details.items():
                setattr(organisations[name], field, value)
            organisations[name].save(update_fields=list(details))
    result = []
    for username, role, org_name, team_name, first, last in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            organisation = organisations[org_name]
            team = None
            if team_name:
                team, _created = Team.objects.get_or_create(organisation=organisation, name=team_name)
            user, _device = services.user_create(
                actor=None, organisation=organisation, username=username, first_name=first, last_name=last,
                email=f"{username}@demo.invalid", role=role, team=team, password=DEMO_PASSWORD,
            )
        result.append((user, role))
    return result
