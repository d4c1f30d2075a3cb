-- Table macro exp_knowledge_health(min_authors, tz, grains): the knowledge-health figures per cell of
-- exp_conversation_cells(tz, grains); every figure of a cell with fewer than min_authors distinct
-- authors is NULL, with suppressed and suppressed_reason. Read by the knowledge_health export, the
-- morning report (grains 'all_week', 'all') and the analyst view v_knowledge_health.
WITH msg AS (SELECT * FROM exp_messages),
keyed AS (SELECT * FROM exp_conversation_cells(tz, grains)),
per_author AS (
    SELECT k.cell, m.author_key, count(*) AS n FROM keyed k JOIN msg m USING (conversation_id) GROUP BY k.cell, m.author_key),
ranked AS (
    SELECT *, row_number() OVER (PARTITION BY cell ORDER BY n DESC, author_key) AS rn,
           count(*) OVER (PARTITION BY cell) AS people FROM per_author),
conc AS (
    SELECT cell, count(DISTINCT author_key) AS authors, sum(n) AS messages,
           sum(n) FILTER (WHERE rn <= ceil(people * 0.01)) AS top1, sum(n) FILTER (WHERE rn <= ceil(people * 0.10)) AS top10
    FROM ranked GROUP BY cell),
lengths AS (SELECT conversation_id, count(*) AS len FROM msg GROUP BY conversation_id),
th AS (
    SELECT cell, count(*) AS threads, count(*) FILTER (WHERE len = 1) AS t1, count(*) FILTER (WHERE len = 2) AS t2,
           count(*) FILTER (WHERE len BETWEEN 3 AND 4) AS t34, count(*) FILTER (WHERE len >= 5) AS t5,
           CAST(median(len) AS DOUBLE) AS median_len
    FROM keyed JOIN lengths USING (conversation_id) GROUP BY cell),
qs AS (
    SELECT cell, count(*) AS questions, count(*) FILTER (WHERE answered) AS answered,
           median(hours) FILTER (WHERE answered AND hours >= 0) AS median_hours
    FROM keyed JOIN exp_question_answer_hours USING (conversation_id) GROUP BY cell)
SELECT c.grain, c.channel_id, c.channel, c.topic_id, c.topic_label, c.week,
       CASE WHEN conc.authors >= min_authors THEN conc.authors END AS authors,
       CASE WHEN conc.authors >= min_authors THEN conc.messages END AS messages,
       CASE WHEN conc.authors >= min_authors THEN th.threads END AS threads,
       CASE WHEN conc.authors >= min_authors THEN coalesce(qs.questions, 0) END AS questions,
       CASE WHEN conc.authors >= min_authors THEN round(CAST(qs.answered AS DOUBLE) / nullif(qs.questions, 0), 6) END AS answer_rate,
       CASE WHEN conc.authors >= min_authors THEN round(qs.median_hours, 4) END AS median_hours_to_first_answer,
       CASE WHEN conc.authors >= min_authors THEN round(CAST(th.t1 AS DOUBLE) / nullif(th.threads, 0), 6) END AS share_threads_1,
       CASE WHEN conc.authors >= min_authors THEN round(CAST(th.t2 AS DOUBLE) / nullif(th.threads, 0), 6) END AS share_threads_2,
       CASE WHEN conc.authors >= min_authors THEN round(CAST(th.t34 AS DOUBLE) / nullif(th.threads, 0), 6) END AS share_threads_3_4,
       CASE WHEN conc.authors >= min_authors THEN round(CAST(th.t5 AS DOUBLE) / nullif(th.threads, 0), 6) END AS share_threads_5_plus,
       CASE WHEN conc.authors >= min_authors THEN th.median_len END AS median_thread_length,
       CASE WHEN conc.authors >= min_authors THEN round(CAST(conc.top1 AS DOUBLE) / nullif(conc.messages, 0), 6) END AS top1pct_share,
       CASE WHEN conc.authors >= min_authors THEN round(CAST(conc.top10 AS DOUBLE) / nullif(conc.messages, 0), 6) END AS top10pct_share,
       conc.authors < min_authors AS suppressed,
       CASE WHEN conc.authors < min_authors THEN concat('fewer than ', min_authors, ' distinct authors') END AS suppressed_reason
FROM (SELECT DISTINCT cell, grain, channel_id, channel, topic_id, topic_label, week FROM keyed) c
JOIN conc USING (cell) JOIN th USING (cell) LEFT JOIN qs USING (cell)
