"""`Case.person_restricted`: a copy of the case's `person.restricted` (AVG 18), kept by triggers (ADR 0046).

The visibility filter tests the case row itself instead of looking the person up in every list, search
and count. The application never keeps the copy: on every insert and every update of a case the database
sets it from the person row, whatever the statement wrote (an instance older than its row cannot undo a
restriction), and a change of a person's restriction is copied to all of the person's cases in the same
statement. Existing rows are filled in here.

PostgreSQL: a BEFORE trigger sets the new row's value; SQLite (no BEFORE trigger may change the row): AFTER
triggers correct the row when it differs (recursive triggers are off, and the correction's own UPDATE finds
nothing to correct).
"""

from django.db import migrations, models

POSTGRESQL_INSTALL = """
CREATE OR REPLACE FUNCTION casework_case_person_restricted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.person_restricted := COALESCE(
        (SELECT restricted FROM casework_person WHERE id = NEW.person_id), false);
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION casework_person_restriction_to_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE casework_case SET person_restricted = NEW.restricted
        WHERE person_id = NEW.id AND person_restricted IS DISTINCT FROM NEW.restricted;
    RETURN NULL;
END $$;

CREATE TRIGGER casework_case_person_restricted BEFORE INSERT OR UPDATE ON casework_case
    FOR EACH ROW EXECUTE FUNCTION casework_case_person_restricted();
CREATE TRIGGER casework_person_restriction_to_cases AFTER UPDATE OF restricted ON casework_person
    FOR EACH ROW WHEN (OLD.restricted IS DISTINCT FROM NEW.restricted)
    EXECUTE FUNCTION casework_person_restriction_to_cases();
"""

POSTGRESQL_REMOVE = """
DROP TRIGGER IF EXISTS casework_person_restriction_to_cases ON casework_person;
DROP TRIGGER IF EXISTS casework_case_person_restricted ON casework_case;
DROP FUNCTION IF EXISTS casework_person_restriction_to_cases();
DROP FUNCTION IF EXISTS casework_case_person_restricted();
"""

_PERSON_OF_NEW_CASE = "COALESCE((SELECT restricted FROM casework_person WHERE id = NEW.person_id), 0)"

SQLITE_INSTALL = [
    f"""CREATE TRIGGER casework_case_person_restricted_insert AFTER INSERT ON casework_case
        WHEN NEW.person_restricted IS NOT {_PERSON_OF_NEW_CASE}
        BEGIN UPDATE casework_case SET person_restricted = {_PERSON_OF_NEW_CASE} WHERE id = NEW.id; END""",
    f"""CREATE TRIGGER casework_case_person_restricted_update AFTER UPDATE ON casework_case
        WHEN NEW.person_restricted IS NOT {_PERSON_OF_NEW_CASE}
        BEGIN UPDATE casework_case SET person_restricted = {_PERSON_OF_NEW_CASE} WHERE id = NEW.id; END""",
    """CREATE TRIGGER casework_person_restriction_to_cases AFTER UPDATE OF restricted ON casework_person
        WHEN OLD.restricted IS NOT NEW.restricted
        BEGIN UPDATE casework_case SET person_restricted = NEW.restricted
            WHERE person_id = NEW.id AND person_restricted IS NOT NEW.restricted; END""",
]

SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS casework_person_restriction_to_cases",
    "DROP TRIGGER IF EXISTS casework_case_person_restricted_update",
    "DROP TRIGGER IF EXISTS casework_case_person_restricted_insert",
]

FILL = """UPDATE casework_case SET person_restricted = %s
    WHERE person_id IN (SELECT id FROM casework_person WHERE restricted = %s)"""


def _run(schema_editor, postgresql: str, sqlite: list[str], *then: tuple[str, list]) -> None:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in [postgresql] if connection.vendor == "postgresql" else sqlite:
            cursor.execute(statement)
        for statement, params in then:
            cursor.execute(statement, params)


def install(apps, schema_editor):
    _run(schema_editor, POSTGRESQL_INSTALL, SQLITE_INSTALL, (FILL, [True, True]))


def remove(apps, schema_editor):
    _run(schema_editor, POSTGRESQL_REMOVE, SQLITE_REMOVE)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0013_case_owner_team_type_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='person_restricted',
            field=models.BooleanField(default=False, editable=False, verbose_name="person's processing restricted"),
        ),
        migrations.RunPython(install, remove, hints={"target_db": "default"}),
    ]
