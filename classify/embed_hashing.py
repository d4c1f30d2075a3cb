"""A tiny deterministic embedder: character n-gram hashing (scikit-learn), no model weights.

For tests, for Dask workers in tests, and for machines where even MiniLM is too heavy. Quality is
far below the transformer backends; it is never the default.
"""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer

from kennismaker.classify.config import EmbedderConfig

DIM = 256


class HashingEmbedder:
    """Character 2-4-gram counts hashed into ``DIM`` dimensions, L2-normalised."""

    dim = DIM

    def __init__(self, cfg: EmbedderConfig):
        self.model_id = HashingFactory().model_id(cfg)
        self._vectorizer = HashingVectorizer(
            n_features=DIM, analyzer="char_wb", ngram_range=(2, 4), lowercase=True, norm="l2", alternate_sign=False
        )

    def encode(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return self._vectorizer.transform([t or "" for t in texts]).toarray().astype(np.float32)


class HashingFactory:
    """Registered as ``hashing``."""

    def __call__(self, cfg: EmbedderConfig) -> HashingEmbedder:
        return HashingEmbedder(cfg)

    def model_id(self, cfg: EmbedderConfig) -> str:
        """Stable id of the hashing embedder."""
        return f"hashing-char2-4-{DIM}"
