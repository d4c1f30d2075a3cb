"""``report_figures(con, cfg, tables, previous)``: every number the morning report shows, as plain data.

The figures come from the export tables of the same run (``tables``, as ``export_tables``
computes them) and, for "every channel together", from ``exp_knowledge_health`` with the
report's grains, so the same rules and the same k-threshold apply as in the Parquet files.
Nothing here formats or renders: ``exports/report_html.py`` does that.
"""

from __future__ import annotations

import bisect
import json
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from kennismaker.exports.health import OVERALL_GRAINS, knowledge_health_rows
from kennismaker.exports.privacy import known_names, opted_out_authors, shown_text
from kennismaker.sql import statements

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it

MAX_WEEKS = 52
TREND_WEEKS = 4  # a topic's growth: threads in the last 4 weeks minus the 4 weeks before
HOURS_EDGES = (1, 4, 24, 72, 168)  # time to first answer: <1 h, 1-4 h, 4-24 h, 1-3 d, 3-7 d, > 7 d
AGE_EDGES_DAYS = (7, 14, 28, 91)  # unanswered by age: < 1 wk, 1-2 wk, 2-4 wk, 1-3 mo, > 3 mo
THREAD_BINS = ("share_threads_1", "share_threads_2", "share_threads_3_4", "share_threads_5_plus")
_REPORT = statements("exp_report")


def overall_health(con: duckdb.DuckDBPyConnection, cfg: Config) -> list[dict]:
    """Knowledge-health rows for every channel together: grain ``all_week`` per week and ``all`` for the period."""
    return knowledge_health_rows(con, cfg.privacy.min_group_size, cfg.timezone, OVERALL_GRAINS, "grain, week NULLS FIRST").to_pylist()


def report_weeks(weekly: list[dict]) -> list[date]:
    """Every Monday from the first to the last week with a conversation (the last ``MAX_WEEKS`` at most)."""
    weeks = sorted(r["week"] for r in weekly if r["week"] is not None)
    if not weeks:
        return []
    out, day = [], weeks[0]
    while day <= weeks[-1]:
        out.append(day)
        day += timedelta(days=7)
    return out[-MAX_WEEKS:]


def weekly_series(rows: list[dict], weeks: list[date]) -> dict:
    """Questions and answer rate per week; a week without conversations has 0 questions, a suppressed one None."""
    by_week = {r["week"]: r for r in rows}
    questions, rate, suppressed = [], [], []
    for week in weeks:
        row = by_week.get(week)
        hidden = bool(row and row["suppressed"])
        questions.append(None if hidden else (row["questions"] if row else 0))
        rate.append(None if hidden or not row else row["answer_rate"])
        suppressed.append(hidden)
    return {"questions": questions, "answer_rate": rate, "suppressed": suppressed}


def channel_series(health: pa.Table, weeks: list[date], shown: int) -> tuple[list[dict], int]:
    """Weekly series of the ``shown`` channels with most (published) questions, and how many channels were fully suppressed."""
    per_channel: dict[str, list[dict]] = {}
    for row in health.to_pylist():
        if row["grain"] == "channel_week":
            per_channel.setdefault(row["channel"] or row["channel_id"], []).append(row)
    hidden = sorted(name for name, rows in per_channel.items() if all(r["suppressed"] for r in rows))
    visible = [(sum(r["questions"] or 0 for r in rows), name) for name, rows in per_channel.items() if name not in hidden]
    top = [name for total, name in sorted(visible, key=lambda v: (-v[0], v[1])) if total > 0][:shown]
    return [{"channel": name, **weekly_series(per_channel[name], weeks)} for name in top], len(hidden)


