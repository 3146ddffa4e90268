"""Add the woonoverlast processing activity to the register (AVG art. 30).

A starting text for the privacy officer (FG), who keeps the register as data; the code is
referenced from code (casework/woonoverlast/casetype.py) and must not change. Frozen here on
purpose: a data migration must not import application code that later changes.
"""

from django.db import migrations

ACTIVITY = {
    "code": "woonoverlast",
    "name": "Woonoverlast (gedragsaanwijzing art. 151d and closure art. 174a Gemeentewet)",
    "purpose": "Handling serious and repeated nuisance from a dwelling: registering reports, trying lighter "
               "interventions, and preparing, taking and enforcing the mayor's behavioural orders "
               "(gedragsaanwijzing) and closures of the dwelling.",
    "legal_basis": "AVG art. 6(1)(e); art. 9(2)(g) with UAVG (health data in a care offer); art. 10 with UAVG art. 33",
    "national_law": "Gemeentewet art. 151d (Wet aanpak woonoverlast), 125 and 174a; Algemene wet bestuursrecht "
                    "(4:8, title 5.3 and 5.4, 7:4, 8:42); the municipality's APV article on woonoverlast",
    "controller": "Mayor (burgemeester)",
    "data_categories": "Identification and address data of the person causing the nuisance and of addressees; "
                       "nuisance reports and the reporters' identity (shielded); anonymised statements "
                       "(zwartboek); interventions; decisions, penalties, objections and appeals",
    "subject_categories": "Persons causing nuisance from a dwelling, whoever lets the dwelling, reporters "
                          "(neighbours; shielded), residents of the dwelling",
    "recipients": "Police, housing corporation, care partners within a sharing decision; reporters' identity "
                  "only with a separate weighing; courts receive the zwartboek only",
    "retention": "Per the selection list; 5 years after closure of the file unless a privacy officer sets "
                 "another period",
}


def seed(apps, schema_editor):
    ProcessingActivity = apps.get_model("audit", "ProcessingActivity")
    ProcessingActivity.objects.using(schema_editor.connection.alias).update_or_create(
        code=ACTIVITY["code"], defaults=ACTIVITY)


def unseed(apps, schema_editor):
    ProcessingActivity = apps.get_model("audit", "ProcessingActivity")
    ProcessingActivity.objects.using(schema_editor.connection.alias).filter(code=ACTIVITY["code"]).delete()


class Migration(migrations.Migration):
    dependencies = [("woonoverlast", "0001_initial"), ("audit", "0003_seed_processing_activities")]

    operations = [migrations.RunPython(seed, unseed, elidable=False)]
