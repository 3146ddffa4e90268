"""Damocles' announcements, objections, interim relief and appeals move into the core's legal
remedies (casework/remedies, ADR 0011).

Every live and history row is copied with the same id, its encrypted values byte for byte and the
label they were sealed under (`moved_from`), so links, audit events and history still find the row
and its values still open — also rows of crypto-shredded dossiers, which no re-encryption could
move. The remedies are about the procedure's decision: its detail row (`damocles.DamoclesCase`).
Letters now point at the core's announcements (same ids). Sharing decisions that named
`damocles_remedies` name the core's `remedies` instead: the same rows, so no partner loses or
gains access. The old tables are dropped.
"""

import django.db.models.deletion
from django.db import migrations, models

from casework.moves import Literal, Sql, move_rows, refuse_to_move_back, share_categories_replace

CASE_TYPE = "damocles"
MOVED = {f"damocles.{name}": f"remedies.{name}" for name in ("Announcement", "Objection", "InterimRelief", "Appeal")}
DECISION = {
    "decision_type": Literal("damocles.DamoclesCase"),
    "decision_id": Sql('(SELECT d."id" FROM "damocles_damoclescase" d WHERE d."case_id" = src."case_id")'),
}


def forwards(apps, schema_editor):
    for old, new in MOVED.items():  # an objection is about its announcement's decision
        move_rows(apps, schema_editor, old=old, new=new, values={} if old == "damocles.Objection" else DECISION)
    share_categories_replace(apps, schema_editor, case_type=CASE_TYPE, old="damocles_remedies", new=("remedies",))


def refuse_back(apps, schema_editor):
    refuse_to_move_back(apps, schema_editor, case_type=CASE_TYPE, models=list(MOVED.values()))


def backwards(apps, schema_editor):
    share_categories_replace(apps, schema_editor, case_type=CASE_TYPE, old="remedies", new=("damocles_remedies",))


class Migration(migrations.Migration):

    dependencies = [
        ('damocles', '0003_verbose_names'),
        ('remedies', '0001_legal_remedies'),
        ('casework', '0008_access_path_indexes'),
    ]
    # The move copies the columns the remedies tables have at this point: it runs before the core
    # adds columns to them (the copy would find no value for a new column in the old table).
    run_before = [
        ('remedies', '0002_compliance_term_and_urgent_enforcement'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name='historicalletter',
            name='announcement',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='remedies.announcement'),
        ),
        migrations.AlterField(
            model_name='letter',
            name='announcement',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='letters', to='remedies.announcement'),
        ),
        migrations.DeleteModel(name='HistoricalObjection'),
        migrations.DeleteModel(name='HistoricalAnnouncement'),
        migrations.DeleteModel(name='HistoricalInterimRelief'),
        migrations.DeleteModel(name='HistoricalAppeal'),
        migrations.DeleteModel(name='Objection'),
        migrations.DeleteModel(name='Announcement'),
        migrations.DeleteModel(name='InterimRelief'),
        migrations.DeleteModel(name='Appeal'),
        migrations.RunPython(migrations.RunPython.noop, refuse_back),  # undone first: refuses while rows moved
    ]
