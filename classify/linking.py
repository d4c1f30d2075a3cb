"""Answer linking: which replies answer which questions, and the stage that recomputes it all.

``link_answers(con, cfg)`` rebuilds ``reply_links``, ``conversations``, ``answer_links`` and
``question_status`` from ``messages``, ``message_labels``, ``people`` and ``embeddings`` in one
transaction, and then ``int_conversation_messages`` (``classify.conversation_messages``), the
conversation model every later stage reads. Every answer is linked to at most one question (``classify.answer_decision`` decides
which, reading the conversation: who asked, who asks back, who thanks):

* ``marked``: the source marks the message as the accepted answer (score 1);
* ``thread``: threaded sources; the question up the reply chain, else the latest earlier question
  of another author in the thread;
* ``flat``: flat channels; the same, found by walking up the reconstructed reply parents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa

from kennismaker.classify.answer_decision import decided_links
from kennismaker.classify.conversation_messages import rebuilt_conversation_messages
from kennismaker.classify.flat import scorer_named
from kennismaker.classify.flat_store import flat_channel_ids, flat_rows, threaded_rows
from kennismaker.classify.link_scope import changed_channels, channel_digests, record_scopes, settings_digest
from kennismaker.classify.linking_config import LinkingConfig
from kennismaker.classify.status import question_status_rows
from kennismaker.errors import MissingPseudonymKeyError
from kennismaker.privacy import pseudonym_key
from kennismaker.schema import ANSWER_LINKS, CONVERSATIONS, QUESTION_STATUS, REPLY_LINKS, Table
from kennismaker.sql import sql


@dataclass(frozen=True)
class Post:
    """A non-deleted message with what answer linking needs (conversation, parent, label); ``flat``: in a flat channel."""

    message_id: str
    conversation_id: str
    parent_id: str | None
    parent_score: float
    flat: bool
    author: str
    at: datetime
    text: str
    reactions: tuple[str, ...]
    marked: bool
    is_bot: bool
    label: str | None
    p_answer: float | None
    p_link_share: float | None
    p_question: float | None = None
    p_social: float | None = None
    channel_id: str | None = None


def stored_posts(con: duckdb.DuckDBPyConnection, flat_ids: Sequence[str] | None = None, channels: Sequence[str] | None = None) -> list[Post]:
    """Every non-deleted message (of ``channels`` when given) joined with its conversation, reply link and label.

    ``flat`` marks the messages of the flat channels ``flat_ids`` (default: ``flat_channel_ids(con)``).
    """
    flat_ids = list(flat_channel_ids(con) if flat_ids is None else flat_ids)
    scope = None if channels is None else list(channels)
    return [
        Post(r[0], r[1], r[2], float(r[3]), bool(r[4]), r[5], r[6], r[7], tuple(r[8]), r[9], r[10], r[11], r[12], r[13], r[14], r[15], r[16])
        for r in con.execute(sql("classify_linking_posts"), {"flat_channels": flat_ids, "channels": scope}).fetchall()
    ]


def answer_link_rows(posts: Sequence[Post], linking: LinkingConfig) -> list[dict[str, Any]]:
    """``answer_links`` rows for all posts, decided per conversation (``classify.answer_decision``)."""
    by_id = {p.message_id: p for p in posts}
    pool = fallback_pools(posts, linking.flat_fallback_window)
    rows: list[dict[str, Any]] = []
    for conversation in conversations_of(posts):
        rows.extend(decided_links(conversation, by_id, pool, linking))
    return rows


def fallback_pools(posts: Sequence[Post], window: int) -> dict[str, list[Post]]:
    """Per message, the earlier posts where its question may be when its reply chain reaches none.

    Threaded: the earlier posts of its conversation. Flat: for a reply (a message the reconstruction
    gave a parent), the previous ``window`` posts of its channel, whatever conversation they are in;
    a message that starts a conversation has none.
    """
    pools: dict[str, list[Post]] = {}
    for conversation in conversations_of(posts):
        for k, post in enumerate(conversation):
            if not post.flat:
                pools[post.message_id] = conversation[:k]
    channels: dict[str | None, list[Post]] = {}
    for post in sorted((p for p in posts if p.message_id not in pools), key=lambda p: p.at):
        earlier = channels.setdefault(post.channel_id, [])
        pools[post.message_id] = earlier[-window:] if window > 0 and post.parent_id else []
        earlier.append(post)
    return pools


def conversations_of(posts: Sequence[Post]) -> list[list[Post]]:
    """Posts grouped by conversation, keeping their order (time order within a conversation)."""
    groups: dict[str, list[Post]] = {}
    for post in posts:
        groups.setdefault(post.conversation_id, []).append(post)
    return list(groups.values())


# Per table, the columns that name a message of the channels being relinked.
_SCOPED_COLUMNS = {
    "reply_links": ("message_id",), "conversations": ("message_id",),
    "answer_links": ("question_id", "answer_id"), "question_status": ("question_id",),
}


def _replace(con: duckdb.DuckDBPyConnection, table: Table, rows: list[dict[str, Any]], channels: Sequence[str] | None) -> int:
    """Replace a table's rows (those of ``channels`` when given) inside the caller's transaction."""
    if channels is None:
        con.execute(f"DELETE FROM {table.name}").fetchall()
    else:
        hit = " OR ".join(f"{c} IN (SELECT message_id FROM messages WHERE list_contains($channels::VARCHAR[], channel_id))"
                          for c in _SCOPED_COLUMNS[table.name])
        con.execute(f"DELETE FROM {table.name} WHERE {hit}", {"channels": list(channels)}).fetchall()
    if rows:
        data = pa.Table.from_pylist(rows, schema=table.schema)
        con.register("__linking_rows", data)
        try:
            con.execute(f"INSERT INTO {table.name} SELECT * FROM __linking_rows")
        finally:
            con.unregister("__linking_rows")
    return len(rows)


def configured_model_id(cfg: Any) -> str | None:
    """The embedder model id ``cfg.classify.embedder`` selects (None when there is none)."""
    embedder = getattr(getattr(cfg, "classify", None), "embedder", None)
    if embedder is None:
        return None
    from kennismaker.classify.embedders import embedder_model_id

    return embedder_model_id(embedder)


def link_answers(
    con: duckdb.DuckDBPyConnection, cfg: Any, linking: LinkingConfig | None = None, model_id: str | None = None,
    incremental: bool = True,
) -> dict[str, int]:
    """Recompute reply_links, conversations, answer_links and question_status in one transaction, then
    ``int_conversation_messages`` from them (``classify.conversation_messages``).

    Settings come from ``linking``, else ``cfg.classify.linking``, else the defaults; sentence
    vectors are read from ``embeddings`` for ``model_id`` (default: the configured embedder's id);
    similarity falls back to TF-IDF where no vector is cached. With ``incremental`` only the
    channels whose inputs changed since the last run are recomputed (``classify.link_scope``);
    the result is the same as a full recompute. Returns the row count of each table and
    ``channels_relinked``. Running it twice on the same tables changes nothing.
    """
    linking = linking or getattr(getattr(cfg, "classify", None), "linking", None) or LinkingConfig()
    model_id = model_id or configured_model_id(cfg)
    con.execute("BEGIN")
    try:
        scopes = channel_digests(con, model_id, settings_digest(linking, model_id))
        channels = changed_channels(con, scopes) if incremental else None
        flat_ids = flat_channel_ids(con)
        relinked = _relink(con, linking, model_id, flat_ids, channels, names_key(cfg, linking))
        rebuilt_conversation_messages(con, linking, channels)
        record_scopes(con, scopes)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    counts = {t.name: con.execute(f"SELECT count(*) FROM {t.name}").fetchall()[0][0]
              for t in (REPLY_LINKS, CONVERSATIONS, ANSWER_LINKS, QUESTION_STATUS)}
    counts["flat_channels"] = len(flat_ids)
    counts["channels_relinked"] = scopes.num_rows if channels is None else relinked
    return counts


def names_key(cfg: Any, linking: LinkingConfig) -> bytes | None:
    """The pseudonymisation key, when the configured flat scorer reads names (``flat.ffnn.v4``) and the
    config has one (else None: names then come from mentions and stored display names only)."""
    privacy = getattr(cfg, "privacy", None)
    if privacy is None or not scorer_named(linking.scorer).reads_names:
        return None
    try:
        return pseudonym_key(privacy, bool(getattr(cfg, "demo_mode", False)))
    except MissingPseudonymKeyError:
        return None


def _relink(con: duckdb.DuckDBPyConnection, linking: LinkingConfig, model_id: str | None, flat_ids: list[str],
            channels: list[str] | None, key: bytes | None = None) -> int:
    """Replace the four tables' rows of ``channels`` (all when None); returns how many channels were relinked."""
    if channels is not None and not channels:
        return 0
    scoped_flat = flat_ids if channels is None else sorted(set(flat_ids) & set(channels))
    thread_links, thread_convs = threaded_rows(con, flat_ids, channels)
    inferred, flat_convs = flat_rows(con, scoped_flat, linking, model_id, key)
    _replace(con, REPLY_LINKS, thread_links + inferred, channels)
    _replace(con, CONVERSATIONS, thread_convs + flat_convs, channels)
    posts = stored_posts(con, flat_ids, channels)
    links = answer_link_rows(posts, linking)
    _replace(con, ANSWER_LINKS, links, channels)
    _replace(con, QUESTION_STATUS, question_status_rows(posts, links, linking), channels)
    return len(channels or ())
