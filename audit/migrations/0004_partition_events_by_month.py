"""PostgreSQL: the audit event table partitioned by month of `occurred_at` (declarative partitioning).

Why: at millions of events a month is the unit of retention (a whole old month is dropped as a
partition, without row-by-row deletes and their dead tuples) and of maintenance (indexes and
vacuum per month). docs/privacy/audit-trail.md and docs/performance.md describe the operation.

- The table is recreated as `PARTITION BY RANGE (occurred_at)`, months in UTC, named
  `audit_auditevent_yYYYYmMM`, and the existing rows are copied over. A primary key of a
  partitioned table must contain the partition key, so it is `(sequence, occurred_at)`; the
  uniqueness of `sequence` and of `hash` is no longer a database constraint but is checked by
  `audit_verify` (a sequence twice, or a gap, breaks the chain).
- The append-only triggers of migration 0002 are recreated on the new table; row triggers are
  cloned to every partition by PostgreSQL, the TRUNCATE trigger is added to each partition.
- `audit_ensure_partitions(first, last)` (SECURITY DEFINER, owned by the migrating owner)
  creates the missing months in a range; the application role may call it (`manage.py
  audit_partitions`, a daily job, keeps twelve months ahead). Creating an empty month hides
  nothing.
- `audit_drop_partition(name)` (SECURITY DEFINER) detaches and drops one month, only when it is
  the oldest, its end lies before the latest cut checkpoint was signed and none of its events
  lies above that cut. EXECUTE is revoked from PUBLIC: only the owner and the role it is granted
  to (`zorgveilig_audit_retention`, see docs/privacy/database-roles.md) can call it. The
  application role neither owns the table nor its partitions, so it can neither detach nor drop
  one.
SQLite keeps one table: nothing changes there.
"""

from django.db import migrations

