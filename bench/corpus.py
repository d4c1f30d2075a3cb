"""The benchmark corpus: demo exports generated into a work folder, and the config that reads them.

Each size gets its own work folder holding the exports, a fresh DuckDB file, the model folder,
the output folder and the YAML config the stages and the nightly flow read.
"""

from __future__ import annotations

import time
from pathlib import Path

import yaml

# The three demo platforms, each with the reader the demo config uses.
DEMO_FORMATS = {"slack": "slack_export.v1", "teams": "teams_graph.v1", "yammer": "viva_engage.v1"}


def generate_corpus(out_dir: Path, messages: int, seed: int) -> dict:
    """Generate the demo exports into ``out_dir``; returns the generator's counts plus the wall seconds."""
    from kennismaker.demo.generate import generate_demo

    started = time.perf_counter()
    counts = generate_demo(out_dir, messages=messages, seed=seed)
    return {"seconds": round(time.perf_counter() - started, 3), "messages": counts["messages"],
            "conversations": counts["conversations"], "seed": seed, "folder": str(out_dir)}


def demo_sources(corpus_dir: Path, prefix: str) -> list[dict]:
    """One config source per demo platform in ``corpus_dir``, named ``{prefix}-{platform}``."""
    return [{"name": f"{prefix}-{platform}", "path": str(corpus_dir / platform), "format": fmt}
            for platform, fmt in DEMO_FORMATS.items()]


def bench_config(work: Path, sources: list[dict]) -> dict:
    """The benchmark config: the demo settings, with every path inside ``work``."""
    return {
        "demo_mode": True,
        "database": str(work / "bench.duckdb"),
        "output_dir": str(work / "out"),
        "model_dir": str(work / "models"),
        "sources": sources,
        "privacy": {"min_group_size": 5, "person_level_output": True},
    }


def write_config(path: Path, data: dict) -> Path:
    """Write ``data`` as YAML to ``path`` and check it validates as a kennismaker config."""
    from kennismaker.pipelines.config import load_config

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    load_config(path)
    return path


def fresh_store(work: Path) -> None:
    """Remove the benchmark database (and its WAL), the outputs and the fitted models of ``work``."""
    import shutil

    for name in ("bench.duckdb", "bench.duckdb.wal"):
        (work / name).unlink(missing_ok=True)
    for name in ("out", "models", ".kennismaker-work"):
        shutil.rmtree(work / name, ignore_errors=True)
