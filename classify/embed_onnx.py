"""The ``onnx`` embedder: the ``transformers`` embedder's model and pooling, run by ONNX Runtime.

At first use the Hugging Face encoder (default: the bundled all-MiniLM-L6-v2) is exported to ONNX
with ``torch.onnx`` (eager attention), its attention, layer-norm and GELU subgraphs are fused by ONNX Runtime's
transformer optimizer (``onnxruntime.transformers.optimizer``, BERT model type), and the result is
kept in the model cache (``classify.embedder.cache_dir``, default ``~/.cache/kennismaker/onnx``);
later runs load that file. Nothing is downloaded. The vectors
are those of the fp32 ``transformers`` embedder (same tokenizer, attention-masked mean pooling,
L2 norm; cosine 1.0000 in ``bench/embedding.py``); length-sorted batches and deduplication are kept.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from pathlib import Path

import numpy as np

from kennismaker.classify.config import EmbedderConfig
from kennismaker.classify.embed_transformers import model_location, _load
from kennismaker.classify.embedders import DEFAULT_TRANSFORMERS_MODEL, TokenBatchedEncoder

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OPSET = 17
EXPORT_VERSION = "fused-2-eager"  # part of the cache key: bump when the export steps change


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/kennismaker/onnx`` (``~/.cache/kennismaker/onnx`` when unset)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kennismaker" / "onnx"


def exported_path(location: str, cache_dir: Path) -> Path:
    """Where the ONNX export of the model at ``location`` lives: keyed by the model's files and the exporter versions."""
    import torch
    import transformers

    digest = hashlib.sha256(f"{location}|{torch.__version__}|{transformers.__version__}|{OPSET}|{EXPORT_VERSION}".encode())
    folder = Path(location)
    if folder.is_dir():
        for f in sorted(folder.glob("*.json")) + sorted(folder.glob("*.safetensors")) + sorted(folder.glob("*.bin")):
            st = f.stat()
            digest.update(f"{f.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return cache_dir / f"{Path(location).name or 'model'}-{digest.hexdigest()[:16]}.onnx"


def export_onnx(model, tokenizer, target: Path) -> Path:
    """Export ``model`` (a Hugging Face encoder) to ``target``; atomic, so parallel workers never see half a file."""
    import torch

    class LastHidden(torch.nn.Module):
        def __init__(self, encoder):
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.encoder(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

    sample = tokenizer(["een korte zin", "a somewhat longer sentence to export with"], padding=True, return_tensors="pt")
    if "token_type_ids" not in sample:
        sample["token_type_ids"] = torch.zeros_like(sample["input_ids"])
    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, "last_hidden_state")}
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.partial")
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's notes on aten::index; the test compares vectors instead
        torch.onnx.export(
            LastHidden(model.eval()), tuple(sample[n] for n in INPUTS), str(partial), input_names=list(INPUTS),
            output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=OPSET, dynamo=False,
        )
    fused(partial, int(model.config.num_attention_heads), int(model.config.hidden_size))
    os.replace(partial, target)
    return target


def fused(path: Path, heads: int, hidden: int) -> None:
    """Rewrite the exported BERT graph at ``path`` with ONNX Runtime's fused transformer operators."""
    from onnxruntime.transformers import optimizer

    model = optimizer.optimize_model(str(path), model_type="bert", num_heads=heads, hidden_size=hidden, opt_level=1)
    model.save_model_to_file(str(path))


def session(path: Path, threads: int):
    """An ONNX Runtime CPU session with all graph optimisations; worker threads do not spin while idle."""
    import onnxruntime as ort

    ort.disable_telemetry_events()
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")  # idle threads sleep: less CPU on a shared machine
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def mean_pooled(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Attention-masked mean of token vectors, L2-normalised (as the ``transformers`` embedder pools)."""
    weights = mask[..., None].astype(np.float32)
    pooled = (hidden * weights).sum(1) / np.maximum(weights.sum(1), 1e-9)
    return (pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)).astype(np.float32)


class OnnxEmbedder(TokenBatchedEncoder):
    """A Hugging Face encoder exported to ONNX, mean pooling, L2-normalised."""

    def __init__(self, cfg: EmbedderConfig):
        self.cfg = cfg
        self.model_id = OnnxFactory().model_id(cfg)
        location = model_location(cfg.model)
        target = exported_path(location, Path(cfg.cache_dir) if cfg.cache_dir else default_cache_dir())
        # eager attention exports the plain softmax pattern the optimizer fuses into one Attention node
        # (PyTorch's SDPA exports a masked variant it does not recognise)
        self._tokenizer, model = _load(location, cfg.model or DEFAULT_TRANSFORMERS_MODEL, attn_implementation="eager")
        self.dim = int(model.config.hidden_size)
        if not target.exists():
            export_onnx(model, self._tokenizer, target)
        del model
        self._session = session(target, cfg.threads or os.cpu_count() or 1)

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        enc = self._tokenizer(texts, padding=True, truncation=True, max_length=self.cfg.max_tokens, return_tensors="np")
        feeds = {n: np.asarray(enc[n], dtype=np.int64) for n in INPUTS if n in enc}
        feeds.setdefault("token_type_ids", np.zeros_like(feeds["input_ids"]))
        hidden = self._session.run(None, feeds)[0]
        return mean_pooled(hidden, feeds["attention_mask"])


class OnnxFactory:
    """Registered as ``onnx``."""

    def __call__(self, cfg: EmbedderConfig) -> OnnxEmbedder:
        return OnnxEmbedder(cfg)

    def model_id(self, cfg: EmbedderConfig) -> str:
        return f"onnx:{cfg.model or DEFAULT_TRANSFORMERS_MODEL}:fp32:t{cfg.max_tokens}"
