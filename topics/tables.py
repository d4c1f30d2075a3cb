"""Writing the topic tables: only rows that changed, so a run without new data changes nothing."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pyarrow as pa

from kennismaker.schema import THREAD_TOPICS, TOPIC_RUNS, TOPIC_TRENDS, TOPICS, Table
from kennismaker.sql import sql, statements
from kennismaker.store import replace_rows, upsert_arrow
from kennismaker.topics.stable_ids import Manifest

OUTLIER_LABEL = "(outliers: no topic)"
_TOPICS = statements("topics_store")


def ensure_thread_topics_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Add ``thread_topics.doc_hash`` to databases created before the column existed."""
    con.execute("ALTER TABLE thread_topics ADD COLUMN IF NOT EXISTS doc_hash VARCHAR")


def known_doc_hashes(con: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    """thread_id -> doc_hash of every thread that already has a topic row."""
    return dict(con.execute(_TOPICS["known_doc_hashes"]).fetchall())


def changed_thread_topics(con: duckdb.DuckDBPyConnection, rows: pa.Table) -> int:
    """Upsert the rows of ``rows`` that differ from ``thread_topics``; how many did."""
    if rows.num_rows == 0:
        return 0
    rows = rows.select(THREAD_TOPICS.columns).cast(THREAD_TOPICS.schema)
    con.register("__new_thread_topics", rows)
    try:
        changed = con.sql(_TOPICS["changed_thread_topics"]).to_arrow_table()
    finally:
        con.unregister("__new_thread_topics")
    return upsert_arrow(con, THREAD_TOPICS, changed)


def removed_threads(con: duckdb.DuckDBPyConnection, live_ids: list[str]) -> int:
    """Delete topic rows of threads that no longer exist; how many were deleted."""
    con.register("__live_threads", pa.table({"thread_id": pa.array(live_ids, pa.string())}))
    try:
        gone = con.execute(_TOPICS["removed_thread_count"]).fetchall()[0][0]
        if gone:
            con.execute(_TOPICS["remove_threads"])
    finally:
        con.unregister("__live_threads")
    return gone


def replaced_if_changed(con: duckdb.DuckDBPyConnection, table: Table, rows: pa.Table) -> bool:
    """Replace ``table`` with ``rows`` unless it already holds exactly these rows."""
    keys = [(k, "ascending") for k in table.key]
    rows = rows.select(table.columns).cast(table.schema).sort_by(keys)
    current = con.sql(f"SELECT * FROM {table.name}").to_arrow_table().cast(table.schema).sort_by(keys)
    if current.equals(rows):
        return False
    replace_rows(con, table, rows)
    return True


def _topic_stats(con: duckdb.DuckDBPyConnection, catalog: pa.Table) -> dict[int, tuple]:
    con.register("__topic_catalog", catalog.select(["thread_id", "started_at", "last_at"]))
    try:
        return {
            r[0]: r[1:]
            for r in con.execute(_TOPICS["topic_stats"]).fetchall()
        }
    finally:
        con.unregister("__topic_catalog")


def topic_rows(con: duckdb.DuckDBPyConnection, catalog: pa.Table, manifest: Manifest) -> pa.Table:
    """The ``topics`` table: every topic of the current model (and -1 when there are outliers)."""
    stats = _topic_stats(con, catalog)
    ids = sorted(set(manifest.stable_ids.values()) | ({-1} if -1 in stats else set()))
    rows = [
        {
            "topic_id": t,
            "label": OUTLIER_LABEL if t == -1 else manifest.labels.get(t, ""),
            "terms": [] if t == -1 else manifest.terms.get(t, []),
            "size": stats.get(t, (0, None, None))[0],
            "first_seen": stats.get(t, (0, None, None))[1],
            "last_seen": stats.get(t, (0, None, None))[2],
            "model_version": manifest.model_version,
        }
        for t in ids
    ]
    return pa.Table.from_pylist(rows, schema=TOPICS.schema)


def trend_rows(con: duckdb.DuckDBPyConnection, catalog: pa.Table, tz: str) -> pa.Table:
    """The ``topic_trends`` table: per topic and week (Monday, in time zone ``tz``) of a thread's start,
    its threads, the questions asked in them and how many of those are unanswered."""
    con.register("__topic_catalog", catalog.select(["thread_id", "started_at"]))
    try:
        return con.sql(sql("topics_trend_rows"), params={"tz": tz}).to_arrow_table()
    finally:
        con.unregister("__topic_catalog")


def recorded_run(con: duckdb.DuckDBPyConnection, run: dict) -> None:
    """Append one row to ``topic_runs``."""
    upsert_arrow(con, TOPIC_RUNS, pa.Table.from_pylist([run], schema=TOPIC_RUNS.schema))


def runs_since(con: duckdb.DuckDBPyConnection, since: datetime) -> tuple[int, float | None]:
    """New threads assigned since ``since`` (summed over runs) and the last run's outlier share."""
    new = con.execute(_TOPICS["new_threads_since"], {"since": since}).fetchall()[0][0]
    last = con.execute(_TOPICS["last_outlier_share"]).fetchall()
    return int(new), (last[0][0] if last else None)


def write_summary_tables(con: duckdb.DuckDBPyConnection, catalog: pa.Table, manifest: Manifest, tz: str) -> dict[str, bool]:
    """Rebuild ``topics`` and ``topic_trends`` from ``thread_topics``; which of them changed."""
    return {
        "topics": replaced_if_changed(con, TOPICS, topic_rows(con, catalog, manifest)),
        "topic_trends": replaced_if_changed(con, TOPIC_TRENDS, trend_rows(con, catalog, tz)),
    }
