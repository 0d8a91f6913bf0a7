-- Imports sent through the REST API (POST /rest/imports): one row per job, written by the server that runs it, so that
-- any server on the same database can answer GET /rest/imports/{id}.
CREATE TABLE security.import_job (
    id            uuid PRIMARY KEY,
    login         text NOT NULL,
    dataset       uuid NOT NULL,
    mapping       text NOT NULL,
    mode          text NOT NULL CHECK (mode IN ('incremental', 'full')),
    dry_run       boolean NOT NULL,
    file_name     text NOT NULL,
    node          text NOT NULL,
    state         text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    phase         text,
    rows_read     bigint NOT NULL DEFAULT 0,
    position      bigint NOT NULL DEFAULT 0,
    total         bigint NOT NULL DEFAULT 0,
    submitted_at  timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    finished_at   timestamptz,
    report        json,
    error         text
);
COMMENT ON TABLE security.import_job IS 'Imports of occurrence files sent through /rest/imports: state, progress and report';
COMMENT ON COLUMN security.import_job.node IS 'the server (host:port) that holds the file and runs the job';
COMMENT ON COLUMN security.import_job.position IS 'how far the current phase is, out of total (bytes read, rows written)';
COMMENT ON COLUMN security.import_job.report IS 'the JSON report (json, not jsonb: its members keep their order): counts, counts per reason, the first 10 000 rejections';
CREATE INDEX import_job_login_idx ON security.import_job (login, submitted_at);
