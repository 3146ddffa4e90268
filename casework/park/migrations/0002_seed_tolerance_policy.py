"""Seed the national reference date for personal tolerance decisions: 31 October 2003.

Permanent residents of recreation objects who lived there before the reference date may get a
personal tolerance decision (persoonsgebonden gedoogbeschikking; national policy of the Minister
of VROM, 2003). A municipality that sets another reference date adds a TolerancePolicy version
with its date of effect; each decision stores the version and the date it used.
"""

import uuid
from datetime import date

from django.db import migrations

NAME = "Landelijke peildatum permanente bewoning recreatiewoningen"
REFERENCE_DATE = date(2003, 10, 31)


def seed(apps, schema_editor):
    TolerancePolicy = apps.get_model("park", "TolerancePolicy")
    TolerancePolicy.objects.get_or_create(
        effective_from=REFERENCE_DATE,
        defaults={"id": uuid.uuid4(), "name": NAME, "reference_date": REFERENCE_DATE,
                  "source": "Beleidsbrief VROM 2003 (landelijke peildatum 31 oktober 2003)"},
    )


def unseed(apps, schema_editor):
    apps.get_model("park", "TolerancePolicy").objects.filter(effective_from=REFERENCE_DATE, name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("park", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
