"""The flat.ffnn.v4 reply scorer: its two name features on tiny hand-made messages, names found through
keyed hashes in the store (display names off), the registry and the committed weights."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from kennismaker.classify.flat import FlatMessage, Similarity, reply_parents, scorer_named
from kennismaker.classify.flat_model import committed_weights
from kennismaker.classify.flat_model_v3 import V3_FEATURES, channel_v3, v3_option_rows
from kennismaker.classify.flat_model_v4 import MODEL_FILE_V4, NAME_FEATURES, V4_FEATURES, channel_v4, v4_option_rows
from kennismaker.classify.flat_names import hashed_names, text_phrases
from kennismaker.classify.flat_store import flat_channel_messages
from kennismaker.classify.linking import link_answers, names_key
from kennismaker.extract.typed_mentions import name_keys
from kennismaker.privacy import name_hash
from kennismaker.schema import PERSON_NAMES
from kennismaker.store import open_store, upsert_arrow
from tests.classify.test_linking import msg, store

_COL = {name: k for k, name in enumerate(V4_FEATURES)}
KEY = b"test-key"


def chat() -> list[FlatMessage]:
    """anna asks; carl chats; bram answers and names anna late in the text; dirk names erik, who is not in the channel."""
    return [
        FlatMessage("q", "anna", 0, "Weet iemand hoe ik de plotter instel?", p_question=1.0),
        FlatMessage("s", "carl", 20, "koffie iemand?", p_question=1.0),
        FlatMessage("a", "bram", 40, "via het portaal, zoals anna al dacht", named=frozenset({"anna"})),
        FlatMessage("t", "anna", 50, "dank je, top", named=frozenset()),
        FlatMessage("x", "dirk", 60, "heeft erik dat ook?", named=frozenset({"erik"})),
    ]


def name_columns(messages, i, cands):
    rows = v4_option_rows(channel_v4(messages), i, cands, Similarity([m.text for m in messages]))
    return rows[:, [_COL["m_names_cand"], _COL["cand_names_m"]]]


def test_v4_rows_are_the_v3_rows_plus_the_name_features():
    messages = chat()
    similarity = Similarity([m.text for m in messages])
    rows = v4_option_rows(channel_v4(messages), 3, [2, 1, 0], similarity)
    assert rows.shape == (4, len(V3_FEATURES) + len(NAME_FEATURES))
    assert np.array_equal(rows[:, : len(V3_FEATURES)], v3_option_rows(channel_v3(messages), 3, [2, 1, 0], similarity))
    assert not rows[0, len(V3_FEATURES) :].any()  # the "new conversation" row has no candidate features


def test_a_name_anywhere_in_the_message_marks_the_named_authors_candidates():
    # bram's answer names anna: candidate q (anna) gets m_names_cand, carl's message does not
    assert name_columns(chat(), 2, [1, 0])[1:].tolist() == [[0, 0], [1, 0]]


def test_the_reverse_the_candidate_names_this_messages_author():
    # anna's thanks names nobody, but candidate a (bram) named anna
    assert name_columns(chat(), 3, [2, 1, 0])[1:].tolist() == [[0, 1], [0, 0], [0, 0]]


def test_no_name_and_a_name_of_someone_not_in_the_channel_give_nothing():
    assert not name_columns(chat(), 1, [0]).any()  # carl names nobody
    assert not name_columns(chat(), 4, [3, 2, 1, 0]).any()  # dirk names erik, who never spoke here


def test_text_phrases_and_hashed_names_find_a_name_anywhere_without_the_name_stored():
    assert {"femke", "femke de haan", "groet"} <= text_phrases("Groet, Femke de Haan.")
    hashes = {name_hash(KEY, k): {"p-femke"} for k in name_keys("Femke de Haan")}
    assert hashed_names("dat weet Femke vast wel", KEY, hashes) == {"p-femke"}
    assert hashed_names("volgens femke de haan werkt het", KEY, hashes) == {"p-femke"}
    assert hashed_names("dat weet niemand", KEY, hashes) == set()
    assert hashed_names("dat weet Femke vast wel", b"other-key", hashes) == set()


def test_the_store_finds_names_through_person_names_with_display_names_off(tmp_path):
    with open_store(tmp_path / "db.duckdb") as con:
        store(con, [msg("q", "k-anna", 0, "Hoe stel ik de plotter in?", channel="F"),
                    msg("a", "k-bram", 2, "via het portaal, Anna", channel="F"),
                    msg("x", "k-carl", 3, "vraag het Erik", channel="F")],
              people={"k-anna": None, "k-bram": None, "k-carl": None})
        names = [("Anna Jansen", "k-anna"), ("Bram", "k-bram"), ("Erik Smit", "k-erik")]  # erik is not in channel F
        rows = [{"name_hash": name_hash(KEY, k), "author_key": a, "ingest_run_id": "r"} for n, a in names for k in name_keys(n)]
        upsert_arrow(con, PERSON_NAMES, pa.Table.from_pylist(rows, schema=PERSON_NAMES.schema))
        messages, _ = flat_channel_messages(con, "F", None, KEY, with_names=True)
        assert [m.named for m in messages] == [frozenset(), {"k-anna"}, frozenset()]
        assert all(not m.addressed for m in messages)  # no display names stored: addressing is unchanged
        without, _ = flat_channel_messages(con, "F", None, KEY)
        assert all(not m.named for m in without)  # scorers that do not read names get none


def test_the_registry_resolves_v4_and_the_committed_weights_load_and_score():
    scorer = scorer_named("flat.ffnn.v4")
    assert scorer.reads_names and not scorer_named("flat.ffnn.v3").reads_names
    assert MODEL_FILE_V4.exists()
    weights = committed_weights(MODEL_FILE_V4)
    assert weights["mean"].shape == (len(V4_FEATURES),) == weights["scale"].shape
    assert weights["m0.w1"].shape[0] == len(V4_FEATURES)
    messages = chat()
    parents = reply_parents(messages, Similarity([m.text for m in messages]), scorer, 20, 3600)
    assert parents[0] == (0, 1.0)
    assert all(0 <= p <= i and 0 < conf <= 1 for i, (p, conf) in enumerate(parents))
    assert parents[3][0] == 2  # anna's thanks goes to bram's answer, which named her


def test_linking_with_v4_reads_names_and_a_new_name_hash_relinks_the_channel(make_config):
    cfg = make_config(classify={"linking": {"scorer": "flat.ffnn.v4"}}, privacy={"store_display_names": False})
    key = names_key(cfg, cfg.classify.linking)
    assert key is not None and names_key(cfg, cfg.classify.linking.model_copy(update={"scorer": "flat.ffnn.v3"})) is None
    with open_store(cfg.database) as con:
        store(con, [msg("q", "k-anna", 0, "Hoe stel ik de plotter in?", "question", channel="F"),
                    msg("a", "k-bram", 2, "via het portaal, Anna", "answer", channel="F")])
        first = link_answers(con, cfg)
        again = link_answers(con, cfg)
        rows = [{"name_hash": name_hash(key, k), "author_key": "k-anna", "ingest_run_id": "r"} for k in name_keys("Anna")]
        upsert_arrow(con, PERSON_NAMES, pa.Table.from_pylist(rows, schema=PERSON_NAMES.schema))
        renamed = link_answers(con, cfg)
        methods = {m for (m,) in con.execute("SELECT DISTINCT method FROM reply_links").fetchall()}
    assert (first["channels_relinked"], again["channels_relinked"], renamed["channels_relinked"]) == (1, 0, 1)
    assert methods <= {"flat.ffnn.v4"}
