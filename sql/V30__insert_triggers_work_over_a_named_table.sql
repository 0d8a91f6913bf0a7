-- The work of the statement-level INSERT triggers of sinp.occurrence (the keys of the new rows into
-- sinp.occurrence_key, their diffusion areas into sinp.diffusion_area), each as the text of one statement over a
-- relation named by its caller. The triggers run it over their transition table, as before; an import that rebuilds a
-- partition (PartitionLoad) runs the same text over the table of its new rows once they are in, with no trigger and so
-- no transition table (which copies every new row a second time: about a fifth of the write for 600 000 rows,
-- bench/RESULTS.md, "Bulk import (issue 13)", 2026-12-08). One text for both: they cannot drift apart.

CREATE FUNCTION sinp.occurrence_keys_added_sql(rows text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT format('INSERT INTO sinp.occurrence_key (id_sinp_occtax, code_departement) '
                  'SELECT id_sinp_occtax, code_departement FROM %s ORDER BY id_sinp_occtax', rows)
$$;
COMMENT ON FUNCTION sinp.occurrence_keys_added_sql IS 'the statement adding the keys of the occurrences of a relation (a transition table, or a table of new rows) to sinp.occurrence_key, in key order';

CREATE FUNCTION sinp.diffusion_areas_added_sql(rows text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT format($f$
        INSERT INTO sinp.diffusion_area (hash, diffusion_level, geom)
        SELECT hash, diffusion_level, geom FROM (
            SELECT DISTINCT ON (md5(ST_AsEWKB(diffusion_geom)), diffusion_level) md5(ST_AsEWKB(diffusion_geom)) AS hash,
                   diffusion_level, diffusion_geom AS geom, id
            FROM %s WHERE diffusion_level BETWEEN 1 AND 3
            ORDER BY md5(ST_AsEWKB(diffusion_geom)), diffusion_level, id) AS first_rows
        ORDER BY id
        ON CONFLICT DO NOTHING$f$, rows)
$$;
COMMENT ON FUNCTION sinp.diffusion_areas_added_sql IS 'the statement adding the diffusion areas that the occurrences of a relation (a transition table, or a table of new rows) show and sinp.diffusion_area lacks';

-- the triggers' functions as V29 and V19 made them, their statement now read from the functions above (a dynamic
-- statement of a trigger's function sees its transition tables)
CREATE OR REPLACE FUNCTION sinp.occurrence_key_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE sinp.occurrence_keys_added_sql('added');
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION sinp.diffusion_area_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE sinp.diffusion_areas_added_sql('changed');
    RETURN NULL;
END
$$;
