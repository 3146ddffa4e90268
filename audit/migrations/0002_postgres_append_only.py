"""PostgreSQL triggers that make the audit tables append-only (docs/privacy/database-roles.md).

- UPDATE: refused, always, for every role.
- DELETE of events: only by the role `zorgveilig_audit_retention` and only for events at or below
  the latest cut checkpoint; checkpoints and verification runs are never deleted.
- TRUNCATE: refused, except in databases named `test_*`, which Django's test runner creates and
  empties with TRUNCATE between transactional tests (synthetic data only; a system check refuses
  such a name in production). The triggers' own tests run in databases not named so.
A superuser can still disable triggers: the application and the retention job must never connect
as one. SQLite has no such triggers; there the hash chain and the checkpoints detect tampering.
"""

from django.db import migrations

RETENTION_ROLE = "zorgveilig_audit_retention"

INSTALL = rf"""
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE OR REPLACE FUNCTION audit_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_database() LIKE 'test\_%' THEN
        RETURN NULL;  -- a Django test database, emptied between transactional tests
    END IF;
    RAISE EXCEPTION 'the audit trail is append-only: TRUNCATE on % refused', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE OR REPLACE FUNCTION audit_event_guard_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cut bigint;
BEGIN
    IF current_user <> '{RETENTION_ROLE}' THEN
        RAISE EXCEPTION 'audit events are deleted only by the retention role, not by %', current_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT max(sequence) INTO cut FROM audit_auditcheckpoint WHERE kind = 'cut';
    IF cut IS NULL OR OLD.sequence > cut THEN
        RAISE EXCEPTION 'audit event % lies above the latest cut checkpoint (%)', OLD.sequence, cut
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END $$;

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_event_guard_delete BEFORE DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_guard_delete();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate();

CREATE TRIGGER audit_checkpoint_no_change BEFORE UPDATE OR DELETE ON audit_auditcheckpoint
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_auditcheckpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate();

CREATE TRIGGER audit_run_no_change BEFORE UPDATE OR DELETE ON audit_verificationrun
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_run_no_truncate BEFORE TRUNCATE ON audit_verificationrun
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate();
"""

UNINSTALL = """
DROP TRIGGER IF EXISTS audit_run_no_truncate ON audit_verificationrun;
DROP TRIGGER IF EXISTS audit_run_no_change ON audit_verificationrun;
DROP TRIGGER IF EXISTS audit_checkpoint_no_truncate ON audit_auditcheckpoint;
DROP TRIGGER IF EXISTS audit_checkpoint_no_change ON audit_auditcheckpoint;
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;
DROP TRIGGER IF EXISTS audit_event_guard_delete ON audit_auditevent;
DROP TRIGGER IF EXISTS audit_event_no_update ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_guard_delete();
DROP FUNCTION IF EXISTS audit_refuse_truncate();
DROP FUNCTION IF EXISTS audit_refuse_change();
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INSTALL, params=None)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNINSTALL, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(install, uninstall, hints={"target_db": "audit"}, elidable=False),
    ]
