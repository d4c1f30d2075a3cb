-- What kennismaker eval --dataset reads back from the store it ran the pipeline on (classify.dataset_eval.pipeline_output).

-- name: labels
SELECT m.message_id, m.lang, l.label FROM messages m LEFT JOIN message_labels l USING (message_id)

-- name: answer_links
SELECT question_id, answer_id FROM answer_links

-- name: reply_parents
SELECT message_id, parent_id FROM reply_links WHERE parent_id <> message_id

-- name: conversations
SELECT message_id, conversation_id FROM conversations

-- name: question_status
SELECT question_id, status FROM question_status

-- name: model_versions
SELECT DISTINCT model_version FROM message_labels ORDER BY 1
