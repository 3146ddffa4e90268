"""Seed the register of processing activities (AVG art. 30) with this system's activities.

The texts are a starting point for the privacy officer (FG), who keeps the register as data; the
codes are referenced from code (audit/activities.py) and must not change. Frozen here on purpose:
a data migration must not import application code that later changes.
"""

from django.db import migrations

ACTIVITIES = [
    {
        "code": "pga-procesregie",
        "name": "Procesregie persoonsgerichte aanpak (PGA)",
        "purpose": "Coordinating the person-centred approach (persoonsgerichte aanpak) of partners in the "
                   "Zorg- en Veiligheidshuis around a person with combined care and safety problems.",
        "legal_basis": "AVG art. 6(1)(e); art. 9(2)(g) with UAVG; art. 10 with UAVG art. 33",
        "national_law": "Wet gegevensverwerking door samenwerkingsverbanden (WGS, from 1 March 2025); "
                        "Gemeentewet; Wmo 2015; Jeugdwet; convenant Zorg- en Veiligheidshuis",
        "controller": "Municipality (college van burgemeester en wethouders) and the participating partners",
        "data_categories": "Identification data (name, BSN, date of birth, address), case history, "
                           "health and care information, criminal-law data, notes of case meetings",
        "subject_categories": "Persons in a PGA case, their relatives and persons in their household",
        "recipients": "Partners in the case meeting (police, OM, probation, GGZ, Veilig Thuis, housing "
                      "corporation) within a sharing decision",
        "retention": "Per case type in the retention schedule; typically 2 years after closure of the case",
    },
    {
        "code": "damocles",
        "name": "Damocles procedure (closure of premises, Opiumwet art. 13b)",
        "purpose": "Preparing, taking and enforcing the mayor's decisions on warnings and closure of premises "
                   "where drugs are sold, supplied or present.",
        "legal_basis": "AVG art. 6(1)(e); art. 10 with UAVG art. 33",
        "national_law": "Opiumwet art. 13b; Algemene wet bestuursrecht (Awb); Gemeentewet art. 174a; "
                        "municipal Damocles policy",
        "controller": "Mayor (burgemeester)",
        "data_categories": "Identification data of owners, tenants and residents, police reports (bestuurlijke "
                           "rapportages), findings, decisions, objections and appeals",
        "subject_categories": "Owners, tenants, residents and other interested parties of the premises",
        "recipients": "Police, OM, housing corporation, courts (in objection and appeal)",
        "retention": "Per the selection list (selectielijst gemeenten en intergemeentelijke organen); "
                     "the closure order file at least until the decision is final and enforcement ended",
    },
    {
        "code": "park-enforcement",
        "name": "Park enforcement (holiday parks and permanent residence)",
        "purpose": "Supervising and enforcing the rules on holiday parks, including unlawful permanent "
                   "residence and undermining crime.",
        "legal_basis": "AVG art. 6(1)(e); art. 10 with UAVG art. 33",
        "national_law": "Omgevingswet; Algemene wet bestuursrecht title 5 (enforcement); Gemeentewet; "
                        "Wet basisregistratie personen",
        "controller": "Municipality (college van burgemeester en wethouders)",
        "data_categories": "Identification and address data, registration in the BRP, inspection findings, "
                           "enforcement decisions, penalties",
        "subject_categories": "Residents, owners and operators of holiday-park units",
        "recipients": "Police, province, tax authorities within a sharing decision",
        "retention": "Per the selection list; enforcement files until the decision is final and penalties settled",
    },
    {
        "code": "chain-sharing",
        "name": "Sharing data with chain partners",
        "purpose": "Providing chain partners with the categories of data a sharing decision allows, for the "
                   "stated purpose and period, after weighing proportionality and subsidiarity.",
        "legal_basis": "AVG art. 6(1)(c) and (e); art. 9(2)(g); art. 10 with UAVG art. 33",
        "national_law": "WGS; Wet politiegegevens; Wet justitiële en strafvorderlijke gegevens; convenant",
        "controller": "The partner that shares, per sharing decision",
        "data_categories": "The categories named in the sharing decision",
        "subject_categories": "Persons in a shared case",
        "recipients": "The chain partner named in the sharing decision",
        "retention": "Sharing decisions and their log as long as the case file; access ends when the decision expires",
    },
    {
        "code": "privacy-supervision",
        "name": "Privacy supervision (audit trail and data-subject rights)",
        "purpose": "Supervising lawful processing: reviewing the audit trail, emergency access and sharing, "
                   "answering data-subject requests and investigating data breaches.",
        "legal_basis": "AVG art. 6(1)(c); art. 5(2), 24, 32-34 and 38-39",
        "national_law": "UAVG; Baseline Informatiebeveiliging Overheid (BIO) 12.4.1; NEN 7513",
        "controller": "Municipality; the data protection officer (FG) supervises",
        "data_categories": "Audit events with pseudonymised data subjects, names and roles of employees",
        "subject_categories": "Employees and (pseudonymised) persons in cases",
        "recipients": "Data protection officer, Autoriteit Persoonsgegevens and courts on request",
        "retention": "Audit trail: per the audit retention schedule, removed only up to a signed cut checkpoint",
    },
    {
        "code": "account-administration",
        "name": "Account administration and access control",
        "purpose": "Managing employees' accounts, roles and second factors, and logging logins and logouts.",
        "legal_basis": "AVG art. 6(1)(b), (c) and (e); art. 32",
        "national_law": "BIO (access control and logging); employment contracts and partner agreements",
        "controller": "Municipality",
        "data_categories": "Names, usernames, e-mail addresses, roles, organisation, login times, client "
                           "addresses and user agents",
        "subject_categories": "Employees of the municipality and of chain partners",
        "recipients": "Team leads and administrators; privacy officer",
        "retention": "Account data until 1 year after deactivation; login events per the audit retention schedule",
    },
    {
        "code": "information-security",
        "name": "Information security and key management",
        "purpose": "Protecting the data: refusing and logging unauthorised access, rotating keys, "
                   "re-encrypting and crypto-shredding dossiers.",
        "legal_basis": "AVG art. 6(1)(c); art. 32",
        "national_law": "BIO; Archiefwet (destruction with a destruction statement)",
        "controller": "Municipality",
        "data_categories": "Technical identifiers of dossiers and keys, names of employees, client addresses",
        "subject_categories": "Employees; persons in cases (pseudonymised)",
        "recipients": "Security officer, privacy officer",
        "retention": "Per the audit retention schedule",
    },
]


def seed(apps, schema_editor):
    ProcessingActivity = apps.get_model("audit", "ProcessingActivity")
    for activity in ACTIVITIES:
        ProcessingActivity.objects.using(schema_editor.connection.alias).update_or_create(
            code=activity["code"], defaults=activity
        )


def unseed(apps, schema_editor):
    ProcessingActivity = apps.get_model("audit", "ProcessingActivity")
    codes = [activity["code"] for activity in ACTIVITIES]
    ProcessingActivity.objects.using(schema_editor.connection.alias).filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_postgres_append_only")]

    operations = [migrations.RunPython(seed, unseed, elidable=False)]
