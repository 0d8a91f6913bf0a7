-- Bulk imports (observatory-ext, package imports) stage the file's values as text and validate them set-based in
-- SQL. A date is read without raising an error, so that one bad cell rejects its row and not the whole import.
CREATE FUNCTION sinp.parse_date(value text) RETURNS date LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    m text[];
    y integer;
    mo integer;
    d integer;
BEGIN
    -- YYYY-MM-DD, optionally followed by a time ('T' or a space)
    m := regexp_match(value, '^\s*([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ][0-9:.+Z-]*)?\s*$');
    IF m IS NOT NULL THEN
        y := m[1]; mo := m[2]; d := m[3];
    ELSE
        -- DD/MM/YYYY
        m := regexp_match(value, '^\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s*$');
        IF m IS NULL THEN
            RETURN NULL;
        END IF;
        y := m[3]; mo := m[2]; d := m[1];
    END IF;
    IF y < 1 OR mo NOT BETWEEN 1 AND 12 OR d < 1
            OR d > extract(day FROM make_date(y, mo, 1) + interval '1 month - 1 day') THEN
        RETURN NULL; -- a day that does not exist, such as 2023-02-30
    END IF;
    RETURN make_date(y, mo, d);
END
$$;
COMMENT ON FUNCTION sinp.parse_date IS 'a date written YYYY-MM-DD (with an optional time) or DD/MM/YYYY, or NULL when the text is no such date';
