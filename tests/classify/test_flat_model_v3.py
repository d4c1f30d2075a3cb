"""The flat.ffnn.v3 reply scorer: its added features on a tiny hand-made channel and the committed weights."""

from __future__ import annotations

import numpy as np

from kennismaker.classify.flat import FlatMessage, Similarity, reply_parents, scorer_named
from kennismaker.classify.flat_model import V2_FEATURES, channel_arrays, committed_weights, option_rows
from kennismaker.classify.flat_model_v3 import EXTRA_FEATURES, MODEL_FILE_V3, V3_FEATURES, channel_v3, v3_option_rows

_COL = {name: k for k, name in enumerate(V3_FEATURES)}


def chat() -> list[FlatMessage]:
    """A question about a rare word, chatter, an answer that repeats the rare word, and a greeting."""
    return [
        FlatMessage("q", "anna", 0, "Weet iemand hoe ik de plotter op de derde instel?", p_question=1.0),
        FlatMessage("s1", "carl", 20, "Hoi allemaal! Wie gaat er mee lunchen?", p_question=1.0),
        FlatMessage("s2", "dirk", 40, "ik ga mee lunchen", addressed=frozenset({"carl"})),
        FlatMessage("s3", "carl", 50, "top, om twaalf uur dan"),
        FlatMessage("a", "bram", 70, "de plotter stel je in via het printerportaal"),
    ]


def test_committed_weights_load_and_match_the_features():
    assert MODEL_FILE_V3.exists()
    weights = committed_weights(MODEL_FILE_V3)
    assert weights["mean"].shape == (len(V3_FEATURES),) == weights["scale"].shape
    assert weights["m0.w1"].shape[0] == len(V3_FEATURES)


def test_v3_rows_are_the_v2_rows_plus_the_extra_features():
    messages = chat()
    similarity = Similarity([m.text for m in messages])
    rows = v3_option_rows(channel_v3(messages), 4, [3, 2, 1, 0], similarity)
    assert rows.shape == (5, len(V2_FEATURES) + len(EXTRA_FEATURES))
    assert np.array_equal(rows[:, : len(V2_FEATURES)], option_rows(channel_arrays(messages), 4, [3, 2, 1, 0], similarity))
    assert not rows[0, len(V2_FEATURES) :].any()  # the "new conversation" row has no candidate features


def test_rare_word_overlap_and_what_happened_since_the_candidate():
    messages = chat()
    rows = v3_option_rows(channel_v3(messages), 4, [3, 2, 1, 0], Similarity([m.text for m in messages]))[1:]
    # the answer shares "de" and "plotter" with the question only: each in 2 of the 5 messages
    assert rows[:, _COL["rare_max_idf"]].tolist() == [0, 0, 0, np.log(5 / 2)]
    assert np.isclose(rows[3, _COL["rare_overlap"]], np.log1p(2 * np.log(5 / 2)))
    assert rows[3, _COL["rare_shared"]] == np.log1p(2)
    # carl spoke again after s1, and dirk addressed him; bram never spoke before
    assert rows[:, _COL["cand_author_since"]].tolist() == [0, 0, np.log1p(1), 0]
    assert rows[:, _COL["cand_author_addressed_since"]].tolist() == [0, 0, np.log1p(1), 0]
    assert rows[:, _COL["m_author_since"]].tolist() == [0, 0, 0, 0]
    assert rows[:, _COL["cand_greeting"]].tolist() == [0, 0, 1, 0] and not rows[:, _COL["m_greeting"]].any()


def test_the_registered_scorer_links_the_answer_to_its_question():
    messages = chat()
    parents = [p for p, _ in reply_parents(messages, Similarity([m.text for m in messages]), scorer_named("flat.ffnn.v3"), 20, 3600)]
    assert parents[0] == 0 and parents[2] == 1  # dirk answers carl
    assert parents[4] == 0  # bram's answer shares the rare word with anna's question
