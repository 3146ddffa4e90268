"""Seed the retention periods (municipal choices, docs/privacy/retention-schedule.md).

PGA: 2 years after closure (ZVH protocols commonly use about 2 years); Damocles: 5 years after the
closure ended (repeat offences within that time lead to a heavier sanction); park enforcement: 5
years after closure (penalty collection and limitation periods). Each rests on a category of the
selection list for municipalities. A privacy officer replaces them with a new version in the UI.
The explanations are data shown in the (Dutch) UI, so they are seeded in Dutch.
"""

import datetime

from django.db import migrations

SEED = [
    ("pga", 2, "closed_on", "slgio-zorg-veiligheid",
     "Gemeentelijke keuze: 2 jaar na afsluiting, in lijn met de protocollen van Zorg- en Veiligheidshuizen."),
    ("damocles", 5, "closure_ended", "slgio-openbare-orde-handhaving",
     "Gemeentelijke keuze: 5 jaar na het einde van de sluiting, de periode waarin een herhaalde overtreding meetelt."),
    ("park", 5, "closed_on", "slgio-ruimtelijke-handhaving",
     "Gemeentelijke keuze: 5 jaar na afsluiting, zodat de invordering van dwangsommen en de verjaring erbinnen vallen."),
]


def seed(apps, schema_editor):
    policy = apps.get_model("privacy", "RetentionPolicy")
    for case_type, years, counted_from, basis, explanation in SEED:
        policy.objects.get_or_create(
            case_type=case_type, effective_from=datetime.date(2000, 1, 1),
            defaults={"years": years, "counted_from": counted_from, "basis": basis, "explanation": explanation},
        )


def unseed(apps, schema_editor):
    apps.get_model("privacy", "RetentionPolicy").objects.filter(effective_from=datetime.date(2000, 1, 1)).delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_retention")]

    operations = [migrations.RunPython(seed, unseed)]
