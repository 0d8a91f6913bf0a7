-- sinp.occurrence partitioned by département (declarative LIST partitioning on code_departement): one partition per
-- département of the region, and a DEFAULT one for the rows of any other département or of none (null). Each
-- partition has its own indexes (GiST on both geometries, the b-trees), so that their size and the table's vacuum
-- stay bounded at tens of millions of rows, and a query filtered on a département reads one partition only.
--
-- What partitioning changes, and how it is kept right:
-- - A unique index of a partitioned table must hold the partition key, so idSINPOccTax can no longer be unique in
--   the table itself. It stays globally unique through sinp.occurrence_key (idSINPOccTax -> département, its primary
--   key keeping the former constraint's name), kept by statement triggers from every write's transition tables. The
--   internal id stays unique by its identity sequence (indexed in each partition, no longer a primary key).
-- - The upsert of imports and of the WFS Transaction is an UPDATE by internal id, then an INSERT (no ON CONFLICT on
--   this table); an UPDATE whose row changes département moves it to the other partition (PostgreSQL's row movement).
-- - PostgreSQL routes a row to its partition before the BEFORE triggers run, and refuses a BEFORE trigger that changes
--   the partition key of an INSERT. A writer that derives the columns itself (sinp.derived_by_caller = on: imports,
--   WFS Transaction) gives code_departement, and so does the demo loader (sinp.departement_of, the département the
--   derivation will find); for an INSERT without it, sinp.occurrence_departement_route runs first, finds the row's
--   département as the derivation does and, when there is one, inserts the row again with it, into the right
--   partition, and drops the misrouted one (such a row is then not returned by that INSERT's RETURNING nor counted:
--   write through the import or the WFS for that).
-- - Write through sinp.occurrence, never into a partition directly: the key triggers are the parent table's.
--
-- The table is rebuilt, its data kept: the views over it (read from the catalog, whatever earlier migrations made of
-- them), its indexes, foreign keys and triggers are recreated as they were.

CREATE FUNCTION sinp.departement_of(g geometry) RETURNS text LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    p geometry := ST_PointOnSurface(g);
    code text;
BEGIN
    SELECT c.departement_code INTO code FROM territory.commune c WHERE ST_Intersects(c.geom, p) LIMIT 1;
    IF NOT FOUND THEN
        SELECT d.code INTO code FROM territory.departement d WHERE ST_Intersects(d.geom, p) LIMIT 1;
    END IF;
    RETURN code;
END
$$;
COMMENT ON FUNCTION sinp.departement_of IS 'the département an occurrence of this geometry is attached to (that of the commune under a point on its surface, else of the département there; null outside both), as sinp.occurrence_derive derives it: the partition the occurrence goes to';

-- 1. What hangs on the table, as the catalog holds it now.
CREATE TEMPORARY TABLE partitioning_view ON COMMIT DROP AS
WITH RECURSIVE dependent (oid, depth) AS (
    SELECT DISTINCT r.ev_class, 1 FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
    WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = 'sinp.occurrence'::regclass AND r.ev_class <> d.refobjid
    UNION
    SELECT DISTINCT r.ev_class, v.depth + 1 FROM dependent v JOIN pg_depend d ON d.refobjid = v.oid
    JOIN pg_rewrite r ON r.oid = d.objid
    WHERE d.classid = 'pg_rewrite'::regclass AND r.ev_class <> d.refobjid
)
SELECT c.oid::regclass::text AS name, c.relkind, max(v.depth) AS depth, pg_get_viewdef(c.oid) AS definition,
       obj_description(c.oid, 'pg_class') AS comment, c.reloptions,
       (SELECT array_agg(format('COMMENT ON COLUMN %s.%I IS %L', c.oid::regclass, a.attname,
                                col_description(c.oid, a.attnum)))
        FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND col_description(c.oid, a.attnum) IS NOT NULL) AS column_comments,
       (SELECT array_agg(pg_get_indexdef(i.indexrelid)) FROM pg_index i WHERE i.indrelid = c.oid) AS indexes
FROM dependent v JOIN pg_class c ON c.oid = v.oid
GROUP BY c.oid;

CREATE TEMPORARY TABLE partitioning_index ON COMMIT DROP AS
SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
WHERE i.indrelid = 'sinp.occurrence'::regclass
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u'));

CREATE TEMPORARY TABLE partitioning_constraint ON COMMIT DROP AS
SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
WHERE conrelid = 'sinp.occurrence'::regclass AND contype = 'f';

CREATE TEMPORARY TABLE partitioning_trigger ON COMMIT DROP AS
SELECT tgname AS name, pg_get_triggerdef(oid) AS definition FROM pg_trigger
WHERE tgrelid = 'sinp.occurrence'::regclass AND NOT tgisinternal;

DO $$
DECLARE
    v record;
BEGIN
    FOR v IN SELECT name, relkind FROM partitioning_view ORDER BY depth DESC LOOP
        EXECUTE format('DROP %s %s', CASE v.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END, v.name);
    END LOOP;
END
$$;

-- 2. The partitioned table, with the columns, defaults, checks, identity and comments of the former one.
ALTER TABLE sinp.occurrence RENAME TO occurrence_unpartitioned;
ALTER SEQUENCE sinp.occurrence_id_seq RENAME TO occurrence_unpartitioned_id_seq;
CREATE TABLE sinp.occurrence (LIKE sinp.occurrence_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS
    INCLUDING IDENTITY INCLUDING COMMENTS INCLUDING STORAGE INCLUDING COMPRESSION INCLUDING GENERATED)
    PARTITION BY LIST (code_departement);
COMMENT ON TABLE sinp.occurrence IS 'Occurrences de taxon au standard SINP, avec leur géométrie précise et leur géométrie de diffusion (partitionnées par département)';

-- the départements of Hauts-de-France; the others (and the occurrences outside any) in the default partition
CREATE TABLE sinp.occurrence_02 PARTITION OF sinp.occurrence FOR VALUES IN ('02');
CREATE TABLE sinp.occurrence_59 PARTITION OF sinp.occurrence FOR VALUES IN ('59');
CREATE TABLE sinp.occurrence_60 PARTITION OF sinp.occurrence FOR VALUES IN ('60');
CREATE TABLE sinp.occurrence_62 PARTITION OF sinp.occurrence FOR VALUES IN ('62');
CREATE TABLE sinp.occurrence_80 PARTITION OF sinp.occurrence FOR VALUES IN ('80');
CREATE TABLE sinp.occurrence_other PARTITION OF sinp.occurrence DEFAULT;

INSERT INTO sinp.occurrence OVERRIDING SYSTEM VALUE SELECT * FROM sinp.occurrence_unpartitioned;
-- the new identity goes on where the former one was (or after the largest id, had one been given by hand)
SELECT CASE WHEN m.max_id > s.last_value THEN setval(pg_get_serial_sequence('sinp.occurrence', 'id'), m.max_id, true)
            ELSE setval(pg_get_serial_sequence('sinp.occurrence', 'id'), s.last_value, s.is_called) END
FROM sinp.occurrence_unpartitioned_id_seq s, (SELECT max(id) AS max_id FROM sinp.occurrence) m;
DROP TABLE sinp.occurrence_unpartitioned;

-- 3. Indexes (built once the rows are in), foreign keys and triggers as they were; the former primary key and unique
-- constraint become plain indexes of each partition.
CREATE INDEX occurrence_id_idx ON sinp.occurrence (id);
CREATE INDEX occurrence_id_sinp_occtax_idx ON sinp.occurrence (id_sinp_occtax);
DO $$
DECLARE
    d record;
BEGIN
    FOR d IN SELECT definition FROM partitioning_index LOOP
        EXECUTE replace(d.definition, ' ON sinp.occurrence_unpartitioned ', ' ON sinp.occurrence ');
    END LOOP;
    FOR d IN SELECT name, definition FROM partitioning_constraint LOOP
        EXECUTE format('ALTER TABLE sinp.occurrence ADD CONSTRAINT %I %s', d.name, d.definition);
    END LOOP;
    FOR d IN SELECT definition FROM partitioning_trigger LOOP
        EXECUTE replace(d.definition, ' ON sinp.occurrence_unpartitioned ', ' ON sinp.occurrence ');
    END LOOP;
END
$$;

-- 4. idSINPOccTax, globally unique: the key of each occurrence and the département it lives in.
CREATE TABLE sinp.occurrence_key (
    id_sinp_occtax    uuid CONSTRAINT occurrence_id_sinp_occtax_key PRIMARY KEY,
    code_departement  text
);
COMMENT ON TABLE sinp.occurrence_key IS 'idSINPOccTax of every occurrence (unique across the partitions of sinp.occurrence) and its département, the partition it lives in; kept by the triggers of sinp.occurrence';
INSERT INTO sinp.occurrence_key SELECT id_sinp_occtax, code_departement FROM sinp.occurrence;

CREATE FUNCTION sinp.occurrence_key_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO sinp.occurrence_key (id_sinp_occtax, code_departement) SELECT id_sinp_occtax, code_departement FROM added;
    RETURN NULL;
END
$$;
CREATE FUNCTION sinp.occurrence_key_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM sinp.occurrence_key k USING removed r WHERE k.id_sinp_occtax = r.id_sinp_occtax;
    RETURN NULL;
END
$$;
CREATE FUNCTION sinp.occurrence_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH change AS (
        SELECT b.id_sinp_occtax AS before_key, a.id_sinp_occtax AS after_key, a.code_departement
        FROM before b JOIN after a ON a.id = b.id
        WHERE (a.id_sinp_occtax, a.code_departement) IS DISTINCT FROM (b.id_sinp_occtax, b.code_departement)
    ), gone AS (
        DELETE FROM sinp.occurrence_key k USING change c WHERE k.id_sinp_occtax = c.before_key AND c.before_key <> c.after_key
    ), moved AS (
        UPDATE sinp.occurrence_key k SET code_departement = c.code_departement FROM change c
        WHERE k.id_sinp_occtax = c.after_key AND c.before_key = c.after_key
    )
    INSERT INTO sinp.occurrence_key (id_sinp_occtax, code_departement)
        SELECT after_key, code_departement FROM change WHERE before_key <> after_key;
    RETURN NULL;
END
$$;
CREATE FUNCTION sinp.occurrence_key_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE sinp.occurrence_key;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION sinp.occurrence_key_changed IS 'keeps sinp.occurrence_key after an UPDATE of occurrences: a changed idSINPOccTax (unique still) or département (the row moved partition)';

CREATE TRIGGER occurrence_key_insert AFTER INSERT ON sinp.occurrence
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION sinp.occurrence_key_added();
CREATE TRIGGER occurrence_key_delete AFTER DELETE ON sinp.occurrence
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION sinp.occurrence_key_removed();
CREATE TRIGGER occurrence_key_update AFTER UPDATE ON sinp.occurrence
    REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION sinp.occurrence_key_changed();
CREATE TRIGGER occurrence_key_truncate AFTER TRUNCATE ON sinp.occurrence
    FOR EACH STATEMENT EXECUTE FUNCTION sinp.occurrence_key_emptied();

-- 5. An INSERT that leaves the derivation to the database goes to the partition of the département it will derive.
CREATE FUNCTION sinp.occurrence_departement_route() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    code text := sinp.departement_of(NEW.geom);
BEGIN
    IF code IS NOT DISTINCT FROM NEW.code_departement THEN
        RETURN NEW;
    END IF;
    NEW.code_departement := code;
    -- partitions are made by PARTITION OF: their columns are the parent's, in its order
    INSERT INTO sinp.occurrence OVERRIDING SYSTEM VALUE SELECT (NEW).*;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION sinp.occurrence_departement_route IS 'inserts an occurrence routed to another partition than that of the département it is derived to (sinp.departement_of) into the right one instead';
-- fires before occurrence_derive (BEFORE triggers run in the order of their names), when that one derives and the
-- writer gave no département (one that gives it gives the derived one: sinp.departement_of, as the demo loader does;
-- a wrong one is refused by PostgreSQL when the derivation corrects it, the row being in the wrong partition)
CREATE TRIGGER occurrence_departement_route BEFORE INSERT ON sinp.occurrence
    FOR EACH ROW WHEN (NEW.code_departement IS NULL AND current_setting('sinp.derived_by_caller', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION sinp.occurrence_departement_route();

-- 6. The views as they were.
DO $$
DECLARE
    v record;
    s text;
BEGIN
    FOR v IN SELECT * FROM partitioning_view ORDER BY depth LOOP
        EXECUTE format('CREATE %s %s%s AS %s', CASE v.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END, v.name,
                       CASE WHEN v.reloptions IS NOT NULL THEN ' WITH (' || array_to_string(v.reloptions, ', ') || ')' ELSE '' END,
                       rtrim(v.definition, ';'));
        IF v.comment IS NOT NULL THEN
            EXECUTE format('COMMENT ON %s %s IS %L', CASE v.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END,
                           v.name, v.comment);
        END IF;
        FOREACH s IN ARRAY coalesce(v.column_comments, '{}') || coalesce(v.indexes, '{}') LOOP
            EXECUTE s;
        END LOOP;
    END LOOP;
END
$$;

ANALYZE sinp.occurrence;
ANALYZE sinp.occurrence_key;
