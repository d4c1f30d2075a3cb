"""The onnx embedder: the bundled MiniLM exported at first use, same vectors as the transformers embedder."""

from __future__ import annotations

import numpy as np
import pytest

from kennismaker.classify.config import EmbedderConfig
from kennismaker.classify.embedders import embedder_model_id, get_embedder

TEXTS = [
    "Weet iemand hoe ik de VPN op mijn laptop instel?",
    "Via de portal, onder Instellingen > Netwerk.",
    "Dank je, het werkt!",
    "Does anyone know where the printer on the third floor went?",
    "Dank je, het werkt!",
    "x" * 5_000,
    "",
]


@pytest.mark.slow
def test_onnx_vectors_equal_the_transformers_vectors_and_the_export_is_reused(tmp_path):
    cfg = EmbedderConfig(name="onnx", cache_dir=tmp_path / "cache")
    onnx = get_embedder(cfg)
    exported = list((tmp_path / "cache").glob("*.onnx"))
    reference = get_embedder(EmbedderConfig(name="transformers")).encode(TEXTS)
    vectors = onnx.encode(TEXTS)
    assert len(exported) == 1 and vectors.shape == reference.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
    assert (vectors * reference).sum(1).min() > 0.9999
    again = get_embedder(cfg)
    assert list((tmp_path / "cache").glob("*.onnx")) == exported
    assert np.allclose(again.encode(TEXTS[:3]), vectors[:3], atol=1e-5)


def test_onnx_has_its_own_model_id():
    assert embedder_model_id(EmbedderConfig(name="onnx")) == "onnx:sentence-transformers/all-MiniLM-L6-v2:fp32:t256"
    assert embedder_model_id(EmbedderConfig(name="onnx")) != embedder_model_id(EmbedderConfig(name="transformers"))
