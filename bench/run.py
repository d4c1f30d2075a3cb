"""``python -m bench.run --sizes 10000,100000 [--stages ...] [--out bench/results]``.

For each size: generate the demo corpus (timed), run each stage in its own process against a
fresh DuckDB (wall seconds, messages/s, peak memory), then run the nightly flow on another fresh
DuckDB and (unless ``--no-incremental``) an incremental night on top of it: the same config plus a
second, ~1% sized demo export generated with another seed as three extra sources. The corpus is also parsed with the
standard library alone (``bench.raw_parse``), the anchor of ingest's ratio. Writes ``bench-<time>.json`` and
``.md`` into ``--out`` and prints the Markdown tables.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

from bench.corpus import bench_config, demo_sources, fresh_store, generate_corpus, write_config
from bench.machine import machine_info
from bench.measure import run_measured
from bench.raw_parse import raw_parse
from bench.report import markdown

REPO = Path(__file__).resolve().parent.parent
STAGES = ("extract", "classify", "topics", "export")
INCREMENT_SHARE = 0.01
EXTRA_SEED_OFFSET = 1000




def child_env(out: Path) -> dict[str, str]:
    """The environment of a child: offline models, quiet Prefect with its home under ``out``.

    The ephemeral Prefect server gets 120 s to start (its first start creates its database, which
    took longer than Prefect's default 20 s here).
    """
    env = dict(os.environ)
    paths = [str(REPO), env.get("PYTHONPATH", "")]
    env.update({"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PREFECT_HOME": str(out / ".prefect"),
                "PREFECT_LOGGING_LEVEL": "WARNING", "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
                "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
                "PYTHONPATH": os.pathsep.join(filter(None, paths))})
    return env


def run_child(stage: str, config: Path, work: Path, env: dict, tag: str | None = None, timeout: float | None = None) -> dict:
    """Run one stage in a child process; its own result plus the measured ``process`` figures."""
    tag = tag or stage
    result_path = work / f"{tag}.result.json"
    result_path.unlink(missing_ok=True)
    argv = [sys.executable, "-m", "bench.child", stage, str(config), str(result_path)]
    process = run_measured(argv, env, work / f"{tag}.log", cwd=REPO, timeout=timeout)
    if process["timed_out_after_seconds"]:
        result = {"stage": stage, "status": "timed out", "error": f"stopped after {timeout:.0f} s"}
    elif result_path.is_file():
        result = json.loads(result_path.read_text(encoding="utf-8"))
    else:
        result = {"stage": stage, "status": "failed", "error": f"child exited with {process['exit_code']}, see {tag}.log"}
    result["process"] = process
    print(f"  {tag}: {result['status']} {result.get('seconds', '-')} s, wall {process['wall_seconds']} s, "
          f"peak tree {process['peak_tree_rss_mib']} MiB", flush=True)
    return result


def run_stages(config: Path, work: Path, args: argparse.Namespace, env: dict) -> dict:
    """Every requested stage, in pipeline order, on a fresh DuckDB."""
    fresh_store(work)
    return {stage: run_child(stage, config, work, env, timeout=args.timeout) for stage in STAGES if stage in args.stages}


def _ratio(incremental: dict, full: dict) -> dict | None:
    if incremental.get("status") != "ok" or full.get("status") != "ok":
        return None
    return {"process_wall": incremental["process"]["wall_seconds"] / full["process"]["wall_seconds"],
            "flow": incremental["seconds"] / full["seconds"]}


def run_nightly(work: Path, size: int, args: argparse.Namespace, sources: list[dict]) -> dict:
    """A full nightly run on a fresh DuckDB, then the incremental night with ~1% extra messages."""
    env = child_env(args.out)
    fresh_store(work)
    full = run_child("nightly", work / "config.yaml", work, env, tag="nightly-full", timeout=args.timeout)
    if not args.incremental:
        return {"full": full, "extra": None, "incremental": None, "ratio": None}
    extra = generate_corpus(work / "extra", max(1, round(size * INCREMENT_SHARE)), args.seed + EXTRA_SEED_OFFSET)
    config = write_config(work / "config-incremental.yaml", bench_config(work, sources + demo_sources(work / "extra", "extra")))
    incremental = run_child("nightly", config, work, env, tag="nightly-incremental", timeout=args.timeout)
    return {"full": full, "extra": extra, "incremental": incremental, "ratio": _ratio(incremental, full)}


def run_size(size: int, args: argparse.Namespace, env: dict) -> dict:
    """Everything measured for one corpus size."""
    work = args.out / "work" / f"n{size}"
    print(f"size {size:,}: generating corpus in {work}", flush=True)
    corpus = generate_corpus(work / "corpus", size, args.seed)
    sources = demo_sources(work / "corpus", "bench")
    config = write_config(work / "config.yaml", bench_config(work, sources))
    corpus["raw_parse"] = raw_parse(Path(s["path"]) for s in sources)
    result = {"size": size, "corpus": corpus, "stages": run_stages(config, work, args, env)}
    if args.nightly:
        result["nightly"] = run_nightly(work, size, args, sources)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return result


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated corpus sizes in messages")
    parser.add_argument("--stages", default=",".join(STAGES), help="comma-separated subset of: " + ",".join(STAGES))
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results", help="results folder (git-ignored)")
    parser.add_argument("--seed", type=int, default=42, help="demo generator seed")
    parser.add_argument("--no-nightly", dest="nightly", action="store_false", help="skip the nightly and incremental runs")
    parser.add_argument("--no-incremental", dest="incremental", action="store_false",
                        help="run the full nightly only, not the incremental night after it")
    parser.add_argument("--timeout", type=float, default=None, help="stop any one child after this many seconds")
    parser.add_argument("--keep", action="store_true", help="keep the work folders (corpora, DuckDB, logs)")
    args = parser.parse_args(argv)
    args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    unknown = set(args.stages) - set(STAGES)
    if unknown:
        parser.error(f"unknown stage(s) {', '.join(sorted(unknown))}; choose from {', '.join(STAGES)}")
    args.out = args.out.resolve()
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, write JSON and Markdown results, print the tables."""
    args = parse_args(argv)
    env = child_env(args.out)
    started = time.strftime("%Y%m%dT%H%M%S")
    result = {"started": started, "command": " ".join(["python -m bench.run"] + (argv or sys.argv[1:])),
              "machine": machine_info(), "sizes": []}
    stem = args.out / f"bench-{started}"
    for size in args.sizes:
        result["sizes"].append(run_size(size, args, env))
        stem.with_suffix(".json").write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    table = markdown(result)
    stem.with_suffix(".md").write_text(table, encoding="utf-8")
    print(table)
    print(f"results: {stem.with_suffix('.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
