-- The region an occurrence must lie in (territory.region, else the communes' union), with an import's tolerance, as
-- small overlapping buffered pieces (Lambert-93): computing them takes a second or more on real boundaries, which every
-- import and every WFS Transaction of occurrences paid. They are kept here, computed once per tolerance on first use,
-- and forgotten whenever the regions or the communes change.

CREATE TABLE territory.region_area (
    tolerance_m  integer NOT NULL,
    piece        integer NOT NULL,
    geom         geometry(Geometry, 2154) NOT NULL,
    PRIMARY KEY (tolerance_m, piece)
);
COMMENT ON TABLE territory.region_area IS 'cache: the region (else the communes'' union) buffered by a tolerance, in small pieces; emptied when regions or communes change';

-- The pieces, computed from the current regions (else communes).
CREATE FUNCTION territory.region_pieces(tolerance_m integer) RETURNS SETOF geometry LANGUAGE sql STABLE AS $$
    WITH region AS (
        SELECT coalesce((SELECT ST_Union(geom) FROM territory.region),
                        (SELECT ST_Union(geom) FROM territory.commune)) AS geom)
    -- cut first, then each piece buffered (buffering the whole region at once takes seconds)
    SELECT ST_Buffer(ST_Subdivide(geom, 128), tolerance_m) FROM region WHERE geom IS NOT NULL
$$;

-- The pieces for a tolerance, from the cache; when it has none, computed, and kept by the one transaction that holds
-- the cache's advisory lock (the others compute theirs without waiting: nobody waits on a long import that fills it).
CREATE FUNCTION territory.region_area(tolerance_m integer) RETURNS SETOF geometry LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM territory.region_area a WHERE a.tolerance_m = region_area.tolerance_m) THEN
        RETURN QUERY SELECT a.geom FROM territory.region_area a WHERE a.tolerance_m = region_area.tolerance_m;
    ELSIF pg_try_advisory_xact_lock(hashtext('territory.region_area'))
          AND NOT EXISTS (SELECT 1 FROM territory.region_area a WHERE a.tolerance_m = region_area.tolerance_m) THEN
        INSERT INTO territory.region_area (tolerance_m, piece, geom)
            SELECT region_area.tolerance_m, row_number() OVER (), g FROM territory.region_pieces(region_area.tolerance_m) g;
        RETURN QUERY SELECT a.geom FROM territory.region_area a WHERE a.tolerance_m = region_area.tolerance_m;
    ELSE
        RETURN QUERY SELECT g FROM territory.region_pieces(region_area.tolerance_m) g;
    END IF;
END
$$;
COMMENT ON FUNCTION territory.region_area(integer) IS 'the region (else the communes'' union) buffered by tolerance_m metres, in pieces, Lambert-93 (cached in territory.region_area)';

-- A change of the regions or communes empties the cache, once whoever is filling it has committed.
CREATE FUNCTION territory.forget_region_area() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('territory.region_area'));
    DELETE FROM territory.region_area;
    RETURN NULL;
END
$$;

CREATE TRIGGER region_area_forgotten AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON territory.region
    FOR EACH STATEMENT EXECUTE FUNCTION territory.forget_region_area();
CREATE TRIGGER region_area_forgotten AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON territory.commune
    FOR EACH STATEMENT EXECUTE FUNCTION territory.forget_region_area();
