"""The transformers embedder's bf16 precision: the fp32 model's vectors within bfloat16 rounding, its own model id."""

from __future__ import annotations

import numpy as np
import pytest

from kennismaker.classify.config import EmbedderConfig
from kennismaker.classify.embedders import embedder_model_id, get_embedder, length_batches

from .test_embed_onnx import TEXTS


@pytest.mark.slow
def test_bf16_vectors_stay_close_to_fp32():
    reference = get_embedder(EmbedderConfig(name="transformers")).encode(TEXTS)
    vectors = get_embedder(EmbedderConfig(name="transformers", precision="bf16")).encode(TEXTS)
    assert vectors.dtype == np.float32 and vectors.shape == reference.shape
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
    assert (vectors * reference).sum(1).min() > 0.999


def test_bf16_has_its_own_model_id_and_excludes_int8():
    assert embedder_model_id(EmbedderConfig(name="transformers", precision="bf16")).endswith(":bf16:t256")
    assert embedder_model_id(EmbedderConfig(name="transformers")).endswith(":fp32:t256")
    with pytest.raises(ValueError, match="either quantize"):
        EmbedderConfig(name="transformers", precision="bf16", quantize=True)


def test_batches_follow_the_given_lengths():
    assert length_batches([5, 1, 3, 2], 2) == [[1, 3], [2, 0]]
    assert length_batches([], 4) == []


@pytest.mark.slow
def test_transformers_batches_by_token_count_and_batching_keeps_the_vectors():
    embedder = get_embedder(EmbedderConfig(name="transformers", batch_size=2))
    # many characters but few tokens, and few characters but many tokens: the two orders differ
    texts = ["understanding communication", "1 2 3 4 5 6 7 8", "hoi", "x.y.z.q.r"]
    tokens = embedder._lengths(texts)
    assert tokens == [len(ids) for ids in embedder._tokenizer(texts, truncation=True, max_length=256)["input_ids"]]
    assert tokens[0] < tokens[1] and len(texts[0]) > len(texts[1])
    one_by_one = np.vstack([embedder.encode([t]) for t in texts])
    assert np.allclose(embedder.encode(texts), one_by_one, atol=1e-5)
