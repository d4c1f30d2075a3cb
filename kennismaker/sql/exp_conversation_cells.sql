-- Table macro exp_conversation_cells(tz, grains): the cells a conversation of exp_messages belongs to,
-- one row per conversation and grain of the list grains: 'channel_topic_week' and 'channel_week' (the
-- export's), 'all_week' and 'all' (the morning report's, every channel together). The week is the
-- Monday, in time zone tz, of the conversation's first usable message; cell is the cell's key.
WITH root AS (
    SELECT conversation_id, channel_id, channel, topic_id, topic_label,
           CAST(date_trunc('week', timezone(tz, created_at)) AS DATE) AS week
    FROM exp_messages WHERE usable_position = 0
), cells AS (
    SELECT 'channel_topic_week' AS grain, conversation_id, channel_id, channel, topic_id, topic_label, week
    FROM root WHERE list_contains(grains, 'channel_topic_week')
    UNION ALL
    SELECT 'channel_week', conversation_id, channel_id, channel, CAST(NULL AS INTEGER), CAST(NULL AS VARCHAR), week
    FROM root WHERE list_contains(grains, 'channel_week')
    UNION ALL
    SELECT 'all_week', conversation_id, CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), CAST(NULL AS INTEGER),
           CAST(NULL AS VARCHAR), week
    FROM root WHERE list_contains(grains, 'all_week')
    UNION ALL
    SELECT 'all', conversation_id, CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), CAST(NULL AS INTEGER),
           CAST(NULL AS VARCHAR), CAST(NULL AS DATE)
    FROM root WHERE list_contains(grains, 'all')
)
SELECT *, concat_ws('|', grain, channel_id, coalesce(CAST(topic_id AS VARCHAR), '-'), CAST(week AS VARCHAR)) AS cell
FROM cells
