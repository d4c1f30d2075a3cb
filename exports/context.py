"""What every export reads: the reference time, the usable messages and the upstream tables.

Upstream tables that do not exist yet (no topics, no answer links) are replaced by empty
relations of the declared schema, so an export never crashes on them: its columns become NULL.
"""

from __future__ import annotations

from datetime import datetime, time, timezone
from typing import TYPE_CHECKING

import duckdb

from kennismaker.store import USABLE_SQL, conversation_sql, relation, table_exists, table_has_rows

if TYPE_CHECKING:
    from pipelines.config import Config  # the combined config sits on top; stages only type against it

__all__ = ["USABLE_SQL", "as_of", "answers_sql", "conversation_sql", "first_messages_sql", "messages_sql",
           "questions_sql", "relation", "table_exists", "table_has_rows"]


def as_of(cfg: Config, now: datetime | None = None) -> datetime:
    """The reference time of a run: ``exports.as_of`` or the start of the current UTC day (stable within a day)."""
    if cfg.exports.as_of is not None:
        ref = cfg.exports.as_of
        return ref if ref.tzinfo else ref.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return datetime.combine(now.astimezone(timezone.utc).date(), time(0), tzinfo=timezone.utc)


def messages_sql(con: duckdb.DuckDBPyConnection) -> str:
    """SELECT of the usable messages (no bots, not deleted) with conversation, channel, label and topic."""
    return f"""
    SELECT m.message_id, m.channel_id, coalesce(c.name, m.channel_id) AS channel, m.author_key,
           m.created_at, m.text, m.urls, coalesce(m.reaction_count, 0) AS reaction_count, m.reactions,
           coalesce(m.marked_answer, false) AS marked_answer, m.lang, m.content_hash,
           cv.conversation_id, l.label, l.p_answer, tt.topic_id, t.label AS topic_label
    FROM messages m
    JOIN ({conversation_sql(con)}) cv USING (message_id)
    LEFT JOIN {relation(con, 'channels')} c ON c.channel_id = m.channel_id
    LEFT JOIN {relation(con, 'message_labels')} l ON l.message_id = m.message_id
    LEFT JOIN {relation(con, 'thread_topics')} tt ON tt.thread_id = cv.conversation_id
    LEFT JOIN {relation(con, 'topics')} t ON t.topic_id = tt.topic_id
    WHERE {USABLE_SQL}
    """


def first_messages_sql(source: str = "msg") -> str:
    """SELECT of the first message (by time, then id) of every conversation in relation ``source``."""
    return f"SELECT * FROM {source} QUALIFY row_number() OVER (PARTITION BY conversation_id ORDER BY created_at, message_id) = 1"


def questions_sql(con: duckdb.DuckDBPyConnection) -> str:
    """SELECT of questions: rows of ``question_status`` when it has any, else messages labelled question.

    Columns: the message columns plus ``status`` (NULL without question_status).
    """
    msg = messages_sql(con)
    if table_has_rows(con, "question_status"):
        return f"SELECT q.*, s.status FROM ({msg}) q JOIN question_status s ON s.question_id = q.message_id"
    return f"SELECT q.*, CAST(NULL AS VARCHAR) AS status FROM ({msg}) q WHERE q.label = 'question'"


def answers_sql(con: duckdb.DuckDBPyConnection) -> str:
    """SELECT of answer links from someone other than the asker: question_id, answer_id, score, answer_author."""
    return f"""
    SELECT a.question_id, a.answer_id, coalesce(a.score, 0) AS score, am.author_key AS answer_author
    FROM {relation(con, 'answer_links')} a
    JOIN messages am ON am.message_id = a.answer_id
    JOIN messages qm ON qm.message_id = a.question_id
    WHERE am.author_key IS DISTINCT FROM qm.author_key
      AND NOT coalesce(am.is_deleted, false) AND NOT coalesce(am.is_bot, false)
    """
