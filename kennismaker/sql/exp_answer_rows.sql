-- exports.tacit.answer_rows: every answer (an answer link from someone other than the asker, else a
-- message labelled answer) with its best question and what acknowledged it, by answer id; only the
-- answers to the questions $questions when that is not NULL (the FAQ export's published groups).
WITH cand AS (
    SELECT question_id, answer_id, score FROM exp_answers
    UNION ALL
    SELECT NULL, message_id, 0 FROM exp_messages WHERE label = 'answer' AND message_id NOT IN (SELECT answer_id FROM exp_answers)
), best AS (
    SELECT * FROM cand QUALIFY row_number() OVER (PARTITION BY answer_id ORDER BY score DESC, question_id) = 1
)
SELECT b.question_id, a.message_id AS answer_id, a.conversation_id, a.channel, a.author_key, a.created_at,
       a.lang, a.text, a.urls, a.reaction_count, a.reactions, a.marked_answer, a.topic_id, a.topic_label,
       coalesce(a.thanked, false) AS thanked, coalesce(a.checkmarked, false) AS checkmarked
FROM best b JOIN exp_messages a ON a.message_id = b.answer_id
WHERE $questions::VARCHAR[] IS NULL OR b.question_id IN (SELECT unnest($questions::VARCHAR[]))
ORDER BY a.message_id
