-- stg_messages: the last version of every message of this ingest's raw_messages (edits and re-reads
-- collapse to the newest edit, then the latest read), without the channel kind (channels holds it).
SELECT * EXCLUDE (channel_kind) FROM raw_messages
QUALIFY row_number() OVER (
    PARTITION BY message_id ORDER BY coalesce(edited_at, created_at) DESC, raw_seq DESC) = 1
