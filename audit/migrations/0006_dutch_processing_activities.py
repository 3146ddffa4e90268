"""The register of processing activities in Dutch (issue 19: every screen in Dutch).

0003 seeded the starting texts in English; the share form, the sharing register, the audit trail and the
privacy officer's documents show them. This replaces each text that is still exactly the seeded English one by
its Dutch version, so a text the privacy officer (FG) has already rewritten is kept. Codes do not change.
Frozen here on purpose: a data migration must not import application code that later changes.
"""

from importlib import import_module

from django.db import migrations

SEEDED = {activity["code"]: activity for activity in
          import_module("audit.migrations.0003_seed_processing_activities").ACTIVITIES}

DUTCH = {
    "pga-procesregie": {
        "name": "Procesregie persoonsgerichte aanpak (PGA)",
        "purpose": "Het afstemmen van de persoonsgerichte aanpak door de partners in het Zorg- en "
                   "Veiligheidshuis rond een persoon met samenhangende zorg- en veiligheidsproblemen.",
        "legal_basis": "AVG art. 6 lid 1 onder e; art. 9 lid 2 onder g juncto de UAVG; art. 10 juncto UAVG art. 33",
        "national_law": "Wet gegevensverwerking door samenwerkingsverbanden (WGS, vanaf 1 maart 2025); "
                        "Gemeentewet; Wmo 2015; Jeugdwet; convenant Zorg- en Veiligheidshuis",
        "controller": "Gemeente (college van burgemeester en wethouders) en de deelnemende partners",
        "data_categories": "Identificerende gegevens (naam, BSN, geboortedatum, adres), casusgeschiedenis, "
                           "gezondheids- en zorginformatie, strafrechtelijke gegevens, verslagen van casusoverleggen",
        "subject_categories": "Personen in een PGA-casus, hun naasten en de leden van hun huishouden",
        "recipients": "Partners in het casusoverleg (politie, OM, reclassering, GGZ, Veilig Thuis, "
                      "woningcorporatie) binnen een deelbesluit",
        "retention": "Per casustype volgens de bewaartermijnen; doorgaans 2 jaar na afsluiting van de casus",
    },
    "damocles": {
        "name": "Damoclesprocedure (sluiting van panden, art. 13b Opiumwet)",
        "purpose": "Het voorbereiden, nemen en handhaven van besluiten van de burgemeester over "
                   "waarschuwingen en sluiting van panden waar drugs worden verkocht, afgeleverd of aanwezig zijn.",
        "legal_basis": "AVG art. 6 lid 1 onder e; art. 10 juncto UAVG art. 33",
        "national_law": "Opiumwet art. 13b; Algemene wet bestuursrecht (Awb); Gemeentewet art. 174a; "
                        "gemeentelijk Damoclesbeleid",
        "controller": "Burgemeester",
        "data_categories": "Identificerende gegevens van eigenaren, huurders en bewoners, bestuurlijke "
                           "rapportages van de politie, bevindingen, besluiten, bezwaren en beroepen",
        "subject_categories": "Eigenaren, huurders, bewoners en andere belanghebbenden bij het pand",
        "recipients": "Politie, OM, woningcorporatie, rechtbank (in bezwaar en beroep)",
        "retention": "Volgens de selectielijst gemeenten en intergemeentelijke organen; het sluitingsdossier "
                     "ten minste tot het besluit onherroepelijk is en de handhaving is afgerond",
    },
    "park-enforcement": {
        "name": "Handhaving op vakantieparken (recreatieparken en permanente bewoning)",
        "purpose": "Toezicht op en handhaving van de regels op vakantieparken, waaronder onrechtmatige "
                   "permanente bewoning en ondermijnende criminaliteit.",
        "legal_basis": "AVG art. 6 lid 1 onder e; art. 10 juncto UAVG art. 33",
        "national_law": "Omgevingswet; Algemene wet bestuursrecht titel 5 (handhaving); Gemeentewet; "
                        "Wet basisregistratie personen",
        "controller": "Gemeente (college van burgemeester en wethouders)",
        "data_categories": "Identificerende gegevens en adresgegevens, inschrijving in de BRP, bevindingen van "
                           "controles, handhavingsbesluiten, dwangsommen",
        "subject_categories": "Bewoners, eigenaren en exploitanten van recreatieverblijven",
        "recipients": "Politie, provincie, Belastingdienst binnen een deelbesluit",
        "retention": "Volgens de selectielijst; handhavingsdossiers tot het besluit onherroepelijk is en de "
                     "dwangsommen zijn afgewikkeld",
    },
    "chain-sharing": {
        "name": "Gegevens delen met ketenpartners",
        "purpose": "Ketenpartners de categorieën gegevens verstrekken die een deelbesluit toestaat, voor het "
                   "genoemde doel en de genoemde periode, na afweging van proportionaliteit en subsidiariteit.",
        "legal_basis": "AVG art. 6 lid 1 onder c en e; art. 9 lid 2 onder g; art. 10 juncto UAVG art. 33",
        "national_law": "WGS; Wet politiegegevens; Wet justitiële en strafvorderlijke gegevens; convenant",
        "controller": "De partner die deelt, per deelbesluit",
        "data_categories": "De categorieën die in het deelbesluit zijn genoemd",
        "subject_categories": "Personen in een gedeelde casus",
        "recipients": "De ketenpartner die in het deelbesluit is genoemd",
        "retention": "Deelbesluiten en hun logboek zo lang als het casusdossier; de toegang eindigt wanneer het "
                     "besluit verloopt",
    },
    "privacy-supervision": {
        "name": "Privacytoezicht (audittrail en rechten van betrokkenen)",
        "purpose": "Toezicht op rechtmatige verwerking: de audittrail, noodtoegang en delen beoordelen, verzoeken "
                   "van betrokkenen afhandelen en datalekken onderzoeken.",
        "legal_basis": "AVG art. 6 lid 1 onder c; art. 5 lid 2, 24, 32-34 en 38-39",
        "national_law": "UAVG; Baseline Informatiebeveiliging Overheid (BIO) 12.4.1; NEN 7513",
        "controller": "Gemeente; de functionaris gegevensbescherming (FG) houdt toezicht",
        "data_categories": "Auditgebeurtenissen met gepseudonimiseerde betrokkenen, namen en rollen van medewerkers",
        "subject_categories": "Medewerkers en (gepseudonimiseerde) personen in casussen",
        "recipients": "Functionaris gegevensbescherming, Autoriteit Persoonsgegevens en rechtbank op verzoek",
        "retention": "Audittrail: volgens de bewaartermijnen van de audittrail, alleen verwijderd tot een "
                     "ondertekend afsluitend controlepunt",
    },
    "account-administration": {
        "name": "Accountbeheer en toegangsbeveiliging",
        "purpose": "Het beheren van accounts, rollen en tweede factoren van medewerkers, en het vastleggen van "
                   "in- en uitloggen.",
        "legal_basis": "AVG art. 6 lid 1 onder b, c en e; art. 32",
        "national_law": "BIO (toegangsbeveiliging en logging); arbeidsovereenkomsten en afspraken met partners",
        "controller": "Gemeente",
        "data_categories": "Namen, gebruikersnamen, e-mailadressen, rollen, organisatie, inlogtijden, "
                           "clientadressen en user-agents",
        "subject_categories": "Medewerkers van de gemeente en van ketenpartners",
        "recipients": "Teamleiders en beheerders; privacy officer",
        "retention": "Accountgegevens tot 1 jaar na deactivering; inloggebeurtenissen volgens de bewaartermijnen "
                     "van de audittrail",
    },
    "information-security": {
        "name": "Informatiebeveiliging en sleutelbeheer",
        "purpose": "Het beschermen van de gegevens: onbevoegde toegang weigeren en vastleggen, sleutels roteren, "
                   "dossiers opnieuw versleutelen en crypto-shredden.",
        "legal_basis": "AVG art. 6 lid 1 onder c; art. 32",
        "national_law": "BIO; Archiefwet (vernietiging met een verklaring van vernietiging)",
        "controller": "Gemeente",
        "data_categories": "Technische kenmerken van dossiers en sleutels, namen van medewerkers, clientadressen",
        "subject_categories": "Medewerkers; personen in casussen (gepseudonimiseerd)",
        "recipients": "Security officer, privacy officer",
        "retention": "Volgens de bewaartermijnen van de audittrail",
    },
}


def _replace(apps, schema_editor, old_texts, new_texts):
    ProcessingActivity = apps.get_model("audit", "ProcessingActivity")
    for activity in ProcessingActivity.objects.using(schema_editor.connection.alias).filter(code__in=list(DUTCH)):
        old, new = old_texts[activity.code], new_texts[activity.code]
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
    dependencies = [("audit", "0005_verification_run_scope")]

    operations = [migrations.RunPython(to_dutch, to_english, elidable=False)]
