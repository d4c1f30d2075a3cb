"""``unanswered_questions(con, cfg)``: questions nobody but the asker answered, most actionable first.

A question is unanswered when it opens its conversation, ``question_status`` does not say
``answered``, no answer link comes from someone other than the asker, nobody but the asker posted
a reply marked as the answer in the conversation after it, and it is older than
``exports.unanswered_after_hours`` at ``as_of``. Which reply answers is decided once, by answer
linking (``classify.answer_decision``); this export reads its links and does not judge replies again.
Self-resolved questions count (only the asker replied): the know-how is still missing for the
next person. Questions of opted-out people are left out.

When the asker opened the conversation with a post the classifier did not call a question (a
problem report, "see screenshot") and only a later post of theirs is one ("nog iemand een
idee?"), the row shows the opening post: that is what an editor needs to read.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pyarrow as pa

from kennismaker.exports.context import as_of
from kennismaker.exports.curation import candidate_id, stored_decisions, with_curation
from kennismaker.exports.privacy import known_names, opted_out_authors, person_label, person_labels
from kennismaker.exports.shown_state import shown_texts
from kennismaker.exports.similar_state import answered_changes, answered_key, merged_matches, record_matches, reusable_matches
from kennismaker.exports.similarity import embedder_id, text_vectors, top_matches
from kennismaker.schema import EXPORTS
from kennismaker.sql import sql

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it

SCHEMA = EXPORTS["unanswered_questions"]
FRESHNESS_DAYS = 14.0  # actionability halves roughly every 10 days: an asker still waiting matters more


def question_rows(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every question with its asker, status, reply counts and whether someone else answered it.

    Replies are counted from the asker's opening post when the asker started the conversation.
    """
    cur = con.execute(sql("exp_question_rows"))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def shown_question(row: dict) -> dict:
    """The row as listed: the asker's opening post of the conversation when it came before this question."""
    if not row["asker_opened"] or row["root_id"] == row["question_id"]:
        return row
    return {**row, "question_id": row["root_id"], "created_at": row["root_at"], "text": row["root_text"],
            "lang": row["root_lang"], "content_hash": row["root_hash"]}


def best_answers(con: duckdb.DuckDBPyConnection, excluded: frozenset[str]) -> dict[str, tuple[str, str]]:
    """Per answered question: (best answer id, its author) by link score, from someone other than the asker."""
    rows = con.execute("SELECT question_id, answer_id, answer_author FROM exp_answers ORDER BY question_id, score DESC, answer_id").fetchall()
    best: dict[str, tuple[str, str]] = {}
    for qid, aid, author in rows:
        if author not in excluded:
            best.setdefault(qid, (aid, author))
    return best


def reason(row: dict) -> str:
    """Why a question counts as unanswered: no_replies, only_asker or no_answer."""
    if not row["replies"]:
        return "no_replies"
    return "only_asker" if not row["other_replies"] else "no_answer"


def is_unanswered(row: dict, cutoff: datetime) -> bool:
    """The question that opens its conversation, no answer from anyone but the asker, asked before ``cutoff``.

    Later questions in a conversation (the asker's follow-ups, "iemand?" bumps) belong to the
    conversation's opening question and are not listed on their own.
    """
    opens = row.get("opens_conversation", True)
    return opens and row["status"] != "answered" and not row["has_answer"] and row["created_at"] <= cutoff


def listed_rows(rows: list[dict], cutoff: datetime) -> list[dict]:
    """The rows of ``question_rows`` that the export lists, as shown (the asker's opening post first)."""
    return [shown_question(r) for r in rows if is_unanswered(r, cutoff)]


SIMILARITY_BLOCK = 512  # open questions per matrix product (bounds memory: 512 x answered floats)


def compared(opened: np.ndarray, candidates: np.ndarray, times: np.ndarray, ids: list[str], todo: list[int], open_rows: list[dict],
             k: int, minimum: float) -> dict[str, list[tuple[str, float]]]:
    """The best ``k`` matches among the ``candidates`` rows (answered questions ``ids``, asked at ``times``) of
    the open questions ``todo`` (indexes of ``open_rows`` and rows of ``opened``)."""
    out: dict[str, list[tuple[str, float]]] = {}
    for start in range(0, len(todo), SIMILARITY_BLOCK):  # one matrix product per block of open questions, not one per question
        part = todo[start : start + SIMILARITY_BLOCK]
        block = opened[part] @ candidates.T if len(ids) else np.zeros((len(part), 0), np.float32)
        for row_sims, i in zip(block, part):
            allowed = times < open_rows[i]["created_at"].timestamp()
            out[open_rows[i]["question_id"]] = [(ids[j], s) for j, s in top_matches(row_sims, allowed, k, minimum)]
    return out


