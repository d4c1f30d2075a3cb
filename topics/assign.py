"""The topic stage: ``assign_topics(con, cfg, refit=False)``.

Each run reads the thread catalog, decides whether to refit (``refit_reason``), then either fits
BERTopic on a seeded sample and aligns the new topics to the old stable ids, or only transforms
threads that are new or changed. All other threads keep their row, so a run without new data
changes no row of ``topics``, ``thread_topics`` or ``topic_trends``.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kennismaker.classify.conversation_messages import ensure_conversation_messages
from kennismaker.sql import statements
from kennismaker.store import ensure_schema
from kennismaker.topics.config import RefitConfig
from kennismaker.topics.documents import ThreadChunk, eligible_mask, sampled_ids, thread_catalog, thread_chunks
from kennismaker.topics.model import EmbedderBackend, loaded_model, similarity_to_topics, transformed_topics
from kennismaker.topics.refit import refitted_manifest
from kennismaker.topics.stable_ids import Manifest, read_manifest, topics_dir
from kennismaker.topics.tables import (
    changed_thread_topics,
    ensure_thread_topics_columns,
    known_doc_hashes,
    recorded_run,
    removed_threads,
    runs_since,
    write_summary_tables,
)

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it


def refit_reason(
    requested: bool,
    manifest: Manifest | None,
    embedder_id: str,
    pending: int,
    new_share: float,
    last_outlier_share: float | None,
    now: datetime,
    cfg: RefitConfig,
) -> str | None:
    """Why the model must be fitted (again) now, or None to keep it and only transform.

    Automatic reasons other than a missing model or a changed embedder need new or changed
    threads, and never fire within ``cfg.min_days`` of the last fit.
    """
    if requested:
        return "requested"
    if manifest is None:
        return "no model yet"
    if manifest.embedder_id != embedder_id:
        return "embedder changed"
    age = now - datetime.fromisoformat(manifest.fitted_at)
    if pending == 0 or age < timedelta(days=cfg.min_days):
        return None
    if cfg.every_days and age >= timedelta(days=cfg.every_days):
        return f"model older than {cfg.every_days} days"
    if last_outlier_share is not None and last_outlier_share > cfg.max_outlier_share:
        return f"outlier share {last_outlier_share:.2f} above {cfg.max_outlier_share}"
    if new_share > cfg.max_new_share:
        return f"new threads since the fit {new_share:.2f} above {cfg.max_new_share}"
    return None


def thread_topic_rows(chunk: ThreadChunk, topics: np.ndarray, sims: np.ndarray, hashes: dict[str, str]) -> pa.Table:
    """``thread_topics`` rows for a chunk of threads with their stable topic ids."""
    return pa.table(
        {
            "thread_id": pa.array(chunk.thread_ids, pa.string()),
            "topic_id": pa.array(topics, pa.int32()),
            "probability": pa.array(sims, pa.float32()),
            "doc_hash": pa.array([hashes[t] for t in chunk.thread_ids], pa.string()),
        }
    )


def transformed_rows(con, cfg: Config, model, manifest: Manifest, ids: list[str], hashes: dict[str, str]) -> int:
    """Transform ``ids`` chunk by chunk with the saved model and write their rows; rows changed."""
    tcfg = cfg.topics
    with_text = tcfg.outliers.strategy in ("c-tf-idf", "distributions")
    changed = 0
    chunks = thread_chunks(
        con, ids, manifest.embedder_id, root_weight=tcfg.root_weight, max_chars=tcfg.max_doc_chars,
        chunk_size=tcfg.chunk_size, with_text=with_text,
    )
    for chunk in chunks:
        docs = chunk.texts if with_text else [""] * len(chunk.thread_ids)
        topics, sims = transformed_topics(model, docs, chunk.vectors, tcfg.outliers)
        changed += changed_thread_topics(con, thread_topic_rows(chunk, manifest.stable(topics), sims, hashes))
    return changed


def outlier_share(con: duckdb.DuckDBPyConnection, eligible_ids: list[str]) -> float:
    """Share of topic documents (eligible threads) whose topic is -1."""
    if not eligible_ids:
        return 0.0
    con.register("__eligible", pa.table({"thread_id": pa.array(eligible_ids, pa.string())}))
    try:
        out = con.execute(statements("topics_store")["outlier_counts"]).fetchall()[0]
    finally:
        con.unregister("__eligible")
    return round(out[0] / out[1], 4) if out[1] else 0.0


def _fit_and_write(con, cfg: Config, backend, catalog: pa.Table, eligible: list[str], previous: Manifest | None, hashes) -> Manifest | None:
    """Fit on a sample of ``eligible``, write the sample's rows, transform every other thread."""
    tcfg = cfg.topics
    sample = sampled_ids(eligible, tcfg.sample_size, tcfg.seed)
    chunks = list(thread_chunks(con, sample, _embedder_id(cfg), root_weight=tcfg.root_weight,
                                max_chars=tcfg.max_doc_chars, chunk_size=tcfg.chunk_size, with_text=True))
    fit = ThreadChunk(
        [t for c in chunks for t in c.thread_ids], np.vstack([c.vectors for c in chunks]), [t for c in chunks for t in c.texts]
    )
    result = refitted_manifest(con, cfg, backend, fit, previous, _embedder_id(cfg))
    if result is None:
        return None
    manifest, model, topics = result
    sims = similarity_to_topics(model, fit.vectors, topics)
    changed_thread_topics(con, thread_topic_rows(fit, manifest.stable(topics), sims, hashes))
    fitted = set(fit.thread_ids)
    rest = [t for t in catalog.column("thread_id").to_pylist() if t not in fitted and t in hashes]
    transformed_rows(con, cfg, model, manifest, rest, hashes)
    return manifest


