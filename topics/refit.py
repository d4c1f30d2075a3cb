"""Fitting a new model and aligning its topics to the stable ids of the previous one."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

import duckdb
import numpy as np
from bertopic import BERTopic

from kennismaker.sql import statements
from kennismaker.topics.documents import ThreadChunk
from kennismaker.topics.model import (
    EmbedderBackend,
    fitted_topics,
    loaded_model,
    readable_label,
    saved_model,
    seed_names,
    topic_centroids,
    topic_ids,
    topic_model,
    topic_terms,
)
from kennismaker.topics.stable_ids import Manifest, aligned_ids, model_version, topics_dir, write_manifest

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it


def previous_topics(cfg: Config, previous: Manifest | None, backend: EmbedderBackend, embedder_id: str) -> tuple[np.ndarray, list[int]]:
    """Centroids and stable ids of the previous model's topics (none when it cannot be compared)."""
    path = topics_dir(cfg.model_dir) / previous.model_version if previous else None
    if previous is None or previous.embedder_id != embedder_id or not path.is_dir():
        return np.zeros((0, 0), dtype=np.float32), []
    model = loaded_model(path, backend)
    return topic_centroids(model), [previous.stable_ids[t] for t in topic_ids(model)]


def first_free_id(con: duckdb.DuckDBPyConnection, previous: Manifest | None) -> int:
    """The lowest id never used: above the manifest's counter, retired ids and ids in ``topics``."""
    in_table = con.execute(statements("topics_store")["next_topic_id"]).fetchall()[0][0]
    used = [previous.next_id, *(r + 1 for r in previous.retired)] if previous else []
    return max([0, in_table, *used])


def new_manifest(
    cfg: Config, model: BERTopic, backend: EmbedderBackend, version: str, stable: list[int], next_id: int,
    previous: Manifest | None, fit_threads: int, embedder_id: str,
) -> Manifest:
    """The manifest of a freshly fitted model: stable ids, readable labels (seed names first), terms."""
    tcfg = cfg.topics
    ids = topic_ids(model)
    stable_map = dict(zip(ids, stable))
    terms = topic_terms(model, tcfg.top_n_words)
    seeds = seed_names(model, tcfg.seed_topics, backend, tcfg.seed_min_similarity)
    labels = {stable_map[t]: seeds.get(t) or readable_label(terms[t], tcfg.label_words) for t in ids}
    old_ids = set(previous.stable_ids.values()) | set(previous.retired) if previous else set()
    return Manifest(
        model_version=version,
        embedder_id=embedder_id,
        fitted_at=datetime.now(timezone.utc).isoformat(),
        fit_threads=fit_threads,
        next_id=next_id,
        stable_ids=stable_map,
        labels=labels,
        terms={stable_map[t]: terms[t] for t in ids},
        retired=sorted(old_ids - set(stable)),
    )


def refitted_manifest(
    con: duckdb.DuckDBPyConnection, cfg: Config, backend: EmbedderBackend, fit: ThreadChunk,
    previous: Manifest | None, embedder_id: str,
) -> tuple[Manifest, BERTopic, np.ndarray] | None:
    """Fit on ``fit``, save the model, align ids; the manifest, loaded model and the fit threads' topics.

    None when the clusterer found no topic at all (everything an outlier).
    """
    tcfg = cfg.topics
    model = topic_model(tcfg, backend, len(fit.thread_ids))
    topics = fitted_topics(model, fit.texts, fit.vectors, tcfg.outliers)
    if not topic_ids(model):
        return None
    version = model_version(previous, topic_centroids(model))
    loaded = loaded_model(saved_model(model, topics_dir(cfg.model_dir) / version, embedder_id), backend)
    old_centroids, old_ids = previous_topics(cfg, previous, backend, embedder_id)
    stable, next_id = aligned_ids(
        old_centroids, old_ids, topic_centroids(loaded), tcfg.align_min_similarity, first_free_id(con, previous)
    )
    manifest = new_manifest(cfg, loaded, backend, version, stable, next_id, previous, len(fit.thread_ids), embedder_id)
    write_manifest(cfg.model_dir, manifest)
    return manifest, loaded, topics
