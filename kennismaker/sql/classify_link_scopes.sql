-- classify.link_scope.channel_digests: one row per channel of messages with its message count and a
-- digest of everything answer linking reads from it (messages, labels, display names, the authors'
-- keyed name hashes, whether the embedder $model_id has a cached vector), so an unchanged channel is not relinked.
SELECT m.channel_id, count(*) AS messages,
       CAST(bit_xor(hash(m.message_id, m.content_hash, m.thread_id, m.reply_to_id, m.is_deleted, m.created_at,
            m.raw_seq, m.author_key, m.reactions, m.mentions, m.marked_answer, m.is_bot, l.label, l.p_answer,
            l.p_link_share, l.p_question, l.p_social, p.display_name, n.names, e.content_hash IS NOT NULL)) AS VARCHAR) AS digest
FROM messages m LEFT JOIN message_labels l USING (message_id) LEFT JOIN people p USING (author_key)
LEFT JOIN (SELECT author_key, list_sort(list(name_hash)) AS names FROM person_names GROUP BY author_key) n USING (author_key)
LEFT JOIN embeddings e ON e.content_hash = m.content_hash AND e.model_id = $model_id
GROUP BY m.channel_id
