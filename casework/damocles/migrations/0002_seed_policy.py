"""Seed the example policy table (Westervoort 2017, domain.md §2) and narrow the address index.

The policy is data with a date of effect: a team lead adds a new PolicyVersion when the
municipality's beleidsregels change; assessments store the version they used. Closure days:
4 weeks = 28, 3 months = 91, 6 months = 182, 12 months = 365. A dwelling (woning) is closed at
most 1 year (365 days; enforced in casework/damocles/services/assessment.py); other premises can be closed
indefinitely. GHB and lid 1 sub b findings get no tier, so no automatic proposal: the officer
decides with written reasons, unless an administrator adds tiers for them.

Hemp plants: the table says "up to 30 plants" for the lower tier; counted from more than 0
plants (any plant above nothing; the Voorst 5-plant threshold is another municipality's choice).

The address index covers postcode + house number: a blind index has no value when one of its
sources is empty, and most addresses have no addition; the addition is compared after decryption.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

import encryption.blind_index

NAME = "Beleidsregels artikel 13b Opiumwet (voorbeeld Westervoort 2017)"
EFFECTIVE_FROM = date(2017, 1, 1)

W, C = "warning", "closure"
FOUR_WEEKS, THREE_MONTHS, SIX_MONTHS, TWELVE_MONTHS = 28, 91, 182, 365

# (substance, unit, more than, up to and including, label, 1st, 2nd, 3rd) with (sanction, days)
TIERS = [
    ("softdrugs", "g", "5", "30", "softdrugs > 5–30 g", (W, None), (C, FOUR_WEEKS), (C, THREE_MONTHS)),
    ("hemp_plants", "plants", "0", "30", "tot en met 30 hennepplanten", (W, None), (C, FOUR_WEEKS),
     (C, THREE_MONTHS)),
    ("softdrugs", "g", "30", None, "softdrugs > 30 g", (C, FOUR_WEEKS), (C, THREE_MONTHS), (C, SIX_MONTHS)),
    ("hemp_plants", "plants", "30", None, "31 of meer hennepplanten", (C, FOUR_WEEKS), (C, THREE_MONTHS),
     (C, SIX_MONTHS)),
    ("harddrugs", "g", "0.5", "5", "harddrugs > 0,5–5 g", (W, None), (C, FOUR_WEEKS), (C, THREE_MONTHS)),
    ("harddrugs", "g", "5", None, "harddrugs > 5 g", (C, THREE_MONTHS), (C, SIX_MONTHS), (C, TWELVE_MONTHS)),
]


def seed(apps, schema_editor):
    PolicyVersion = apps.get_model("damocles", "PolicyVersion")
    PolicyTier = apps.get_model("damocles", "PolicyTier")
    if PolicyVersion.objects.filter(effective_from=EFFECTIVE_FROM).exists():
        return
    version = PolicyVersion.objects.create(
        name=NAME, effective_from=EFFECTIVE_FROM, lookback_years=5,
        source="domain.md §2: voorbeeld Westervoort 2017, recidive binnen 5 jaar",
    )
    for substance, unit, low, high, label, first, second, third in TIERS:
        PolicyTier.objects.create(
            version=version, substance=substance, unit=unit, min_amount=Decimal(low),
            max_amount=Decimal(high) if high is not None else None, label=label,
            first_sanction=first[0], first_days=first[1], second_sanction=second[0], second_days=second[1],
            third_sanction=third[0], third_days=third[1],
        )


def unseed(apps, schema_editor):
    apps.get_model("damocles", "PolicyVersion").objects.filter(effective_from=EFFECTIVE_FROM, name=NAME).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('damocles', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalpremises',
            name='address_index',
            field=encryption.blind_index.BlindIndexField(label='damocles.Premises.address',
                                                         sources=['postcode', 'house_number']),
        ),
        migrations.AlterField(
            model_name='premises',
            name='address_index',
            field=encryption.blind_index.BlindIndexField(label='damocles.Premises.address',
                                                         sources=['postcode', 'house_number']),
        ),
        migrations.RunPython(seed, unseed),
    ]
