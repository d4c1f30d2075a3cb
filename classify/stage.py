"""The classification stage: which messages need labels, labelling them, storing the results.

Two paths give the same labels because they share every piece: ``classify_messages`` (one
process) runs ``write_pending_partitions`` -> ``label_partition`` -> ``store_partition_results``,
and the scale-out flow runs the middle step on workers (it never touches the database).
"""

from __future__ import annotations

import math
import tempfile
from datetime import datetime, timezone
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from kennismaker.classify.cache import embedding_rows, vector_column, vector_matrix
from kennismaker.classify.config import EmbedderConfig
from kennismaker.classify.corpus import HEAD_CLASSES
from kennismaker.classify.embedders import Embedder, embedder_model_id, get_embedder
from kennismaker.classify.features import feature_matrix, frame_languages, parent_texts
from kennismaker.classify.head import Head, configured_head, model_version, primary_labels
from kennismaker.classify.sentences import question_candidates, reports_problem
from kennismaker.classify.thresholds import question_marks
from kennismaker.schema import EMBEDDINGS, MESSAGE_LABELS, TS
from kennismaker.sql import sql, statements
from kennismaker.store import upsert_arrow

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it

MODEL_ID_KEY = "kennismaker.embedder_model_id"
OUTPUT_SCHEMA = pa.schema(
    [f for f in MESSAGE_LABELS.schema] + [("lang", pa.string()), ("new_vector", pa.list_(pa.float32()))]
)


def pending_messages(con: duckdb.DuckDBPyConnection, model_id: str, version: str, long_chars: int = 40) -> pa.Table:
    """Messages without a label of ``version`` or whose text changed, with context columns, cached vectors and
    the usual language of their author and channel (from stored lines of at least ``long_chars`` characters)."""
    return con.sql(sql("classify_pending_messages"), params={"model_id": model_id, "version": version, "long_chars": long_chars}).to_arrow_table()


def write_pending_partitions(con: duckdb.DuckDBPyConnection, cfg: Config, work_dir: Path, n: int) -> list[Path]:
    """Parquet files of the messages that need labels, with context columns and cached vectors: ``n`` of them,
    or more when a partition would pass ``classify.partition_rows`` rows (a partition's vectors and labels are
    held in memory while it is labelled, so the row bound is what bounds the stage's memory)."""
    version = model_version(cfg.classify, cfg.model_dir)
    pending = pending_messages(con, embedder_model_id(cfg.classify.embedder), version, 2 * cfg.classify.language.short_letters)
    if pending.num_rows == 0:
        return []
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    size = min(math.ceil(pending.num_rows / max(1, n)), cfg.classify.partition_rows)
    paths = []
    for i, start in enumerate(range(0, pending.num_rows, size)):
        path = work_dir / f"pending-{i:04d}.parquet"
        pq.write_table(pending.slice(start, size), path)
        paths.append(path)
    return paths


@lru_cache(maxsize=2)
def _cached_embedder(cfg_json: str) -> Embedder:
    return get_embedder(EmbedderConfig.model_validate_json(cfg_json))


def partition_vectors(rows: pa.Table, cfg: Config) -> tuple[np.ndarray, list[bool]]:
    """A vector per row (cached ones reused, the rest embedded) and which rows were embedded now."""
    cached, has_cached = vector_matrix(rows.column("cached_vector"))
    todo = np.flatnonzero(~has_cached)
    if not len(todo):
        return cached, [False] * rows.num_rows
    embedder = _cached_embedder(cfg.classify.embedder.model_dump_json())
    texts = rows.column("text").take(pa.array(todo)).to_pylist()
    new = embedder.encode([t or "" for t in texts])
    vectors = cached if cached.shape[1] == embedder.dim else np.zeros((rows.num_rows, embedder.dim), np.float32)
    vectors[todo] = new
    return vectors, (~has_cached).tolist()


