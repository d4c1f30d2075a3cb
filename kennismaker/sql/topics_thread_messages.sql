-- topics.documents: the usable messages of the threads in the registered relation __topic_ids, in
-- conversation order, with their cached vector (model $model_id), whether they are substantive
-- (label in $substantive) and, when $with_text, their text.
SELECT i.conversation_id AS thread_id, e.vector, CASE WHEN $with_text THEN m.text END AS text,
       coalesce(list_contains($substantive::VARCHAR[], l.label), false) AS substantive
FROM int_conversation_messages i
JOIN messages m USING (message_id)
JOIN __topic_ids t ON t.thread_id = i.conversation_id
LEFT JOIN embeddings e ON e.content_hash = m.content_hash AND e.model_id = $model_id
LEFT JOIN message_labels l ON l.message_id = m.message_id
WHERE i.usable
ORDER BY i.conversation_id, m.created_at, m.message_id
