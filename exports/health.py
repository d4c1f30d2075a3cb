"""Group-level figures: ``knowledge_health`` and ``topic_trends``, as SQL shared by export and view.

A conversation belongs to one cell: the channel and the ISO week (Monday, in the configured
``timezone``) of its first message, and its topic. Every figure of a cell with fewer than ``privacy.min_group_size``
distinct authors is NULL, with ``suppressed`` true and a ``suppressed_reason``. The same SQL
backs the analyst views ``v_knowledge_health`` and ``v_topic_trends`` (docs/data-dictionary.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from kennismaker.exports.context import answers_sql, first_messages_sql, messages_sql, questions_sql, relation
from kennismaker.schema import EXPORTS
from kennismaker.store import week_sql

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it

_NO_TOPIC = "CAST(NULL AS INTEGER) AS topic_id, CAST(NULL AS VARCHAR) AS topic_label"
EXPORT_GRAINS = f"""
        SELECT 'channel_topic_week' AS grain, conversation_id, channel_id, channel, topic_id, topic_label, week FROM root
        UNION ALL
        SELECT 'channel_week', conversation_id, channel_id, channel, {_NO_TOPIC}, week FROM root"""
# The morning report's grains (exports/report_figures.py): every channel together, per week and for the whole period.
OVERALL_GRAINS = f"""
        SELECT 'all_week' AS grain, conversation_id, CAST(NULL AS VARCHAR) AS channel_id, CAST(NULL AS VARCHAR) AS channel,
               {_NO_TOPIC}, week FROM root
        UNION ALL
        SELECT 'all', conversation_id, CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), {_NO_TOPIC}, CAST(NULL AS DATE) FROM root"""


def cells_sql(con: duckdb.DuckDBPyConnection, tz: str, grains: str = EXPORT_GRAINS) -> str:
    """CTEs ``msg``, ``root`` (one row per conversation) and ``cells`` (``grains``, keyed by ``cell``)."""
    return f"""
    msg AS ({messages_sql(con)}),
    root AS (
        SELECT conversation_id, channel_id, channel, topic_id, topic_label, {week_sql('created_at', tz)} AS week
        FROM ({first_messages_sql()})),
    cells AS ({grains}),
    keyed AS (
        SELECT *, concat_ws('|', grain, channel_id, coalesce(CAST(topic_id AS VARCHAR), '-'), CAST(week AS VARCHAR)) AS cell
        FROM cells)"""


def knowledge_health_sql(con: duckdb.DuckDBPyConnection, k: int, tz: str, grains: str = EXPORT_GRAINS) -> str:
    """SELECT of the knowledge-health figures per cell of ``grains`` (default: channel (and topic) per week),
    suppressed below ``k`` authors."""
    share = "round(CAST({} AS DOUBLE) / nullif({}, 0), 6)"
    figures = {
        "authors": "conc.authors", "messages": "conc.messages", "threads": "th.threads", "questions": "coalesce(qs.questions, 0)",
        "answer_rate": share.format("qs.answered", "qs.questions"), "median_hours_to_first_answer": "round(qs.median_hours, 4)",
        "share_threads_1": share.format("th.t1", "th.threads"), "share_threads_2": share.format("th.t2", "th.threads"),
        "share_threads_3_4": share.format("th.t34", "th.threads"), "share_threads_5_plus": share.format("th.t5", "th.threads"),
        "median_thread_length": "th.median_len", "top1pct_share": share.format("conc.top1", "conc.messages"),
        "top10pct_share": share.format("conc.top10", "conc.messages"),
    }
    select = ",\n           ".join(f"CASE WHEN conc.authors >= {k} THEN {expr} END AS {name}" for name, expr in figures.items())
    return f"""
    WITH {cells_sql(con, tz, grains)},
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
    {question_stats_sql(con)}
    SELECT c.grain, c.channel_id, c.channel, c.topic_id, c.topic_label, c.week,
           {select},
           conc.authors < {k} AS suppressed,
           CASE WHEN conc.authors < {k} THEN 'fewer than {k} distinct authors' END AS suppressed_reason
    FROM (SELECT DISTINCT cell, grain, channel_id, channel, topic_id, topic_label, week FROM keyed) c
    JOIN conc USING (cell) JOIN th USING (cell) LEFT JOIN qs USING (cell)
    """


def question_stats_sql(con: duckdb.DuckDBPyConnection) -> str:
    """CTEs ``q1`` (per question: answered, hours to first answer) and ``qs`` (per cell)."""
    return f"""
    ans AS ({answers_sql(con)}),
    first_ans AS (
        SELECT a.question_id, min(m.created_at) AS first_at FROM ans a JOIN messages m ON m.message_id = a.answer_id
        GROUP BY a.question_id),
    q1 AS (
        SELECT q.message_id, q.conversation_id,
               coalesce(q.status = 'answered', false) OR f.question_id IS NOT NULL AS answered,
               date_diff('second', q.created_at, coalesce(s.first_answer_at, f.first_at)) / 3600.0 AS hours
        FROM ({questions_sql(con)}) q
        LEFT JOIN first_ans f ON f.question_id = q.message_id
        LEFT JOIN {relation(con, 'question_status')} s ON s.question_id = q.message_id),
    qs AS (
        SELECT cell, count(*) AS questions, count(*) FILTER (WHERE answered) AS answered,
               median(hours) FILTER (WHERE answered AND hours >= 0) AS median_hours
        FROM keyed JOIN q1 USING (conversation_id) GROUP BY cell)"""


def topic_trends_sql(con: duckdb.DuckDBPyConnection, k: int, tz: str) -> str:
    """SELECT of ``topic_trends`` with topic labels and distinct authors, suppressed below ``k`` authors."""
    figures = ("threads", "questions", "unanswered")
    select = ", ".join(f"CASE WHEN a.authors >= {k} THEN tr.{f} END AS {f}" for f in figures)
    return f"""
    WITH {cells_sql(con, tz)},
    authors AS (
        SELECT k.topic_id, k.week, count(DISTINCT m.author_key) AS authors
        FROM keyed k JOIN msg m USING (conversation_id) WHERE k.grain = 'channel_topic_week' AND k.topic_id IS NOT NULL
        GROUP BY k.topic_id, k.week)
    SELECT tr.topic_id, t.label AS topic_label, tr.week, CASE WHEN a.authors >= {k} THEN a.authors END AS authors, {select},
           coalesce(a.authors, 0) < {k} AS suppressed,
           CASE WHEN coalesce(a.authors, 0) < {k} THEN 'fewer than {k} distinct authors' END AS suppressed_reason
    FROM {relation(con, 'topic_trends')} tr
    LEFT JOIN {relation(con, 'topics')} t ON t.topic_id = tr.topic_id
    LEFT JOIN authors a ON a.topic_id = tr.topic_id AND a.week = tr.week
    """


def _ordered(con: duckdb.DuckDBPyConnection, sql: str, order: str, name: str) -> pa.Table:
    table = con.sql(f"SELECT * FROM ({sql}) ORDER BY {order}").to_arrow_table()
    return table.select(EXPORTS[name].names).cast(EXPORTS[name])


def knowledge_health(con: duckdb.DuckDBPyConnection, cfg: Config) -> pa.Table:
    """The knowledge-health export (schema ``EXPORTS['knowledge_health']``), by channel, week, grain, topic."""
    sql = knowledge_health_sql(con, cfg.privacy.min_group_size, cfg.timezone)
    return _ordered(con, sql, "channel_id, week, grain, topic_id NULLS FIRST", "knowledge_health")


def topic_trends(con: duckdb.DuckDBPyConnection, cfg: Config) -> pa.Table:
    """The topic-trends export (schema ``EXPORTS['topic_trends']``), by topic and week."""
    return _ordered(con, topic_trends_sql(con, cfg.privacy.min_group_size, cfg.timezone), "topic_id, week", "topic_trends")


def create_analyst_views(con: duckdb.DuckDBPyConnection, cfg: Config) -> list[str]:
    """(Re)create the views ``v_knowledge_health`` and ``v_topic_trends``; returns their names."""
    k = cfg.privacy.min_group_size
    con.execute(f"CREATE OR REPLACE VIEW v_knowledge_health AS {knowledge_health_sql(con, k, cfg.timezone)}")
    con.execute(f"CREATE OR REPLACE VIEW v_topic_trends AS {topic_trends_sql(con, k, cfg.timezone)}")
    return ["v_knowledge_health", "v_topic_trends"]


def first_answer_hours_sql(con: duckdb.DuckDBPyConnection, tz: str) -> str:
    """SELECT (answered, hours) per question: the same ``q1`` rule as the knowledge-health figures."""
    return f"WITH {cells_sql(con, tz, OVERALL_GRAINS)},\n{question_stats_sql(con)}\nSELECT answered, hours FROM q1"
