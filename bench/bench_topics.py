"""Topic stage speed and memory: ``python -m bench.bench_topics --sizes 10000,100000``.

Synthetic threads (``dim``-dimensional vectors around 40 centres, texts from per-centre word
lists) go through the production parts (UMAP + HDBSCAN, c-TF-IDF words): fit on the seeded
sample (``sample_size``, default 50,000), safetensors save + load, transform of the rest in
chunks. Each size runs in its own process so peak memory (ru_maxrss) is that size's own.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from kennismaker.topics.config import TopicsConfig
from kennismaker.topics.model import EmbedderBackend, fitted_topics, loaded_model, saved_model, topic_model, transformed_topics


def synthetic_threads(n: int, dim: int = 384, centres: int = 40, seed: int = 0) -> tuple[list[str], np.ndarray]:
    """``n`` thread texts and L2-normalised vectors around ``centres`` random centres."""
    rng = np.random.default_rng(seed)
    centre = rng.standard_normal((centres, dim)).astype(np.float32)
    which = rng.integers(0, centres, n)
    vectors = centre[which] + rng.standard_normal((n, dim)).astype(np.float32) * 0.9
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    words = [[f"w{c}x{k}" for k in range(12)] for c in range(centres)]
    texts = [" ".join(rng.choice(words[c], 8)) + " algemeen overleg" for c in which]
    return texts, vectors


def peak_mb() -> float:
    """Peak resident memory of this process in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_size(n: int, sample_size: int, chunk: int) -> dict:
    """Fit + save/load + chunked transform of ``n`` synthetic threads; timings and peak memory."""
    texts, vectors = synthetic_threads(n)
    cfg = TopicsConfig(representation={"name": "none"}, sample_size=sample_size, chunk_size=chunk,
                       clusterer={"name": "hdbscan", "params": {"min_cluster_size": 50}})
    backend = EmbedderBackend(lambda: None)
    fit_n = min(n, sample_size)
    t0 = time.perf_counter()
    model = topic_model(cfg, backend, fit_n)
    topics = fitted_topics(model, texts[:fit_n], vectors[:fit_n], cfg.outliers)
    t_fit = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        loaded = loaded_model(saved_model(model, Path(tmp) / "m", "bench"), backend)
        t_io = time.perf_counter() - t0
    t0 = time.perf_counter()
    rest_out = 0
    for start in range(fit_n, n, chunk):
        stop = min(start + chunk, n)
        t, _ = transformed_topics(loaded, [""] * (stop - start), vectors[start:stop], cfg.outliers)
        rest_out += int((t == -1).sum())
    t_tr = time.perf_counter() - t0
    return {
        "threads": n, "fitted_on": fit_n, "topics": len(set(topics.tolist()) - {-1}),
        "fit_seconds": round(t_fit, 1), "save_load_seconds": round(t_io, 2),
        "transform_seconds": round(t_tr, 2), "transformed": n - fit_n,
        "transform_per_1000": round(1000 * t_tr / max(n - fit_n, 1), 3),
        "outlier_share_fit": round(float((topics == -1).mean()), 4),
        "outlier_share_transformed": round(rest_out / max(n - fit_n, 1), 4),
        "peak_rss_mb": round(peak_mb()),
    }


def main(argv: list[str] | None = None) -> int:
    """Run every size in a child process and print one JSON line per size."""
    p = argparse.ArgumentParser(prog="python -m bench.bench_topics")
    p.add_argument("--sizes", default="10000,100000")
    p.add_argument("--sample-size", type=int, default=50_000)
    p.add_argument("--chunk", type=int, default=10_000)
    p.add_argument("--one", type=int, help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.one:
        print(json.dumps(one_size(a.one, a.sample_size, a.chunk)))
        return 0
    for n in (int(s) for s in a.sizes.split(",")):
        cmd = [sys.executable, "-m", "bench.bench_topics", "--one", str(n), "--sample-size", str(a.sample_size), "--chunk", str(a.chunk)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        print(out, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
