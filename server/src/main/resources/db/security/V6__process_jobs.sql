-- Jobs of OGC API - Processes (asynchronous executions): one row per job, written by the server that runs it, so that
-- any replica on the same database answers for any job. The server running a job renews its lease; a job whose lease
-- ran out (its server died) reads as failed on every replica.
CREATE TABLE security.process_job (
    id           uuid PRIMARY KEY,
    process_id   text NOT NULL,
    owner        text,
    status       text NOT NULL CHECK (status IN ('accepted', 'running', 'successful', 'failed', 'dismissed')),
    message      text,
    progress     integer CHECK (progress BETWEEN 0 AND 100),
    node         text NOT NULL,
    lease_until  timestamptz NOT NULL,
    created      timestamptz NOT NULL DEFAULT now(),
    started      timestamptz,
    finished     timestamptz,
    updated      timestamptz NOT NULL DEFAULT now(),
    results      json,
    failure      json
);
COMMENT ON TABLE security.process_job IS 'Jobs of OGC API - Processes: state, progress, then results or failure';
COMMENT ON COLUMN security.process_job.owner IS 'the login of the caller who started the job, null for the public';
COMMENT ON COLUMN security.process_job.node IS 'the server (host:port) that runs the job';
COMMENT ON COLUMN security.process_job.lease_until IS 'until when the running server vouches for an unfinished job';
COMMENT ON COLUMN security.process_job.results IS 'the outputs by identifier (json keeps their order): {"id": {"mediaType": ..., "text": ...}}';
COMMENT ON COLUMN security.process_job.failure IS 'the report of a failed job: {"code", "status", "description", "locator"}';
CREATE INDEX process_job_owner_idx ON security.process_job (owner, created);
CREATE INDEX process_job_unfinished_idx ON security.process_job (lease_until) WHERE status IN ('accepted', 'running');
