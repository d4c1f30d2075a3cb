"""The one schema module: tables create, checks work, and the data dictionary covers every column."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa

from kennismaker.schema import TABLES, MESSAGES
from kennismaker.store import open_store, table_check_failures, upsert_arrow

ROOT = Path(__file__).resolve().parents[2]


def test_every_table_is_created(tmp_path):
    with open_store(tmp_path / "db.duckdb") as con:
        present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        for name, table in TABLES.items():
            assert name in present
            cols = [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall()]
            assert cols == table.columns


def test_data_dictionary_lists_every_table_and_column():
    text = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^### `(\w+)`\n(.*?)(?=^### |\Z)", text, flags=re.S | re.M))
    for name, table in TABLES.items():
        assert name in sections, f"docs/data-dictionary.md has no section ### `{name}`"
        for col in table.columns:
            assert f"`{col}`" in sections[name], f"{name}.{col} is not documented"


def test_checks_find_duplicate_keys_and_bad_values(tmp_path):
    with open_store(tmp_path / "db.duckdb") as con:
        con.execute("INSERT INTO channels VALUES ('c1', 's', 'a', 'public', 'r'), ('c2', 's', 'b', 'secret', 'r')")
        failures = table_check_failures(con, TABLES["channels"])
    assert len(failures) == 1 and "kind" in failures[0]


def test_upsert_keeps_the_last_row_of_in_batch_duplicates(tmp_path):
    rows = pa.table({"channel_id": ["c1", "c1"], "source": ["s", "s"], "name": ["old", "new"], "kind": ["public"] * 2, "ingest_run_id": ["r", "r"]})
    with open_store(tmp_path / "db.duckdb") as con:
        upsert_arrow(con, TABLES["channels"], rows)
        assert con.execute("SELECT name FROM channels").fetchall() == [("new",)]


def test_messages_created_at_is_timestamptz(tmp_path):
    with open_store(tmp_path / "db.duckdb") as con:
        types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'messages'").fetchall())
    assert types["created_at"] == "TIMESTAMP WITH TIME ZONE"
    assert MESSAGES.key == ("message_id",)
