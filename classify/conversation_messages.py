"""``int_conversation_messages``: the conversation model, computed once right after answer linking.

One row per stored message (SQL in ``kennismaker/sql/int_conversation_messages.sql``): its
conversation, parent and position, whether it is usable, which question it answers for someone
else, whether the asker thanked it later in the conversation and whether it got a check mark.
Thanks and check marks are read by ``classify.linking_signals`` with the linking settings, the
same reading answer linking uses. Topics, every export and the analyst views read this table
instead of deriving conversations or answers themselves.

Rows never cross a channel, so ``link_answers`` rebuilds only the channels it relinked (plus
channels the table lacks, such as a store written before the table existed).
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pyarrow as pa

from kennismaker.classify.linking_config import LinkingConfig
from kennismaker.classify.linking_signals import has_reaction, says_any
from kennismaker.schema import INT_CONVERSATION_MESSAGES
from kennismaker.sql import sql, statements


def thanked_by_asker(followups: Sequence[str] | None, linking: LinkingConfig) -> bool:
    """Whether one of the asker's later posts says thanks (not negated: "Nee, dat werkt niet" is none)."""
    return any(says_any(t, linking.thanks_phrases) for t in followups or ())


def checkmarked(reactions: Sequence[str] | None, linking: LinkingConfig) -> bool:
    """Whether a reaction is one of the check marks answer linking counts."""
    return has_reaction(reactions, linking.checkmark_reactions)


def conversation_message_rows(con: duckdb.DuckDBPyConnection, linking: LinkingConfig, channels: Sequence[str] | None = None) -> pa.Table:
    """The ``int_conversation_messages`` rows of ``channels`` (all when None), cast to its schema."""
    rows = con.sql(sql("int_conversation_messages"), params={"channels": None if channels is None else list(channels)}).to_arrow_table()
    thanked = [thanked_by_asker(f, linking) for f in rows.column("asker_followups").to_pylist()]
    marks = [checkmarked(r, linking) for r in rows.column("reactions").to_pylist()]
    rows = rows.append_column("thanked", pa.array(thanked, pa.bool_())).append_column("checkmarked", pa.array(marks, pa.bool_()))
    return rows.select(INT_CONVERSATION_MESSAGES.columns).cast(INT_CONVERSATION_MESSAGES.schema)


def channels_to_rebuild(con: duckdb.DuckDBPyConnection, relinked: Sequence[str] | None) -> list[str] | None:
    """``relinked`` plus every channel with a message the table lacks; None (all) when ``relinked`` is None."""
    if relinked is None:
        return None
    missing = con.execute(statements("classify_store")["channels_missing_conversation_messages"]).fetchall()
    return sorted(set(relinked) | {r[0] for r in missing})


def rebuilt_conversation_messages(con: duckdb.DuckDBPyConnection, linking: LinkingConfig, relinked: Sequence[str] | None = None) -> list[str] | None:
    """Replace the table's rows of the channels to rebuild (inside the caller's transaction); returns those channels.

    Rows of messages no longer stored go too. ``relinked`` None rebuilds every channel.
    """
    channels = channels_to_rebuild(con, relinked)
    if channels is None:
        con.execute(f"DELETE FROM {INT_CONVERSATION_MESSAGES.name}").fetchall()
    else:
        con.execute(statements("classify_store")["delete_conversation_messages"], {"channels": channels}).fetchall()
    if channels is None or channels:
        rows = conversation_message_rows(con, linking, channels)
        con.register("__int_rows", rows)
        try:
            con.execute(f"INSERT INTO {INT_CONVERSATION_MESSAGES.name} SELECT * FROM __int_rows")
        finally:
            con.unregister("__int_rows")
    return channels


def ensure_conversation_messages(con: duckdb.DuckDBPyConnection, linking: LinkingConfig) -> list[str]:
    """Fill in the channels the table lacks (a store from before the table, a stage run on its own); returns them.

    On a store the classify stage has linked, this is one query that finds nothing to do.
    """
    return rebuilt_conversation_messages(con, linking, []) or []
