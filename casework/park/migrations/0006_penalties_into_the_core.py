"""The forfeitures and their collection move into the core's penalties (casework/penalties, ADR 0011).

As park 0005 moved the remedies: every live and history row is copied with the same id, its
encrypted values byte for byte and the label they were sealed under (`moved_from`), so links,
audit events and history still find the row and its values still open — also rows of
crypto-shredded dossiers, which no re-encryption could move. Every row is about its order
(`order_type` "park.PenaltyOrder", `order_id` the order's id, the same column); a forfeiture names
the re-inspection that established it (`basis_type` "park.Inspection", `basis_id`). The links of
intentions and collection decisions to their forfeitures move with them. Sharing decisions that
named `park_orders` (which covered the forfeitures) also name the core's `penalties`, so no partner
loses or gains access. The old tables are dropped.
"""

from django.db import migrations

from casework.moves import Literal, move_links, move_rows, refuse_to_move_back, share_categories_replace

CASE_TYPE = "park"
ABOUT_THE_ORDER = {"order_type": Literal("park.PenaltyOrder")}
# in dependency order: forfeitures first, requests before the decisions that grant them
MOVED = {
    "park.Forfeiture": {**ABOUT_THE_ORDER, "basis_type": Literal("park.Inspection")},
    "park.CollectionIntention": ABOUT_THE_ORDER,
    "park.CollectionRequest": ABOUT_THE_ORDER,
    "park.CollectionDecision": ABOUT_THE_ORDER,
    "park.LimitationEvent": ABOUT_THE_ORDER,
    "park.Payment": {},
}
LINKS = (("park.CollectionIntention", "forfeitures"), ("park.CollectionDecision", "forfeitures"))


def _new(label):
    return label.replace("park.", "penalties.")


def forwards(apps, schema_editor):
    for old, values in MOVED.items():
        move_rows(apps, schema_editor, old=old, new=_new(old), values=values)
    for old, field in LINKS:
        move_links(apps, schema_editor, old=old, new=_new(old), field=field)
    share_categories_replace(apps, schema_editor, case_type=CASE_TYPE, old="park_orders", new=("penalties",),
                             keep_old=True)


def refuse_back(apps, schema_editor):
    refuse_to_move_back(apps, schema_editor, case_type=CASE_TYPE, models=[_new(label) for label in MOVED])


def backwards(apps, schema_editor):
    share_categories_replace(apps, schema_editor, case_type=CASE_TYPE, old="penalties", new=())


class Migration(migrations.Migration):

    dependencies = [
        ('park', '0005_remedies_into_the_core'),
        ('penalties', '0001_forfeitures_and_collection'),
        ('casework', '0008_access_path_indexes'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        # referrers first (a DeleteModel also drops the model's many-to-many link table)
        migrations.DeleteModel(name='HistoricalPayment'),
        migrations.DeleteModel(name='HistoricalLimitationEvent'),
        migrations.DeleteModel(name='HistoricalCollectionDecision'),
        migrations.DeleteModel(name='HistoricalCollectionIntention'),
        migrations.DeleteModel(name='HistoricalCollectionRequest'),
        migrations.DeleteModel(name='HistoricalForfeiture'),
        migrations.DeleteModel(name='Payment'),
        migrations.DeleteModel(name='LimitationEvent'),
        migrations.DeleteModel(name='CollectionDecision'),
        migrations.DeleteModel(name='CollectionIntention'),
        migrations.DeleteModel(name='CollectionRequest'),
        migrations.DeleteModel(name='Forfeiture'),
        migrations.RunPython(migrations.RunPython.noop, refuse_back),  # undone first: refuses while rows moved
    ]
