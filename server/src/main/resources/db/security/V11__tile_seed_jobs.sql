-- Seed jobs of the tile cache, shared by the replicas: each replica keeps its own cache (memory and disk), so a seed
-- asked through one is run by every one, each writing its own progress beside the job. Any replica answers for any
-- job; a replica that starts later (or again) runs the recent jobs it has not finished.
CREATE TABLE security.tile_seed_job (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request          json NOT NULL,
    requested_by     text NOT NULL,
    layer            text NOT NULL,
    tile_matrix_set  text NOT NULL,
    access_level     text NOT NULL,
    metatiles        bigint NOT NULL,
    created          timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE security.tile_seed_job IS 'Seed jobs of the tile cache, run by every replica';
COMMENT ON COLUMN security.tile_seed_job.request IS 'the request as posted to /rest/tiles/seed (layer, tileMatrixSet, zooms, bbox, format, accessLevel)';
COMMENT ON COLUMN security.tile_seed_job.requested_by IS 'the admin who asked: the callers that draw are named after them';
COMMENT ON COLUMN security.tile_seed_job.metatiles IS 'the metatiles one replica renders for the job';

CREATE TABLE security.tile_seed_progress (
    job_id          bigint NOT NULL REFERENCES security.tile_seed_job (id) ON DELETE CASCADE,
    node            text NOT NULL,
    state           text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'stopped', 'failed')),
    metatiles_done  bigint NOT NULL DEFAULT 0,
    error           text,
    updated         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, node)
);
COMMENT ON TABLE security.tile_seed_progress IS 'How far each replica (host:port) is in each seed job';
