-- exp_messages: the usable messages (no bots, not deleted) with their conversation and its facts
-- (int_conversation_messages), channel name, label and topic. What every export reads.
SELECT m.message_id, m.channel_id, coalesce(c.name, m.channel_id) AS channel, m.author_key,
       m.created_at, m.text, m.urls, coalesce(m.reaction_count, 0) AS reaction_count, m.reactions,
       coalesce(m.marked_answer, false) AS marked_answer, m.lang, m.content_hash,
       i.conversation_id, i.usable_position, i.answers_question_id, i.answer_score, i.is_answer, i.thanked, i.checkmarked,
       l.label, l.p_answer, tt.topic_id, t.label AS topic_label
FROM int_conversation_messages i
JOIN messages m USING (message_id)
LEFT JOIN channels c ON c.channel_id = m.channel_id
LEFT JOIN message_labels l ON l.message_id = m.message_id
LEFT JOIN thread_topics tt ON tt.thread_id = i.conversation_id
LEFT JOIN topics t ON t.topic_id = tt.topic_id
WHERE i.usable
