-- exports.unanswered.question_rows: every question with its asker, status, reply counts and whether
-- someone else answered it (exp_answers, or a reply by someone else marked as the answer). Replies are
-- counted from the asker's opening post when the asker started the conversation.
WITH msg AS (SELECT * FROM exp_messages), q0 AS (SELECT * FROM exp_questions), ans AS (SELECT * FROM exp_answers),
root AS (
    SELECT conversation_id, message_id AS root_id, author_key AS root_author, created_at AS root_at,
           text AS root_text, lang AS root_lang, content_hash AS root_hash
    FROM msg WHERE usable_position = 0),
q1 AS (  -- asker_opened: the asker started the conversation, with this question or an earlier post
    SELECT q0.*, root.*, coalesce(root.root_author = q0.author_key AND root.root_at <= q0.created_at, false) AS asker_opened
    FROM q0 LEFT JOIN root USING (conversation_id)),
q AS (
    SELECT *, CASE WHEN asker_opened THEN root_at ELSE created_at END AS opened_at,
              CASE WHEN asker_opened THEN root_id ELSE message_id END AS opening_id
    FROM q1),
rep AS (
    SELECT q.message_id AS question_id, count(r.message_id) AS replies,
           count(r.message_id) FILTER (WHERE r.author_key IS DISTINCT FROM q.author_key) AS other_replies,
           count(r.message_id) FILTER (WHERE r.author_key IS DISTINCT FROM q.author_key
                                        AND r.marked_answer) AS marked_answers
    FROM q LEFT JOIN msg r ON r.conversation_id = q.conversation_id AND r.message_id <> q.opening_id
                          AND r.created_at >= q.opened_at
    GROUP BY q.message_id)
SELECT q.message_id AS question_id, q.conversation_id, q.channel, q.author_key, q.created_at, q.lang,
       q.text, q.content_hash, q.topic_id, q.topic_label, q.status, rep.replies, rep.other_replies,
       q.message_id IN (SELECT question_id FROM ans) OR rep.marked_answers > 0 AS has_answer,
       row_number() OVER (PARTITION BY q.conversation_id ORDER BY q.created_at, q.message_id) = 1 AS opens_conversation,
       q.asker_opened, q.root_id, q.root_at, q.root_text, q.root_lang, q.root_hash
FROM q JOIN rep ON rep.question_id = q.message_id
ORDER BY q.created_at, q.message_id
