"""The head: context may raise p_answer, never touches p_question; stored safely and loaded identically."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from kennismaker.classify.embedders import get_embedder
from kennismaker.classify.features import feature_matrix, frame_languages
from kennismaker.classify.head import current_head, head_metadata, loaded_head, saved_head, trained_head
from kennismaker.classify.thresholds import primary_labels

QUESTION = "weet iemand hoe ik verlof registreer"
STATEMENT = "Vanavond onderhoud aan de servers van 22:00 tot 23:00."
REPLY = "Eerst naar Mijn gegevens, daarna Verlof."


def _probs(head, cfg, frame):
    emb = get_embedder(cfg.embedder)
    parents = emb.encode([t or "" for t in frame.column("parent_text").to_pylist()])
    scores = head.parent_questions(frame, parents, cfg)
    x = feature_matrix(frame, emb.encode(frame.column("text").to_pylist()), frame_languages(frame, cfg), cfg, scores)
    return scores, head.probabilities(x)


def test_reply_context_raises_p_answer_and_leaves_p_question_alone(fake_cfg):
    cfg = fake_cfg.classify
    head = current_head(cfg, fake_cfg.model_dir)
    frame = pa.table({"text": [QUESTION, REPLY, REPLY, QUESTION], "attachment_count": [0] * 4,
                      "is_reply": [False, True, True, True], "thread_position": [0, 1, 1, 2],
                      "parent_text": [None, QUESTION, STATEMENT, REPLY], "author_is_asker": [False] * 4})
    scores, probs = _probs(head, cfg, frame)
    assert scores[0] == 0 and scores[1] > scores[2]
    assert probs[1, 1] > probs[2, 1]  # the same reply reads more like an answer under a question
    # the same question, as an opener and as a reply deep in a thread: the same p_question and label
    assert probs[3, 0] == pytest.approx(probs[0, 0])
    labels = primary_labels(probs, head.thresholds)
    assert labels[0] == labels[3] == "question"


def test_a_stored_head_loads_to_the_same_probabilities(fake_cfg, tmp_path):
    cfg = fake_cfg.classify
    head = trained_head(cfg, fake_cfg.model_dir, get_embedder(cfg.embedder))
    path = saved_head(head, tmp_path / "h.safetensors")
    again = loaded_head(path)
    x = np.random.default_rng(0).normal(size=(6, head.text_probes["question"].coef.shape[0] + 6)).astype(np.float32)
    assert np.allclose(head.probabilities(x), again.probabilities(x))
    assert again.thresholds == head.thresholds
    assert head_metadata(path)["model_version"] == head.model_version


def test_configured_thresholds_override_the_tuned_ones(fake_cfg, make_config):
    base = current_head(fake_cfg.classify, fake_cfg.model_dir)
    cfg = make_config(classify={"embedder": {"name": "fake.v1"}, "head": {"thresholds": {"question": 0.9}}})
    head = current_head(cfg.classify, cfg.model_dir)
    assert head.thresholds["question"] == 0.9 and head.model_version != base.model_version


def test_an_unknown_threshold_class_is_one_clear_config_error(make_config):
    from kennismaker.errors import ConfigError

    with pytest.raises(ConfigError, match="thresholds"):
        make_config(classify={"head": {"thresholds": {"questoin": 0.5}}})


def test_the_shipped_head_is_used_without_training_and_its_card_names_it(tmp_path):
    from pathlib import Path

    from kennismaker.classify.config import ClassifyConfig
    from kennismaker.classify.head import BUNDLED_DIR, bundled_head_path

    cfg = ClassifyConfig()  # the defaults: use_multilingual, logreg_platt.v2
    path = bundled_head_path(cfg)
    assert path is not None and path.parent == BUNDLED_DIR
    head = current_head(cfg, tmp_path)  # an empty model folder: nothing to train, nothing written
    shipped = head_metadata(path)["model_version"]
    # the stored labels name the shipped head and the rules applied after it (problem reports, addressees)
    assert head.model_version.startswith(shipped + "-r")
    off = current_head(cfg.model_copy(update={"problem_report_p": 0.0}), tmp_path).model_version
    assert off.startswith(shipped + "-r") and off != head.model_version
    assert not any(Path(tmp_path).iterdir())
    assert set(head.thresholds) >= {"question", "question_mark", "answer", "link_share", "social"}
    assert shipped in (BUNDLED_DIR / "README.md").read_text(encoding="utf-8")


def test_head_training_keeps_out_of_fold_probabilities_of_every_row_and_saves_nothing(fake_cfg):
    from kennismaker.classify.corpus import HEAD_CLASSES
    from kennismaker.classify.head import head_dir, head_training

    cfg = fake_cfg.classify
    training = head_training(cfg, fake_cfg.model_dir, get_embedder(cfg.embedder), named_by_content=True)
    assert training.oof.shape == (len(training.rows), len(HEAD_CLASSES))
    assert np.all((training.oof >= 0) & (training.oof <= 1))
    # the out-of-fold question probability separates the corpus questions from the rest
    is_question = np.array([r["label"] == "question" for r in training.rows])
    q = HEAD_CLASSES.index("question")
    assert training.oof[is_question, q].mean() > training.oof[~is_question, q].mean() + 0.2
    assert not list(head_dir(fake_cfg.model_dir).glob("*.safetensors"))
    # named by its content: training the same rows again gives the same name
    assert head_training(cfg, fake_cfg.model_dir, get_embedder(cfg.embedder), named_by_content=True).head.model_version == training.head.model_version
