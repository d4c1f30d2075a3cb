"""The transformers embedder's bf16 precision: the fp32 model's vectors within bfloat16 rounding, its own model id."""

from __future__ import annotations

import numpy as np
import pytest

from kennismaker.classify.config import EmbedderConfig
from kennismaker.classify.embedders import embedder_model_id, get_embedder

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
