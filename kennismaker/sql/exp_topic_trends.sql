-- Table macro exp_topic_trends(min_authors, tz): topic_trends with topic labels and the distinct
-- authors of each topic and week (the cells 'channel_topic_week' of exp_conversation_cells); every
-- figure of a row with fewer than min_authors authors is NULL, with suppressed and suppressed_reason.
-- Read by the topic_trends export and the analyst view v_topic_trends.
WITH authors AS (
    SELECT k.topic_id, k.week, count(DISTINCT m.author_key) AS authors
    FROM exp_conversation_cells(tz, ['channel_topic_week']) k JOIN exp_messages m USING (conversation_id)
    WHERE k.topic_id IS NOT NULL
    GROUP BY k.topic_id, k.week)
SELECT tr.topic_id, t.label AS topic_label, tr.week, CASE WHEN a.authors >= min_authors THEN a.authors END AS authors,
       CASE WHEN a.authors >= min_authors THEN tr.threads END AS threads,
       CASE WHEN a.authors >= min_authors THEN tr.questions END AS questions,
       CASE WHEN a.authors >= min_authors THEN tr.unanswered END AS unanswered,
       coalesce(a.authors, 0) < min_authors AS suppressed,
       CASE WHEN coalesce(a.authors, 0) < min_authors THEN concat('fewer than ', min_authors, ' distinct authors') END AS suppressed_reason
FROM topic_trends tr
LEFT JOIN topics t ON t.topic_id = tr.topic_id
LEFT JOIN authors a ON a.topic_id = tr.topic_id AND a.week = tr.week
