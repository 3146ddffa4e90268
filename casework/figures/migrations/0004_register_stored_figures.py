"""The register line of the annual figures says the figures are now stored (ADR 0058).

0002 seeded "De cijfers worden niet bewaard maar telkens opnieuw berekend"; since 0003 the computed numbers
are kept until the next computation. The text is replaced only while it is still exactly the seeded one: a
text the privacy officer (FG) has rewritten is kept. Frozen here on purpose: a data migration must not import
application code.
"""

from importlib import import_module

from django.db import migrations

SEEDED = import_module("casework.figures.migrations.0002_processing_activity").ACTIVITY
STORED = {
    "retention": "De berekende cijfers (aantallen, bedragen en gemiddelden per organisatie, jaar en kwartaal, "
                 "zonder persoonsgegevens) worden bewaard tot de volgende berekening: elke nacht, of eerder op "
                 "verzoek van een gebruiker die ze mag zien; doelen en ingevoerde externe cijfers bevatten geen "
                 "persoonsgegevens",
}


def _replace(apps, schema_editor, old, new):
    ProcessingActivity = apps.get_model("audit", "ProcessingActivity")
    activity = ProcessingActivity.objects.using(schema_editor.connection.alias).filter(code=SEEDED["code"]).first()
    if activity is None:
        return
    changed = [field for field in new if getattr(activity, field) == old[field]]
    for field in changed:
        setattr(activity, field, new[field])
    if changed:
        activity.save(update_fields=changed)


def forwards(apps, schema_editor):
    _replace(apps, schema_editor, SEEDED, STORED)


def backwards(apps, schema_editor):
    _replace(apps, schema_editor, STORED, {field: SEEDED[field] for field in STORED})


class Migration(migrations.Migration):
    dependencies = [("figures", "0003_stored_figures")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
