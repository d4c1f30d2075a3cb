"""The embedding cache: table ``embeddings`` keyed by (content_hash, model_id).

The topic stage reads the same table by ``(messages.content_hash, embedder_model_id(cfg))``.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa

from kennismaker.classify.embedders import Embedder
from kennismaker.schema import EMBEDDINGS
from kennismaker.sql import statements
from kennismaker.store import upsert_arrow


def cached_vectors(con: duckdb.DuckDBPyConnection, model_id: str, content_hashes: list[str]) -> dict[str, np.ndarray]:
    """The cached vector per content hash (only the hashes that have one)."""
    if not content_hashes:
        return {}
    con.register("__wanted_hashes", pa.table({"content_hash": pa.array(sorted(set(content_hashes)), pa.string())}))
    try:
        rows = con.sql(statements("classify_store")["cached_vectors"], params={"model_id": model_id}).to_arrow_table()
    finally:
        con.unregister("__wanted_hashes")
    hashes = rows.column("content_hash").to_pylist()
    vectors = rows.column("vector").to_pylist()
    return {h: np.asarray(v, dtype=np.float32) for h, v in zip(hashes, vectors)}


def vector_column(vectors: np.ndarray, present: np.ndarray | None = None) -> pa.ListArray:
    """A ``list<float32>`` column of the rows of ``vectors`` (null where ``present`` is False), built from the
    matrix's buffer: no Python object per number, so a partition's vectors cost their bytes, not ~8x that."""
    vectors = np.asarray(vectors, dtype=np.float32)
    present = np.ones(len(vectors), dtype=bool) if present is None else np.asarray(present, dtype=bool)
    dim = vectors.shape[1] if vectors.ndim == 2 else 0
    offsets = np.zeros(len(vectors) + 1, dtype=np.int32)
    np.cumsum(present * dim, out=offsets[1:])
    values = pa.array(vectors[present].reshape(-1), pa.float32())
    return pa.ListArray.from_arrays(pa.array(offsets), values, mask=pa.array(~present))


def vector_matrix(column: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """A float32 matrix of a ``list<float32>`` column (zeros where null) and the mask of non-null rows."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks() if column.num_chunks else pa.array([], column.type)
    has_vector = ~np.asarray(column.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    values = column.flatten().to_numpy(zero_copy_only=False)  # the non-null rows' numbers, without a copy
    present = int(has_vector.sum())
    dim = values.size // max(present, 1)
    dense = np.zeros((len(column), dim), dtype=np.float32)
    dense[has_vector] = values.reshape(present, dim)
    return dense, has_vector


def embedding_rows(model_id: str, content_hashes: list[str], vectors: np.ndarray) -> pa.Table:
    """Rows for the ``embeddings`` table."""
    return pa.table(
        {
            "content_hash": pa.array(content_hashes, pa.string()),
            "model_id": pa.array([model_id] * len(content_hashes), pa.string()),
            "vector": vector_column(vectors),
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
