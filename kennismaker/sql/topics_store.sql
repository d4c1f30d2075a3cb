-- The topic stage's small queries over its own tables (kennismaker.topics.assign, .refit, .tables).
-- Relations named __* are Arrow tables the caller registers for the one statement.

-- name: outlier_counts
-- (outliers, documents) among the eligible threads __eligible
SELECT count(*) FILTER (WHERE tt.topic_id = -1), count(*) FROM thread_topics tt JOIN __eligible USING (thread_id)

-- name: next_topic_id
SELECT coalesce(max(topic_id) + 1, 0) FROM topics

-- name: known_doc_hashes
SELECT thread_id, doc_hash FROM thread_topics

-- name: changed_thread_topics
-- the rows of __new_thread_topics that thread_topics does not hold as they are
SELECT * FROM __new_thread_topics EXCEPT SELECT * FROM thread_topics

-- name: removed_thread_count
SELECT count(*) FROM thread_topics WHERE thread_id NOT IN (SELECT thread_id FROM __live_threads)

-- name: remove_threads
DELETE FROM thread_topics WHERE thread_id NOT IN (SELECT thread_id FROM __live_threads)

-- name: topic_stats
-- per topic: threads, first start and last message of its threads (the catalog __topic_catalog)
SELECT tt.topic_id, count(*), min(c.started_at), max(c.last_at)
FROM thread_topics tt JOIN __topic_catalog c USING (thread_id) GROUP BY tt.topic_id

-- name: new_threads_since
SELECT coalesce(sum(new_threads), 0) FROM topic_runs WHERE started_at >= $since

-- name: last_outlier_share
SELECT outlier_share FROM topic_runs ORDER BY started_at DESC LIMIT 1
