-- Invalidations of the tile cache shared by the server's replicas (TileCacheSync): per subject (a layer's qualified
-- name, or 'catalog' for catalog reloads) how many there were. Bumped in the transaction that sends the invalidation
-- by NOTIFY on the channel obs_tile_cache; a replica that missed notifications compares these with the generations
-- its cached tiles follow when it (re)connects.
CREATE TABLE security.cache_generation (
    subject    text PRIMARY KEY,
    generation bigint NOT NULL CHECK (generation > 0)
);