def topic_movers(trends: pa.Table, weeks: list[date], shown: int) -> list[dict]:
    """The topics whose threads grew most and shrank most over the last ``TREND_WEEKS`` weeks, with weekly threads."""
    if not weeks:
        return []
    per_topic: dict[int, dict] = {}
    for row in trends.to_pylist():
        topic = per_topic.setdefault(row["topic_id"], {"topic_id": row["topic_id"], "label": row["topic_label"], "weeks": {}})
        topic["weeks"][row["week"]] = None if row["suppressed"] else row["threads"]
    recent, before = set(weeks[-TREND_WEEKS:]), set(weeks[-2 * TREND_WEEKS:-TREND_WEEKS])
    scored = []
    for topic_id, topic in sorted(per_topic.items()):
        if topic_id is None or topic_id < 0 or all(v is None for v in topic["weeks"].values()):
            continue
        growth = sum((v or 0) for w, v in topic["weeks"].items() if w in recent) - sum(
            (v or 0) for w, v in topic["weeks"].items() if w in before)
        series = [topic["weeks"].get(w, 0) for w in weeks]
        scored.append({"topic_id": topic_id, "label": topic["label"] or f"topic {topic_id}", "growth": growth, "threads": series})
    grow = [t for t in sorted(scored, key=lambda t: (-t["growth"], t["topic_id"])) if t["growth"] > 0][:shown]
    shrink = [t for t in sorted(scored, key=lambda t: (t["growth"], t["topic_id"])) if t["growth"] < 0][:shown]
    return grow + shrink


def binned(values: list[float], edges: tuple[float, ...]) -> list[int]:
    """Counts of ``values`` in the bins ``< edges[0]``, ``[edges[0], edges[1])``, ..., ``>= edges[-1]``."""
    counts = [0] * (len(edges) + 1)
    for v in values:
        counts[bisect.bisect_right(edges, v)] += 1
    return counts


def first_answer_bins(con: duckdb.DuckDBPyConnection, cfg: Config) -> dict:
    """Questions by hours to their first answer (bins of ``HOURS_EDGES``) and how many got no answer."""
    rows = con.execute(_REPORT["answer_hours"]).fetchall()
    hours = [h for answered, h in rows if answered and h is not None and h >= 0]
    return {"counts": binned(hours, HOURS_EDGES), "not_answered": sum(1 for answered, _ in rows if not answered)}


def headline(period: dict | None, tables: dict[str, pa.Table], previous: dict | None) -> dict:
    """The headline figures and their change against the previous run (None when there is no previous run)."""
    hidden = period is None or period["suppressed"]
    prev_figs = (previous or {}).get("headline") or {}
    prev_ids = (previous or {}).get("candidate_ids") or {}
    figures = {
        "questions": None if hidden else period["questions"],
        "answer_rate": None if hidden else period["answer_rate"],
        "median_hours_to_first_answer": None if hidden else period["median_hours_to_first_answer"],
        "unanswered_waiting": tables["unanswered_questions"].num_rows,
        "faq_candidates": tables["faq_candidates"].num_rows,
        "tacit_candidates": tables["tacit_knowledge_candidates"].num_rows,
    }
    new = {}
    for key, name in (("faq_candidates", "faq_candidates"), ("tacit_candidates", "tacit_knowledge_candidates")):
        ids, before = tables[name].column("candidate_id").to_pylist(), set(prev_ids.get(key, []))
        new[key] = None if previous is None else sum(1 for i in ids if i not in before)
    change = {k: (None if previous is None or v is None or prev_figs.get(k) is None else round(v - prev_figs[k], 6))
              for k, v in figures.items()}
    return {"figures": figures, "new": new, "change": change, "previous_run_date": (previous or {}).get("run_date")}


def message_texts(con: duckdb.DuckDBPyConnection, cfg: Config, ids: list[str]) -> dict[str, str]:
    """Shown text (masked) of messages by id, leaving out messages of opted-out people."""
    if not ids:
        return {}
    excluded = opted_out_authors(con, cfg)
    rows = con.execute(_REPORT["message_texts"], {"ids": sorted(set(ids))}).fetchall()
    names = known_names(con, cfg)
    return {mid: shown_text(text, cfg, names) for mid, author, text in rows if author not in excluded and text}


def top_unanswered(con: duckdb.DuckDBPyConnection, cfg: Config, table: pa.Table) -> list[dict]:
    """The first ``report.top_rows`` unanswered questions, each suggestion with its question and answer text."""
    rows = table.slice(0, cfg.report.top_rows).to_pylist()
    ids = [i for r in rows for s in (r["similar_answered"] or []) for i in (s["question_id"], s["answer_id"])]
    texts = message_texts(con, cfg, ids)
    for row in rows:
        row["suggestions"] = [{**s, "question_text": texts.get(s["question_id"]), "answer_text": texts.get(s["answer_id"])}
                              for s in (row["similar_answered"] or [])]
    return rows