def parent_vectors(rows: pa.Table, vectors: np.ndarray, cfg: Config) -> np.ndarray:
    """A vector per row for the parent text it replies to (zeros for thread openers): the parent's cached
    vector, else that of a row in this partition with the same text, else embedded now."""
    out = np.zeros_like(vectors)
    parents = parent_texts(rows)
    cached, has_cached = vector_matrix(rows.column("parent_cached_vector"))
    by_text = {t: i for i, t in enumerate(rows.column("text").to_pylist())}
    todo: dict[str, list[int]] = {}
    for i, text in enumerate(parents):
        if not text:
            continue
        if has_cached[i]:
            out[i] = cached[i]
        elif text in by_text:
            out[i] = vectors[by_text[text]]
        else:
            todo.setdefault(text, []).append(i)
    if todo:
        new = _cached_embedder(cfg.classify.embedder.model_dump_json()).encode(list(todo))
        for vector, idx in zip(new, todo.values()):
            out[idx] = vector
    return out


def sentence_question_scores(texts: list[str | None], head: Head, embed: Callable[[list[str]], np.ndarray], cfg: Config) -> np.ndarray:
    """Per message, the highest P(question) of its asking sentences and of its text after an addressee
    (``classify.sentences.question_candidates``; 0 when none)."""
    picked = [(i, s) for i, t in enumerate(texts) for s in question_candidates(t)]
    out = np.zeros(len(texts), dtype=np.float32)
    if picked:
        sentences = [s for _, s in picked]
        scores = head.question_scores(sentences, embed(sentences), cfg.classify)
        np.maximum.at(out, np.array([i for i, _ in picked]), scores)
    return out


def with_asking_sentences(probs: np.ndarray, sentence_q: np.ndarray, is_reply: np.ndarray) -> np.ndarray:
    """``probs`` with ``p_question`` raised to the best asking sentence's score; in a reply that score is
    first multiplied by 1 - ``p_answer``: an answer that also asks something back stays an answer."""
    out = probs.copy()
    q, a = HEAD_CLASSES.index("question"), HEAD_CLASSES.index("answer")
    lift = np.where(is_reply, sentence_q * (1.0 - probs[:, a]), sentence_q)
    out[:, q] = np.maximum(probs[:, q], lift)
    return out


def with_problem_reports(probs: np.ndarray, texts: list[str | None], is_reply: np.ndarray, p_question: float) -> np.ndarray:
    """``probs`` with ``p_question`` raised to at least ``p_question`` for each post that opens its conversation
    (not a reply) by reporting a problem (``classify.sentences.reports_problem``); 0 changes nothing."""
    out = probs.copy()
    if p_question <= 0:
        return out
    q = HEAD_CLASSES.index("question")
    opens = np.array([not r and reports_problem(t) for t, r in zip(texts, is_reply)], dtype=bool)
    out[opens, q] = np.maximum(out[opens, q], p_question)
    return out


def message_labels(messages: pa.Table, vectors: np.ndarray, parent_vecs: np.ndarray, head: Head, cfg: Config,
                   embed: Callable[[list[str]], np.ndarray] | None = None) -> pa.Table:
    """Labels, class probabilities and language per message (columns of ``message_labels`` plus ``lang``).

    ``p_question`` is the text probe's, or higher when one of the message's sentences asks
    (``sentence_question_scores``; ``embed`` encodes those sentences, default the configured embedder)
    or when the message opens its conversation with a problem report (``with_problem_reports``).
    """
    langs = frame_languages(messages, cfg.classify)
    if messages.num_rows:
        parent_q = head.parent_questions(messages, parent_vecs, cfg.classify)
        probs = head.probabilities(feature_matrix(messages, vectors, langs, cfg.classify, parent_q))
        embed = embed or _cached_embedder(cfg.classify.embedder.model_dump_json()).encode
        texts, is_reply = messages.column("text").to_pylist(), np.array(_column_or_nulls(messages, "context_parent_id").is_valid())
        probs = with_asking_sentences(probs, sentence_question_scores(texts, head, embed, cfg), is_reply)
        probs = with_problem_reports(probs, texts, is_reply, cfg.classify.problem_report_p)
    else:
        probs = np.zeros((0, len(HEAD_CLASSES)))
    now = datetime.now(timezone.utc)
    columns = {
        "message_id": messages.column("message_id"),
        "label": pa.array(primary_labels(probs, head.thresholds, question_marks(messages.column("text").to_pylist())), pa.string()),
        **{f"p_{c}": pa.array(probs[:, i], pa.float32()) for i, c in enumerate(HEAD_CLASSES)},
        "model_version": pa.array([head.model_version] * messages.num_rows, pa.string()),
        "content_hash": messages.column("content_hash"),
        "context_parent_id": _column_or_nulls(messages, "context_parent_id"),
        "classified_at": pa.array([now] * messages.num_rows, TS),
        "lang": pa.array(langs, pa.string()),
    }
    return pa.table(columns)


