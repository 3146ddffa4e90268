"""What the figures count by, kept on the Damocles details (ADR 0052): the local date of the first step
into a warning, decision or urgent closure, and whether a warning was given. Filled here from the steps
the existing procedures already have; from now on each such step keeps them (services/decisions.py).

The backfill sets two derived columns and writes no history rows: the steps it reads from are the
history of these facts.
"""

from django.db import migrations, models
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import TruncDate

WAARSCHUWING = "waarschuwing"
DECISIVE_STATES = (WAARSCHUWING, "besluit", "spoedeisende_sluiting")  # workflow.DECISIVE_STATES, as of this migration


def backfill(apps, schema_editor):
    """One UPDATE: each procedure's first decisive step (its local date) and whether it was warned."""
    procedures = apps.get_model("damocles", "DamoclesCase")
    steps = apps.get_model("casework", "CaseStep").objects.filter(case_id=OuterRef("case_id"))
    first = steps.filter(to_status__in=DECISIVE_STATES).order_by("at").annotate(day=TruncDate("at")).values("day")[:1]
    procedures.objects.using(schema_editor.connection.alias).update(
        decisive_step_on=Subquery(first, output_field=models.DateField()),
        warned=Exists(steps.filter(to_status=WAARSCHUWING)),
    )


class Migration(migrations.Migration):

    dependencies = [
        ("casework", "0017_case_type_open_first_index"),
        ("damocles", "0009_dutch_model_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="damoclescase",
            name="decisive_step_on",
            field=models.DateField(blank=True, editable=False, null=True,
                                   verbose_name="first warning, decision or urgent closure on"),
        ),
        migrations.AddField(
            model_name="damoclescase",
            name="warned",
            field=models.BooleanField(default=False, editable=False, verbose_name="warning given"),
        ),
        migrations.AddField(
            model_name="historicaldamoclescase",
            name="decisive_step_on",
            field=models.DateField(blank=True, editable=False, null=True,
                                   verbose_name="first warning, decision or urgent closure on"),
        ),
        migrations.AddField(
            model_name="historicaldamoclescase",
            name="warned",
            field=models.BooleanField(default=False, editable=False, verbose_name="warning given"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=False),
    ]
