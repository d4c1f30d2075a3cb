-- topics.tables.trend_rows: per topic and week (Monday, in time zone $tz) of a thread's start (the
-- registered relation __topic_catalog), its threads, the questions asked in them and how many of
-- those are unanswered. Conversations of usable messages from int_conversation_messages.
WITH th AS (
    SELECT tt.thread_id, tt.topic_id, CAST(date_trunc('week', timezone($tz, c.started_at)) AS DATE) AS week
    FROM thread_topics tt JOIN __topic_catalog c USING (thread_id)
), q AS (
    SELECT i.conversation_id AS thread_id, count(*) AS questions,
           count(*) FILTER (WHERE qs.status = 'unanswered') AS unanswered
    FROM message_labels l JOIN int_conversation_messages i USING (message_id)
    LEFT JOIN question_status qs ON qs.question_id = l.message_id
    WHERE l.label = 'question' AND i.usable GROUP BY i.conversation_id
)
SELECT th.topic_id, th.week, count(*) AS threads,
       coalesce(sum(q.questions), 0) AS questions, coalesce(sum(q.unanswered), 0) AS unanswered
FROM th LEFT JOIN q USING (thread_id)
GROUP BY th.topic_id, th.week
