"""Exports against the demo generator's truth: precision and recall of unanswered questions and FAQs.

``test_real_pipeline`` runs the real stages (demo -> ingest -> classify -> link answers -> topics ->
exports) and skips while an upstream stage is not importable. ``test_oracle_upstream`` fills
labels, answer links and conversations from the truth instead, so it measures the export logic
alone (TF-IDF fallback, no topics). Figures are printed and written up in docs/exports.md.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from kennismaker.pipelines.config import Config, load_config
from kennismaker.schema import ANSWER_LINKS, MESSAGE_LABELS, QUESTION_STATUS
from kennismaker.classify.conversation_messages import rebuilt_conversation_messages
from kennismaker.store import open_store, upsert_arrow

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore:demo mode")]

ROOT = Path(__file__).resolve().parents[2]
AS_OF = datetime(2026, 11, 23, tzinfo=timezone.utc)  # the demo timeline ends on Friday 2026-11-20
MESSAGES = 3000


def demo_config(tmp_path: Path, data: Path) -> Config:
    """configs/demo.yaml with sources, database and output inside ``tmp_path``."""
    cfg = load_config(ROOT / "configs" / "demo.yaml")
    sources = [s.model_copy(update={"path": data / s.path.name}) for s in cfg.sources]
    exports = cfg.exports.model_copy(update={"as_of": AS_OF})
    return cfg.model_copy(update={"database": tmp_path / "demo.duckdb", "output_dir": tmp_path / "out",
                                  "model_dir": tmp_path / "models", "sources": sources, "exports": exports})


def ingested(tmp_path: Path) -> tuple[Config, Path]:
    """Generate the demo data and ingest every configured source; returns (config, data folder)."""
    from kennismaker.demo.generate import generate_demo
    from kennismaker.extract.load import ingest_export

    data = tmp_path / "demo"
    generate_demo(data, messages=MESSAGES, seed=42)
    cfg = demo_config(tmp_path, data)
    with open_store(cfg.database) as con:
        for src in cfg.sources:
            ingest_export(con, src, cfg)
    return cfg, data


def read_jsonl(path: Path) -> list[dict]:
    """Rows of a JSON lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def stored_ids(cfg: Config) -> set[str]:
    """Ids of the usable messages in the store (private, deleted and bot messages are not)."""
    with open_store(cfg.database, read_only=True) as con:
        rows = con.execute("SELECT message_id FROM messages WHERE NOT coalesce(is_deleted, false)").fetchall()
    return {r[0] for r in rows}


def precision_recall(predicted: set, truth: set) -> tuple[float, float]:
    """(precision, recall); 1.0 for an empty denominator."""
    hits = len(predicted & truth)
    return (hits / len(predicted) if predicted else 1.0, hits / len(truth) if truth else 1.0)


def unanswered_figures(cfg: Config, folder: Path, threads: list[dict]) -> dict:
    """Precision and recall of unanswered_questions against the truth's unanswered questions."""
    present = stored_ids(cfg)
    truth = {t["question_id"] for t in threads if t["question_id"] in present and not t["answered"]}
    predicted = set(pq.read_table(folder / "unanswered_questions.parquet").column("question_id").to_pylist())
    p, r = precision_recall(predicted, truth)
    reasons = pq.read_table(folder / "unanswered_questions.parquet").select(["question_id", "reason"]).to_pylist()
    truth_reason = {t["question_id"]: t["unanswered_reason"] for t in threads}
    agree = [row["reason"] == truth_reason.get(row["question_id"]) for row in reasons if row["question_id"] in truth]
    return {"predicted": len(predicted), "truth": len(truth), "precision": round(p, 3), "recall": round(r, 3),
            "reason_accuracy": round(sum(agree) / len(agree), 3) if agree else None}


def faq_figures(cfg: Config, folder: Path, threads: list[dict]) -> dict:
    """Precision (a group whose majority family is a repeated family, purity >= 0.5) and family recall."""
    present = stored_ids(cfg)
    family = {t["question_id"]: t["family_id"] for t in threads if t["question_id"] in present}
    sizes = Counter(family.values())
    repeated = {f for f, n in sizes.items() if n >= cfg.exports.faq_min_questions}
    hits, purities, found = 0, [], set()
    groups = pq.read_table(folder / "faq_candidates.parquet").column("question_ids").to_pylist()
    for ids in groups:
        counts = Counter(family.get(i) for i in ids)
        top, n = counts.most_common(1)[0]
        purities.append(n / len(ids))
        if top in repeated and n / len(ids) >= 0.5:
            hits += 1
            found.add(top)
    return {"groups": len(groups), "repeated_families": len(repeated),
            "precision": round(hits / len(groups), 3) if groups else 1.0,
            "recall": round(len(found) / len(repeated), 3) if repeated else 1.0,
            "mean_purity": round(sum(purities) / len(purities), 3) if purities else None}


