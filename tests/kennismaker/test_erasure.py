"""Erasure in the store: the rows of one person and what is derived from them, the tombstone, compaction."""

from __future__ import annotations

import pytest

from kennismaker.erasure import FORGOTTEN, erased_rows, person_to_forget
from kennismaker.errors import UnknownPersonError
from kennismaker.privacy import author_key, email_key
from kennismaker.store import compact, open_store

KEY = b"test-key"
GONE, STAYS = author_key(KEY, "slack:U1"), author_key(KEY, "slack:U2")
SECRET = "ZEERGEHEIMEZIN " * 3


def filled(path):
    with open_store(path) as con:
        con.execute("INSERT INTO people (author_key, source, email_key) VALUES (?, 'slack', ?), (?, 'slack', NULL)",
                    [GONE, email_key(KEY, "een@example.nl"), STAYS])
        con.execute("INSERT INTO messages (message_id, source, author_key, text, mentions, content_hash) VALUES "
                    "('m1', 'slack', ?, ?, [], 'h1'), ('m2', 'slack', ?, 'antwoord', [?], 'h2')", [GONE, SECRET, STAYS, GONE])
        con.execute("INSERT INTO message_labels (message_id, label) VALUES ('m1', 'question'), ('m2', 'answer')")
        con.execute("INSERT INTO answer_links (question_id, answer_id, score) VALUES ('m1', 'm2', 0.9)")
        con.execute("INSERT INTO embeddings (content_hash, model_id, vector) VALUES ('h1', 'x', [1.0]), ('h2', 'x', [2.0])")
        con.execute("INSERT INTO person_names VALUES ('n1', ?, 'r'), ('n2', ?, 'r')", [GONE, STAYS])
        con.execute("INSERT INTO quarantine (run_id, excerpt) VALUES ('r', 'kapot: slack:U1 zei iets'), ('r', 'ander record')")
        # the export's kept masked texts and name replacements (exports/shown_state.py) hold what a person wrote
        con.execute("INSERT INTO shown_texts VALUES ('k1', 's', ?, [1])", [SECRET])
        con.execute("INSERT INTO shown_names VALUES ('n1', '[naam]')")
        con.execute("CHECKPOINT")


def test_a_person_is_found_by_qualified_id_bare_id_or_e_mail(tmp_path):
    filled(tmp_path / "s.duckdb")
    with open_store(tmp_path / "s.duckdb") as con:
        assert person_to_forget(con, KEY, "slack:U1").author_keys == (GONE,)
        assert person_to_forget(con, KEY, "U1").author_keys == (GONE,)
        assert person_to_forget(con, KEY, "Een@Example.nl ").author_keys == (GONE,)
        with pytest.raises(UnknownPersonError, match="Nobody with the id"):
            person_to_forget(con, KEY, "slack:U404")


def test_erasure_deletes_derived_rows_keeps_others_and_compaction_removes_the_bytes(tmp_path):
    db = tmp_path / "s.duckdb"
    filled(db)
    assert SECRET.encode() in db.read_bytes()
    with open_store(db) as con:
        counts = erased_rows(con, person_to_forget(con, KEY, "slack:U1"), ["slack:U1"], [])
        assert con.execute("SELECT message_id, mentions FROM messages").fetchall() == [("m2", [])]
        assert con.execute("SELECT message_id FROM message_labels").fetchall() == [("m2",)]
        assert con.execute("SELECT count(*) FROM answer_links").fetchone()[0] == 0
        assert con.execute("SELECT content_hash FROM embeddings").fetchall() == [("h2",)]
        assert sorted(con.execute("SELECT name_hash, author_key FROM person_names").fetchall()) == [("n1", FORGOTTEN), ("n2", STAYS)]
        assert con.execute("SELECT excerpt FROM quarantine").fetchall() == [("ander record",)]
        assert con.execute("SELECT author_key FROM tombstones").fetchall() == [(GONE,)]
        assert con.execute("SELECT count(*) FROM shown_texts").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM shown_names").fetchone()[0] == 0
    assert counts["messages"] == 1 and counts["mentions"] == 1 and counts["people"] == 1
    compact(db)
    assert SECRET.encode() not in db.read_bytes()
    with open_store(db) as con:  # keys survive the rebuild: an upsert still works
        con.execute("INSERT INTO people (author_key, source) VALUES (?, 'teams') ON CONFLICT (author_key) DO UPDATE SET source = excluded.source", [STAYS])
        assert con.execute("SELECT source FROM people").fetchall() == [("teams",)]
