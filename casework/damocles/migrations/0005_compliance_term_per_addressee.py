"""Store each addressee's end of the begunstigingstermijn of a closure decision (casework/remedies/terms.py):
announcement day + the decision's term, for announcements of the written decision (on or after its date)."""

from datetime import timedelta

from django.db import migrations

DECISION = "damocles.DamoclesCase"


def recompute(apps, schema_editor):
    details_model = apps.get_model("damocles", "DamoclesCase")
    announcement_model = apps.get_model("remedies", "Announcement")
    decided = details_model.objects.filter(decided_on__isnull=False, compliance_term_days__isnull=False)
    for details in decided.only("pk", "decided_on", "compliance_term_days"):
        for announcement in announcement_model.objects.filter(decision_type=DECISION, decision_id=details.pk,
                                                              announced_on__gte=details.decided_on):
            end = announcement.announced_on + timedelta(days=details.compliance_term_days)
            announcement_model.objects.filter(pk=announcement.pk).update(compliance_ends_on=end)


class Migration(migrations.Migration):
    dependencies = [
        ("damocles", "0004_remedies_into_the_core"),
        ("remedies", "0002_compliance_term_and_urgent_enforcement"),
    ]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
