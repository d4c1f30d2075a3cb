"""The SQL folder: named statements parse, every file is read by some module, literals are quoted."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from kennismaker.sql import named_statements, sql, statements
from kennismaker.store import MACROS, VIEWS, ensure_schema, literal

ROOT = Path(__file__).resolve().parents[2]
SQL_DIR = ROOT / "kennismaker" / "sql"
CODE = "\n".join(p.read_text(encoding="utf-8") for folder in ("kennismaker", "extract", "classify", "topics", "exports", "pipelines")
                 for p in (ROOT / folder).rglob("*.py"))


def test_named_statements_are_split_on_their_name_lines():
    text = "-- what the file is\n\n-- name: first\nSELECT 1;\n\n-- name: second\n-- a comment\nSELECT 2\n"
    assert named_statements(text) == {"first": "SELECT 1", "second": "-- a comment\nSELECT 2"}
    assert named_statements("SELECT 1") == {}
    named = {f.stem for f in SQL_DIR.glob("*.sql") if "-- name:" in f.read_text(encoding="utf-8")}
    assert {"erasure", "extract_ingest", "classify_store", "topics_store", "pipelines_runs", "exp_report"} <= named
    for name in named:
        assert all(named_statements(sql(name)).values()), name


def test_a_file_without_named_statements_is_refused():
    with pytest.raises(ValueError, match="no '-- name: ...' statements"):
        statements("exp_messages")


@pytest.mark.parametrize("path", sorted(SQL_DIR.glob("*.sql")), ids=lambda p: p.name)
def test_every_sql_file_is_read_by_a_module(path):
    assert f'"{path.stem}"' in CODE or f"'{path.stem}'" in CODE, f"kennismaker/sql/{path.name} is read by no module"


def test_every_named_statement_is_used():
    dynamic = {"erasure": "delete_"}  # erasure's deletes are named after kennismaker.erasure.ERASED_TABLES
    for path in sorted(SQL_DIR.glob("*.sql")):
        if "-- name:" not in path.read_text(encoding="utf-8"):
            continue
        for name in statements(path.stem):
            if name.startswith(dynamic.get(path.stem, "\0")):
                continue
            assert f'"{name}"' in CODE, f"statement {name} of kennismaker/sql/{path.name} is used by no module"


def test_views_and_macros_are_created_with_the_schema():
    con = duckdb.connect()
    ensure_schema(con)
    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    macros = {r[0] for r in con.execute("SELECT function_name FROM duckdb_functions() WHERE function_type = 'table_macro'").fetchall()}
    assert set(VIEWS) <= views and set(MACROS) <= macros
    assert con.execute("SELECT count(*) FROM exp_knowledge_health(5, 'UTC', ['channel_week', 'all'])").fetchall() == [(0,)]


def test_literals_are_quoted_and_only_for_plain_values():
    assert literal(5) == "5" and literal("Europe/Amsterdam") == "'Europe/Amsterdam'" and literal("o'clock") == "'o''clock'"
    assert literal(["a", "b'"]) == "['a', 'b''']"
    assert duckdb.connect().execute(f"SELECT {literal(chr(39) + '; DROP TABLE x; --')}").fetchall()[0][0] == "'; DROP TABLE x; --"
    with pytest.raises(TypeError):
        literal(True)
    with pytest.raises(TypeError):
        literal(1.5)
