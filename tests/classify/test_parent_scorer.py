"""The parent scorer: a reply's parent scored by a text-only question model, out of fold while training."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from classify.corpus import corpus_vectors
from classify.embedders import get_embedder
from classify.features import feature_matrix, frame_languages
from classify.head import current_head, head_dir, opener_rows, training_rows
from classify.parent_scorer import crossfit_parent_scores, fitted_parent_scorer, text_fold


def test_a_training_parent_is_scored_by_a_model_that_never_saw_it(fake_cfg):
    cfg = fake_cfg.classify
    emb = get_embedder(cfg.embedder)
    rows = training_rows(fake_cfg.model_dir)
    cache = head_dir(fake_cfg.model_dir)
    train = opener_rows(rows, emb, cfg, cache)
    parent = next(r["parent"] for r in rows if r["is_reply"] and r["parent"] in train.texts)
    vector = corpus_vectors(emb, [parent], cache)
    got = crossfit_parent_scores(train, [parent], vector, cfg)[parent]
    unseen = np.array([text_fold(t) != text_fold(parent) for t in train.texts])
    assert not unseen[train.texts.index(parent)]  # the parent's own row is outside the scorer's training rows
    expected = fitted_parent_scorer(train.features[unseen], train.is_question[unseen], cfg.head).scores([parent], vector, cfg)[0]
    assert got == pytest.approx(float(expected), abs=1e-6)


def test_only_replies_get_a_parent_score_and_it_moves_the_answer_probability(fake_cfg):
    cfg = fake_cfg.classify
    head = current_head(cfg, fake_cfg.model_dir)
    emb = get_embedder(cfg.embedder)
    question, statement = "weet iemand hoe ik verlof registreer", "Vanavond onderhoud aan de servers van 22:00 tot 23:00."
    reply = "Eerst naar Mijn gegevens, daarna Verlof."
    frame = pa.table({"text": [question, reply, reply], "attachment_count": [0, 0, 0], "is_reply": [False, True, True],
                      "thread_position": [0, 1, 1], "parent_text": [None, question, statement], "author_is_asker": [False, False, False]})
    parents = emb.encode(["", question, statement])
    scores = head.parent_questions(frame, parents, cfg)
    assert scores[0] == 0
    assert scores[1] == pytest.approx(float(head.parent_scorer.scores([question], parents[1:2], cfg)[0]))
    assert scores[1] > scores[2]
    probs = head.probabilities(feature_matrix(frame, emb.encode(frame.column("text").to_pylist()), frame_languages(frame, cfg), cfg, scores))
    assert probs[1, 1] > probs[2, 1]  # the same reply reads more like an answer under a question


def test_replies_need_their_parent_score(fake_cfg):
    frame = pa.table({"text": ["ja"], "is_reply": [True], "parent_text": ["Kan dat?"]})
    with pytest.raises(ValueError, match="parent_q"):
        feature_matrix(frame, np.zeros((1, 32), dtype=np.float32), ["nl"], fake_cfg.classify)
