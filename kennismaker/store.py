"""The DuckDB store: opening it safely, creating tables from the schema, cheap checks.

DuckDB allows one writing process; a second one gets ``DatabaseLockedError`` with a clear
sentence instead of a traceback, and the file is never touched by the loser.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa

from kennismaker.errors import KennismakerError, TableCheckError, database_locked
from kennismaker.schema import STAGE_TABLES, TABLES, Table, create_table_sql, duckdb_type
from kennismaker.sql import sql


DUCKDB_SETTINGS = ("memory_limit", "threads")  # the settings open_store applies (names are never user text)


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the database file, raising ``DatabaseLockedError`` when it is held."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.exists():
        raise KennismakerError(f"Database {path} does not exist yet; run `kennismaker ingest` or `kennismaker run` first.")
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise database_locked(str(path)) from None
        raise KennismakerError(f"Cannot open database {path} ({str(exc).splitlines()[0]}); check the path and permissions.") from None


# The views every export reads (kennismaker/sql/<name>.sql), in dependency order.
VIEWS = ("exp_messages", "exp_questions", "exp_answers", "exp_question_answer_hours")
# The table macros over them (kennismaker/sql/<name>.sql) and their parameters: the group-level figures
# take config values (k, time zone), which a view cannot, so exports, report and analyst views call these.
MACROS = {
    "exp_conversation_cells": ("tz", "grains"),
    "exp_knowledge_health": ("min_authors", "tz", "grains"),
    "exp_topic_trends": ("min_authors", "tz"),
}


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every declared table that does not exist yet, add columns a newer version declares and
    (re)create the export views ``VIEWS`` and table macros ``MACROS``."""
    for table in TABLES.values():
        con.execute(create_table_sql(table))
        present = {r[0] for r in con.execute(f"DESCRIBE {table.name}").fetchall()}
        for f in table.schema:
            if f.name not in present:
                con.execute(f'ALTER TABLE {table.name} ADD COLUMN "{f.name}" {duckdb_type(f.type)}')
    for name in VIEWS:
        con.execute(f"CREATE OR REPLACE VIEW {name} AS {sql(name)}")
    for name, params in MACROS.items():
        con.execute(f"CREATE OR REPLACE MACRO {name}({', '.join(params)}) AS TABLE {sql(name)}")


