"""Seed the retention periods (municipal choices, docs/privacy/retention-schedule.md).

PGA: 2 years after closure (ZVH protocols commonly use about 2 years); Damocles: 5 years after the
closure ended (repeat offences within that time lead to a heavier sanction); park enforcement: 5
years after closure (penalty collection and limitation periods). Each rests on a category of the
selection list for municipalities. A privacy officer replaces them with a new version in the UI.
"""

import datetime

from django.db import migrations

SEED = [
    ("pga", 2, "closed_on", "slgio-zorg-veiligheid",
     "Municipal choice: 2 years after closure, in line with the protocols of Zorg- en Veiligheidshuizen."),
    ("damocles", 5, "closure_ended", "slgio-openbare-orde-handhaving",
     "Municipal choice: 5 years after the closure ended, the period within which a repeat offence counts."),
    ("park", 5, "closed_on", "slgio-ruimtelijke-handhaving",
     "Municipal choice: 5 years after closure, covering penalty collection and its limitation period."),
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
