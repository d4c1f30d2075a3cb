"""Sentence embedders behind one interface, chosen by registered name.

``get_embedder(cfg)`` builds the embedder named by ``cfg.name`` from ``EMBEDDERS``;
``embedder_model_id(cfg)`` gives the same stable id without loading any model (the topic stage
uses it to read the embedding cache). A test or a plugin adds a versioned name with ``register_embedder``;
the older short names (``use_multilingual``, ``transformers``, ``onnx``, ``hashing``) stay as aliases.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

import numpy as np

from kennismaker.classify.config import EmbedderConfig
from kennismaker.errors import ModelNotAvailableError
from kennismaker.registry import Registry

DEFAULT_TRANSFORMERS_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
CHARS_PER_TOKEN = 8  # texts are cut to max_tokens * this many characters before tokenising


class Embedder(Protocol):
    """What every embedder offers."""

    model_id: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""


class EmbedderFactory(Protocol):
    """Builds an embedder; ``model_id`` gives its id without loading anything."""

    def __call__(self, cfg: EmbedderConfig) -> Embedder: ...

    def model_id(self, cfg: EmbedderConfig) -> str: ...


EMBEDDERS = Registry("embedders", "embedder", aliases={
    "transformers": "transformers.v1", "use_multilingual": "use_multilingual.v1", "onnx": "onnx.v1", "hashing": "hashing.v1",
})


def register_embedder(name: str, factory: EmbedderFactory) -> None:
    """Make ``factory`` available as ``classify.embedder.name: <name>`` (a versioned name such as ``mine.v1``)."""
    EMBEDDERS.register(name, func=factory)


def _factory(cfg: EmbedderConfig) -> EmbedderFactory:
    return EMBEDDERS.get(cfg.name)


def get_embedder(cfg: EmbedderConfig) -> Embedder:
    """The embedder named by ``cfg.name``, loaded and ready."""
    return _factory(cfg)(cfg)


def embedder_model_id(cfg: EmbedderConfig) -> str:
    """The stable id (name, model, quantisation, truncation) of the embedder ``cfg`` selects, without loading it."""
    return _factory(cfg).model_id(cfg)


def cut_texts(texts: list[str], max_tokens: int) -> list[str]:
    """Texts cut to a character budget so a huge message never reaches the tokenizer whole."""
    limit = max_tokens * CHARS_PER_TOKEN
    return [(t or "")[:limit] for t in texts]


def unique_texts(texts: list[str]) -> tuple[list[str], np.ndarray]:
    """The distinct texts and, per input text, the index of its distinct text."""
    index: dict[str, int] = {}
    inverse = np.fromiter((index.setdefault(t, len(index)) for t in texts), dtype=np.int64, count=len(texts))
    return list(index), inverse


def with_progress(batches: list, label: str) -> Iterator:
    """Iterate ``batches``, showing a progress bar when stdout is a terminal and there is real work."""
    if not sys.stdout.isatty() or len(batches) < 4:
        yield from batches
        return
    from rich.progress import track

    yield from track(batches, description=label, transient=True)


def char_lengths(texts: Sequence[str]) -> list[int]:
    """The default batching length of each text: its characters."""
    return [len(t) for t in texts]


def length_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Indices sorted by ``lengths`` (one per text) and cut into batches (similar lengths pad little)."""
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


def encode_deduplicated(texts: list[str], encode_unique: Callable[[list[str]], np.ndarray], dim: int) -> np.ndarray:
    """Vectors for ``texts``, encoding each distinct text once."""
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    distinct, inverse = unique_texts(texts)
    return encode_unique(distinct)[inverse]


class LengthBatchedEncoder:
    """``encode`` for a model that embeds one batch at a time (``_encode_batch``): texts cut to
    ``cfg.max_tokens``, identical texts encoded once, batches of similar length. Needs ``cfg`` and ``dim``."""

    cfg: EmbedderConfig
    dim: int

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def _lengths(self, texts: list[str]) -> list[int]:
        """What batches are sorted by: characters here; an encoder with a tokenizer counts tokens."""
        return char_lengths(texts)

    def _encode_unique(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for batch in with_progress(length_batches(self._lengths(texts), self.cfg.batch_size), "embedding"):
            out[batch] = self._encode_batch([texts[i] for i in batch])
        return out

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit vector per text; identical texts are encoded once, batches are length-sorted."""
        return encode_deduplicated(cut_texts(texts, self.cfg.max_tokens), self._encode_unique, self.dim)


class TokenBatchedEncoder(LengthBatchedEncoder):
    """A ``LengthBatchedEncoder`` with a Hugging Face tokenizer (``_tokenizer``): batches are sorted by
    token count, as the model sees the texts, so a batch pads to nearly its own length (measured in
    docs/benchmarks.md, "Embedding: batches by token count")."""

    _tokenizer: object

    def _lengths(self, texts: list[str]) -> list[int]:
        ids = self._tokenizer(texts, truncation=True, max_length=self.cfg.max_tokens)["input_ids"]
        return [len(i) for i in ids]


def offline() -> bool:
    """True when Hugging Face downloads are switched off (HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE)."""
    return any(os.environ.get(v, "").lower() in {"1", "true", "yes"} for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))


def model_not_available(model: str) -> ModelNotAvailableError:
    """The error for a model that is neither installed nor downloadable."""
    return ModelNotAvailableError(
        f"Embedding model '{model}' is not available locally and downloads are off; "
        "install it (or point classify.embedder.model to a local folder) and try again."
    )


def _register_builtins() -> None:
    from kennismaker.classify.embed_transformers import TransformersFactory
    from kennismaker.classify.embed_hashing import HashingFactory
    from kennismaker.classify.embed_onnx import OnnxFactory
    from kennismaker.classify.embed_use import UseFactory

    register_embedder("use_multilingual.v1", UseFactory())
    register_embedder("transformers.v1", TransformersFactory())
    register_embedder("onnx.v1", OnnxFactory())
    register_embedder("hashing.v1", HashingFactory())


_register_builtins()
