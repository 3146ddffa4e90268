"""The register line of account administration names what a passkey stores (issue 20 item 6, docs/adr/0036).

Replaces the data categories only while they are still exactly the text of 0008, so a text the
privacy officer (FG) has rewritten is kept. Frozen here on purpose.
"""

from django.db import migrations

OLD = {
    "data_categories": "Namen, gebruikersnamen, e-mailadressen, rollen, organisatie, inlogtijden, "
                       "clientadressen en user-agents; bij single sign-on: de koppeling met de identiteitsprovider "
                       "(issuer en subject-id), de groepswaarden die de rol en het team gaven (in de audittrail), en de "
                       "tokens van de sessie (versleuteld, alleen zolang de sessie duurt)",
}
NEW = {
    "data_categories": OLD["data_categories"] + "; bij passkeys: per passkey de naam die de medewerker gaf, de "
                       "credential-id, de publieke sleutel, de handtekeningteller en de datum van toevoegen en "
                       "laatste gebruik (geen geheime sleutel: die blijft op het apparaat)",
}


def _replace(apps, schema_editor, old, new):
    ProcessingActivity = apps.get_model("audit", "ProcessingActivity")
    activity = (ProcessingActivity.objects.using(schema_editor.connection.alias)
                .filter(code="account-administration").first())
    if activity is None:
        return
    changed = [field for field in new if getattr(activity, field) == old[field]]
    for field in changed:
        setattr(activity, field, new[field])
    if changed:
        activity.save(update_fields=changed)


def forwards(apps, schema_editor):
    _replace(apps, schema_editor, OLD, NEW)


def backwards(apps, schema_editor):
    _replace(apps, schema_editor, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0009_passkeys"), ("audit", "0006_dutch_processing_activities")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
