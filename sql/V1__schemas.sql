-- Observatory OWS data model: schemas and extensions.
-- Everything is stored in Lambert-93 (EPSG:2154), the French national projection.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE SCHEMA IF NOT EXISTS ref;
COMMENT ON SCHEMA ref IS 'Reference data: SINP nomenclatures, taxa (TAXREF), organisations, datasets';
CREATE SCHEMA IF NOT EXISTS territory;
COMMENT ON SCHEMA territory IS 'Administrative units, INPN reference grids, protected site and project perimeters';
CREATE SCHEMA IF NOT EXISTS landscape;
COMMENT ON SCHEMA landscape IS 'Land cover, watercourses and the ecological network (reservoirs, corridors, barriers)';
CREATE SCHEMA IF NOT EXISTS sinp;
COMMENT ON SCHEMA sinp IS 'Taxon occurrences in the SINP "Occurrences de taxon" standard';
CREATE SCHEMA IF NOT EXISTS obs;
COMMENT ON SCHEMA obs IS 'Observatory indicators: methodology sheets and computed values';
