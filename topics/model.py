"""BERTopic built from config, fitted on thread vectors, saved with safetensors and reused.

BERTopic always receives precomputed thread vectors. The saved (safetensors) model keeps topic
embeddings, representations and c-TF-IDF but no reducer or clusterer, so ``transform`` on a loaded
model is the cosine similarity of a thread to the topic embeddings: cheap, deterministic and the
same from night to night.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import numpy as np
from bertopic import BERTopic
from bertopic.backend import BaseEmbedder
from bertopic.vectorizers import ClassTfidfTransformer
from scipy.optimize import linear_sum_assignment

from kennismaker.topics.config import OutlierConfig, SeedTopic, TopicsConfig
from kennismaker.topics.parts import part
from kennismaker.topics.vectorizer import count_vectorizer

POINTER_PREFIX = "kennismaker:"  # not a Hugging Face repo id, so BERTopic.load never fetches it


class EmbedderBackend(BaseEmbedder):
    """The project's embedder as a BERTopic backend, loaded only when BERTopic embeds something."""

    def __init__(self, make_embedder: Callable[[], object]):
        super().__init__()
        self._make = make_embedder
        self._embedder = None

    def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
        """L2-normalised float32 vectors of ``documents`` (KeyBERT words, seed topics)."""
        if self._embedder is None:
            self._embedder = self._make()
        return np.asarray(self._embedder.encode([str(d) for d in documents]), dtype=np.float32)


def seed_texts(seeds: list[SeedTopic]) -> list[str]:
    """The text that stands for each seed topic: its seed words, else its name."""
    return [" ".join(s.words) if s.words else s.name for s in seeds]


def topic_model(cfg: TopicsConfig, backend: BaseEmbedder, n_docs: int) -> BERTopic:
    """An unfitted BERTopic whose parts are chosen by name in ``cfg``."""
    seeds = cfg.seed_topics
    guided = bool(seeds) and cfg.seed_mode == "guided"
    zeroshot = bool(seeds) and cfg.seed_mode == "zeroshot"
    return BERTopic(
        embedding_model=backend,
        umap_model=part("reducer", cfg.reducer, cfg.seed),
        hdbscan_model=part("clusterer", cfg.clusterer, cfg.seed),
        vectorizer_model=count_vectorizer(cfg.vectorizer, n_docs),
        ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=cfg.reduce_frequent_words),
        representation_model=part("representation", cfg.representation, cfg.seed),
        top_n_words=cfg.top_n_words,
        nr_topics=cfg.nr_topics,
        seed_topic_list=[s.words or [s.name] for s in seeds] if guided else None,
        zeroshot_topic_list=seed_texts(seeds) if zeroshot else None,
        zeroshot_min_similarity=cfg.zeroshot_min_similarity,
        calculate_probabilities=False,
        verbose=False,
    )


def outliers_reduced(model: BERTopic, docs: list[str], topics: np.ndarray, vectors: np.ndarray, cfg: OutlierConfig) -> np.ndarray:
    """``topics`` after BERTopic's ``reduce_outliers`` (unchanged when there is nothing to reduce)."""
    if cfg.strategy == "none" or not model._outliers or not (topics == -1).any() or len(model.topic_embeddings_) < 2:
        return topics
    reduced = model.reduce_outliers(docs, topics.tolist(), strategy=cfg.strategy, threshold=cfg.threshold, embeddings=vectors)
    return np.asarray(reduced, dtype=np.int64)


def fitted_topics(model: BERTopic, docs: list[str], vectors: np.ndarray, cfg: OutlierConfig) -> np.ndarray:
    """Fit ``model`` on the thread documents; their topics after outlier reduction."""
    topics, _ = model.fit_transform(docs, embeddings=vectors.copy())  # guided modelling edits embeddings in place
    return outliers_reduced(model, docs, np.asarray(topics, dtype=np.int64), vectors, cfg)


def topic_ids(model: BERTopic) -> list[int]:
    """The model's own topic ids (without -1), in topic-embedding order."""
    return sorted(t for t in model.topic_representations_ if t != -1)


def topic_centroids(model: BERTopic) -> np.ndarray:
    """One L2-normalised topic embedding per id of ``topic_ids`` (rows in the same order)."""
    emb = np.asarray(model.topic_embeddings_, dtype=np.float32)[model._outliers :]
    return emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-12)


def similarity_to_topics(model: BERTopic, vectors: np.ndarray, topics: np.ndarray) -> np.ndarray:
    """Cosine similarity of each thread to its assigned topic (0 for outliers)."""
    sims = vectors @ topic_centroids(model).T
    rows = np.arange(len(topics))
    picked = sims[rows, np.clip(topics, 0, None)] if sims.size else np.zeros(len(topics))
    return np.where(topics >= 0, picked, 0.0).astype(np.float32)


def transformed_topics(model: BERTopic, docs: list[str], vectors: np.ndarray, cfg: OutlierConfig) -> tuple[np.ndarray, np.ndarray]:
    """Topics and similarities of new threads: ``transform``, ``reduce_outliers``, then a floor.

    A thread whose similarity to its topic stays under ``cfg.threshold`` is an outlier (-1).
    """
    topics, _ = model.transform(docs, embeddings=vectors)
    topics = outliers_reduced(model, docs, np.asarray(topics, dtype=np.int64), vectors, cfg)
    sims = similarity_to_topics(model, vectors, topics)
    topics = np.where(sims >= cfg.threshold, topics, -1)
    return topics, np.where(topics >= 0, sims, 0.0).astype(np.float32)


def topic_terms(model: BERTopic, n: int) -> dict[int, list[str]]:
    """The top ``n`` words per topic id (empty padding words left out)."""
    return {t: [w for w, _ in (model.get_topic(t) or [])[:n] if w] for t in topic_ids(model)}


def readable_label(terms: list[str], n: int) -> str:
    """A short label such as ``vpn / toegang / thuiswerken`` from a topic's first terms."""
    return " / ".join(terms[:n]) or "(no terms)"


def seed_names(model: BERTopic, seeds: list[SeedTopic], backend: BaseEmbedder, min_similarity: float) -> dict[int, str]:
    """Topic id -> seed topic name, one topic per seed (Hungarian match above ``min_similarity``)."""
    ids = topic_ids(model)
    if not seeds or not ids:
        return {}
    seed_vectors = backend.embed_documents(seed_texts(seeds))
    seed_vectors = seed_vectors / np.maximum(np.linalg.norm(seed_vectors, axis=1, keepdims=True), 1e-12)
    sims = seed_vectors @ topic_centroids(model).T
    rows, cols = linear_sum_assignment(-sims)
    return {ids[c]: seeds[r].name for r, c in zip(rows, cols) if sims[r, c] >= min_similarity}


def saved_model(model: BERTopic, path: Path, embedder_id: str) -> Path:
    """Save ``model`` with safetensors (topic embeddings + c-TF-IDF) and a pointer to its embedder."""
    logging.getLogger("BERTopic").setLevel(logging.ERROR)
    model.save(path, serialization="safetensors", save_ctfidf=True, save_embedding_model=POINTER_PREFIX + embedder_id)
    return path


def loaded_model(path: Path, backend: BaseEmbedder) -> BERTopic:
    """A model saved by ``saved_model``, with ``backend`` as its embedder."""
    logging.getLogger("BERTopic").setLevel(logging.ERROR)
    logging.getLogger("sentence_transformers").setLevel(logging.ERROR)
    return BERTopic.load(str(path), embedding_model=backend)
