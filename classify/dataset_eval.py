"""``kennismaker eval --dataset``: the real pipeline scored on a labelled dataset folder.

The selected dialogues are ingested through the user's own path (``generic_jsonl.v1`` reader and
``ingest_export``) into a DuckDB file of their own, then labelled and linked by
``classify.run.labelled_and_linked`` exactly as the nightly run does. A rerun on the same file reuses
the stored embeddings and labels, so only a changed head or changed settings cost time.

Stored ids are ``generic:<message_id>`` (the reader's default ``source_name``); they map back to the
gold ids by dropping that prefix. Authors are pseudonymised with a fixed, public, eval-only key
(``EVAL_PSEUDONYM_KEY``): the dataset authors are already pseudonyms, and no real key is needed.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from kennismaker.classify.dataset_gold import Dataset, load_dataset
from kennismaker.classify.dataset_metrics import (
    conversation_scores,
    label_scores,
    next_reply_pairs,
    no_reply_threads,
    pair_scores,
    parent_scores,
    previous_author_parents,
    unanswered_scores,
)
from kennismaker.classify.evaluate import REPORT_LANGS
from kennismaker.extract.readers.generic_rows import utc_datetime
from kennismaker.sql import statements

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it

SOURCE_PREFIX = "generic:"
EVAL_PSEUDONYM_KEY = "kennismaker-eval-only-key-not-secret"
EVAL_KEY_ENV = "KENNISMAKER_EVAL_PSEUDONYM_KEY"
EVAL_CACHE = Path.home() / ".cache" / "kennismaker" / "eval"


def default_database(ds: Dataset, limit_dialogues: int | None) -> Path:
    """``~/.cache/kennismaker/eval/<dataset>-<split>[-flat][-<N>d].duckdb``: one file per selection."""
    name = f"{ds.name}-{ds.split}" + ("-flat" if ds.flat else "") + (f"-{limit_dialogues}d" if limit_dialogues is not None else "")
    return EVAL_CACHE / f"{name}.duckdb"


def eval_config(cfg: Config, database: Path) -> Config:
    """``cfg`` writing to ``database`` and pseudonymising with the fixed eval-only key (never a real one)."""
    privacy = cfg.privacy.model_copy(update={"pseudonym_key": EVAL_PSEUDONYM_KEY, "pseudonym_key_env": EVAL_KEY_ENV})
    return cfg.model_copy(update={"database": Path(database).resolve(), "privacy": privacy})


def ingest_dataset(con: duckdb.DuckDBPyConnection, ds: Dataset, cfg: Config) -> dict:
    """Ingest the selected records with the generic JSONL reader, as ``kennismaker ingest`` would; the ingest summary."""
    from kennismaker.extract.load import ingest_export, source_from_path, summary_dict

    with tempfile.TemporaryDirectory(prefix="kennismaker-eval-") as tmp:
        file = Path(tmp) / f"{ds.name}.jsonl"
        file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ds.records), encoding="utf-8")
        return summary_dict(ingest_export(con, source_from_path(file, "generic_jsonl.v1", name=f"eval:{ds.name}"), cfg))


def gold_id(stored_id: str) -> str:
    """The dataset's message id of a stored id."""
    return stored_id.removeprefix(SOURCE_PREFIX)


