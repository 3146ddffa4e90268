"""The seeded retention periods get a selection-list category number and its archive action.

The Selectielijst gemeenten en intergemeentelijke organen is not available offline, so the numbers
below are examples (`is_example`): the municipality's records manager confirms or corrects them
with the version of the list it applies, as a new version of each period."""

from django.db import migrations

VERSION = "Selectielijst gemeenten en intergemeentelijke organen 2020 (voorbeeldwaarde, te bevestigen)"
EXAMPLES = {"pga": "1.1.4", "damocles": "1.6.5", "park": "1.7.3"}


def seed(apps, schema_editor):
    policy = apps.get_model("privacy", "RetentionPolicy")
    for case_type, category in EXAMPLES.items():
        policy.objects.filter(case_type=case_type, selectielijst_category="").update(
            selectielijst_category=category, selectielijst_version=VERSION, is_example=True)


def unseed(apps, schema_editor):
    apps.get_model("privacy", "RetentionPolicy").objects.filter(selectielijst_version=VERSION).update(
        selectielijst_category="", selectielijst_version="", is_example=False)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0006_selectielijst")]
    operations = [migrations.RunPython(seed, unseed)]
