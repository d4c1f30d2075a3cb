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
from kennismaker.sql import sql, statements

# Bump when linking code changes what it derives from the same inputs (every channel is then relinked).
LINKING_VERSION = "2"

def settings_digest(linking: LinkingConfig, model_id: str | None) -> str:
    """A digest of the linking settings, the embedder id and ``LINKING_VERSION``."""
    data = {"linking": linking.model_dump(mode="json"), "model_id": model_id, "version": LINKING_VERSION}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def channel_digests(con: duckdb.DuckDBPyConnection, model_id: str | None, settings: str) -> pa.Table:
    """One ``link_scopes`` row per channel of ``messages``, as its inputs are now."""
    table = con.sql(sql("classify_link_scopes"), params={"model_id": model_id or ""}).to_arrow_table()
    return table.append_column("settings", pa.array([settings] * table.num_rows, pa.string()))


def changed_channels(con: duckdb.DuckDBPyConnection, current: pa.Table) -> list[str]:
    """Channels whose digest, message count or settings differ from ``link_scopes`` (or that it lacks)."""
    con.register("__current_scopes", current)
    try:
        rows = con.execute(statements("classify_store")["changed_link_scopes"]).fetchall()
    finally:
        con.unregister("__current_scopes")
    return [r[0] for r in rows]


def record_scopes(con: duckdb.DuckDBPyConnection, current: pa.Table) -> None:
    """Replace ``link_scopes`` with ``current`` (inside the caller's transaction)."""
    con.execute(f"DELETE FROM {LINK_SCOPES.name}").fetchall()
    con.register("__scopes", current.select(LINK_SCOPES.columns).cast(LINK_SCOPES.schema))
    try:
        con.execute(f"INSERT INTO {LINK_SCOPES.name} SELECT * FROM __scopes")
    finally:
        con.unregister("__scopes")
