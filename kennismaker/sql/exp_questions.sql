-- exp_questions: the questions among exp_messages, with their status: the rows of question_status
-- when it holds any (answer linking ran), else the messages labelled question (status NULL).
SELECT q.*, s.status
FROM exp_messages q LEFT JOIN question_status s ON s.question_id = q.message_id
WHERE CASE WHEN EXISTS (SELECT 1 FROM question_status) THEN s.question_id IS NOT NULL ELSE q.label = 'question' END
