-- The classify stage's small queries (kennismaker.classify.*). Relations named __* are Arrow
-- tables the caller registers for the one statement.

-- name: changed_link_scopes
-- channels whose digest, message count or settings (__current_scopes) differ from link_scopes, or that it lacks
SELECT c.channel_id FROM __current_scopes c LEFT JOIN link_scopes s USING (channel_id)
WHERE s.channel_id IS NULL OR s.digest IS DISTINCT FROM c.digest OR s.messages <> c.messages
   OR s.settings IS DISTINCT FROM c.settings
ORDER BY 1

-- name: flat_channel_ids
-- channels in which no message has a thread or reply-to other than itself
SELECT channel_id FROM messages GROUP BY channel_id
HAVING bool_and(coalesce(thread_id, message_id) = message_id AND coalesce(reply_to_id, message_id) = message_id)
ORDER BY channel_id

-- name: threaded_messages
-- the non-deleted messages outside the flat channels $flat_channels (of $channels; all when NULL)
SELECT message_id, thread_id, reply_to_id FROM messages
WHERE NOT coalesce(is_deleted, false) AND NOT list_contains($flat_channels::VARCHAR[], channel_id)
  AND ($channels::VARCHAR[] IS NULL OR list_contains($channels::VARCHAR[], channel_id))
ORDER BY created_at, raw_seq, message_id

-- name: flat_channel_messages
-- the non-deleted messages of channel $channel_id with what reply reconstruction reads (vectors of $model_id)
SELECT m.message_id, m.author_key, epoch(m.created_at), m.text, m.mentions, l.p_question, p.display_name, e.vector
FROM messages m LEFT JOIN message_labels l USING (message_id) LEFT JOIN people p USING (author_key)
LEFT JOIN embeddings e ON e.content_hash = m.content_hash AND e.model_id = $model_id
WHERE m.channel_id = $channel_id AND NOT coalesce(m.is_deleted, false)
ORDER BY m.created_at, m.raw_seq, m.message_id

-- name: channel_name_hashes
-- the keyed name hashes (person_names) of the authors of channel $channel_id's non-deleted messages
SELECT DISTINCT n.name_hash, n.author_key FROM person_names n
WHERE n.author_key IN (SELECT author_key FROM messages WHERE channel_id = $channel_id AND NOT coalesce(is_deleted, false))

-- name: store_lang
UPDATE messages SET lang = r.lang FROM __lang_rows r WHERE messages.message_id = r.message_id

-- name: cached_vectors
-- the cached vectors of model $model_id for the content hashes __wanted_hashes
SELECT e.content_hash, e.vector FROM embeddings e JOIN __wanted_hashes w USING (content_hash) WHERE e.model_id = $model_id

-- name: channels_missing_conversation_messages
SELECT DISTINCT m.channel_id FROM messages m ANTI JOIN int_conversation_messages i USING (message_id)

-- name: delete_conversation_messages
-- the rows of int_conversation_messages of the channels $channels and of messages no longer stored
DELETE FROM int_conversation_messages
WHERE list_contains($channels::VARCHAR[], channel_id) OR message_id NOT IN (SELECT message_id FROM messages)
