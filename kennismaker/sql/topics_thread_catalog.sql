-- topics.documents.thread_catalog: one row per conversation of usable messages (int_conversation_messages).
-- doc_hash changes whenever a message is added, edited, relabelled or gets its cached vector.
-- Parameters: $model_id (the embedder's cached vectors), $substantive (labels that say what a thread is about).
SELECT i.conversation_id AS thread_id,
       min(m.created_at) AS started_at,
       max(m.created_at) AS last_at,
       sum(length(coalesce(m.text, ''))) AS chars,
       count(e.content_hash) AS n_vectors,
       bool_and(coalesce(l.label = 'social', false)) AS all_social,
       bool_or(coalesce(list_contains($substantive::VARCHAR[], l.label), false)) AS substantive,
       count(l.message_id) AS n_labelled,
       md5(string_agg(coalesce(m.content_hash, m.message_id) || CASE WHEN e.content_hash IS NULL
           THEN '-' ELSE '+' END || coalesce(l.label, ''), ',' ORDER BY m.message_id)) AS doc_hash
FROM int_conversation_messages i
JOIN messages m USING (message_id)
LEFT JOIN embeddings e ON e.content_hash = m.content_hash AND e.model_id = $model_id
LEFT JOIN message_labels l ON l.message_id = m.message_id
WHERE i.usable
GROUP BY i.conversation_id
ORDER BY thread_id
