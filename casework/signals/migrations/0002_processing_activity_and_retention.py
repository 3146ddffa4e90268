"""Add the signals processing activity to the register (AVG art. 30) and its retention period as a
stored version (privacy.RetentionPolicy), as the other case types do (ADR 0027).

A starting text for the privacy officer (FG), who keeps the register as data; the code is referenced
from code (casework/signals/casetype.py) and must not change. Criminal-law data: AVG art. 10 with
UAVG art. 33 (the ground is recorded per signal). Retention: one year after the follow-up ended —
a signal with no action, or monitoring ended without follow-up, is kept one year; a signal routed
to a linked case is kept until a year after that case was closed (registry `retention_starts`).
Frozen here on purpose: a data migration must not import application code that later changes.
"""

import datetime

from django.db import migrations

ACTIVITY = {
    "code": "signals",
    "name": "Ondermijningssignalen (registratie, beoordeling en doorgeleiding)",
    "purpose": "Het vastleggen van signalen van ondermijnende criminaliteit (drugs, mensenhandel, witwassen, "
               "verdacht vastgoed, misbruik van vakantieparken), het beoordelen ervan en het doorgeleiden naar een "
               "aanpak: een bestuurlijke procedure van de gemeente, de politie, het RIEC of een Bibob-toets.",
    "legal_basis": "AVG art. 6 lid 1 onder e; gegevens van strafrechtelijke aard: AVG art. 10 juncto UAVG art. 33 "
                   "(de grond wordt per signaal vastgelegd)",
    "national_law": "Gemeentewet art. 172, 174 en 174a; Opiumwet art. 13b; Wet Bibob (art. 28: geen "
                    "Bibob-informatie in het signaal); Wet politiegegevens art. 16 en 20; UAVG art. 41 (uitstel van "
                    "informeren, AVG art. 14 lid 5)",
    "controller": "Burgemeester",
    "data_categories": "Het signaal (categorie, omschrijving, adres of pand); identificerende gegevens van in het "
                       "signaal genoemde personen; de bron van het signaal (afgeschermd); de beoordeling en "
                       "doorgeleiding",
    "subject_categories": "Personen genoemd in een signaal; melders en bronnen (afgeschermd)",
    "recipients": "Politie en RIEC binnen een deelbesluit; de partner die het signaal meldde alleen de eigen "
                  "melding; de identiteit van de bron alleen na een afzonderlijke afweging",
    "retention": "1 jaar na het einde van de opvolging (geen actie, of monitoren zonder vervolg); bij "
                 "doorgeleiding naar een zaak 1 jaar na afsluiting van die zaak, tenzij een privacy officer een "
                 "andere termijn vaststelt",
}

VERSION = "Selectielijst gemeenten en intergemeentelijke organen 2020 (voorbeeldwaarde, te bevestigen)"
POLICY = {
    "years": 1, "counted_from": "follow_up_ended", "basis": "slgio-openbare-orde-handhaving",
    "selectielijst_category": "1.7.3", "selectielijst_version": VERSION, "is_example": True,
    "explanation": "Gemeentelijke keuze: een signaal zonder vervolg (geen actie, of monitoren zonder vervolg) wordt "
                   "1 jaar bewaard; een signaal dat tot een zaak leidde tot 1 jaar na afsluiting van die zaak.",
}


def seed(apps, schema_editor):
    alias = schema_editor.connection.alias
    apps.get_model("audit", "ProcessingActivity").objects.using(alias).update_or_create(
        code=ACTIVITY["code"], defaults=ACTIVITY)
    apps.get_model("privacy", "RetentionPolicy").objects.using(alias).get_or_create(
        case_type="signals", effective_from=datetime.date(2000, 1, 1), defaults=POLICY)


def unseed(apps, schema_editor):
    alias = schema_editor.connection.alias
    apps.get_model("privacy", "RetentionPolicy").objects.using(alias).filter(
        case_type="signals", effective_from=datetime.date(2000, 1, 1)).delete()
    apps.get_model("audit", "ProcessingActivity").objects.using(alias).filter(code=ACTIVITY["code"]).delete()


class Migration(migrations.Migration):
    dependencies = [("signals", "0001_initial"), ("audit", "0007_brp_authorisation"),
                    ("privacy", "0008_inzage_review")]

    operations = [migrations.RunPython(seed, unseed, elidable=False)]
