"""Topic quality on the demo organisation: ``python -m bench.topics_demo [--messages N]``.

Generates the demo exports, ingests them, fills the embedding cache with the configured embedder,
runs ``assign_topics`` and compares the topics with the generator's subject per conversation
(adjusted Rand index). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import pyarrow as pa

from kennismaker.pipelines.config import Config, config_from_dict
from kennismaker.schema import EMBEDDINGS
from kennismaker.store import open_store, upsert_arrow

SOURCES = (("slack", "slack_export.v1"), ("teams", "teams_graph.v1"), ("yammer", "viva_engage.v1"))


def demo_config(root: Path, embedder: str, topics: dict) -> Config:
    """A demo config whose sources are the generated exports under ``root/data``."""
    data = {
        "demo_mode": True, "database": "demo.duckdb", "model_dir": "models", "output_dir": "out",
        "sources": [{"name": f"demo-{n}", "path": f"data/{n}", "format": f} for n, f in SOURCES],
        "classify": {"embedder": {"name": embedder}}, "topics": topics,
    }
    return config_from_dict(data, root)


def cached_embeddings(con, cfg: Config) -> int:
    """Embed every message text not yet in the cache (stand-in for the classify stage); rows added."""
    from kennismaker.classify.embedders import get_embedder

    embedder = get_embedder(cfg.classify.embedder)
    rows = con.execute(
        "SELECT content_hash, any_value(text) FROM messages WHERE content_hash NOT IN "
        "(SELECT content_hash FROM embeddings WHERE model_id = ?) GROUP BY content_hash ORDER BY content_hash",
        [embedder.model_id],
    ).fetchall()
    vectors = embedder.encode([t or "" for _, t in rows])
    table = pa.table({
        "content_hash": [h for h, _ in rows], "model_id": [embedder.model_id] * len(rows),
        "vector": pa.array([v.tolist() for v in vectors], pa.list_(pa.float32())),
    })
    return upsert_arrow(con, EMBEDDINGS, table)


def truth_subjects(truth_dir: Path) -> dict[str, str]:
    """conversation_id -> subject of every planted conversation."""
    with (truth_dir / "threads.jsonl").open(encoding="utf-8") as f:
        return {r["conversation_id"]: r["subject"] for r in map(json.loads, f) if r.get("subject")}


def rand_scores(con, truth: dict[str, str]) -> dict:
    """Adjusted Rand index of topic vs subject over all matched threads and over non-outliers."""
    from sklearn.metrics import adjusted_rand_score

    pairs = [(truth[t], k) for t, k in con.execute("SELECT thread_id, topic_id FROM thread_topics").fetchall() if t in truth]
    kept = [(s, k) for s, k in pairs if k != -1]
    return {
        "matched_threads": len(pairs), "subjects": len({s for s, _ in pairs}),
        "ari_all": round(adjusted_rand_score(*zip(*pairs)), 3) if pairs else None,
        "ari_without_outliers": round(adjusted_rand_score(*zip(*kept)), 3) if kept else None,
    }


def evaluation(root: Path, messages: int, embedder: str, topics: dict, seed: int = 42) -> dict:
    """Generate, ingest, embed, assign topics; the stage's counts plus the Rand scores."""
    from kennismaker.demo.generate import generate_demo
    from kennismaker.extract.load import ingest_export
    from kennismaker.topics.assign import assign_topics

    generate_demo(root / "data", messages=messages, seed=seed)
    cfg = demo_config(root, embedder, topics)
    with open_store(cfg.database) as con:
        for src in cfg.sources:
            ingest_export(con, src, cfg)
        cached_embeddings(con, cfg)
        start = time.perf_counter()
        out = assign_topics(con, cfg)
        out["seconds"] = round(time.perf_counter() - start, 1)
        out.update(rand_scores(con, truth_subjects(root / "data" / "truth")))
        out["examples"] = [r[0] for r in con.execute("SELECT label FROM topics WHERE topic_id >= 0 ORDER BY size DESC LIMIT 8").fetchall()]
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="python -m bench.topics_demo", description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--embedder", default="transformers", help="registered embedder name")
    parser.add_argument("--min-cluster-size", type=int, default=8)
    args = parser.parse_args(argv)
    topics = {"clusterer": {"name": "hdbscan", "params": {"min_cluster_size": args.min_cluster_size}}}
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(evaluation(Path(tmp), args.messages, args.embedder, topics), indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
