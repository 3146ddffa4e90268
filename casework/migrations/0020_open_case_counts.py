"""`OpenCaseCount`: the open cases per controller, type and status, counted by triggers on the cases (ADR 0057).

Every statement that changes which cases count (open, person not restricted) or under which key (controller, case
type, status) appends its changes per key as rows of +n / -n; nothing updates a row, so concurrent changes never
wait for each other. The rows for the cases that exist are written here, in the transaction that creates the
triggers (which locks the case table against writes until it commits, so no change is counted twice or missed).

PostgreSQL: statement triggers with transition tables (a bulk insert or update appends one row per key, not one
per case), and a TRUNCATE of the cases empties the counts. SQLite (no transition tables): row triggers. SQLite's
own triggers that correct a case's copy of its person's restriction (migration 0014) update the row again after an
insert; that update is counted as any other, so the sum comes out right whichever trigger runs first.
"""

import django.db.models.deletion
from django.db import migrations, models

POSTGRESQL_INSTALL = """
CREATE OR REPLACE FUNCTION casework_open_case_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO casework_opencasecount (controller_id, case_type, status, n)
        SELECT controller_id, case_type, status, count(*) FROM new_rows
            WHERE closed_on IS NULL AND NOT person_restricted
        GROUP BY controller_id, case_type, status;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION casework_open_case_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO casework_opencasecount (controller_id, case_type, status, n)
        SELECT controller_id, case_type, status, sum(n) FROM (
            SELECT controller_id, case_type, status, 1 AS n FROM new_rows
                WHERE closed_on IS NULL AND NOT person_restricted
            UNION ALL
            SELECT controller_id, case_type, status, -1 AS n FROM old_rows
                WHERE closed_on IS NULL AND NOT person_restricted
        ) AS changed
        GROUP BY controller_id, case_type, status HAVING sum(n) <> 0;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION casework_open_case_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO casework_opencasecount (controller_id, case_type, status, n)
        SELECT controller_id, case_type, status, -count(*) FROM old_rows
            WHERE closed_on IS NULL AND NOT person_restricted
        GROUP BY controller_id, case_type, status;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION casework_open_case_count_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM casework_opencasecount;
    RETURN NULL;
END $$;

CREATE TRIGGER casework_open_case_count_insert AFTER INSERT ON casework_case
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_open_case_count_insert();
CREATE TRIGGER casework_open_case_count_update AFTER UPDATE ON casework_case
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION casework_open_case_count_update();
CREATE TRIGGER casework_open_case_count_delete AFTER DELETE ON casework_case
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_open_case_count_delete();
CREATE TRIGGER casework_open_case_count_truncate AFTER TRUNCATE ON casework_case
    FOR EACH STATEMENT EXECUTE FUNCTION casework_open_case_count_truncate();
"""

POSTGRESQL_REMOVE = """
DROP TRIGGER IF EXISTS casework_open_case_count_truncate ON casework_case;
DROP TRIGGER IF EXISTS casework_open_case_count_delete ON casework_case;
DROP TRIGGER IF EXISTS casework_open_case_count_update ON casework_case;
DROP TRIGGER IF EXISTS casework_open_case_count_insert ON casework_case;
DROP FUNCTION IF EXISTS casework_open_case_count_truncate();
DROP FUNCTION IF EXISTS casework_open_case_count_delete();
DROP FUNCTION IF EXISTS casework_open_case_count_update();
DROP FUNCTION IF EXISTS casework_open_case_count_insert();
"""


def _sqlite_row(row: str, n: int) -> str:
    return (f"INSERT INTO casework_opencasecount (controller_id, case_type, status, n) "
            f"SELECT {row}.controller_id, {row}.case_type, {row}.status, {n} "
            f"WHERE {row}.closed_on IS NULL AND NOT {row}.person_restricted;")


_KEY_CHANGED = " OR ".join((
    "OLD.controller_id IS NOT NEW.controller_id", "OLD.case_type IS NOT NEW.case_type", "OLD.status IS NOT NEW.status",
    "(OLD.closed_on IS NULL) IS NOT (NEW.closed_on IS NULL)", "OLD.person_restricted IS NOT NEW.person_restricted",
))

SQLITE_INSTALL = [
    f"""CREATE TRIGGER casework_open_case_count_insert AFTER INSERT ON casework_case
        BEGIN {_sqlite_row("NEW", 1)} END""",
    f"""CREATE TRIGGER casework_open_case_count_update AFTER UPDATE ON casework_case WHEN {_KEY_CHANGED}
        BEGIN {_sqlite_row("OLD", -1)} {_sqlite_row("NEW", 1)} END""",
    f"""CREATE TRIGGER casework_open_case_count_delete AFTER DELETE ON casework_case
        BEGIN {_sqlite_row("OLD", -1)} END""",
]

SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS casework_open_case_count_delete",
    "DROP TRIGGER IF EXISTS casework_open_case_count_update",
    "DROP TRIGGER IF EXISTS casework_open_case_count_insert",
]

# the counts of the cases that exist (casework/counts.py `recount` counts the same through the ORM)
FILL = """INSERT INTO casework_opencasecount (controller_id, case_type, status, n)
    SELECT controller_id, case_type, status, count(*) FROM casework_case
        WHERE closed_on IS NULL AND NOT person_restricted
    GROUP BY controller_id, case_type, status"""


def install(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in [POSTGRESQL_INSTALL] if connection.vendor == "postgresql" else SQLITE_INSTALL:
            cursor.execute(statement)
        cursor.execute(FILL)


def remove(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in [POSTGRESQL_REMOVE] if connection.vendor == "postgresql" else SQLITE_REMOVE:
            cursor.execute(statement)
        cursor.execute("DELETE FROM casework_opencasecount")


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0010_register_passkeys'),
        ('casework', '0019_open_status_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='OpenCaseCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('case_type', models.CharField(max_length=16, verbose_name='case type')),
                ('status', models.CharField(max_length=40, verbose_name='status')),
                ('n', models.IntegerField(verbose_name='change')),
                ('controller', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING,
                                                 related_name='+', to='accounts.organisation',
                                                 verbose_name='controller')),
            ],
            options={
                'verbose_name': 'open case count',
                'verbose_name_plural': 'open case counts',
                'indexes': [models.Index(fields=['controller', 'case_type', 'status'], name='open_case_count_key_idx')],
            },
        ),
        migrations.RunPython(install, remove, hints={"target_db": "default"}),
    ]
