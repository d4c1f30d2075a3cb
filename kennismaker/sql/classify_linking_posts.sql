-- classify.linking.stored_posts: every non-deleted message of the channels $channels (all when NULL)
-- joined with its conversation, reply link and label, in conversation order; flat tells whether its
-- channel is one of the flat channels $flat_channels.
SELECT m.message_id, c.conversation_id, r.parent_id, coalesce(r.score, 0), list_contains($flat_channels::VARCHAR[], m.channel_id),
       coalesce(m.author_key, ''), m.created_at, coalesce(m.text, ''), coalesce(m.reactions, []),
       coalesce(m.marked_answer, false), coalesce(m.is_bot, false), l.label, l.p_answer, l.p_link_share,
       l.p_question, l.p_social, m.channel_id
FROM messages m JOIN conversations c USING (message_id)
LEFT JOIN reply_links r USING (message_id) LEFT JOIN message_labels l USING (message_id)
WHERE NOT coalesce(m.is_deleted, false) AND ($channels::VARCHAR[] IS NULL OR list_contains($channels::VARCHAR[], m.channel_id))
ORDER BY c.conversation_id, m.created_at, m.raw_seq, m.message_id