def similar_answered(con, cfg: Config, open_rows: list[dict], answered_rows: list[dict], best: dict) -> list[list[dict]]:
    """Per open question: up to N earlier answered questions that look like it, with their best answer.

    An open question kept from the last run is compared only with the answered questions added since
    (``exports.similar_state``); the others with every answered question.
    """
    k = cfg.exports.similar_answered_max
    if not open_rows or not answered_rows or k == 0:
        record_matches(con, None, [], [], set())
        return [[] for _ in open_rows]
    rows = open_rows + answered_rows
    vecs = text_vectors(con, cfg, [r["content_hash"] for r in rows], [r["text"] for r in rows])
    minimum = vecs.threshold(cfg.exports.similar_answered_min)
    opened, answered = vecs.matrix[: len(open_rows)], vecs.matrix[len(open_rows):]
    settings = f"{minimum!r}:{k}:{embedder_id(cfg)}" if vecs.method == "vectors" else None
    snapshot = answered_key(answered_rows, [bool(v.any()) for v in answered])
    changes = answered_changes(con, settings, snapshot) if settings else None
    kept = reusable_matches(con, settings, open_rows, changes[1] if changes else None)
    ids = [r["question_id"] for r in answered_rows]
    times = np.array([r["created_at"].timestamp() for r in answered_rows])
    whole = [i for i, r in enumerate(open_rows) if r["question_id"] not in kept]
    matches = compared(opened, answered, times, ids, whole, open_rows, k, minimum)
    if kept:
        added = [j for j, q in enumerate(ids) if q in changes[0]]
        found = compared(opened, answered[added], times[added], [ids[j] for j in added],
                         [i for i, r in enumerate(open_rows) if r["question_id"] in kept], open_rows, k, minimum)
        order = {q: j for j, q in enumerate(ids)}
        matches |= {q: merged_matches(kept[q], found[q], order, k) for q in kept}
    ordered = [matches[r["question_id"]] for r in open_rows]
    record_matches(con, settings, open_rows, ordered, snapshot)
    return [[{"question_id": q, "answer_id": best[q][0], "similarity": round(s, 4)} for q, s in m] for m in ordered]


def answerers_by_scope(answered_rows: list[dict], best: dict) -> dict[tuple, dict[str, int]]:
    """Answer counts per person per scope: ('topic', id) when the thread has a topic, else ('channel', name)."""
    counts: dict[tuple, dict[str, int]] = {}
    for row in answered_rows:
        author = best[row["question_id"]][1]
        scope = counts.setdefault(scope_of(row), {})
        scope[author] = scope.get(author, 0) + 1
    return counts


def scope_of(row: dict) -> tuple:
    """The expertise scope of a question: its topic, else its channel."""
    topic = row["topic_id"]
    return ("topic", topic) if topic is not None and topic >= 0 else ("channel", row["channel"])  # -1: outliers


def suggested_answerers(cfg: Config, row: dict, scopes: dict, labels: dict[str, str]) -> list[str] | None:
    """People who answered most in the question's topic (or channel); None unless person-level output is on."""
    if not cfg.privacy.person_level_output:
        return None
    counts = scopes.get(scope_of(row), {})
    ranked = sorted((k for k in counts if k != row["author_key"] and k in labels), key=lambda k: (-counts[k], k))
    return [person_label(k, labels) for k in ranked[: cfg.exports.suggested_answerers_max]]


def actionability(similar: list[dict], age_hours: float) -> float:
    """0.6 x best suggestion similarity + 0.4 x freshness (exp(-age / 14 days)), rounded."""
    best = max((s["similarity"] for s in similar), default=0.0)
    return round(0.6 * best + 0.4 * math.exp(-age_hours / 24.0 / FRESHNESS_DAYS), 6)


def unanswered_questions(con: duckdb.DuckDBPyConnection, cfg: Config) -> pa.Table:
    """The unanswered-questions export (schema ``EXPORTS['unanswered_questions']``), most actionable first."""
    ref = as_of(cfg)
    excluded = opted_out_authors(con, cfg)
    rows = [r for r in question_rows(con) if r["author_key"] not in excluded]
    best = best_answers(con, excluded)
    cutoff = ref - timedelta(hours=cfg.exports.unanswered_after_hours)
    open_rows = listed_rows(rows, cutoff)
    answered_rows = [r for r in rows if r["question_id"] in best]
    similar = similar_answered(con, cfg, open_rows, answered_rows, best)
    scopes, labels = answerers_by_scope(answered_rows, best), person_labels(con, cfg)
    out, shown = [], shown_texts(con, cfg, [r["text"] for r in open_rows], known_names(con, cfg))
    for row, sims, text in zip(open_rows, similar, shown):
        age = round((ref - row["created_at"]).total_seconds() / 3600.0, 2)
        out.append({
            "candidate_id": candidate_id("uq", row["question_id"]), "question_id": row["question_id"],
            "conversation_id": row["conversation_id"], "channel": row["channel"], "created_at": row["created_at"],
            "age_hours": age, "lang": row["lang"], "text": text, "topic_id": row["topic_id"],
            "topic_label": row["topic_label"], "reason": reason(row), "replies": row["replies"], "similar_answered": sims,
            "suggested_answerers": suggested_answerers(cfg, row, scopes, labels),
            "actionability": actionability(sims, age), "curation_status": "open", "merged_from": [],
        })
    out.sort(key=lambda r: (-r["actionability"], r["question_id"]))
    return with_curation(pa.Table.from_pylist(out, schema=SCHEMA), stored_decisions(con))
