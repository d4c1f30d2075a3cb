"""The embedding cache: table ``embeddings`` keyed by (content_hash, model_id).

The topic stage reads the same table by ``(messages.content_hash, embedder_model_id(cfg))``.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa

from classify.embedders import Embedder
from kennismaker.schema import EMBEDDINGS
from kennismaker.store import upsert_arrow


def cached_vectors(con: duckdb.DuckDBPyConnection, model_id: str, content_hashes: list[str]) -> dict[str, np.ndarray]:
    """The cached vector per content hash (only the hashes that have one)."""
    if not content_hashes:
        return {}
    con.register("__wanted_hashes", pa.table({"content_hash": pa.array(sorted(set(content_hashes)), pa.string())}))
    try:
        rows = con.sql(
            "SELECT e.content_hash, e.vector FROM embeddings e JOIN __wanted_hashes w USING (content_hash) WHERE e.model_id = ?",
            params=[model_id],
        ).to_arrow_table()
    finally:
        con.unregister("__wanted_hashes")
    hashes = rows.column("content_hash").to_pylist()
    vectors = rows.column("vector").to_pylist()
    return {h: np.asarray(v, dtype=np.float32) for h, v in zip(hashes, vectors)}


def embedding_rows(model_id: str, content_hashes: list[str], vectors: np.ndarray) -> pa.Table:
    """Rows for the ``embeddings`` table."""
    return pa.table(
        {
            "content_hash": pa.array(content_hashes, pa.string()),
            "model_id": pa.array([model_id] * len(content_hashes), pa.string()),
            "vector": pa.array(list(np.asarray(vectors, dtype=np.float32)), pa.list_(pa.float32())),
        },
        schema=EMBEDDINGS.schema,
    )


def embeddings_for(con: duckdb.DuckDBPyConnection, embedder: Embedder, content_hashes: list[str], texts: list[str]) -> np.ndarray:
    """One vector per (content_hash, text), embedding and caching only hashes not cached yet."""
    found = cached_vectors(con, embedder.model_id, content_hashes)
    missing: dict[str, str] = {}
    for h, t in zip(content_hashes, texts):
        if h not in found:
            missing.setdefault(h, t)
    if missing:
        new = embedder.encode(list(missing.values()))
        upsert_arrow(con, EMBEDDINGS, embedding_rows(embedder.model_id, list(missing), new))
        found.update(zip(missing, new))
    if not content_hashes:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.stack([found[h] for h in content_hashes]).astype(np.float32)
