"""The BRP authorisation per processing activity (issue 20 item 2; ADR 0025).

Records for the activities whose tasks the municipality's BRP authorisation (autorisatiebesluit under Wet BRP
art. 3.3) covers that the BRP may be consulted for them, with the legal basis; a case type added later records
its own in its app. Frozen here on purpose: a data migration must not import application code.
"""


from django.db import migrations, models


WET_BRP = ("Wet basisregistratie personen art. 3.3 (verstrekking aan de gemeente als afnemer, binnen het "
           "autorisatiebesluit van de minister van BZK) juncto Besluit basisregistratie personen art. 13; "
           "AVG art. 6 lid 1 onder e")
AUTHORISED = {
    "pga-procesregie": WET_BRP + "; taak: regie op de persoonsgerichte aanpak (Wgs, Gemeentewet): de betrokkene "
                                 "eenduidig identificeren bij het aanmelden",
    "damocles": WET_BRP + "; taak: besluiten van de burgemeester op grond van Opiumwet art. 13b: naam en adres "
                          "van de belanghebbenden (eigenaar, huurder, gebruiker) aan wie het besluit wordt gericht",
    "park-enforcement": WET_BRP + "; taak: handhaving van het verbod op permanente bewoning van recreatiewoningen "
                                  "(omgevingsplan, Omgevingswet art. 18.2, Awb titel 5.3): wie op het adres van het "
                                  "recreatieobject staat of stond ingeschreven, en in welke periode",
}


def authorise(apps, schema_editor):
    ProcessingActivity = apps.get_model("audit", "ProcessingActivity")
    for code, basis in AUTHORISED.items():
        ProcessingActivity.objects.using(schema_editor.connection.alias).filter(code=code).update(
            brp_authorised=True, brp_legal_basis=basis)


def withdraw(apps, schema_editor):
    ProcessingActivity = apps.get_model("audit", "ProcessingActivity")
    ProcessingActivity.objects.using(schema_editor.connection.alias).filter(code__in=list(AUTHORISED)).update(
        brp_authorised=False, brp_legal_basis="")


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0006_dutch_processing_activities'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalprocessingactivity',
            name='brp_authorised',
            field=models.BooleanField(default=False, verbose_name='authorised for the BRP'),
        ),
        migrations.AddField(
            model_name='historicalprocessingactivity',
            name='brp_legal_basis',
            field=models.TextField(blank=True, verbose_name='legal basis for consulting the BRP'),
        ),
        migrations.AddField(
            model_name='historicalprocessingactivity',
            name='brp_purpose',
            field=models.CharField(blank=True, max_length=100, verbose_name='BRP purpose code (doelbinding)'),
        ),
        migrations.AddField(
            model_name='processingactivity',
            name='brp_authorised',
            field=models.BooleanField(default=False, verbose_name='authorised for the BRP'),
        ),
        migrations.AddField(
            model_name='processingactivity',
            name='brp_legal_basis',
            field=models.TextField(blank=True, verbose_name='legal basis for consulting the BRP'),
        ),
        migrations.AddField(
            model_name='processingactivity',
            name='brp_purpose',
            field=models.CharField(blank=True, max_length=100, verbose_name='BRP purpose code (doelbinding)'),
        ),
        migrations.AddConstraint(
            model_name='processingactivity',
            constraint=models.CheckConstraint(condition=models.Q(('brp_authorised', False), models.Q(('brp_legal_basis', ''), _negated=True), _connector='OR'), name='audit_activity_brp_needs_legal_basis'),
        ),
        migrations.RunPython(authorise, withdraw, elidable=False),
    ]
