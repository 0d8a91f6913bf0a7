-- Bulk imports (observatory-ext, package imports) stage the file's values as text and validate them set-based in
-- SQL. A date is read without raising an error, so that one bad cell rejects its row and not the whole import.
CREATE FUNCTION sinp.parse_date(value text) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    -- YYYY-MM-DD (optionally followed by a time, 'T' or space), or DD/MM/YYYY; anything else, or a day that does
    -- not exist (2023-02-30), gives NULL
    SELECT CASE WHEN d[3] BETWEEN 1 AND 12 AND d[4] >= 1
                     AND d[4] <= extract(day FROM make_date(d[2], d[3], 1) + interval '1 month - 1 day')
                THEN make_date(d[2], d[3], d[4]) END
    FROM (SELECT CASE
            WHEN m1 IS NOT NULL THEN ARRAY[0, m1[1]::integer, m1[2]::integer, m1[3]::integer]
            WHEN m2 IS NOT NULL THEN ARRAY[0, m2[3]::integer, m2[2]::integer, m2[1]::integer]
          END AS d
          FROM (SELECT regexp_match(value, '^\s*([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ][0-9:.+Z-]*)?\s*$') AS m1,
                       regexp_match(value, '^\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s*$') AS m2) m) p
    WHERE d[2] BETWEEN 1 AND 9999
$$;
COMMENT ON FUNCTION sinp.parse_date IS 'a date written YYYY-MM-DD (with an optional time) or DD/MM/YYYY, or NULL when the text is no such date';