def _embedder_id(cfg: Config) -> str:
    from kennismaker.classify.embedders import embedder_model_id

    return embedder_model_id(cfg.classify.embedder)


def _backend(cfg: Config) -> EmbedderBackend:
    from kennismaker.classify.embedders import get_embedder

    return EmbedderBackend(lambda: get_embedder(cfg.classify.embedder))


def _run_inputs(con, cfg: Config, embedder_id: str) -> tuple[pa.Table, dict[str, str], list[str], list[str], list[str]]:
    """The catalog, doc hashes of threads with vectors, eligible ids, pending (new or changed) and new ids."""
    catalog = thread_catalog(con, embedder_id)
    with_vectors = catalog.filter(pc.greater(catalog.column("n_vectors"), 0))
    hashes = dict(zip(with_vectors.column("thread_id").to_pylist(), with_vectors.column("doc_hash").to_pylist()))
    eligible_ids = [t for t, ok in zip(catalog.column("thread_id").to_pylist(), eligible_mask(catalog, cfg.topics.min_chars, cfg.topics.long_chars)) if ok]
    known = known_doc_hashes(con)
    pending = [t for t, h in hashes.items() if known.get(t) != h]
    new = [t for t in pending if t not in known]
    return catalog, hashes, eligible_ids, pending, new


def assign_topics(con: duckdb.DuckDBPyConnection, cfg: Config, refit: bool = False) -> dict:
    """Assign every thread a stable topic id, refitting the model when due; counts of the run.

    Returns ``threads``, ``eligible``, ``new_threads``, ``changed_threads``, ``fitted``, ``reason``,
    ``topics``, ``outlier_share``, ``model_version`` and ``removed``.
    """
    started = datetime.now(timezone.utc)
    ensure_schema(con)
    ensure_thread_topics_columns(con)
    ensure_conversation_messages(con, cfg.classify.linking)
    embedder_id = _embedder_id(cfg)
    catalog, hashes, eligible, pending, new = _run_inputs(con, cfg, embedder_id)
    manifest = read_manifest(cfg.model_dir)
    since = datetime.fromisoformat(manifest.fitted_at) if manifest else started
    new_since_fit, last_share = runs_since(con, since)
    new_share = (new_since_fit + len(new)) / max(manifest.fit_threads if manifest else 1, 1)
    reason = refit_reason(refit, manifest, embedder_id, len(pending), new_share, last_share, started, cfg.topics.refit)
    backend = _backend(cfg)
    fitted = False
    if reason and len(eligible) >= cfg.topics.min_fit_threads:
        refitted = _fit_and_write(con, cfg, backend, catalog, eligible, manifest, hashes)
        fitted, manifest = refitted is not None, refitted or manifest
    if manifest is not None and not fitted and manifest.embedder_id == embedder_id:
        model = loaded_model(topics_dir(cfg.model_dir) / manifest.model_version, backend)
        transformed_rows(con, cfg, model, manifest, pending, hashes)
    removed = removed_threads(con, list(hashes))
    if manifest is not None:
        write_summary_tables(con, catalog, manifest, cfg.timezone)
    share = outlier_share(con, eligible)
    version = manifest.model_version if manifest else None
    recorded_run(con, _run_row(started, version, fitted, catalog.num_rows, share, len(new)))
    return {
        "threads": catalog.num_rows, "eligible": len(eligible), "new_threads": len(new),
        "changed_threads": len(pending) - len(new), "fitted": fitted, "reason": reason if fitted else None,
        "topics": len(manifest.stable_ids) if manifest else 0, "outlier_share": share,
        "model_version": version, "removed": removed,
    }


def _run_row(started: datetime, version: str | None, fitted: bool, threads: int, share: float, new: int) -> dict:
    return {
        "run_id": uuid.uuid4().hex, "model_version": version, "fitted": fitted, "threads": threads,
        "outlier_share": share, "new_threads": new, "started_at": started,
    }


