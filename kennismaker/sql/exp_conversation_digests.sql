-- exp_conversation_digests: per conversation, an order-free hash of everything the exports read of
-- it (its usable messages as exp_messages gives them, their question status and whether a cached
-- vector of model $model_id exists). A conversation whose digest is unchanged since the last
-- export keeps its cached export rows (exports/changes.py).
SELECT m.conversation_id, count(*) AS messages,
       CAST(bit_xor(hash(m.message_id, m.channel, m.author_key, m.created_at, m.text, m.urls, m.reaction_count, m.reactions,
            m.marked_answer, m.lang, m.content_hash, m.usable_position, m.answers_question_id, m.answer_score, m.thanked,
            m.checkmarked, m.label, m.p_answer, m.topic_id, m.topic_label, s.status, s.first_answer_at, s.answer_count,
            e.content_hash IS NOT NULL)) AS VARCHAR) AS digest
FROM exp_messages m
LEFT JOIN question_status s ON s.question_id = m.message_id
LEFT JOIN embeddings e ON e.content_hash = m.content_hash AND e.model_id = $model_id
GROUP BY m.conversation_id
