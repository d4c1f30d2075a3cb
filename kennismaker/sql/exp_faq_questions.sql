-- exports.faq.question_rows: all questions in the order they were asked (the order the grouping visits them).
SELECT message_id AS question_id, author_key, created_at, text, content_hash, topic_id, topic_label
FROM exp_questions ORDER BY created_at, message_id