def listed_unanswered(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Dataset ids of the posts the unanswered export would list, with no waiting time (the export's own rule)."""
    from kennismaker.exports.unanswered import listed_rows, question_rows

    rows = question_rows(con)
    if not rows:
        return set()
    return {gold_id(r["question_id"]) for r in listed_rows(rows, max(r["created_at"] for r in rows))}


def pipeline_output(con: duckdb.DuckDBPyConnection) -> dict:
    """What the pipeline stored, keyed by dataset message ids: labels, languages, links, parents, conversations, status."""
    def rows(name: str) -> list[tuple]:
        return con.execute(statements("classify_eval_stored")[name]).fetchall()

    messages = rows("labels")
    return {
        "labels": {gold_id(m): lab for m, _, lab in messages if lab is not None},
        "lang": {gold_id(m): lang for m, lang, _ in messages},
        "answer_links": {(gold_id(q), gold_id(a)) for q, a in rows("answer_links")},
        "reply_parents": {gold_id(m): gold_id(p) for m, p in rows("reply_parents")},
        "conversations": {gold_id(m): c for m, c in rows("conversations")},
        "question_status": {gold_id(q): s for q, s in rows("question_status")},
        "listed_unanswered": listed_unanswered(con),
        "model_versions": [v for (v,) in rows("model_versions")],
    }


def _timed_records(ds: Dataset) -> list[dict]:
    return [{**r, "created_at": utc_datetime(r["created_at"])} for r in ds.records]


def label_report(ds: Dataset, out: dict) -> dict:
    """Label scores overall and per detected language (gold ``null`` labels left out); unlabelled messages count as ``other``."""
    scored = [r for r in ds.records if ds.gold[r["message_id"]].label is not None]
    ids = [r["message_id"] for r in scored]
    true = [ds.gold[i].label for i in ids]
    pred = [out["labels"].get(i, "other") for i in ids]
    texts = [r.get("text") or "" for r in scored]
    result = {"all": label_scores(true, pred, texts)}
    for lang in REPORT_LANGS:
        idx = [k for k, i in enumerate(ids) if out["lang"].get(i) == lang]
        if idx:
            result[lang] = label_scores([true[k] for k in idx], [pred[k] for k in idx], [texts[k] for k in idx])
    detected = [out["lang"].get(i) for i in ids]
    return {
        "blocks": result,
        "unlabelled": sum(1 for i in ids if i not in out["labels"]),
        "skipped_null_gold": len(ds.records) - len(scored),
        "lang_agreement": sum(1 for d in detected if d == ds.lang) / len(detected) if detected else 0.0,
    }


def answer_link_report(ds: Dataset, out: dict, records: list[dict]) -> dict:
    """Answer-link pair scores of the pipeline and of the next-reply baseline."""
    gold = {(q, m) for m, g in ds.gold.items() for q in g.answer_to if q in ds.gold}
    return {"pipeline": pair_scores(gold, out["answer_links"]), "baseline_next_reply": pair_scores(gold, next_reply_pairs(records))}


def unanswered_report(ds: Dataset, out: dict, records: list[dict]) -> dict | None:
    """Unanswered-opener scores (None without answered flags): the openers the unanswered export would list.

    An opener the classifier did not call a question is listed when the asker's later question in
    its conversation is unanswered (the export shows the opening post).
    """
    if not ds.answered:
        return None
    predicted = out["listed_unanswered"]
    return {
        "rule": ds.answered_rule,
        "openers_listed_as_questions": sum(1 for t in ds.answered if t in out["question_status"]),
        "pipeline": unanswered_scores(ds.answered, predicted),
        "baseline_no_reply": unanswered_scores(ds.answered, no_reply_threads(records, ds.answered)),
        "question_openers": question_opener_scores(ds, predicted, records),
    }


def question_opener_scores(ds: Dataset, predicted: set[str], records: list[dict]) -> dict:
    """Pipeline and no-reply baseline over the threads whose opener the gold calls a question (the export lists only questions)."""
    asked = {t: a for t, a in ds.answered.items() if t in ds.gold and ds.gold[t].label == "question"}
    return {"pipeline": unanswered_scores(asked, predicted), "baseline_no_reply": unanswered_scores(asked, no_reply_threads(records, asked))}


def flat_report(ds: Dataset, out: dict, records: list[dict]) -> tuple[dict | None, dict | None]:
    """(reply-parent scores, conversation scores) for flat data; None where the data has no such gold."""
    is_flat = ds.flat or not any(r.get("thread_id") or r.get("reply_to_id") for r in ds.records)
    parents = {m: g.parents for m, g in ds.gold.items()}
    replies = None
    if is_flat and any(parents.values()):
        replies = {"pipeline": parent_scores(parents, out["reply_parents"]), "baseline_previous_author": parent_scores(parents, previous_author_parents(records))}
    gold_conv = {m: g.conversation_id for m, g in ds.gold.items() if g.conversation_id is not None}
    conversations = conversation_scores(records, gold_conv, out["conversations"]) if gold_conv else None
    return replies, conversations


def dataset_scores(ds: Dataset, out: dict) -> dict:
    """Every score of the pipeline's output ``out`` against the dataset's gold, with baselines."""
    records = _timed_records(ds)
    replies, conversations = flat_report(ds, out, records)
    return {
        "dataset": {"name": ds.name, "path": str(ds.path), "split": ds.split, "flat": ds.flat, "lang": ds.lang,
                    "dialogues": len(ds.dialogues), "messages": len(ds.records)},
        "labels": label_report(ds, out),
        "answer_links": answer_link_report(ds, out, records),
        "unanswered": unanswered_report(ds, out, records),
        "reply_parents": replies,
        "conversations": conversations,
    }


def dataset_evaluation(path: Path, cfg: Config, split: str = "dev", flat: bool = False,
                       limit_dialogues: int | None = None, database: Path | None = None) -> dict:
    """Ingest, label and link the selected part of the dataset at ``path``, then score it (see ``dataset_scores``)."""
    from kennismaker.classify.head import current_head
    from kennismaker.classify.run import labelled_and_linked
    from kennismaker.store import open_store

    ds = load_dataset(path, split, flat, limit_dialogues)
    ecfg = eval_config(cfg, database or default_database(ds, limit_dialogues))
    ecfg.database.parent.mkdir(parents=True, exist_ok=True)
    with open_store(ecfg.database) as con:
        t0 = time.perf_counter()
        ingest = ingest_dataset(con, ds, ecfg)
        t1 = time.perf_counter()
        current_head(ecfg.classify, ecfg.model_dir)  # trained here on first use, so that is not counted as labelling time
        t2 = time.perf_counter()
        counts = labelled_and_linked(con, ecfg)
        t3 = time.perf_counter()
        out = pipeline_output(con)
    result = dataset_scores(ds, out)
    result["run"] = {
        "database": str(ecfg.database), "embedder": ecfg.classify.embedder.name, "model_versions": out["model_versions"], "ingest": ingest,
        "classify": {k: v for k, v in counts.items() if k != "links"}, "links": counts["links"],
        "ingest_seconds": t1 - t0, "head_seconds": t2 - t1, "classify_seconds": t3 - t2,
        "messages_per_second": len(ds.records) / max((t1 - t0) + (t3 - t2), 1e-9),
    }
    return result
