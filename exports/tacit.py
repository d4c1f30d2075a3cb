"""``tacit_knowledge_candidates(con, cfg)``: answers that carry know-how found nowhere else.

Each answer (an answer link from someone other than the asker, or a message labelled answer)
gets four components in [0, 1] and a score (docs/exports.md, "Scoring tacit knowledge"):

- ``explanatory``: 0.4 x length (words / 60, capped) + 0.35 x explanatory cues (2 distinct cues
  = full) + 0.25 x structure (a list of two or more lines, or code);
- ``acknowledged``: 1 when marked as the answer, check-marked, or thanked by the asker later in the
  conversation; 0.5 for any other reaction; else 0;
- ``repeat_answerer``: how often the author answered in the same topic (channel when no topic):
  (answers - 1) / 3, capped at 1;
- ``not_link_only``: 0 when the answer is a link with at most ``link_only_max_words`` other words.

``score = not_link_only x weighted mean(explanatory, acknowledged, repeat_answerer)``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from kennismaker.exports.curation import candidate_id, stored_decisions, with_curation
from kennismaker.extract.name_mask import KnownNames
from kennismaker.exports.privacy import known_names, opted_out_authors, person_label, person_labels, shown_text
from kennismaker.exports.shown_state import shown_texts
from kennismaker.patterns import URL_RE
from kennismaker.schema import EXPORTS
from kennismaker.sql import sql

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it

SCHEMA = EXPORTS["tacit_knowledge_candidates"]
LIST_LINE_RE = re.compile(r"(?m)^\s*(?:[-*\u2022]|\d+[.)])\s+\S")
CODE_RE = re.compile(r"(?m)```|`[^`\n]+`|^(?: {4}|\t)\S")


def answer_rows(con: duckdb.DuckDBPyConnection, questions: list[str] | None = None) -> list[dict]:
    """Every answer (only those to ``questions`` when given) with its question and what acknowledged it
    (``int_conversation_messages``: marked, check-marked, thanked by the asker later in the conversation, reactions)."""
    cur = con.execute(sql("exp_answer_rows"), {"questions": questions})
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def cue_hits(text: str, cues: list[str]) -> list[str]:
    """The explanatory cues that occur in ``text`` as whole words, sorted."""
    low = text.lower()
    return sorted({c for c in cues if c.lower() in low and _cue_pattern(c).search(low)})  # the substring test is the cheap half


@lru_cache(maxsize=4096)
def _cue_pattern(cue: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(cue.lower()) + r"(?!\w)")


def explanatory(text: str, cues: list[str]) -> tuple[float, list[str]]:
    """(explanatory component, cues found): length, explanatory phrases and structure (lists, code)."""
    value, hits = _explanatory(text, tuple(cues))
    return value, list(hits)


@lru_cache(maxsize=1 << 18)  # the FAQ export scores the same answers again (a million-message store has ~170,000)
def _explanatory(text: str, cues: tuple[str, ...]) -> tuple[float, tuple[str, ...]]:
    words = len(URL_RE.sub(" ", text).split())
    hits = cue_hits(text, cues)
    structure = 1.0 if len(LIST_LINE_RE.findall(text)) >= 2 or CODE_RE.search(text) else 0.0
    value = 0.4 * min(words / 60.0, 1.0) + 0.35 * min(len(hits) / 2.0, 1.0) + 0.25 * structure
    return round(value, 4), tuple(hits)


def acknowledged(row: dict) -> float:
    """1 when marked, check-marked or thanked by the asker afterwards; 0.5 for another reaction; else 0.

    Thanks and check marks are read once, after answer linking, as linking reads them
    (``classify.conversation_messages``): "Nee, dat werkt niet" is no thanks in either.
    """
    if row["marked_answer"] or row["checkmarked"] or row["thanked"]:
        return 1.0
    return 0.5 if row["reaction_count"] or row["reactions"] else 0.0


def not_link_only(text: str, urls: list[str] | None, max_words: int) -> float:
    """0 when the answer is essentially a link (at most ``max_words`` other words), else 1."""
    has_link = bool(urls) or bool(URL_RE.search(text))
    return 0.0 if has_link and len(URL_RE.sub(" ", text).split()) <= max_words else 1.0


def repeat_counts(rows: list[dict]) -> dict[tuple, int]:
    """Answers per (author, scope), the scope being the topic or, without one, the channel."""
    counts: dict[tuple, int] = {}
    for row in rows:
        key = (row["author_key"], _scope(row))
        counts[key] = counts.get(key, 0) + 1
    return counts


def _scope(row: dict) -> tuple:
    topic = row["topic_id"]
    return ("topic", topic) if topic is not None and topic >= 0 else ("channel", row["channel"])  # -1: outliers


def scored_row(row: dict, cfg: Config, repeats: dict[tuple, int], labels: dict[str, str], names: KnownNames | None) -> dict:
    """One export row: the components, the score and the shown text (the raw text when ``names`` is None:
    ``tacit_knowledge_candidates`` masks only the rows it keeps)."""
    text, w = row["text"] or "", cfg.exports.tacit_weights
    expl, hits = explanatory(text, cfg.exports.tacit_cues)
    ack = acknowledged(row)
    rep = round(min((repeats[(row["author_key"], _scope(row))] - 1) / 3.0, 1.0), 4)
    link = not_link_only(text, row["urls"], cfg.exports.link_only_max_words)
    total = (w.explanatory + w.acknowledged + w.repeat_answerer) or 1.0
    score = link * (w.explanatory * expl + w.acknowledged * ack + w.repeat_answerer * rep) / total
    person = person_label(row["author_key"], labels) if cfg.privacy.person_level_output and row["author_key"] else None
    return {
        "candidate_id": candidate_id("tk", row["answer_id"]), "answer_id": row["answer_id"], "question_id": row["question_id"],
        "conversation_id": row["conversation_id"], "channel": row["channel"], "created_at": row["created_at"],
        "lang": row["lang"], "text": text if names is None else shown_text(text, cfg, names), "topic_id": row["topic_id"], "topic_label": row["topic_label"],
        "score": round(score, 4), "explanatory": expl, "acknowledged": ack, "repeat_answerer": rep,
        "not_link_only": link, "cues": hits, "answerer": person, "curation_status": "open", "merged_from": [],
    }


def tacit_knowledge_candidates(con: duckdb.DuckDBPyConnection, cfg: Config) -> pa.Table:
    """The tacit-knowledge export (schema ``EXPORTS['tacit_knowledge_candidates']``), best score first."""
    excluded = opted_out_authors(con, cfg)
    rows = [r for r in answer_rows(con) if r["author_key"] not in excluded]
    repeats, labels = repeat_counts(rows), person_labels(con, cfg)
    scored = [scored_row(r, cfg, repeats, labels, None) for r in rows]
    scored = [r for r in scored if r["score"] >= cfg.exports.tacit_min_score]
    scored.sort(key=lambda r: (-r["score"], r["answer_id"]))
    table = with_curation(pa.Table.from_pylist(scored, schema=SCHEMA), stored_decisions(con)).slice(0, cfg.exports.tacit_max_rows)
    # masking is the costly step: only the rows kept are masked, and only those not masked on an earlier night
    shown = pa.array(shown_texts(con, cfg, table.column("text").to_pylist(), known_names(con, cfg)), pa.string())
    return table.set_column(table.schema.get_field_index("text"), "text", shown)
