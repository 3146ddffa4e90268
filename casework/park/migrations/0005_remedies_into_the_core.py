"""The remedies against a penalty order (announcements per addressee, objections, appeals) move
into the core's legal remedies (casework/remedies, ADR 0011).

Every live and history row is copied with the same id, its encrypted values byte for byte and the
label they were sealed under (`moved_from`), so links, audit events and history still find the row
and its values still open — also rows of crypto-shredded dossiers, which no re-encryption could
move. An announcement or appeal is about its order (`decision_type` "park.PenaltyOrder",
`decision_id` the order's id); the addressee stays the same person (`addressee_person`); an
objection keeps its announcement and has no suspended days (the park never recorded any). Sharing
decisions that named `park_orders` (which covered the remedies) also name the core's `remedies`,
so no partner loses or gains access. The old tables are dropped.
"""

from django.db import migrations

from casework.moves import Literal, move_rows, refuse_to_move_back, share_categories_replace

CASE_TYPE = "park"
MOVED = {"park.OrderAnnouncement": "remedies.Announcement", "park.OrderObjection": "remedies.Objection",
         "park.OrderAppeal": "remedies.Appeal"}
ABOUT_THE_ORDER = {"decision_type": Literal("park.PenaltyOrder"), "decision_id": "order_id"}
VALUES = {
    "park.OrderAnnouncement": {**ABOUT_THE_ORDER, "addressee_person_id": "addressee_id",
                               "addressee_name": Literal(None), "role": Literal("")},
    "park.OrderObjection": {"suspension_days": Literal(0)},
    "park.OrderAppeal": ABOUT_THE_ORDER,
}


def forwards(apps, schema_editor):
    for old, new in MOVED.items():  # announcements first: objections point at them
        move_rows(apps, schema_editor, old=old, new=new, values=VALUES[old])
    share_categories_replace(apps, schema_editor, case_type=CASE_TYPE, old="park_orders", new=("remedies",),
                             keep_old=True)


def refuse_back(apps, schema_editor):
    refuse_to_move_back(apps, schema_editor, case_type=CASE_TYPE, models=list(MOVED.values()))


def backwards(apps, schema_editor):
    share_categories_replace(apps, schema_editor, case_type=CASE_TYPE, old="remedies", new=())


class Migration(migrations.Migration):

    dependencies = [
        ('park', '0004_park_recreation_objects_name'),
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
        migrations.DeleteModel(name='HistoricalOrderObjection'),
        migrations.DeleteModel(name='HistoricalOrderAnnouncement'),
        migrations.DeleteModel(name='HistoricalOrderAppeal'),
        migrations.DeleteModel(name='OrderObjection'),
        migrations.DeleteModel(name='OrderAnnouncement'),
        migrations.DeleteModel(name='OrderAppeal'),
        migrations.RunPython(migrations.RunPython.noop, refuse_back),  # undone first: refuses while rows moved
    ]