def oracle_upstream(cfg: Config, data: Path) -> None:
    """Labels, answer links, question status and conversations taken from the truth files."""
    messages = read_jsonl(data / "truth" / "messages.jsonl")
    threads = {t["conversation_id"]: t for t in read_jsonl(data / "truth" / "threads.jsonl")}
    labels = [{"message_id": m["message_id"], "label": m["kind"] if m["kind"] in ("question", "answer", "link_share", "social") else "other",
               "model_version": "truth"} for m in messages]
    links = [{"question_id": m["conversation_id"], "answer_id": m["message_id"], "score": 1.0, "method": "truth"}
             for m in messages if m["kind"] == "answer" and threads[m["conversation_id"]]["question_id"]]
    status = [{"question_id": t["question_id"], "status": "answered" if t["answered"] else "unanswered"}
              for t in threads.values() if t["question_id"]]
    with open_store(cfg.database) as con:
        present = {r[0] for r in con.execute("SELECT message_id FROM messages").fetchall()}
        upsert_arrow(con, MESSAGE_LABELS, pa.Table.from_pylist([r for r in labels if r["message_id"] in present], schema=MESSAGE_LABELS.schema))
        upsert_arrow(con, ANSWER_LINKS, pa.Table.from_pylist(
            [r for r in links if r["answer_id"] in present and r["question_id"] in present], schema=ANSWER_LINKS.schema))
        upsert_arrow(con, QUESTION_STATUS, pa.Table.from_pylist([r for r in status if r["question_id"] in present], schema=QUESTION_STATUS.schema))
        con.execute("CREATE TABLE IF NOT EXISTS conversations (message_id VARCHAR, conversation_id VARCHAR)")
        con.executemany("INSERT INTO conversations (message_id, conversation_id) VALUES (?, ?)",
                        [(m["message_id"], m["conversation_id"]) for m in messages if m["message_id"] in present])
        rebuilt_conversation_messages(con, cfg.classify.linking)


def exported(cfg: Config) -> Path:
    """Run write_exports and check the manifest against the files; returns the run folder."""
    from kennismaker.exports.publish import write_exports

    with open_store(cfg.database) as con:
        result = write_exports(con, cfg)
    folder = Path(result["folder"])
    manifest = json.loads(Path(result["manifest"]).read_text())
    for name, entry in manifest["files"].items():
        if name.endswith(".parquet"):
            assert pq.read_metadata(folder / name).num_rows == entry["rows"]
    return folder


def report(title: str, unanswered: dict, faq: dict) -> None:
    """Print the figures (pytest -s shows them)."""
    print(f"\n[{title}] unanswered_questions: {unanswered}\n[{title}] faq_candidates: {faq}")


def test_oracle_upstream(tmp_path):
    cfg, data = ingested(tmp_path)
    oracle_upstream(cfg, data)
    folder = exported(cfg)
    threads = read_jsonl(data / "truth" / "threads.jsonl")
    unanswered, faq = unanswered_figures(cfg, folder, threads), faq_figures(cfg, folder, threads)
    report("oracle upstream", unanswered, faq)
    assert unanswered["precision"] >= 0.9 and unanswered["recall"] >= 0.9
    assert faq["precision"] >= 0.8


# Measured with the real classifier, linker and topic model (docs/exports.md): unanswered precision
# 0.989 and recall 0.946, FAQ precision 0.720 and family recall 0.741 (head-429fed4c15d0, flat.ffnn.v2). The unanswered precision
# floor is the product target (>= 0.9); the others catch regressions below what was measured.
REAL_PIPELINE_FLOORS = {"unanswered_precision": 0.9, "unanswered_recall": 0.9, "faq_precision": 0.7, "faq_recall": 0.7}


@pytest.mark.slow
def test_real_pipeline(tmp_path):
    from kennismaker.classify.run import labelled_and_linked
    from kennismaker.topics.assign import assign_topics

    cfg, data = ingested(tmp_path)
    with open_store(cfg.database) as con:
        labelled_and_linked(con, cfg)
        assign_topics(con, cfg)
    folder = exported(cfg)
    threads = read_jsonl(data / "truth" / "threads.jsonl")
    unanswered, faq = unanswered_figures(cfg, folder, threads), faq_figures(cfg, folder, threads)
    report("real pipeline", unanswered, faq)
    assert unanswered["precision"] >= REAL_PIPELINE_FLOORS["unanswered_precision"]
    assert unanswered["recall"] >= REAL_PIPELINE_FLOORS["unanswered_recall"]
    assert faq["precision"] >= REAL_PIPELINE_FLOORS["faq_precision"]
    assert faq["recall"] >= REAL_PIPELINE_FLOORS["faq_recall"]
