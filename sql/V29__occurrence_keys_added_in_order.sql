-- The keys of the occurrences a statement inserts go into sinp.occurrence_key in key order: one pass along the
-- primary key's leaves instead of a descent to a random leaf a row. An import of millions of new rows (whose
-- idSINPOccTax are random UUIDs) spent about 8 µs a row there, twice what the same rows take sorted
-- (bench/RESULTS.md, "Bulk import (issue 13)", 2026-12-07 night). Otherwise as V23 made it.
CREATE OR REPLACE FUNCTION sinp.occurrence_key_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO sinp.occurrence_key (id_sinp_occtax, code_departement)
    SELECT id_sinp_occtax, code_departement FROM added ORDER BY id_sinp_occtax;
    RETURN NULL;
END
$$;
