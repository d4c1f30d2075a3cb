"""Similar answered questions, kept between runs: only open questions whose candidates changed are compared again.

An open question's suggestions (``exports.unanswered.similar_answered``) are the best matches among
the answered questions asked before it. So when the answered set changes (a question newly
answered, an answer gone, an edit, a vector now cached, an opt-out), only the open questions asked
after the earliest changed answered question can get other suggestions; the others keep theirs
(``similar_matches``). ``answered_snapshot`` records the answered set of the last run. The stored
matches are (question id, similarity); the answer shown is looked up fresh every run. Vectors
fitted on the compared texts (TF-IDF) are never reused (``settings`` None).
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pyarrow as pa

from kennismaker.schema import ANSWERED_SNAPSHOT, SIMILAR_MATCHES


def answered_key(rows: list[dict], has_vector: list[bool]) -> set[tuple]:
    """The answered set as comparable tuples: (question id, content hash, asked at, has a vector)."""
    return {(r["question_id"], r["content_hash"], r["created_at"], v) for r, v in zip(rows, has_vector)}


def changed_since(con: duckdb.DuckDBPyConnection, settings: str, current: set[tuple]) -> datetime | None:
    """The earliest ``created_at`` among answered questions added, removed or changed since the last run
    (None: nothing changed); the earliest possible time when the last run used other settings."""
    stored = {tuple(r) for r in con.execute(
        "SELECT question_id, content_hash, created_at, has_vector FROM answered_snapshot WHERE settings = ?", [settings]).fetchall()}
    if not stored and not con.execute("SELECT EXISTS (SELECT 1 FROM answered_snapshot WHERE settings = ?)", [settings]).fetchall()[0][0]:
        return datetime.min
    changed = stored ^ current
    return min((r[2] for r in changed), default=None)


def reusable_matches(con: duckdb.DuckDBPyConnection, settings: str | None, open_rows: list[dict], since: datetime | None) -> dict[str, list[tuple[str, float]]]:
    """Stored matches per open question id that are still valid: same text, same settings, asked no later than ``since``."""
    if settings is None or since == datetime.min:
        return {}
    rows = con.execute("SELECT question_id, content_hash, created_at, matches FROM similar_matches WHERE settings = ?", [settings]).fetchall()
    stored = {q: (h, at, m) for q, h, at, m in rows}
    out = {}
    for row in open_rows:
        hit = stored.get(row["question_id"])
        if hit and hit[0] == row["content_hash"] and hit[1] == row["created_at"] and (since is None or row["created_at"] <= since):
            out[row["question_id"]] = [(m["question_id"], m["similarity"]) for m in hit[2]]
    return out


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
