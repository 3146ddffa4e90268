"""The woonoverlast processing activity's texts in Dutch (issue 19; the core activities: audit 0006).

Each text that is still exactly the English one 0002 seeded is replaced; a text the privacy officer (FG) has
rewritten is kept. Frozen here on purpose: a data migration must not import application code.
"""

from importlib import import_module

from django.db import migrations

SEEDED = import_module("casework.woonoverlast.migrations.0002_processing_activity").ACTIVITY

DUTCH = {
    "name": "Woonoverlast (gedragsaanwijzing art. 151d en sluiting art. 174a Gemeentewet)",
    "purpose": "Het afhandelen van ernstige en herhaaldelijke overlast vanuit een woning: meldingen vastleggen, "
               "lichtere interventies proberen, en gedragsaanwijzingen en sluitingen van de woning door de "
               "burgemeester voorbereiden, opleggen en handhaven.",
    "legal_basis": "AVG art. 6 lid 1 onder e; art. 9 lid 2 onder g juncto de UAVG (gezondheidsgegevens in een "
                   "zorgaanbod); art. 10 juncto UAVG art. 33",
    "national_law": "Gemeentewet art. 151d (Wet aanpak woonoverlast), 125 en 174a; Algemene wet bestuursrecht "
                    "(4:8, titel 5.3 en 5.4, 7:4, 8:42); het APV-artikel van de gemeente over woonoverlast",
    "controller": "Burgemeester",
    "data_categories": "Identificerende gegevens en adresgegevens van de veroorzaker van de overlast en van "
                       "geadresseerden; overlastmeldingen en de identiteit van melders (afgeschermd); "
                       "geanonimiseerde verklaringen (zwartboek); interventies; besluiten, dwangsommen, bezwaren "
                       "en beroepen",
    "subject_categories": "Personen die overlast veroorzaken vanuit een woning, de verhuurder van de woning, "
                          "melders (buren; afgeschermd), bewoners van de woning",
    "recipients": "Politie, woningcorporatie en zorgpartners binnen een deelbesluit; de identiteit van melders "
                  "alleen na een afzonderlijke afweging; de rechtbank ontvangt alleen het zwartboek",
    "retention": "Volgens de selectielijst; 5 jaar na afsluiting van het dossier, tenzij een privacy officer een "
                 "andere termijn vaststelt",
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


def to_dutch(apps, schema_editor):
    _replace(apps, schema_editor, SEEDED, DUTCH)


def to_english(apps, schema_editor):
    _replace(apps, schema_editor, DUTCH, SEEDED)


class Migration(migrations.Migration):
    dependencies = [("woonoverlast", "0005_signatories_and_extension_approval"), ("audit", "0006_dutch_processing_activities")]

    operations = [migrations.RunPython(to_dutch, to_english, elidable=False)]
