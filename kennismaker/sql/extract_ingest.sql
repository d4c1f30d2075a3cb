-- The ingest's bookkeeping (kennismaker.extract.load, kennismaker.extract.fingerprints): its run row,
-- quarantine, who was forgotten, which names and files are known. The merge of stg_messages into
-- messages is built in Python from the schema's column lists (kennismaker.extract.load._merge_messages).

-- name: start_run
INSERT INTO ingest_runs (run_id, source_name, format, path, started_at, status)
VALUES ($run_id, $source_name, $format, $path, now(), 'running')

-- name: finish_run
UPDATE ingest_runs SET finished_at = now(), status = $status, messages_read = $messages_read, messages_new = $messages_new,
       messages_changed = $messages_changed, messages_unchanged = $messages_unchanged,
       messages_excluded = $messages_excluded, quarantined = $quarantined,
       watermark = (SELECT max(created_at) FROM raw_messages)
WHERE run_id = $run_id

-- name: append_quarantine
INSERT INTO quarantine SELECT $run_id, source, file, position, reason, excerpt, now() FROM __q_batch

-- name: forgotten_keys
SELECT author_key, email_key FROM tombstones

-- name: stored_name_hashes
SELECT DISTINCT name_hash FROM person_names

-- name: recorded_files
SELECT file, size_bytes, mtime_ns, content_hash, settings_hash FROM source_files WHERE source_name = $source_name
