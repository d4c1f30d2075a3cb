"""Similar answered questions, kept between runs: a night compares open questions only with what changed.

An open question's suggestions (``exports.unanswered.similar_answered``) are the best ``k`` matches
among the answered questions asked before it, at or above the threshold. ``answered_snapshot``
records the answered set of the last run and ``similar_matches`` each open question's matches.
Between two runs the answered set changes by ``added`` (newly answered, edited, a vector now cached)
and ``removed`` (no longer answered, edited, gone, opted out) questions (``answered_changes``). For an
open question whose text did not change and none of whose stored matches was removed, the best
``k`` of the new set are the best ``k`` of its stored matches and of the added questions asked
before it (``merged_matches``): only those are compared. The others are compared with every
answered question. The stored matches are (question id, similarity); the answer shown is looked up
fresh every run. Vectors fitted on the compared texts (TF-IDF) are never reused (``settings`` None).
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from kennismaker.schema import ANSWERED_SNAPSHOT, SIMILAR_MATCHES


def answered_key(rows: list[dict], has_vector: list[bool]) -> set[tuple]:
    """The answered set as comparable tuples: (question id, content hash, asked at, has a vector)."""
    return {(r["question_id"], r["content_hash"], r["created_at"], v) for r, v in zip(rows, has_vector)}


def answered_changes(con: duckdb.DuckDBPyConnection, settings: str, current: set[tuple]) -> tuple[set[str], set[str]] | None:
    """(added, removed) question ids of the answered set since the last run under ``settings``; a changed
    question is in both. None when the last run kept nothing under these settings (compare everything)."""
    stored = {tuple(r) for r in con.execute(
        "SELECT question_id, content_hash, created_at, has_vector FROM answered_snapshot WHERE settings = ?", [settings]).fetchall()}
    if not stored and not con.execute("SELECT EXISTS (SELECT 1 FROM answered_snapshot WHERE settings = ?)", [settings]).fetchall()[0][0]:
        return None
    return {r[0] for r in current - stored}, {r[0] for r in stored - current}


def stored_matches(con: duckdb.DuckDBPyConnection, settings: str | None, open_rows: list[dict]) -> dict[str, list[tuple[str, float]]]:
    """Stored matches per open question id whose text and time did not change, under the same settings."""
    if settings is None:
        return {}
    rows = con.execute("SELECT question_id, content_hash, created_at, matches FROM similar_matches WHERE settings = ?", [settings]).fetchall()
    stored = {q: (h, at, m) for q, h, at, m in rows}
    out = {}
    for row in open_rows:
        hit = stored.get(row["question_id"])
        if hit and hit[0] == row["content_hash"] and hit[1] == row["created_at"]:
            out[row["question_id"]] = [(m["question_id"], m["similarity"]) for m in hit[2]]
    return out


def reusable_matches(con: duckdb.DuckDBPyConnection, settings: str | None, open_rows: list[dict],
                     removed: set[str] | None) -> dict[str, list[tuple[str, float]]]:
    """The stored matches that can be continued: none of their questions was removed (``removed`` None: none can)."""
    if removed is None:
        return {}
    return {q: m for q, m in stored_matches(con, settings, open_rows).items() if not any(a in removed for a, _ in m)}


def merged_matches(kept: list[tuple[str, float]], found: list[tuple[str, float]], order: dict[str, int], k: int) -> list[tuple[str, float]]:
    """The best ``k`` of the stored matches and the matches found among the added questions, best first,
    ties in answered order (as ``exports.similarity.top_matches`` breaks them)."""
    merged = {q: s for q, s in kept} | dict(found)
    return sorted(merged.items(), key=lambda m: (-m[1], order[m[0]]))[:k]


def record_matches(con: duckdb.DuckDBPyConnection, settings: str | None, open_rows: list[dict], matches: list[list[tuple[str, float]]],
                   answered: set[tuple]) -> None:
    """Replace the stored matches and answered set with this run's (nothing kept for ``settings`` None)."""
    con.execute("DELETE FROM similar_matches").fetchall()
    con.execute("DELETE FROM answered_snapshot").fetchall()
    if settings is None:
        return
    table = pa.Table.from_pylist([
        {"question_id": r["question_id"], "content_hash": r["content_hash"], "created_at": r["created_at"],
         "matches": [{"question_id": q, "similarity": s} for q, s in m], "settings": settings}
        for r, m in zip(open_rows, matches)], schema=SIMILAR_MATCHES.schema)
    snapshot = pa.Table.from_pylist([
        {"question_id": q, "content_hash": h, "created_at": at, "has_vector": v, "settings": settings}
        for q, h, at, v in sorted(answered, key=lambda t: t[0])], schema=ANSWERED_SNAPSHOT.schema)
    for name, rows in (("similar_matches", table), ("answered_snapshot", snapshot)):
        con.register("__similar_rows", rows)
        try:
            con.execute(f"INSERT INTO {name} SELECT * FROM __similar_rows")
        finally:
            con.unregister("__similar_rows")
