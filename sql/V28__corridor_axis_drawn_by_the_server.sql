-- A corridor's axis (landscape.corridor.axis, the line the corridor processes measure widths across) is not published:
-- a layer has one geometry, the corridor's area. So a corridor created or reshaped through WFS-T or an import comes
-- without one, and the NOT NULL column refused every corridor a partner tried to add. The server now draws it when
-- the writer gives none: from one reservoir to the other when both are named (the shortest line between them, as the
-- demo's corridors are made), else along the corridor itself (the line joining the middles of the short sides of its
-- smallest enclosing rectangle, which is the axis of a corridor drawn as a band around a straight line).

CREATE FUNCTION landscape.corridor_axis(geom geometry, from_reservoir integer, to_reservoir integer)
    RETURNS geometry LANGUAGE sql STABLE AS $$
    WITH between_reservoirs AS (
        SELECT ST_ShortestLine(a.geom, b.geom) AS axis
        FROM landscape.reservoir a, landscape.reservoir b
        WHERE a.id = from_reservoir AND b.id = to_reservoir
    ), ring AS (
        SELECT ST_ExteriorRing(ST_OrientedEnvelope(geom)) AS r WHERE GeometryType(ST_OrientedEnvelope(geom)) = 'POLYGON'
    ), corners AS (
        SELECT ST_PointN(r, 1) AS p1, ST_PointN(r, 2) AS p2, ST_PointN(r, 3) AS p3, ST_PointN(r, 4) AS p4 FROM ring
    ), along AS (
        SELECT CASE WHEN ST_Distance(p1, p2) <= ST_Distance(p2, p3)
                    THEN ST_MakeLine(ST_LineInterpolatePoint(ST_MakeLine(p1, p2), 0.5),
                                     ST_LineInterpolatePoint(ST_MakeLine(p3, p4), 0.5))
                    ELSE ST_MakeLine(ST_LineInterpolatePoint(ST_MakeLine(p2, p3), 0.5),
                                     ST_LineInterpolatePoint(ST_MakeLine(p4, p1), 0.5)) END AS axis
        FROM corners
    )
    SELECT ST_SetSRID(axis, ST_SRID(geom)) FROM (
        SELECT axis, 1 AS choice FROM between_reservoirs WHERE ST_Length(axis) > 0
        UNION ALL
        SELECT axis, 2 FROM along
    ) candidates ORDER BY choice LIMIT 1
$$;
COMMENT ON FUNCTION landscape.corridor_axis(geometry, integer, integer) IS 'the axis drawn for a corridor given without one: between its two reservoirs, else along its smallest enclosing rectangle';

-- On insert without an axis, and when the area changes while the axis does not (the old axis no longer lies in it).
CREATE FUNCTION landscape.corridor_draw_axis() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.axis IS NULL OR (TG_OP = 'UPDATE' AND NEW.geom IS DISTINCT FROM OLD.geom
                            AND NEW.axis IS NOT DISTINCT FROM OLD.axis) THEN
        NEW.axis := landscape.corridor_axis(NEW.geom, NEW.from_reservoir, NEW.to_reservoir);
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER corridor_draw_axis BEFORE INSERT OR UPDATE ON landscape.corridor
    FOR EACH ROW EXECUTE FUNCTION landscape.corridor_draw_axis();
