-- Each area a blurred occurrence is shown to the public as (its commune, 10 km cell or département, or their union:
-- sinp.occurrence.diffusion_geom at diffusion levels 1 to 3), kept once. Thousands of occurrences share one area: a
-- map reads the areas that have an occurrence its caller may see (one probe each, through the index below) instead of
-- every occurrence shown as one of them (the sensitivity policy's SharedAreas). Areas are added by the triggers below
-- whenever an occurrence shows a new one; an area no occurrence shows any more stays, and is drawn by no one.
CREATE TABLE sinp.diffusion_area (
    id              integer GENERATED ALWAYS AS IDENTITY UNIQUE,
    hash            text NOT NULL,
    diffusion_level smallint NOT NULL CHECK (diffusion_level BETWEEN 1 AND 3),
    geom            geometry(Geometry, 2154) NOT NULL,
    PRIMARY KEY (hash, diffusion_level)
);
COMMENT ON TABLE sinp.diffusion_area IS 'Each area blurred occurrences are shown as, once: the distinct diffusion geometries of diffusion levels 1 to 3';
COMMENT ON COLUMN sinp.diffusion_area.id IS 'areas in the order their first occurrence came: the order maps draw them in';
COMMENT ON COLUMN sinp.diffusion_area.hash IS 'md5 of the area''s EWKB: occurrences find their area by the same expression on their diffusion_geom';

INSERT INTO sinp.diffusion_area (hash, diffusion_level, geom)
SELECT hash, diffusion_level, geom FROM (
    SELECT DISTINCT ON (md5(ST_AsEWKB(diffusion_geom)), diffusion_level) md5(ST_AsEWKB(diffusion_geom)) AS hash,
           diffusion_level, diffusion_geom AS geom, id
    FROM sinp.occurrence WHERE diffusion_level BETWEEN 1 AND 3
    ORDER BY md5(ST_AsEWKB(diffusion_geom)), diffusion_level, id) AS first_rows
ORDER BY id;

CREATE INDEX diffusion_area_geom_idx ON sinp.diffusion_area USING gist (geom);
-- the occurrences of an area (a map's probe stops at the first one the caller may see)
CREATE INDEX occurrence_diffusion_area_idx ON sinp.occurrence (md5(ST_AsEWKB(diffusion_geom)), diffusion_level)
    WHERE diffusion_level BETWEEN 1 AND 3;
-- the occurrences the public sees where they are, without the blurred ones that share the same boxes
CREATE INDEX occurrence_exact_geom_idx ON sinp.occurrence USING gist (diffusion_geom) WHERE diffusion_level = 0;

CREATE FUNCTION sinp.diffusion_area_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO sinp.diffusion_area (hash, diffusion_level, geom)
    SELECT hash, diffusion_level, geom FROM (
        SELECT DISTINCT ON (md5(ST_AsEWKB(diffusion_geom)), diffusion_level) md5(ST_AsEWKB(diffusion_geom)) AS hash,
               diffusion_level, diffusion_geom AS geom, id
        FROM changed WHERE diffusion_level BETWEEN 1 AND 3
        ORDER BY md5(ST_AsEWKB(diffusion_geom)), diffusion_level, id) AS first_rows
    ORDER BY id
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION sinp.diffusion_area_add IS 'adds the diffusion areas that occurrences written by a statement show and sinp.diffusion_area lacks';

CREATE TRIGGER occurrence_diffusion_area_insert AFTER INSERT ON sinp.occurrence
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION sinp.diffusion_area_add();
CREATE TRIGGER occurrence_diffusion_area_update AFTER UPDATE ON sinp.occurrence
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION sinp.diffusion_area_add();
