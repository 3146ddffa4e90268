"""Woonoverlast's BRP authorisation (issue 20 item 2; ADR 0025; the core activities: audit 0007).

Frozen here on purpose: a data migration must not import application code.
"""

from django.db import migrations

CODE = "woonoverlast"
BASIS = ("Wet basisregistratie personen art. 3.3 (verstrekking aan de gemeente als afnemer, binnen het "
         "autorisatiebesluit van de minister van BZK) juncto Besluit basisregistratie personen art. 13; AVG art. 6 "
         "lid 1 onder e; taak: besluiten van de burgemeester op grond van Gemeentewet art. 151d en 174a: naam en "
         "adres van de veroorzaker en de andere geadresseerden, en wie op het adres van de woning staat "
         "ingeschreven")


def authorise(apps, schema_editor):
    ProcessingActivity = apps.get_model("audit", "ProcessingActivity")
    ProcessingActivity.objects.using(schema_editor.connection.alias).filter(code=CODE).update(
        brp_authorised=True, brp_legal_basis=BASIS)


def withdraw(apps, schema_editor):
    ProcessingActivity = apps.get_model("audit", "ProcessingActivity")
    ProcessingActivity.objects.using(schema_editor.connection.alias).filter(code=CODE).update(
        brp_authorised=False, brp_legal_basis="")


class Migration(migrations.Migration):
    dependencies = [("woonoverlast", "0007_bag_pick"), ("audit", "0007_brp_authorisation")]

    operations = [migrations.RunPython(authorise, withdraw, elidable=False)]
