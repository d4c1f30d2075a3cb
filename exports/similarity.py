"""Text vectors for comparing questions: cached sentence embeddings, else a TF-IDF fallback.

Cached vectors (table ``embeddings`` under the configured embedder's model id) are used when
they cover at least ``MIN_VECTOR_COVERAGE`` of the texts; texts without one then get a zero
vector (similar to nothing). Otherwise every text is vectorised with TF-IDF over character
3-5-grams within words (Dutch compounds: verlofformulier ~ formulier), fitted on the texts
compared. Rows are L2-normalised, so a dot product is the cosine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pyarrow as pa

from kennismaker.exports.config import Thresholds
from kennismaker.exports.context import relation

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it

MIN_VECTOR_COVERAGE = 0.95


@dataclass(frozen=True)
class TextVectors:
    """One L2-normalised row per text, and which method made them ('vectors' or 'tfidf')."""

    matrix: np.ndarray
    method: str

    def threshold(self, thresholds: Thresholds) -> float:
        """The configured threshold for this method."""
        return thresholds.vectors if self.method == "vectors" else thresholds.tfidf


def embedder_id(cfg: Config) -> str | None:
    """The model id of the configured embedder's cached vectors, or None when classify/ cannot tell."""
    try:
        from kennismaker.classify.embedders import embedder_model_id

        return embedder_model_id(cfg.classify.embedder)
    except Exception:  # an embedder that is not registered here simply means: no cached vectors
        return None


def cached_vectors(con: duckdb.DuckDBPyConnection, model_id: str | None, hashes: list[str | None]) -> dict[str, np.ndarray]:
    """Cached embedding per content hash (only the hashes asked for), read column-wise (no Python list per vector)."""
    wanted = sorted({h for h in hashes if h})
    if not model_id or not wanted:
        return {}
    con.register("__wanted_hashes", pa.table({"content_hash": pa.array(wanted, pa.string())}))
    try:
        table = con.sql(
            f"SELECT e.content_hash, e.vector FROM {relation(con, 'embeddings')} e JOIN __wanted_hashes w USING (content_hash) "
            "WHERE e.model_id = $model_id", params={"model_id": model_id}
        ).to_arrow_table()
    finally:
        con.unregister("__wanted_hashes")
    if table.num_rows == 0:
        return {}
    vectors = table.column("vector").combine_chunks()
    matrix = np.asarray(vectors.flatten().to_numpy(zero_copy_only=False), dtype=np.float32).reshape(table.num_rows, -1)
    return dict(zip(table.column("content_hash").to_pylist(), matrix))


def normalised(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.where(norms == 0, 1, norms)).astype(np.float32)


def tfidf_matrix(texts: list[str]) -> np.ndarray:
    """TF-IDF rows over character 3-5-grams within words (robust to Dutch compounds and inflection) for ``texts``."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not any(t.strip() for t in texts):
        return np.zeros((len(texts), 1), dtype=np.float32)
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), strip_accents="unicode", sublinear_tf=True)
    try:
        return normalised(vec.fit_transform(texts).toarray())
    except ValueError:  # only stop-words or punctuation
        return np.zeros((len(texts), 1), dtype=np.float32)


def text_vectors(con: duckdb.DuckDBPyConnection, cfg: Config, hashes: list[str | None], texts: list[str | None]) -> TextVectors:
    """Vectors for the texts: cached embeddings when they cover enough of them, else TF-IDF."""
    found = cached_vectors(con, embedder_id(cfg), hashes)
    covered = sum(1 for h in hashes if h in found)
    if texts and covered / len(texts) >= MIN_VECTOR_COVERAGE:
        dim = len(next(iter(found.values())))
        rows = [found.get(h, np.zeros(dim, np.float32)) if h else np.zeros(dim, np.float32) for h in hashes]
        return TextVectors(normalised(np.vstack(rows)), "vectors")
    return TextVectors(tfidf_matrix([t or "" for t in texts]), "tfidf")


def top_matches(sims: np.ndarray, allowed: np.ndarray, k: int, minimum: float) -> list[tuple[int, float]]:
    """Up to ``k`` (index, similarity) pairs at or above ``minimum`` among ``allowed`` columns, best first."""
    if k <= 0:
        return []
    scores = np.where(allowed, sims, -np.inf)
    floor = minimum
    if len(scores) > k:  # only the k best (and their ties) need sorting
        floor = max(floor, np.partition(scores, len(scores) - k)[len(scores) - k])
    candidates = np.flatnonzero(scores >= floor)
    order = candidates[np.lexsort((candidates, -scores[candidates]))]  # ties: lower index first (deterministic)
    return [(int(i), float(scores[i])) for i in order[:k]]
