"""From class probabilities to one label per message, with per-class thresholds.

The rule (``primary_labels``):

1. ``question`` when ``p_question`` reaches its threshold (``question_mark`` for a message with a "?",
   ``question`` for one without: in chat a "?" is strong evidence, and people often leave it out): a
   message that asks is a question even when it also answers or thanks (a clarifying question back to
   the asker is a question, not an answer);
2. else the class among ``answer``, ``link_share`` and ``social`` whose probability is the largest
   multiple of its own threshold, when it reaches that threshold;
3. else ``other``.

So an uncertain message falls to ``other``, never to a catch-all class it does not reach, and a message
with ``p_question`` above its threshold is never social talk. ``chosen_thresholds`` picks the thresholds
on out-of-fold probabilities of labelled rows: the two question thresholds maximise question F1, then the
others, in turn, maximise macro-F1 over the five labels.
"""

from __future__ import annotations

import numpy as np

from kennismaker.classify.corpus import HEAD_CLASSES
from kennismaker.classify.linking_signals import has_question_mark

GRID = tuple(np.round(np.arange(0.10, 0.901, 0.025), 3).tolist())
SECONDARY = ("answer", "link_share", "social")
DEFAULT_THRESHOLDS = {**{c: 0.5 for c in HEAD_CLASSES}, "question_mark": 0.5}
THRESHOLD_NAMES = tuple(DEFAULT_THRESHOLDS)


def question_marks(texts: list[str | None]) -> np.ndarray:
    """Whether each text holds a "?" that ends a word or sentence, not one in a URL (which question threshold applies)."""
    return np.array([has_question_mark(t) for t in texts], dtype=bool)


def primary_labels(probs: np.ndarray, thresholds: dict[str, float], marks: np.ndarray | None = None) -> list[str]:
    """One label per row of ``probs`` (columns in ``HEAD_CLASSES`` order) by the rule above; ``marks``
    (``question_marks``) says which rows hold a "?" (none when not given)."""
    probs = np.asarray(probs, dtype=np.float64).reshape(-1, len(HEAD_CLASSES))
    t = np.tile([thresholds.get(c, 0.5) for c in HEAD_CLASSES], (len(probs), 1))
    q = HEAD_CLASSES.index("question")
    if marks is not None and len(probs):
        t[np.asarray(marks, dtype=bool), q] = thresholds.get("question_mark", thresholds.get("question", 0.5))
    ratio = probs / np.maximum(t, 1e-9)
    secondary = [HEAD_CLASSES.index(c) for c in SECONDARY]
    best = np.array(secondary)[np.argmax(ratio[:, secondary], axis=1)] if len(probs) else np.zeros(0, dtype=int)
    names = np.array(HEAD_CLASSES + ("other",), dtype=object)
    rows = np.arange(len(probs))
    choice = np.where(ratio[:, q] >= 1.0, q, np.where(ratio[rows, best] >= 1.0, best, len(HEAD_CLASSES)))
    return names[choice].tolist()


def _f1(true: np.ndarray, pred: np.ndarray, label: str, weights: np.ndarray | None = None) -> float:
    w = np.ones(len(true)) if weights is None else weights
    tp = float(np.sum(w * ((true == label) & (pred == label))))
    fp = float(np.sum(w * ((true != label) & (pred == label))))
    fn = float(np.sum(w * ((true == label) & (pred != label))))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def macro_f1(true: np.ndarray, pred: np.ndarray, weights: np.ndarray | None = None) -> float:
    """Mean (row-weighted) F1 over the labels present in ``true``."""
    labels = sorted(set(true.tolist()))
    return float(np.mean([_f1(true, pred, lab, weights) for lab in labels])) if labels else 0.0


def chosen_thresholds(probs: np.ndarray, labels: list[str], marks: np.ndarray | None = None,
                      weights: np.ndarray | None = None) -> dict[str, float]:
    """Thresholds chosen on (out-of-fold) ``probs`` of rows with gold ``labels`` (``marks``: rows with a "?";
    ``weights``: how much each row counts in the F1 scores, default equally)."""
    true = np.array(labels)
    t = dict(DEFAULT_THRESHOLDS)

    def label_with(**change: float) -> np.ndarray:
        return np.array(primary_labels(probs, {**t, **change}, marks))

    for _ in range(2):
        for name in ("question", "question_mark"):
            t[name] = max(GRID, key=lambda v: (_f1(true, label_with(**{name: v}), "question", weights), -abs(v - 0.5)))
    for _ in range(2):
        for c in SECONDARY:
            if not np.any(true == c):
                continue
            t[c] = max(GRID, key=lambda v: (macro_f1(true, label_with(**{c: v}), weights), -abs(v - 0.5)))
    return {c: float(v) for c, v in t.items()}
