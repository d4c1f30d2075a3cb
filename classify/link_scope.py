"""Which channels answer linking must recompute: the ones whose inputs changed since the last run.

Reply links, conversations, answer links and question status never cross a channel: flat
reconstruction, the fallback pools and every answer decision read one channel's messages only.
So ``link_answers`` keeps, per channel, a digest of everything it reads there (``link_scopes``):
each message's ids, thread and reply structure, time, author, text hash, reactions, mentions,
answer mark, bot flag and deletion, its label and probabilities, its author's display name and
whether a sentence vector is cached for it, plus the linking settings and embedder id. A channel
whose digest is unchanged keeps its rows; the others are recomputed and replaced.
"""

from __future__ import annotations

import hashlib
import json

import duckdb
import pyarrow as pa

from kennismaker.classify.linking_config import LinkingConfig
from kennismaker.schema import LINK_SCOPES

# Bump when linking code changes what it derives from the same inputs (every channel is then relinked).
LINKING_VERSION = "2"

_DIGEST_SQL = """
SELECT m.channel_id, count(*) AS messages,
       CAST(bit_xor(hash(m.message_id, m.content_hash, m.thread_id, m.reply_to_id, m.is_deleted, m.created_at,
            m.raw_seq, m.author_key, m.reactions, m.mentions, m.marked_answer, m.is_bot, l.label, l.p_answer,
            l.p_link_share, l.p_question, l.p_social, p.display_name, e.content_hash IS NOT NULL)) AS VARCHAR) AS digest
FROM messages m LEFT JOIN message_labels l USING (message_id) LEFT JOIN people p USING (author_key)
LEFT JOIN embeddings e ON e.content_hash = m.content_hash AND e.model_id = ?
GROUP BY m.channel_id
"""


def settings_digest(linking: LinkingConfig, model_id: str | None) -> str:
    """A digest of the linking settings, the embedder id and ``LINKING_VERSION``."""
    data = {"linking": linking.model_dump(mode="json"), "model_id": model_id, "version": LINKING_VERSION}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def channel_digests(con: duckdb.DuckDBPyConnection, model_id: str | None, settings: str) -> pa.Table:
    """One ``link_scopes`` row per channel of ``messages``, as its inputs are now."""
    table = con.sql(_DIGEST_SQL, params=[model_id or ""]).to_arrow_table()
    return table.append_column("settings", pa.array([settings] * table.num_rows, pa.string()))


def changed_channels(con: duckdb.DuckDBPyConnection, current: pa.Table) -> list[str]:
    """Channels whose digest, message count or settings differ from ``link_scopes`` (or that it lacks)."""
    con.register("__current_scopes", current)
    try:
        rows = con.execute(
            "SELECT c.channel_id FROM __current_scopes c LEFT JOIN link_scopes s USING (channel_id) "
            "WHERE s.channel_id IS NULL OR s.digest IS DISTINCT FROM c.digest OR s.messages <> c.messages "
            "OR s.settings IS DISTINCT FROM c.settings ORDER BY 1"
        ).fetchall()
    finally:
        con.unregister("__current_scopes")
    return [r[0] for r in rows]


def record_scopes(con: duckdb.DuckDBPyConnection, current: pa.Table) -> None:
    """Replace ``link_scopes`` with ``current`` (inside the caller's transaction)."""
    con.execute("DELETE FROM link_scopes").fetchall()
    con.register("__scopes", current.select(LINK_SCOPES.columns).cast(LINK_SCOPES.schema))
    try:
        con.execute("INSERT INTO link_scopes SELECT * FROM __scopes")
    finally:
        con.unregister("__scopes")
