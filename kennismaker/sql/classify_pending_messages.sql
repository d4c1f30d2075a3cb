-- The classify stage's pending messages with their context (classify.stage.pending_messages): messages
-- without a label of $version, or whose text or reply parent changed. A message's conversation is
-- read from int_conversation_messages (last night's linking); a message linking has not seen yet
-- falls back to its thread, else itself, as the table's own rule does. Parameters: $model_id,
-- $version, $long_chars.
WITH usual_author AS (
    SELECT author_key, mode(lang) AS lang FROM messages
    WHERE lang IS NOT NULL AND lang <> 'und' AND length(text) >= $long_chars GROUP BY author_key
), usual_channel AS (
    SELECT channel_id, mode(lang) AS lang FROM messages
    WHERE lang IS NOT NULL AND lang <> 'und' AND length(text) >= $long_chars GROUP BY channel_id
), ctx AS (
    SELECT message_id, content_hash, text, attachment_count, urls, author_key, channel_id, created_at,
           coalesce(reply_to_id, CASE WHEN thread_id IS NOT NULL AND thread_id <> message_id THEN thread_id END,
                    inferred.parent_id) AS parent_id,
           conversation_id AS root_id,
           row_number() OVER (PARTITION BY conversation_id ORDER BY created_at, message_id) - 1 AS thread_position
    FROM (SELECT m.*, coalesce(i.conversation_id, m.thread_id, m.message_id) AS conversation_id
          FROM messages m LEFT JOIN int_conversation_messages i USING (message_id))
    LEFT JOIN (SELECT message_id, parent_id FROM reply_links
               WHERE method NOT IN ('reply_to', 'thread') AND parent_id <> message_id) inferred USING (message_id)
)
SELECT c.message_id, c.content_hash, c.text, c.attachment_count, c.urls,
       c.parent_id IS NOT NULL AS is_reply, c.thread_position::INTEGER AS thread_position, p.text AS parent_text,
       coalesce(c.parent_id IS NOT NULL AND c.author_key = r.author_key, false) AS author_is_asker,
       e.vector AS cached_vector, pe.vector AS parent_cached_vector, c.parent_id AS context_parent_id,
       c.author_key, c.channel_id, ua.lang AS author_lang, uc.lang AS channel_lang
FROM ctx c
LEFT JOIN usual_author ua ON ua.author_key = c.author_key
LEFT JOIN usual_channel uc ON uc.channel_id = c.channel_id
LEFT JOIN messages p ON p.message_id = c.parent_id
LEFT JOIN embeddings pe ON pe.content_hash = p.content_hash AND pe.model_id = $model_id
LEFT JOIN messages r ON r.message_id = c.root_id
LEFT JOIN message_labels l ON l.message_id = c.message_id
LEFT JOIN embeddings e ON e.content_hash = c.content_hash AND e.model_id = $model_id
WHERE l.message_id IS NULL OR l.model_version <> $version OR l.content_hash IS DISTINCT FROM c.content_hash
   OR l.context_parent_id IS DISTINCT FROM c.parent_id
ORDER BY c.message_id
