"""The register line of account administration names what single sign-on stores (issue 20 item 1).

Replaces the purpose and data categories only while they are still exactly the texts of
audit 0006, so a text the privacy officer (FG) has rewritten is kept. Frozen here on purpose.
"""

from django.db import migrations

OLD = {
    "purpose": "Het beheren van accounts, rollen en tweede factoren van medewerkers, en het vastleggen van "
               "in- en uitloggen.",
    "data_categories": "Namen, gebruikersnamen, e-mailadressen, rollen, organisatie, inlogtijden, "
                       "clientadressen en user-agents",
}
NEW = {
    "purpose": "Het beheren van accounts, rollen en tweede factoren van medewerkers, het inloggen via de "
               "identiteitsprovider van hun organisatie (single sign-on), en het vastleggen van in- en uitloggen.",
    "data_categories": "Namen, gebruikersnamen, e-mailadressen, rollen, organisatie, inlogtijden, "
                       "clientadressen en user-agents; bij single sign-on: de koppeling met de identiteitsprovider "
                       "(issuer en subject-id), de groepswaarden die de rol en het team gaven (in de audittrail), en de "
                       "tokens van de sessie (versleuteld, alleen zolang de sessie duurt)",
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
    dependencies = [("accounts", "0007_single_sign_on"), ("audit", "0006_dutch_processing_activities")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
