"""Add the processing activity of the annual figures to the register (AVG art. 30).

Counting cases for management information and the municipality's annual report: aggregates only,
small counts suppressed (docs/adr/0028-small-count-suppression.md). A starting text for the privacy
officer (FG), who keeps the register as data; the code is referenced from casework/figures/access.py
and must not change. Frozen here on purpose: a data migration must not import application code.
"""

from django.db import migrations

ACTIVITY = {
    "code": "beleidsinformatie",
    "name": "Beleidsinformatie en jaarcijfers zorg en veiligheid",
    "purpose": "Het tellen van zaken per jaar en kwartaal voor sturing, begroting en jaarverslag van de gemeente "
               "(bijvoorbeeld “Waarschuwing/sluiting panden (wet Damocles)”), met doelen per indicator en "
               "cijfers van de politie en Veilig Thuis die met de hand zijn ingevoerd.",
    "legal_basis": "AVG art. 6 lid 1 onder e en art. 89 (verdere verwerking voor statistische doeleinden); "
                   "UAVG art. 24",
    "national_law": "Gemeentewet art. 212 en 213 (begroting en jaarverslag); de wetten van de afzonderlijke "
                    "zaaktypen",
    "controller": "College van burgemeester en wethouders; burgemeester voor de openbare-ordetaken",
    "data_categories": "Geen persoonsgegevens in de uitkomst: aantallen, bedragen en gemiddelden per jaar en "
                       "kwartaal, berekend uit gewone kolommen van de zaken; aantallen van 1 tot en met 4 worden "
                       "niet getoond",
    "subject_categories": "Betrokkenen van de zaken van de eigen organisatie (alleen geteld)",
    "recipients": "Teamleiders, handhavers en privacy officers van de eigen organisatie; het jaarverslag "
                  "(na onderdrukking van kleine aantallen)",
    "retention": "De cijfers worden niet bewaard maar telkens opnieuw berekend; doelen en ingevoerde externe "
                 "cijfers bevatten geen persoonsgegevens",
}


def seed(apps, schema_editor):
    ProcessingActivity = apps.get_model("audit", "ProcessingActivity")
    ProcessingActivity.objects.using(schema_editor.connection.alias).update_or_create(
        code=ACTIVITY["code"], defaults=ACTIVITY)


def unseed(apps, schema_editor):
    ProcessingActivity = apps.get_model("audit", "ProcessingActivity")
    ProcessingActivity.objects.using(schema_editor.connection.alias).filter(code=ACTIVITY["code"]).delete()


class Migration(migrations.Migration):
    dependencies = [("figures", "0001_initial"), ("audit", "0007_brp_authorisation")]

    operations = [migrations.RunPython(seed, unseed, elidable=False)]
