"""Thread documents: which messages form a conversation, its text and its vector.

A topic document is a whole conversation (root + replies; bots and deleted messages left out),
not a single chat line. Conversations and which messages are usable come from
``int_conversation_messages`` (built once after answer linking). A thread's
vector is the weighted mean of its messages' cached embeddings (the root counts ``root_weight``
times), L2-normalised: no second embedding pass over messages.

What a thread is about lives in its questions, answers and link shares; "thanks!", "+1", "bump"
and "check" say nothing about the subject and look alike in every thread. So when a thread holds
at least one message labelled question, answer or link share, only those messages make up its
vector and its text; a thread without such labels (not labelled yet, or a long announcement)
uses all its messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import duckdb
import numpy as np
import pyarrow as pa

from kennismaker.classify.cache import vector_matrix
from kennismaker.sql import sql

SUBSTANTIVE = ("question", "answer", "link_share")  # labels that say what a thread is about


@dataclass(frozen=True)
class ThreadChunk:
    """Threads with their vectors (one L2-normalised row each) and, when asked for, their texts."""

    thread_ids: list[str]
    vectors: np.ndarray
    texts: list[str] | None


def thread_catalog(con: duckdb.DuckDBPyConnection, model_id: str) -> pa.Table:
    """One row per conversation: thread_id, started_at, last_at, chars, n_vectors, all_social, substantive, doc_hash.

    ``doc_hash`` changes whenever a message is added, edited, relabelled or gets its cached vector,
    so a thread is re-assigned exactly when its document changed. Sorted by thread_id.
    """
    return con.sql(sql("topics_thread_catalog"), params={"model_id": model_id, "substantive": list(SUBSTANTIVE)}).to_arrow_table()


def eligible_mask(catalog: pa.Table, min_chars: int, long_chars: int | None = None) -> np.ndarray:
    """Which catalog rows are topic documents: long enough, not all social, with a cached vector.

    With ``long_chars``, a labelled thread must also hold a question, an answer or a link share (what
    people ask and share about), unless it is at least ``long_chars`` long (a substantial
    announcement). Threads without any label yet are judged on length alone.
    """
    chars = catalog.column("chars").to_numpy(zero_copy_only=False)
    social = catalog.column("all_social").to_numpy(zero_copy_only=False)
    vectors = catalog.column("n_vectors").to_numpy(zero_copy_only=False)
    mask = (chars >= min_chars) & ~social.astype(bool) & (vectors > 0)
    if long_chars is not None and "substantive" in catalog.column_names:
        substantive = catalog.column("substantive").to_numpy(zero_copy_only=False).astype(bool)
        unlabelled = catalog.column("n_labelled").to_numpy(zero_copy_only=False) == 0
        mask &= substantive | unlabelled | (chars >= long_chars)
    return mask


def sampled_ids(thread_ids: list[str], size: int, seed: int) -> list[str]:
    """A seeded, sorted sample of at most ``size`` thread ids (all of them when fewer)."""
    ordered = sorted(thread_ids)
    if len(ordered) <= size:
        return ordered
    picks = np.random.default_rng(seed).choice(len(ordered), size=size, replace=False)
    return [ordered[i] for i in sorted(picks)]


def _message_rows(con: duckdb.DuckDBPyConnection, ids: list[str], model_id: str, with_text: bool) -> pa.Table:
    con.register("__topic_ids", pa.table({"thread_id": pa.array(ids, pa.string())}))
    try:
        params = {"model_id": model_id, "substantive": list(SUBSTANTIVE), "with_text": with_text}
        return con.sql(sql("topics_thread_messages"), params=params).to_arrow_table()
    finally:
        con.unregister("__topic_ids")


def group_has_any(group_starts: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Per row, whether any row of its group (groups start at ``group_starts``) is set in ``mask``."""
    per_group = np.maximum.reduceat(mask.astype(np.int8), group_starts).astype(bool)
    return np.repeat(per_group, np.diff(np.r_[group_starts, len(mask)]))


def document_rows(group_starts: np.ndarray, substantive: np.ndarray) -> np.ndarray:
    """Which rows make up their group's document: the substantive ones, or all rows of a group without any."""
    return substantive | ~group_has_any(group_starts, substantive)


def weighted_vectors(group_starts: np.ndarray, vectors: np.ndarray, has_vector: np.ndarray, root: np.ndarray, root_weight: float) -> np.ndarray:
    """Per group, the L2-normalised weighted mean of the rows that have a vector (roots weigh more)."""
    weights = np.where(root, root_weight, 1.0) * has_vector
    sums = np.add.reduceat(vectors * weights[:, None], group_starts, axis=0)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return (sums / np.where(norms == 0, 1.0, norms)).astype(np.float32)


def _chunk_from_rows(rows: pa.Table, root_weight: float, max_chars: int, with_text: bool) -> ThreadChunk:
    ids = rows.column("thread_id").to_numpy(zero_copy_only=False)
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    vectors, has_vector = vector_matrix(rows.column("vector"))
    used = document_rows(starts, rows.column("substantive").to_numpy(zero_copy_only=False).astype(bool))
    # a thread whose used rows have no vector falls back to all its rows (the catalog guarantees one)
    used |= ~group_has_any(starts, used & has_vector)
    root = np.zeros(len(ids), dtype=bool)
    root[starts] = True
    texts = None
    if with_text:
        raw = rows.column("text").to_pylist()
        bounds = list(starts) + [len(ids)]
        texts = ["\n".join(t for t, u in zip(raw[a:b], used[a:b]) if t and u)[:max_chars] for a, b in zip(bounds[:-1], bounds[1:])]
    return ThreadChunk([str(ids[i]) for i in starts], weighted_vectors(starts, vectors, has_vector & used, root, root_weight), texts)


def thread_chunks(
    con: duckdb.DuckDBPyConnection,
    thread_ids: list[str],
    model_id: str,
    *,
    root_weight: float,
    max_chars: int,
    chunk_size: int,
    with_text: bool,
) -> Iterator[ThreadChunk]:
    """The given threads (which must have at least one cached vector) in chunks of ``chunk_size``."""
    ordered = sorted(thread_ids)
    for start in range(0, len(ordered), chunk_size):
        rows = _message_rows(con, ordered[start : start + chunk_size], model_id, with_text)
        if rows.num_rows:
            yield _chunk_from_rows(rows, root_weight, max_chars, with_text)
