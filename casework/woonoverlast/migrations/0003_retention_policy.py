"""The woonoverlast retention period as a stored version (privacy.RetentionPolicy), like the other case
types' seeded periods (privacy/0004 and 0007), so the retention page, the destruction statement and
the privacy docs name a version a records manager can confirm — not only the registered default.

5 years after closure of the file: a repeat of the nuisance within that time leads to a heavier
measure, and penalty collection and limitation fall within it. The selection-list number is an
example (`is_example`) for the records manager to confirm. Frozen here on purpose: a data migration
must not import application code that later changes. The explanation is data shown in the (Dutch) UI.
"""

import datetime

from django.db import migrations

VERSION = "Selectielijst gemeenten en intergemeentelijke organen 2020 (voorbeeldwaarde, te bevestigen)"
POLICY = {
    "years": 5, "counted_from": "closed_on", "basis": "slgio-openbare-orde-handhaving",
    "selectielijst_category": "1.7.3", "selectielijst_version": VERSION, "is_example": True,
    "explanation": "Gemeentelijke keuze: 5 jaar na afsluiting van het dossier, zodat herhaalde overlast, de "
                   "invordering van dwangsommen en de verjaring erbinnen vallen.",
}


def seed(apps, schema_editor):
    policy = apps.get_model("privacy", "RetentionPolicy")
    policy.objects.get_or_create(case_type="woonoverlast", effective_from=datetime.date(2000, 1, 1), defaults=POLICY)


def unseed(apps, schema_editor):
    apps.get_model("privacy", "RetentionPolicy").objects.filter(
        case_type="woonoverlast", effective_from=datetime.date(2000, 1, 1)).delete()


class Migration(migrations.Migration):
    dependencies = [("woonoverlast", "0002_processing_activity"), ("privacy", "0007_selectielijst_examples")]

    operations = [migrations.RunPython(seed, unseed, elidable=False)]
