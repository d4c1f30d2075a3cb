"""Table checks (keys unique and not null, accepted values) after every stage, in one sentence."""

from __future__ import annotations

import pyarrow as pa
import pytest

from kennismaker.errors import TableCheckError
from kennismaker.schema import MESSAGE_LABELS, QUESTION_STATUS, STAGE_TABLES, TABLES, Table
from kennismaker.store import checked_tables, open_store, table_check_failures


def test_every_stage_checks_declared_tables_and_every_table_with_checks_is_checked_by_a_stage():
    checked = {t.name for tables in STAGE_TABLES.values() for t in tables}
    assert checked <= set(TABLES)
    with_checks = {name for name, t in TABLES.items() if t.key or t.accepted} - {"raw_messages"}
    assert with_checks <= checked


def test_a_label_outside_the_accepted_values_is_one_sentence_naming_table_column_and_what_to_do(tmp_path):
    with open_store(tmp_path / "k.duckdb") as con:
        con.execute("INSERT INTO message_labels (message_id, label) VALUES ('m1', 'question'), ('m2', 'vraag')")
        con.execute("INSERT INTO question_status (question_id, status) VALUES ('m1', 'answered')")
        assert checked_tables(con, "topics", STAGE_TABLES["topics"]) == len(STAGE_TABLES["topics"])
        with pytest.raises(TableCheckError) as caught:
            checked_tables(con, "classify", (MESSAGE_LABELS, QUESTION_STATUS))
    message = str(caught.value)
    assert message.startswith("The table checks after the classify stage failed (message_labels.label: 1 values outside (question, ")
    assert "rerun with `kennismaker --debug run`" in message and "\n" not in message and "question_status" not in message


def test_duplicate_and_null_keys_are_found(tmp_path):
    table = Table("pairs", pa.schema([("a", pa.string()), ("b", pa.string())]), key=("a",))
    with open_store(tmp_path / "k.duckdb") as con:
        con.execute("CREATE TABLE pairs (a VARCHAR, b VARCHAR)")
        con.execute("INSERT INTO pairs VALUES ('x', '1'), ('x', '2'), (NULL, '3')")
        assert table_check_failures(con, table) == ["pairs: 1 duplicate keys (a)", "pairs.a: 1 NULL keys"]


def test_a_table_a_stage_has_not_created_yet_is_skipped(tmp_path):
    missing = Table("not_there_yet", pa.schema([("a", pa.string())]), key=("a",))
    with open_store(tmp_path / "k.duckdb") as con:
        assert checked_tables(con, "topics", (missing,)) == 0
