"""Incremental exports equal a full recompute: a second night with new messages, a late reply to an old
question and an edit of an old message gives the same int_conversation_messages and the same exports as
recomputing the linking, the conversation model and every export from scratch on the same store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import yaml

from kennismaker.classify.linking import link_answers
from kennismaker.classify.run import labelled_and_linked
from kennismaker.exports.publish import export_tables
from kennismaker.extract.load import ingest_export
from kennismaker.pipelines.config import load_config
from kennismaker.store import open_store
from tests.pipelines.conftest import FAST_CONFIG

CACHES = ("faq_grouping", "similar_matches", "answered_snapshot", "shown_texts", "shown_names")
INT = "int_conversation_messages"


def night(cfg) -> dict[str, pa.Table]:
    """Ingest, classify and link, then compute every export (as the nightly flow does, without topics)."""
    with open_store(cfg.database) as con:
        for src in cfg.sources:
            ingest_export(con, src, cfg)
        labelled_and_linked(con, cfg)
        return export_tables(con, cfg)


def from_scratch(cfg, db: Path) -> tuple[dict[str, pa.Table], pa.Table]:
    """The exports and the conversation model recomputed with nothing kept from earlier runs, on a copy of the store."""
    with open_store(db) as con:
        for name in CACHES + (INT, "link_scopes"):
            con.execute(f"DELETE FROM {name}")
        link_answers(con, cfg, incremental=False)
        return export_tables(con, cfg.model_copy(update={"database": db})), con.sql(f"SELECT * FROM {INT} ORDER BY message_id").to_arrow_table()


def slack_day(folder: Path, channel: str, day: str) -> Path:
    return folder / "slack" / channel / f"{day}.json"


def later_night_changes(sources: Path) -> dict[str, str]:
    """A late reply (and the asker's thanks) to the channel's first question, an edit of an old post, and a new thread."""
    days = sorted((sources / "slack" / "it-helpdesk").glob("*.json"))
    posts = [(i, m) for i, day in enumerate(days) for m in json.loads(day.read_text(encoding="utf-8"))]
    q_day, question = next((i, m) for i, m in posts if "?" in m.get("text", "") and m.get("thread_ts", m["ts"]) == m["ts"])
    helper = next(m["user"] for _, m in posts if m.get("user") and m["user"] != question["user"])
    root = question.get("thread_ts", question["ts"])
    late = json.loads(days[-1].read_text(encoding="utf-8"))
    t = float(late[-1]["ts"]) + 60
    late += [
        {"type": "message", "user": helper, "ts": f"{t:.6f}", "thread_ts": root, "parent_user_id": question["user"],
         "text": "Dat los je op via het selfservice-portaal: kies 'wachtwoord vergeten' en volg de stappen in de mail."},
        {"type": "message", "user": question["user"], "ts": f"{t + 60:.6f}", "thread_ts": root, "parent_user_id": question["user"],
         "text": "Top, dank je! Dat werkt."},
        {"type": "message", "user": question["user"], "ts": f"{t + 120:.6f}", "thread_ts": f"{t + 120:.6f}",
         "text": "Hoe vraag ik een tweede beeldscherm aan voor thuis?"},
        {"type": "message", "user": helper, "ts": f"{t + 180:.6f}", "thread_ts": f"{t + 120:.6f}", "parent_user_id": question["user"],
         "text": "Dat vraag je aan via de servicedesk-portal onder 'hardware', daarna wordt het thuisbezorgd."},
    ]
    days[-1].write_text(json.dumps(late), encoding="utf-8")
    e_day = next(i for i, m in posts if i not in (q_day, len(days) - 1) and m.get("text"))
    old = json.loads(days[e_day].read_text(encoding="utf-8"))
    edited = next(m for m in old if m.get("text"))
    edited["text"] += " Hoe lang duurt dat meestal?"
    edited["edited"] = {"user": edited["user"], "ts": f"{t:.6f}"}
    days[e_day].write_text(json.dumps(old), encoding="utf-8")
    return {"question_ts": question["ts"], "edited_ts": edited["ts"]}


def spy(monkeypatch, module, name: str, calls: list) -> None:
    """Record what ``module.name`` returns."""
    real = getattr(module, name)

    def recorded(*args, **kwargs):
        out = real(*args, **kwargs)
        calls.append(out)
        return out

    monkeypatch.setattr(module, name, recorded)


def counted(monkeypatch, module, name: str) -> list:
    """Record the first argument of every call of ``module.name``."""
    calls: list = []
    real = getattr(module, name)

    def recorded(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, recorded)
    return calls


def test_incremental_exports_equal_a_full_recompute(tmp_path, demo_exports, trained_head, monkeypatch):
    from kennismaker.exports import faq, shown_state, unanswered

    sources = tmp_path / "sources"
    shutil.copytree(demo_exports, sources)
    shutil.copytree(trained_head, tmp_path / "models")
    data = {**FAST_CONFIG, "database": str(tmp_path / "k.duckdb"), "output_dir": str(tmp_path / "out"),
            "model_dir": str(tmp_path / "models"), "exports": {"as_of": "2027-01-01T00:00:00Z"},
            "sources": [{"name": n, "path": str(sources / n)} for n in ("slack", "teams", "yammer")]}
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    cfg = load_config(tmp_path / "config.yaml")
    night(cfg)
    changed = later_night_changes(sources)
    grouped, reused = [], []
    spy(monkeypatch, faq, "faq_grouping", grouped)
    spy(monkeypatch, unanswered, "reusable_matches", reused)
    masked = counted(monkeypatch, shown_state, "masked_with_lookups")
    merged = counted(monkeypatch, unanswered, "merged_matches")
    incremental = night(cfg)
    assert merged, "no open question was continued from its stored matches"
    masked_incrementally = len(masked)
    regrouped = grouped[0][1]
    assert reused[0], "the second night reused no stored suggestion"
    with open_store(cfg.database) as con:
        kept = con.sql(f"SELECT * FROM {INT} ORDER BY message_id").to_arrow_table()
        assert con.execute("SELECT count(*) FROM faq_grouping").fetchall()[0][0] > 0
        late = con.execute(f"SELECT count(*) FROM {INT} i JOIN messages m USING (message_id) WHERE m.text LIKE 'Top, dank je!%'").fetchall()[0][0]
        assert late == 1, changed
    copy = tmp_path / "scratch.duckdb"
    shutil.copy(cfg.database, copy)
    grouped.clear()
    masked.clear()
    full, rebuilt = from_scratch(cfg, copy)
    assert 0 < regrouped < grouped[0][1], "the second night did not resume the FAQ grouping"
    assert 0 < masked_incrementally < len(masked) / 4, "the second night masked most texts again"
    assert kept.equals(rebuilt)
    assert set(incremental) == set(full)
    for name, table in incremental.items():
        assert table.equals(full[name]), name
    assert incremental["unanswered_questions"].num_rows and incremental["faq_candidates"].num_rows