@contextmanager
def open_store(path: Path | str, read_only: bool = False, settings: dict[str, str | int] | None = None
               ) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the store (creating tables when writable) and close it afterwards.

    ``settings`` are DuckDB settings such as ``{"memory_limit": "4GB", "threads": 2}`` (the config's
    ``duckdb`` section, ``Config.duckdb.settings()``), applied to the database before anything runs.
    """
    con = connect(path, read_only=read_only)
    try:
        for name in DUCKDB_SETTINGS:
            if name in (settings or {}):
                con.execute(f"SET {name} = ?", [settings[name]])
        if not read_only:
            ensure_schema(con)
        yield con
    finally:
        con.close()


def table_check_failures(con: duckdb.DuckDBPyConnection, table: Table) -> list[str]:
    """Broken ``unique`` / ``not_null`` / ``accepted_values`` expectations of a table, as phrases naming table and column."""
    failures: list[str] = []
    if table.key:
        keys = ", ".join(table.key)
        dup = con.execute(f"SELECT count(*) FROM (SELECT {keys} FROM {table.name} GROUP BY ALL HAVING count(*) > 1)").fetchone()[0]
        if dup:
            failures.append(f"{table.name}: {dup} duplicate keys ({keys})")
        for col in table.key:
            nulls = con.execute(f"SELECT count(*) FROM {table.name} WHERE {col} IS NULL").fetchone()[0]
            if nulls:
                failures.append(f"{table.name}.{col}: {nulls} NULL keys")
    for col, values in table.accepted.items():
        bad = con.execute(f"SELECT count(*) FROM {table.name} WHERE {col} IS NOT NULL AND NOT list_contains(?::VARCHAR[], {col})",
                          [list(values)]).fetchone()[0]
        if bad:
            failures.append(f"{table.name}.{col}: {bad} values outside ({', '.join(values)})")
    return failures


def checked_tables(con: duckdb.DuckDBPyConnection, stage: str, tables: tuple[Table, ...]) -> int:
    """Run the checks of ``tables`` (those that exist) after ``stage``; the number of tables checked.

    Raises ``TableCheckError``, one sentence naming table, column and what to do, on the first failures.
    """
    present = [t for t in tables if table_exists(con, t.name)]
    failures = [f for t in present for f in table_check_failures(con, t)]
    if failures:
        raise TableCheckError(
            f"The table checks after the {stage} stage failed ({'; '.join(failures)}); the run stopped before the "
            "next stage and the previous exports are intact: rerun with `kennismaker --debug run` and report the checks that failed."
        )
    return len(present)


def checked_stage(con: duckdb.DuckDBPyConnection, stage: str) -> int:
    """The checks of the tables ``stage`` writes (``STAGE_TABLES``); the number of tables checked."""
    return checked_tables(con, stage, STAGE_TABLES[stage])


def upsert_arrow(con: duckdb.DuckDBPyConnection, table: Table, rows: pa.Table) -> int:
    """Insert or replace ``rows`` (cast to the table schema) by the table's key; returns the row count.

    In-batch duplicates are resolved first: the last row for a key wins.
    """
    if rows.num_rows == 0:
        return 0
    rows = rows.select(table.columns).cast(table.schema)
    rows = rows.append_column("__pos", pa.array(range(rows.num_rows), pa.int64()))
    cols = ", ".join(f'"{c}"' for c in table.columns)
    keys = ", ".join(table.key)
    sets = ", ".join(f'"{c}" = excluded."{c}"' for c in table.columns if c not in table.key)
    con.register("__upsert_rows", rows)
    try:
        con.execute(
            f"INSERT INTO {table.name} ({cols}) SELECT {cols} FROM __upsert_rows "
            f"QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY __pos DESC) = 1 "
            f"ON CONFLICT ({keys}) DO UPDATE SET {sets}"
        )
    finally:
        con.unregister("__upsert_rows")
    return rows.num_rows


def replace_rows(con: duckdb.DuckDBPyConnection, table: Table, rows: pa.Table) -> int:
    """Replace the whole content of ``table`` with ``rows`` in one transaction."""
    rows = rows.select(table.columns).cast(table.schema)
    con.register("__replace_rows", rows)
    try:
        con.execute("BEGIN")
        con.execute(f"DELETE FROM {table.name}")
        con.execute(f"INSERT INTO {table.name} SELECT * FROM __replace_rows")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        con.unregister("__replace_rows")
    return rows.num_rows


def replace_where(con: duckdb.DuckDBPyConnection, table: Table, rows: pa.Table, where: str, params: list) -> int:
    """Replace the rows of ``table`` matching ``where`` (SQL with ``?`` parameters) with ``rows``.

    Runs inside the caller's transaction when one is open, else in its own.
    """
    rows = rows.select(table.columns).cast(table.schema)
    con.execute(f"DELETE FROM {table.name} WHERE {where}", params).fetchall()  # also ends any pending result
    con.register("__replace_where", rows)
    try:
        con.execute(f"INSERT INTO {table.name} SELECT * FROM __replace_where")
    finally:
        con.unregister("__replace_where")
    return rows.num_rows


def table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """True when a table or view called ``name`` exists."""
    sql = "SELECT count(*) FROM (SELECT table_name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views()) WHERE table_name = ?"
    return bool(con.execute(sql, [name]).fetchall()[0][0])


def table_has_rows(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """True when table ``name`` exists and holds at least one row."""
    return table_exists(con, name) and bool(con.execute(f"SELECT EXISTS (SELECT 1 FROM {name})").fetchall()[0][0])


def relation(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """``name`` when the declared table exists, else an empty relation with its columns."""
    if table_exists(con, name):
        return name
    cols = ", ".join(f'CAST(NULL AS {duckdb_type(f.type)}) AS "{f.name}"' for f in TABLES[name].schema)
    return f"(SELECT {cols} WHERE false)"


def literal(value: int | str | Path | list[str]) -> str:
    """``value`` as a SQL literal, for the few statements that cannot take parameters (a view's
    definition, ``ATTACH``); only ever given validated values (config integers, IANA names, paths)."""
    if isinstance(value, bool) or not isinstance(value, (int, str, Path, list)):
        raise TypeError(f"no SQL literal for {type(value).__name__}")
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, list):
        return "[" + ", ".join(literal(str(v)) for v in value) + "]"
    return "'" + str(value).replace("'", "''") + "'"


def compact(path: Path | str) -> Path:
    """Rebuild the database file so deleted rows leave no bytes behind; returns the path.

    DuckDB reuses the blocks of deleted rows but does not wipe them, so after an erasure the file
    is copied table by table into a new file (``COPY FROM DATABASE``), which is then renamed over
    the old one (atomic on one file system). A crash before the rename leaves the old file intact.
    The caller must hold the run lock and have closed its own connection.
    """
    path = Path(path)
    fresh = path.with_name(path.name + ".compacting")
    fresh.unlink(missing_ok=True)
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH {literal(path)} AS old_store (READ_ONLY)")
        con.execute(f"ATTACH {literal(fresh)} AS new_store")
        con.execute("COPY FROM DATABASE old_store TO new_store")
        con.execute("DETACH new_store")
        con.execute("DETACH old_store")
    except BaseException:
        con.close()
        fresh.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(fresh, path)
    path.with_name(path.name + ".wal").unlink(missing_ok=True)
    return path
