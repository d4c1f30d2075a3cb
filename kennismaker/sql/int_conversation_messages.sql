-- int_conversation_messages, the rows of the channels $channels (all channels when NULL).
-- The one rule for which conversation a message is in: the conversations table (written by answer
-- linking), else the thread, else the message alone. Parent: the reply, else the thread root, else
-- the reconstructed (inferred) reply link. position counts every message of the conversation,
-- usable_position only the usable ones (no bots, not deleted; 0 = the conversation's first post).
-- answers_question_id: the question this usable message answers for someone else (answer_links).
-- asker_followups (the asker's later usable posts, when the question is usable) feed the Python reading of the asker's thanks (classify.conversation_messages).
WITH scoped AS (
    SELECT * FROM messages
    WHERE $channels::VARCHAR[] IS NULL OR list_contains($channels::VARCHAR[], channel_id)
), conv AS (
    SELECT message_id, min(conversation_id) AS conversation_id FROM conversations GROUP BY message_id
), inferred AS (
    SELECT message_id, parent_id FROM reply_links WHERE method NOT IN ('reply_to', 'thread') AND parent_id <> message_id
), base AS (
    SELECT s.message_id, s.channel_id, coalesce(cv.conversation_id, s.thread_id, s.message_id) AS conversation_id,
           coalesce(s.reply_to_id, CASE WHEN s.thread_id IS NOT NULL AND s.thread_id <> s.message_id THEN s.thread_id END,
                    r.parent_id) AS parent_id,
           NOT coalesce(s.is_bot, false) AND NOT coalesce(s.is_deleted, false) AS usable,
           s.author_key, s.created_at, s.reactions
    FROM scoped s LEFT JOIN conv cv USING (message_id) LEFT JOIN inferred r USING (message_id)
), placed AS (
    SELECT *, (row_number() OVER (PARTITION BY conversation_id ORDER BY created_at, message_id) - 1)::INTEGER AS position,
           CASE WHEN usable THEN (row_number() OVER (PARTITION BY conversation_id, usable ORDER BY created_at, message_id) - 1)::INTEGER
           END AS usable_position
    FROM base
), answers AS (
    SELECT a.answer_id AS message_id, a.question_id, coalesce(a.score, 0)::DOUBLE AS score, qm.author_key AS asker,
           CASE WHEN NOT coalesce(qm.is_bot, false) AND NOT coalesce(qm.is_deleted, false) THEN qm.author_key END AS thanking_asker
    FROM answer_links a JOIN messages qm ON qm.message_id = a.question_id
    WHERE a.answer_id IN (SELECT message_id FROM scoped)
    QUALIFY row_number() OVER (PARTITION BY a.answer_id ORDER BY coalesce(a.score, 0) DESC, a.question_id) = 1
), linked AS (
    SELECT p.*, CASE WHEN p.usable AND a.asker IS DISTINCT FROM p.author_key THEN a.question_id END AS answers_question_id,
           CASE WHEN p.usable AND a.asker IS DISTINCT FROM p.author_key THEN a.score END AS answer_score, a.thanking_asker
    FROM placed p LEFT JOIN answers a USING (message_id)
)
SELECT l.message_id, l.channel_id, l.conversation_id, l.parent_id, l.position, l.usable, l.usable_position, l.author_key,
       l.created_at, l.answers_question_id, l.answer_score, l.answers_question_id IS NOT NULL AS is_answer, l.reactions,
       CASE WHEN l.answers_question_id IS NOT NULL THEN
           (SELECT list(f.text ORDER BY f.created_at, f.message_id) FROM placed fp JOIN messages f USING (message_id)
            WHERE fp.usable AND fp.conversation_id = l.conversation_id AND fp.author_key = l.thanking_asker AND fp.created_at > l.created_at)
       END AS asker_followups
FROM linked l
ORDER BY l.message_id