def _column_or_nulls(table: pa.Table, name: str) -> pa.Array:
    if name in table.column_names:
        return table.column(name).combine_chunks().cast(pa.string())
    return pa.nulls(table.num_rows, pa.string())


def label_partition(path: Path, cfg: Config, out_dir: Path) -> Path:
    """Label one pending partition without database access; writes labels, lang and new vectors to Parquet."""
    rows = pq.read_table(path)
    vectors, embedded = partition_vectors(rows, cfg)
    embedder = _cached_embedder(cfg.classify.embedder.model_dump_json()) if any(embedded) else None
    head = configured_head(cfg.classify, cfg.model_dir, embedder)
    labels = message_labels(rows, vectors, parent_vectors(rows, vectors, cfg), head, cfg)
    out = labels.append_column("new_vector", vector_column(vectors, np.array(embedded, dtype=bool))).cast(OUTPUT_SCHEMA)
    out = out.replace_schema_metadata({MODEL_ID_KEY: embedder_model_id(cfg.classify.embedder)})
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"labels-{Path(path).stem}.parquet"
    pq.write_table(out, target)
    return target


def _store_lang(con: duckdb.DuckDBPyConnection, rows: pa.Table) -> None:
    con.register("__lang_rows", rows.select(["message_id", "lang"]))
    try:
        con.execute(statements("classify_store")["store_lang"])
    finally:
        con.unregister("__lang_rows")


def store_partition_results(con: duckdb.DuckDBPyConnection, paths: list[Path]) -> dict:
    """Store labelled partitions (labels, new vectors, lang); returns counts {labelled, embedded, cached}."""
    counts = {"labelled": 0, "embedded": 0, "cached": 0}
    for path in paths:
        rows = pq.read_table(path)
        new = rows.filter(rows.column("new_vector").is_valid())
        if new.num_rows:
            model_id = _model_id_of(rows)
            vectors, _ = vector_matrix(new.column("new_vector"))
            upsert_arrow(con, EMBEDDINGS, embedding_rows(model_id, new.column("content_hash").to_pylist(), vectors))
        upsert_arrow(con, MESSAGE_LABELS, rows)
        _store_lang(con, rows)
        counts["labelled"] += rows.num_rows
        counts["embedded"] += len(set(new.column("content_hash").to_pylist()))
        counts["cached"] += rows.num_rows - new.num_rows
    return counts


def _model_id_of(rows: pa.Table) -> str:
    meta = rows.schema.metadata or {}
    return meta[MODEL_ID_KEY.encode()].decode()


def classify_messages(con: duckdb.DuckDBPyConnection, cfg: Config) -> dict:
    """Label the messages that need it (new, changed or of an older model_version) and set their language.

    Returns counts {labelled, embedded, cached, skipped}.
    """
    total = con.sql("SELECT count(*) FROM messages").fetchall()[0][0]
    with tempfile.TemporaryDirectory(prefix="kennismaker-classify-") as tmp:
        paths = write_pending_partitions(con, cfg, Path(tmp) / "pending", _partition_count(con, cfg))
        outputs = [label_partition(p, cfg, Path(tmp) / "labelled") for p in paths]
        counts = store_partition_results(con, outputs)
    counts["skipped"] = total - counts["labelled"]
    return counts


def _partition_count(con: duckdb.DuckDBPyConnection, cfg: Config) -> int:
    total = con.sql("SELECT count(*) FROM messages").fetchall()[0][0]
    return max(1, math.ceil(total / cfg.classify.partition_rows))
