"""``faq_candidates(con, cfg)``: groups of similar questions asked often by different people.

Questions are grouped greedily in the order they were asked (created_at, then id): each joins
the group whose centroid is most similar if that similarity reaches ``exports.faq_similarity``,
else it starts a new group (``exports.grouping_state``). Because the order is chronological,
later questions never move earlier ones, so a night only regroups the questions from the first
one that is new or changed (the stored grouping is resumed), and a group's ``candidate_id`` is ``faq-`` + SHA-1 of its earliest question id:
stable across runs and topic refits. A group is published with at least
``faq_min_questions`` questions from at least ``faq_min_askers`` different people.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pyarrow as pa

from kennismaker.exports.curation import candidate_id, stored_decisions, with_curation
from kennismaker.exports.privacy import known_names, opted_out_authors
from kennismaker.exports.shown_state import shown_texts
from kennismaker.exports.grouping_state import Group, faq_grouping
from kennismaker.exports.similarity import embedder_id, text_vectors
from kennismaker.exports.tacit import acknowledged, answer_rows, explanatory, not_link_only
from kennismaker.schema import EXPORTS
from kennismaker.sql import sql

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it

SCHEMA = EXPORTS["faq_candidates"]


def question_rows(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """All questions in the order they were asked."""
    cur = con.execute(sql("exp_faq_questions"))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def representative(group: Group, matrix: np.ndarray) -> int:
    """The member closest to the group centroid (the earliest on ties)."""
    sims = matrix[group.members] @ (group.total / np.linalg.norm(group.total))
    return group.members[int(np.argmax(np.round(sims, 6)))]


def best_answer(members: list[dict], answers: dict[str, list[dict]], cfg: Config) -> tuple[dict | None, str | None]:
    """The best answer to any variant and why: not link-only, acknowledged, explanatory, then earliest."""
    scored = []
    for q in members:
        for a in answers.get(q["question_id"], []):
            text = a["text"] or ""
            expl, _ = explanatory(text, cfg.exports.tacit_cues)
            link = not_link_only(text, a["urls"], cfg.exports.link_only_max_words)
            scored.append(((-link, -acknowledged(a), -expl, a["created_at"], a["answer_id"]), a, expl, link))
    if not scored:
        return None, None
    key, ans, expl, link = min(scored, key=lambda s: s[0])
    ack = -key[1]
    why = ["acknowledged by the asker" if ack == 1 else "got reactions" if ack else "not acknowledged",
           f"explanatory {expl:.2f}", "link only" if not link else "explains in its own words"]
    return ans, "; ".join(why)


def group_row(members: list[dict], rep: dict, answers: dict, cfg: Config, method: str) -> dict:
    """One export row for a published group, its texts as stored (``faq_candidates`` masks them)."""
    askers = len({m["author_key"] for m in members})
    ans, why = best_answer(members, answers, cfg)
    topics = Counter(m["topic_id"] for m in members if m["topic_id"] is not None)
    topic = min(topics, key=lambda t: (-topics[t], t)) if topics else None
    label = next((m["topic_label"] for m in members if m["topic_id"] == topic), None) if topic is not None else None
    small = askers < cfg.privacy.min_group_size
    return {
        "candidate_id": candidate_id("faq", members[0]["question_id"]), "representative_question_id": rep["question_id"],
        "representative_text": rep["text"], "variants": len(members), "askers": None if small else askers,
        "question_ids": sorted(m["question_id"] for m in members),
        "best_answer_id": ans["answer_id"] if ans else None, "best_answer_text": ans["text"] if ans else None,
        "best_answer_reason": why, "topic_id": topic, "topic_label": label,
        "first_asked": members[0]["created_at"], "last_asked": max(m["created_at"] for m in members),
        "similarity_method": method, "suppressed": small,
        "suppressed_reason": f"askers: fewer than {cfg.privacy.min_group_size} distinct people" if small else None,
        "curation_status": "open", "merged_from": [], "_askers": askers,
    }


def faq_candidates(con: duckdb.DuckDBPyConnection, cfg: Config) -> pa.Table:
    """The FAQ export (schema ``EXPORTS['faq_candidates']``): most variants first."""
    excluded = opted_out_authors(con, cfg)
    rows = [r for r in question_rows(con) if r["author_key"] not in excluded]
    vecs = text_vectors(con, cfg, [r["content_hash"] for r in rows], [r["text"] for r in rows])
    threshold = vecs.threshold(cfg.exports.faq_similarity)
    settings = f"{vecs.method}:{threshold!r}:{embedder_id(cfg)}" if vecs.method == "vectors" else None
    groups, _ = faq_grouping(con, [r["question_id"] for r in rows], [r["content_hash"] for r in rows], vecs.matrix, threshold, settings)
    published = [g for g in groups if len(g.members) >= cfg.exports.faq_min_questions
                 and len({rows[i]["author_key"] for i in g.members}) >= cfg.exports.faq_min_askers]
    answers: dict[str, list[dict]] = {}
    for a in answer_rows(con, sorted({rows[i]["question_id"] for g in published for i in g.members})):  # only the groups published
        if a["question_id"] and a["author_key"] not in excluded:
            answers.setdefault(a["question_id"], []).append(a)
    out = [group_row([rows[i] for i in g.members], rows[representative(g, vecs.matrix)], answers, cfg, vecs.method) for g in published]
    out.sort(key=lambda r: (-r["variants"], -r["_askers"], r["candidate_id"]))
    shown = shown_texts(con, cfg, [r[c] for r in out for c in ("representative_text", "best_answer_text")], known_names(con, cfg))
    for i, row in enumerate(out):
        row["representative_text"], row["best_answer_text"] = shown[2 * i], shown[2 * i + 1]
    return with_curation(pa.Table.from_pylist(out, schema=SCHEMA), stored_decisions(con))
