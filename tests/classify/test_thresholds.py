"""The label rule: per-class thresholds, question first, uncertain messages to 'other'; thresholds chosen on data."""

from __future__ import annotations

import numpy as np

from kennismaker.classify.thresholds import chosen_thresholds, primary_labels, question_marks

T = {"question": 0.5, "answer": 0.4, "link_share": 0.7, "social": 0.6}


def test_a_question_above_its_threshold_wins_over_every_other_class():
    # p_answer is higher, but the message asks: a clarifying question back to the asker stays a question.
    assert primary_labels(np.array([[0.55, 0.9, 0.1, 0.8]]), T) == ["question"]


def test_below_every_threshold_is_other_not_a_catch_all_class():
    assert primary_labels(np.array([[0.45, 0.35, 0.6, 0.55]]), T) == ["other"]


def test_the_class_furthest_above_its_own_threshold_wins():
    # answer 0.5 is 1.25x its threshold 0.4; social 0.66 only 1.1x its 0.6.
    assert primary_labels(np.array([[0.1, 0.5, 0.0, 0.66]]), T) == ["answer"]
    assert primary_labels(np.array([[0.1, 0.41, 0.0, 0.9]]), T) == ["social"]


def test_a_threshold_exactly_reached_counts():
    assert primary_labels(np.array([[0.5, 0.0, 0.0, 0.0], [0.0, 0.0, 0.7, 0.0]]), T) == ["question", "link_share"]


def test_no_rows_give_no_labels():
    assert primary_labels(np.zeros((0, 4)), T) == []


def test_chosen_thresholds_follow_where_the_classes_separate():
    rng = np.random.default_rng(0)
    n = 400
    labels = np.array(["question"] * n + ["answer"] * n + ["other"] * n)
    probs = np.zeros((3 * n, 4))
    # questions score 0.25-0.35 (a badly calibrated model), everything else below 0.2
    probs[:n, 0] = rng.uniform(0.25, 0.35, n)
    probs[n:, 0] = rng.uniform(0.0, 0.2, 2 * n)
    probs[n : 2 * n, 1] = rng.uniform(0.6, 0.9, n)
    probs[2 * n :, 1] = rng.uniform(0.0, 0.3, n)
    t = chosen_thresholds(probs, labels.tolist())
    assert 0.2 <= t["question"] <= 0.25
    assert 0.3 <= t["answer"] <= 0.6
    pred = primary_labels(probs, t)
    assert pred == labels.tolist()


def test_a_message_with_a_question_mark_has_its_own_question_threshold():
    t = {**T, "question": 0.6, "question_mark": 0.3}
    probs = np.array([[0.4, 0.0, 0.0, 0.0], [0.4, 0.0, 0.0, 0.0]])
    marks = question_marks(["where r u from?", "where r u from"])
    assert primary_labels(probs, t, marks) == ["question", "other"]
    assert primary_labels(probs, t) == ["other", "other"]  # without marks every row takes the plain threshold


def test_chosen_question_mark_threshold_can_differ_from_the_plain_one():
    n = 200
    labels = ["question"] * n + ["other"] * n
    probs = np.zeros((2 * n, 4))
    probs[:n, 0] = np.linspace(0.3, 0.4, n)        # questions, all with "?", scored low
    probs[n:, 0] = np.linspace(0.3, 0.6, n)        # statements without "?" scored higher
    marks = np.array([True] * n + [False] * n)
    t = chosen_thresholds(probs, labels, marks)
    assert t["question_mark"] <= 0.3 < 0.6 < t["question"]
    assert primary_labels(probs, t, marks) == labels
