-- exp_answers: answer links from someone other than the asker, the answer usable (read from
-- int_conversation_messages): question_id, answer_id, score, answer_author.
SELECT answers_question_id AS question_id, message_id AS answer_id, answer_score AS score, author_key AS answer_author
FROM int_conversation_messages
WHERE is_answer
