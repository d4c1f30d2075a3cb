-- exp_question_answer_hours: per question of exp_questions, whether it was answered (status answered,
-- or an answer from someone else in exp_answers) and the hours to its first answer. The one rule the
-- knowledge-health figures and the morning report's time to first answer read.
WITH first_ans AS (
    SELECT a.question_id, min(m.created_at) AS first_at FROM exp_answers a JOIN messages m ON m.message_id = a.answer_id
    GROUP BY a.question_id
)
SELECT q.message_id, q.conversation_id,
       coalesce(q.status = 'answered', false) OR f.question_id IS NOT NULL AS answered,
       date_diff('second', q.created_at, coalesce(s.first_answer_at, f.first_at)) / 3600.0 AS hours
FROM exp_questions q
LEFT JOIN first_ans f ON f.question_id = q.message_id
LEFT JOIN question_status s ON s.question_id = q.message_id
