-- The nightly flow's bookkeeping (kennismaker.pipelines.records) and retention (kennismaker.pipelines.retention).

-- name: stage_started
INSERT OR REPLACE INTO pipeline_runs VALUES ($run_id, $stage, now(), NULL, 'running', NULL)

-- name: stage_finished
UPDATE pipeline_runs SET finished_at = now(), status = $status, detail = $detail WHERE run_id = $run_id AND stage = $stage

-- name: expired_raw_messages
-- staging rows of ingests started before $cut
DELETE FROM raw_messages WHERE ingest_run_id IN (SELECT run_id FROM ingest_runs WHERE started_at < $cut)

-- name: expired_quarantine
DELETE FROM quarantine WHERE quarantined_at < $cut
