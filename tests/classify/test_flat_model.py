"""The flat.ffnn.v2 reply scorer: its features on tiny hand-made channels and the committed weights."""

from __future__ import annotations

import numpy as np

from kennismaker.classify.flat import FlatMessage, Similarity, conversation_roots, reply_parents, scorer_named
from kennismaker.classify.flat_model import CANDIDATE_FEATURES, CONTEXT_FEATURES, MODEL_FILE, V2_FEATURES, channel_arrays, committed_weights, option_rows

_COL = {name: k for k, name in enumerate(V2_FEATURES)}


def chat() -> list[FlatMessage]:
    """A question, unrelated chatter, and an @-addressed answer to the question."""
    return [
        FlatMessage("q", "anna", 0, "Weet iemand waar het declaratieformulier staat?", p_question=1.0),
        FlatMessage("s1", "carl", 20, "goedemorgen allemaal, zin in koffie"),
        FlatMessage("s2", "dirk", 40, "ja graag, koffie is goed", addressed=frozenset({"carl"})),
        FlatMessage("a", "bram", 70, "@Anna het staat op intranet onder HR, formulieren", addressed=frozenset({"anna"})),
        FlatMessage("t", "anna", 100, "top, dank je!", addressed=frozenset({"bram"})),
    ]


def parents_of(messages: list[FlatMessage], max_gap_seconds: float = 3600) -> list[int]:
    texts = [m.text for m in messages]
    return [p for p, _ in reply_parents(messages, Similarity(texts), scorer_named("flat.ffnn.v2"), 20, max_gap_seconds)]


def test_committed_weights_load_and_match_the_features():
    assert MODEL_FILE.exists()
    weights = committed_weights()
    assert weights["mean"].shape == (len(V2_FEATURES),) == weights["scale"].shape
    assert weights["m0.w1"].shape[0] == len(V2_FEATURES)


def test_option_rows_mark_addressing_in_both_directions():
    messages = chat()
    rows = option_rows(channel_arrays(messages), 4, [3, 2, 1, 0], Similarity([m.text for m in messages]))
    assert rows.shape == (5, len(CONTEXT_FEATURES) + len(CANDIDATE_FEATURES))
    assert rows[0, _COL["new"]] == 1 and rows[1:, _COL["new"]].sum() == 0
    assert rows[1:, _COL["m_addresses_cand"]].tolist() == [1, 0, 0, 0]  # "t" addresses bram (candidate 3)
    assert rows[1:, _COL["cand_addresses_m"]].tolist() == [1, 0, 0, 0]  # "a" addressed anna
    assert rows[1:, _COL["same_author_latest"]].tolist() == [0, 0, 0, 1]
    assert rows[0, _COL["m_thanks"]] == 1 and rows[0, _COL["author_silent"]] == 0
    assert rows[0, _COL["log_gap_previous"]] == np.log1p(0.5)


def test_addressed_answer_links_to_the_question_past_the_chatter():
    parents = parents_of(chat())
    assert parents[0] == 0
    assert parents[3] == 0  # bram's @Anna answer responds to anna's question
    assert parents[4] == 3  # anna thanks bram
    assert parents[2] == 1  # dirk answers carl
    roots = conversation_roots(parents)
    assert roots[3] == roots[4] == 0


def test_a_quick_back_and_forth_stays_one_conversation():
    texts = ["kan iemand mijn vpn-toegang resetten?", "welke laptop heb je?", "de nieuwe thinkpad", "ok, ik reset hem nu", "werkt weer, dank!"]
    messages = [FlatMessage(str(k), ("eva", "femke")[k % 2], 60.0 * k, t, p_question=float("?" in t)) for k, t in enumerate(texts)]
    assert conversation_roots(parents_of(messages)) == [0, 0, 0, 0, 0]


def test_after_a_long_silence_an_unrelated_question_starts_a_new_conversation():
    messages = [
        FlatMessage("0", "eva", 0, "de build van de portal faalt op de tests", p_question=0.0),
        FlatMessage("1", "femke", 60, "ik kijk er zo naar"),
        FlatMessage("2", "gert", 60 + 6 * 3600, "Heeft iemand een sleutel van de fietsenstalling?", p_question=1.0),
    ]
    parents = parents_of(messages, max_gap_seconds=24 * 3600)
    assert parents[1] == 0
    assert parents[2] == 2


def test_lexical_similarity_matches_the_sparse_product_for_scattered_candidates():
    texts = ["hoe installeer ik python", "python installer downloaden", "koffie", "", "installeer python nu"]
    sim = Similarity(texts)
    matrix = sim._lexical
    expected = (matrix[[3, 0, 1]] @ matrix[4].T).toarray().ravel()
    assert np.allclose(sim.lexical(4, [3, 0, 1]), expected)
    assert np.allclose(sim.lexical(4, [1]), (matrix[[1]] @ matrix[4].T).toarray().ravel())
    assert sim.lexical(4, [0, 1]).min() > 0 and sim.lexical(2, [0, 1]).max() == 0


def test_the_pipeline_runs_the_v2_scorer_when_configured(make_config):
    from kennismaker.classify.linking import link_answers
    from kennismaker.classify.linking_config import LinkingConfig
    from kennismaker.store import open_store
    from tests.classify.test_flat import flat_channel
    from tests.classify.test_linking import store

    cfg = make_config()
    with open_store(cfg.database) as con:
        store(con, flat_channel())
        link_answers(con, cfg, linking=LinkingConfig(scorer="flat.ffnn.v2", max_gap_minutes=1440))
        rows = {m: (p, method) for m, p, method in con.execute("SELECT message_id, parent_id, method FROM reply_links").fetchall()}
    assert rows["m3"] == ("m0", "flat.ffnn.v2")