INSTALL = r"""
ALTER TABLE audit_auditevent RENAME TO audit_auditevent_unpartitioned;

CREATE TABLE audit_auditevent (LIKE audit_auditevent_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
    PARTITION BY RANGE (occurred_at);

CREATE OR REPLACE FUNCTION audit_partition_name(month timestamptz) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT 'audit_auditevent_y' || to_char(month AT TIME ZONE 'UTC', 'YYYY') || 'm'
        || to_char(month AT TIME ZONE 'UTC', 'MM')
$$;

CREATE OR REPLACE FUNCTION audit_ensure_partitions(first_month date, last_month date) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    month timestamptz := date_trunc('month', first_month::timestamp) AT TIME ZONE 'UTC';
    name text;
    created integer := 0;
BEGIN
    IF last_month < first_month OR last_month - first_month > 366 * 30 THEN
        RAISE EXCEPTION 'audit_ensure_partitions: % to % is not a range of months it creates', first_month, last_month;
    END IF;
    PERFORM pg_advisory_xact_lock(7513000002);  -- one creator at a time
    WHILE month <= last_month::timestamp AT TIME ZONE 'UTC' LOOP
        name := audit_partition_name(month);
        IF to_regclass(name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF audit_auditevent FOR VALUES FROM (%L) TO (%L)',
                           name, month, month + interval '1 month');
            EXECUTE format('CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON %I '
                           'FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate()', name);
            created := created + 1;
        END IF;
        month := month + interval '1 month';
    END LOOP;
    RETURN created;
END $$;

CREATE OR REPLACE FUNCTION audit_drop_partition(partition_name text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    part oid := to_regclass(partition_name);
    bounds text;
    upper_bound timestamptz;
    oldest oid;
    cut_sequence bigint;
    cut_signed timestamptz;
    highest bigint;
BEGIN
    IF part IS NULL OR NOT EXISTS (SELECT 1 FROM pg_inherits
                                   WHERE inhrelid = part AND inhparent = 'audit_auditevent'::regclass) THEN
        RAISE EXCEPTION '% is not a partition of the audit trail', partition_name
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT c.oid INTO oldest FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'audit_auditevent'::regclass ORDER BY c.relname LIMIT 1;
    IF oldest <> part THEN
        RAISE EXCEPTION 'only the oldest partition of the audit trail may be dropped, not %', partition_name
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT sequence, signed_at INTO cut_sequence, cut_signed FROM audit_auditcheckpoint
        WHERE kind = 'cut' ORDER BY sequence DESC, signed_at DESC LIMIT 1;
    bounds := pg_get_expr((SELECT relpartbound FROM pg_class WHERE oid = part), part);
    upper_bound := substring(bounds FROM 'TO \(''([^'']+)''\)')::timestamptz;
    IF cut_sequence IS NULL OR upper_bound IS NULL OR upper_bound > cut_signed THEN
        RAISE EXCEPTION 'partition % does not end before the latest cut checkpoint was signed', partition_name
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    EXECUTE format('SELECT max(sequence) FROM %I', partition_name) INTO highest;
    IF highest > cut_sequence THEN
        RAISE EXCEPTION 'partition % holds event % above the latest cut checkpoint (%)',
            partition_name, highest, cut_sequence USING ERRCODE = 'insufficient_privilege';
    END IF;
    EXECUTE format('ALTER TABLE audit_auditevent DETACH PARTITION %I', partition_name);
    EXECUTE format('DROP TABLE %I', partition_name);
END $$;

REVOKE ALL ON FUNCTION audit_ensure_partitions(date, date) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_drop_partition(text) FROM PUBLIC;

SELECT audit_ensure_partitions(
    LEAST(COALESCE((SELECT min(occurred_at) FROM audit_auditevent_unpartitioned), now()), now())::date,
    (now() + interval '12 months')::date
);

INSERT INTO audit_auditevent SELECT * FROM audit_auditevent_unpartitioned;
DROP TABLE audit_auditevent_unpartitioned;

ALTER TABLE audit_auditevent ADD CONSTRAINT audit_auditevent_pkey PRIMARY KEY (sequence, occurred_at);
CREATE INDEX audit_event_time ON audit_auditevent (occurred_at);
CREATE INDEX audit_event_actor ON audit_auditevent (actor_id, occurred_at);
CREATE INDEX audit_event_subject ON audit_auditevent (subject_pseudonym, occurred_at);
CREATE INDEX audit_event_case ON audit_auditevent (case_id, occurred_at);
CREATE INDEX audit_event_action ON audit_auditevent (action, occurred_at);

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_event_guard_delete BEFORE DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_guard_delete();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate();
"""

UNINSTALL = r"""
ALTER TABLE audit_auditevent RENAME TO audit_auditevent_partitioned;
CREATE TABLE audit_auditevent (LIKE audit_auditevent_partitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
INSERT INTO audit_auditevent SELECT * FROM audit_auditevent_partitioned;
DROP TABLE audit_auditevent_partitioned CASCADE;
DROP FUNCTION IF EXISTS audit_drop_partition(text);
DROP FUNCTION IF EXISTS audit_ensure_partitions(date, date);
DROP FUNCTION IF EXISTS audit_partition_name(timestamptz);
ALTER TABLE audit_auditevent ADD CONSTRAINT audit_auditevent_pkey PRIMARY KEY (sequence);
ALTER TABLE audit_auditevent ADD CONSTRAINT audit_auditevent_hash_key UNIQUE (hash);
CREATE INDEX audit_event_time ON audit_auditevent (occurred_at);
CREATE INDEX audit_event_actor ON audit_auditevent (actor_id, occurred_at);
CREATE INDEX audit_event_subject ON audit_auditevent (subject_pseudonym, occurred_at);
CREATE INDEX audit_event_case ON audit_auditevent (case_id, occurred_at);
CREATE INDEX audit_event_action ON audit_auditevent (action, occurred_at);
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_event_guard_delete BEFORE DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_guard_delete();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate();
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INSTALL, params=None)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNINSTALL, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_seed_processing_activities")]

    operations = [
        migrations.RunPython(install, uninstall, hints={"target_db": "audit"}, elidable=False),
    ]
