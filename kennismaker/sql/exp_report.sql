-- The morning report's own queries (kennismaker.exports.report_figures); its group-level figures come
-- from exp_knowledge_health with the grains 'all_week' and 'all'.

-- name: answer_hours
-- (answered, hours to the first answer) of every question: the knowledge-health rule
SELECT answered, hours FROM exp_question_answer_hours

-- name: message_texts
SELECT message_id, author_key, text FROM messages WHERE message_id IN (SELECT unnest($ids::VARCHAR[]))
