"""What every export reads: the reference time and the export views over the conversation model.

``exp_messages``, ``exp_questions`` and ``exp_answers`` (kennismaker/sql/, created with the
schema) read ``int_conversation_messages``: which conversation a message is in, whether it is
usable, which question it answers and whether the asker thanked it are decided there, once.
"""

from __future__ import annotations

from datetime import datetime, time, timezone
from typing import TYPE_CHECKING

import duckdb

from kennismaker.store import relation, table_exists, table_has_rows

__all__ = ["as_of", "answers_sql", "first_messages_sql", "messages_sql", "questions_sql", "relation", "table_exists",
           "table_has_rows"]

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it


def as_of(cfg: Config, now: datetime | None = None) -> datetime:
    """The reference time of a run: ``exports.as_of`` or the start of the current UTC day (stable within a day)."""
    if cfg.exports.as_of is not None:
        ref = cfg.exports.as_of
        return ref if ref.tzinfo else ref.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return datetime.combine(now.astimezone(timezone.utc).date(), time(0), tzinfo=timezone.utc)


def messages_sql(con: duckdb.DuckDBPyConnection | None = None) -> str:
    """SELECT of the usable messages (no bots, not deleted) with conversation, channel, label and topic."""
    return "SELECT * FROM exp_messages"


def first_messages_sql(source: str = "msg") -> str:
    """SELECT of the first usable message of every conversation in relation ``source`` (of ``exp_messages``)."""
    return f"SELECT * FROM {source} WHERE usable_position = 0"


def questions_sql(con: duckdb.DuckDBPyConnection | None = None) -> str:
    """SELECT of questions: rows of ``question_status`` when it has any, else messages labelled question.

    Columns: the message columns plus ``status`` (NULL without question_status).
    """
    return "SELECT * FROM exp_questions"


def answers_sql(con: duckdb.DuckDBPyConnection | None = None) -> str:
    """SELECT of answer links from someone other than the asker: question_id, answer_id, score, answer_author."""
    return "SELECT * FROM exp_answers"
