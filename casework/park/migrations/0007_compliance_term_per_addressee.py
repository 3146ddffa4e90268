"""The compliance term of a penalty order runs per addressee from their own announcement (Awb 3:40,
casework/remedies/terms.py), not from the decision date, and is not extended by the Atw: store each
announcement's end and make the order's `compliance_due_on` the latest of them (None before any
announcement). Plain sums, as `compliance_end` computes them, so this migration needs no app code."""

from datetime import timedelta

from django.db import migrations

ORDER = "park.PenaltyOrder"


def recompute(apps, schema_editor):
    order_model = apps.get_model("park", "PenaltyOrder")
    announcement_model = apps.get_model("remedies", "Announcement")
    for order in order_model.objects.all().only("pk", "compliance_term_days", "compliance_due_on"):
        ends = []
        for announcement in announcement_model.objects.filter(decision_type=ORDER, decision_id=order.pk):
            end = announcement.announced_on + timedelta(days=order.compliance_term_days)
            announcement_model.objects.filter(pk=announcement.pk).update(compliance_ends_on=end)
            ends.append(end)
        order_model.objects.filter(pk=order.pk).update(compliance_due_on=max(ends) if ends else None)


class Migration(migrations.Migration):
    dependencies = [
        ("park", "0006_penalties_into_the_core"),
        ("remedies", "0002_compliance_term_and_urgent_enforcement"),
    ]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
