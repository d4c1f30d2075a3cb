-- The right to erasure (kennismaker.erasure, kennismaker.pipelines.erasure): who a person is in the
-- store, and every row they leave. The delete_* statements run in one transaction over the temp
-- tables __erased_keys (their author keys), __erased_ids (their messages) and __erased_candidates
-- (export candidate ids built on their messages).

-- name: author_keys_by_email
SELECT DISTINCT author_key FROM people WHERE email_key = $email_key

-- name: sources
SELECT DISTINCT source FROM people UNION SELECT DISTINCT source FROM messages

-- name: stored_author_keys
SELECT author_key FROM people WHERE author_key IN (SELECT unnest($keys::VARCHAR[]))
UNION SELECT author_key FROM messages WHERE author_key IN (SELECT unnest($keys::VARCHAR[]))

-- name: message_ids
SELECT message_id FROM messages WHERE author_key IN (SELECT unnest($keys::VARCHAR[])) ORDER BY 1

-- name: erased_keys
CREATE OR REPLACE TEMP TABLE __erased_keys AS SELECT unnest($keys::VARCHAR[]) AS author_key

-- name: erased_candidates
CREATE OR REPLACE TEMP TABLE __erased_candidates AS SELECT unnest($candidate_ids::VARCHAR[]) AS candidate_id

-- name: erased_ids
CREATE OR REPLACE TEMP TABLE __erased_ids AS
SELECT message_id, content_hash FROM messages WHERE author_key IN (SELECT author_key FROM __erased_keys)

-- name: forgotten_names
-- their names' keyed hashes stay, under $forgotten, so other people's messages naming them are still masked
INSERT INTO person_names SELECT DISTINCT name_hash, $forgotten, NULL FROM person_names
WHERE author_key IN (SELECT author_key FROM __erased_keys) ON CONFLICT DO NOTHING

-- name: delete_message_labels
DELETE FROM message_labels WHERE message_id IN (SELECT message_id FROM __erased_ids)

-- name: delete_reply_links
DELETE FROM reply_links WHERE message_id IN (SELECT message_id FROM __erased_ids) OR parent_id IN (SELECT message_id FROM __erased_ids)

-- name: delete_conversations
DELETE FROM conversations WHERE message_id IN (SELECT message_id FROM __erased_ids)

-- name: delete_int_conversation_messages
DELETE FROM int_conversation_messages WHERE message_id IN (SELECT message_id FROM __erased_ids)

-- name: delete_faq_grouping
-- the export caches name message ids in their rows and lists: emptied whole (the next export recomputes them)
DELETE FROM faq_grouping

-- name: delete_similar_matches
DELETE FROM similar_matches

-- name: delete_answered_snapshot
DELETE FROM answered_snapshot

-- name: delete_shown_texts
DELETE FROM shown_texts

-- name: delete_shown_names
DELETE FROM shown_names

-- name: delete_answer_links
DELETE FROM answer_links WHERE question_id IN (SELECT message_id FROM __erased_ids) OR answer_id IN (SELECT message_id FROM __erased_ids)

-- name: delete_question_status
DELETE FROM question_status WHERE question_id IN (SELECT message_id FROM __erased_ids)

-- name: delete_thread_topics
DELETE FROM thread_topics WHERE thread_id IN (SELECT message_id FROM __erased_ids)

-- name: delete_curation
DELETE FROM curation WHERE candidate_id IN (SELECT candidate_id FROM __erased_candidates)

-- name: delete_embeddings
-- a vector stays while someone else's message has the same text
DELETE FROM embeddings WHERE content_hash IN (SELECT content_hash FROM __erased_ids)
AND content_hash NOT IN (SELECT content_hash FROM messages
                         WHERE author_key NOT IN (SELECT author_key FROM __erased_keys) AND content_hash IS NOT NULL)

-- name: delete_messages
DELETE FROM messages WHERE author_key IN (SELECT author_key FROM __erased_keys)

-- name: delete_raw_messages
DELETE FROM raw_messages WHERE author_key IN (SELECT author_key FROM __erased_keys)

-- name: delete_people
DELETE FROM people WHERE author_key IN (SELECT author_key FROM __erased_keys)

-- name: delete_person_names
DELETE FROM person_names WHERE author_key IN (SELECT author_key FROM __erased_keys)

-- name: mentions
-- their key out of other messages' mentions
UPDATE messages SET mentions = list_filter(mentions, lambda m: NOT list_contains($keys::VARCHAR[], m))
WHERE len(list_intersect(mentions, $keys::VARCHAR[])) > 0

-- name: quarantine
-- quarantine records that quote the id or e-mail address as given
DELETE FROM quarantine WHERE list_bool_or([contains(lower(coalesce(excerpt, '')), lower(t)) for t in $terms::VARCHAR[]])

-- name: tombstone
INSERT INTO tombstones SELECT author_key, $email_key, now() FROM __erased_keys ON CONFLICT DO NOTHING

-- name: their_name_hashes
SELECT DISTINCT name_hash FROM person_names WHERE author_key IN (SELECT unnest($keys::VARCHAR[]))

-- name: texts
SELECT message_id, text FROM messages WHERE text IS NOT NULL AND text <> ''

-- name: scrub_messages
UPDATE messages SET text = s.text FROM __scrubbed s WHERE messages.message_id = s.message_id

-- name: scrub_raw_messages
UPDATE raw_messages SET text = s.text FROM __scrubbed s WHERE raw_messages.message_id = s.message_id
