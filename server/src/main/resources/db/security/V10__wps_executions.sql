-- WPS 1.0.0 asynchronous executions (storeExecuteResponse / status) join the jobs of OGC API - Processes: one table of
-- jobs, one lease, one retention, so that any replica answers the statusLocation another one gave. A row is a job of
-- one interface: its OGC API face (status, progress, results) or its WPS face (the latest ExecuteResponse document,
-- the outputs asked as references in results).
ALTER TABLE security.process_job
    ADD COLUMN api text NOT NULL DEFAULT 'ogcapi' CHECK (api IN ('ogcapi', 'wps')),
    ADD COLUMN wps_document bytea,
    ADD COLUMN wps_interrupted bytea;
COMMENT ON COLUMN security.process_job.api IS 'the interface that started the job: ogcapi (OGC API - Processes) or wps (WPS 1.0.0 Execute)';
COMMENT ON COLUMN security.process_job.wps_document IS 'a WPS execution''s latest ExecuteResponse document (UTF-8 XML)';
COMMENT ON COLUMN security.process_job.wps_interrupted IS 'the ProcessFailed document a WPS execution reads as if its server stops before it ends';