def privacy_notes(cfg: Config, con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table], hidden_channels: int,
                  period_suppressed: bool) -> dict:
    """What the privacy rules held back in this report, with the settings that did it."""
    health = [r for r in tables["knowledge_health"].to_pylist() if r["grain"] == "channel_week"]
    trends = tables["topic_trends"].column("suppressed").to_pylist()
    faq = tables["faq_candidates"].column("suppressed").to_pylist()
    p = cfg.privacy
    return {
        "k": p.min_group_size, "channel_weeks": len(health), "channel_weeks_suppressed": sum(1 for r in health if r["suppressed"]),
        "topic_weeks": len(trends), "topic_weeks_suppressed": sum(1 for s in trends if s),
        "faq_askers_suppressed": sum(1 for s in faq if s), "channels_hidden": hidden_channels,
        "period_suppressed": period_suppressed, "opted_out_people": len(opted_out_authors(con, cfg)),
        "mask_contacts": p.mask_contacts, "person_level_output": p.person_level_output, "show_display_names": p.show_display_names,
    }


def report_figures(con: duckdb.DuckDBPyConnection, cfg: Config, tables: dict[str, pa.Table], previous: dict | None) -> dict:
    """Every figure of the report: headline, weekly series, distributions, top lists and privacy notes.

    ``previous`` is what the previous run left (``{"run_date", "headline", "candidate_ids"}``) or None.
    """
    overall = overall_health(con, cfg)
    period = next((r for r in overall if r["grain"] == "all"), None)
    weekly = [r for r in overall if r["grain"] == "all_week"]
    weeks = report_weeks(weekly)
    channels, hidden_channels = channel_series(tables["knowledge_health"], weeks, cfg.report.channels_shown)
    open_ages = [a / 24.0 for a in tables["unanswered_questions"].column("age_hours").to_pylist() if a is not None]
    period_hidden = period is None or bool(period["suppressed"])
    return {
        "headline": headline(period, tables, previous),
        "weeks": weeks,
        "overall": weekly_series(weekly, weeks),
        "channels": channels,
        "topics": topic_movers(tables["topic_trends"], weeks, cfg.report.topics_shown),
        "first_answer": None if period_hidden else first_answer_bins(con, cfg),
        "thread_lengths": None if period_hidden else {"shares": [period[b] for b in THREAD_BINS], "threads": period["threads"]},
        "participation": None if period_hidden else {
            "top1": period["top1pct_share"], "top10": period["top10pct_share"], "authors": period["authors"],
            "messages": period["messages"]},
        "unanswered_age": binned(open_ages, AGE_EDGES_DAYS),
        "unanswered": top_unanswered(con, cfg, tables["unanswered_questions"]),
        "faq": tables["faq_candidates"].slice(0, cfg.report.top_rows).to_pylist(),
        "tacit": tables["tacit_knowledge_candidates"].slice(0, cfg.report.top_rows).to_pylist(),
        "privacy": privacy_notes(cfg, con, tables, hidden_channels, period_hidden),
    }


def previous_run(output_dir: Path, run_date: date) -> dict | None:
    """What the latest earlier run folder left: its date, headline figures (manifest) and candidate ids (Parquet)."""
    folders = sorted(f for f in Path(output_dir).glob("run_date=*") if (f / "manifest.json").is_file() and f.name[9:] < run_date.isoformat())
    if not folders:
        return None
    folder = folders[-1]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    ids = {}
    for key, name in (("faq_candidates", "faq_candidates"), ("tacit_candidates", "tacit_knowledge_candidates")):
        path = folder / f"{name}.parquet"
        ids[key] = pq.read_table(path, columns=["candidate_id"]).column(0).to_pylist() if path.is_file() else []
    return {"run_date": manifest.get("run_date"), "headline": (manifest.get("report") or {}).get("headline"), "candidate_ids": ids}


def headline_record(figures: dict) -> dict:
    """What the manifest keeps for the next run's comparison: the headline figures (candidate ids stay in the Parquet files)."""
    return {"headline": figures["headline"]["figures"]}
