"""Fitting the ``flat.linear.v1`` reply scorer on IRC training files and writing its weights.

Every annotated message contributes one row per option ("new conversation" and each
candidate parent), labelled 1 when that option is a gold link; a logistic regression on these
rows gives the linear weights. The intercept is dropped: it is the same for every option of a
message, so it never changes which option wins.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from classify.flat import FEATURES, candidate_indices, option_features
from classify.irc import FIRST_ANNOTATED, IrcFile

WEIGHTS_FILE = Path(__file__).resolve().parent / "flat_weights.py"


def training_rows(files: Sequence[IrcFile], max_candidates: int, max_gap_seconds: float) -> tuple[np.ndarray, np.ndarray]:
    """Option feature rows and 0/1 labels for every annotated, non-system message of ``files``."""
    xs, ys = [], []
    for file in files:
        for i, m in enumerate(file.messages):
            if i < FIRST_ANNOTATED or i not in file.gold or m.is_system:
                continue
            cands = candidate_indices(file.messages, i, max_candidates, max_gap_seconds)
            xs.append(option_features(file.messages, i, cands, file.similarity.between(i, cands)))
            ys.append(np.array([float(j in file.gold[i]) for j in [i, *cands]]))
    return np.vstack(xs), np.concatenate(ys)


def fitted_weights(rows: np.ndarray, labels: np.ndarray, c: float = 1.0) -> dict[str, float]:
    """Linear weights per feature name from a logistic regression on option rows."""
    model = LogisticRegression(C=c, max_iter=2000).fit(rows, labels)
    return {name: round(float(w), 4) for name, w in zip(FEATURES, model.coef_[0])}


def weights_module(weights: dict[str, float], trained_on: str) -> str:
    """The text of ``classify/flat_weights.py`` for ``weights``."""
    body = "\n".join(f"    {name!r}: {w!r}," for name, w in weights.items())
    return (
        '"""Weights of the ``flat.linear.v1`` reply scorer, written by ``python -m classify.irc train``.\n\n'
        f"Trained on: {trained_on}\n"
        'Never evaluate on these files; see docs/answer-linking.md.\n"""\n\n'
        f"FLAT_LINEAR_V1: dict[str, float] = {{\n{body}\n}}\n"
    )


def write_weights(files: Sequence[IrcFile], args: argparse.Namespace) -> None:
    """Fit on ``files`` and overwrite classify/flat_weights.py, printing the weights."""
    rows, labels = training_rows(files, args.max_candidates, args.max_gap_minutes * 60)
    weights = fitted_weights(rows, labels)
    names = ", ".join(f.name for f in files)
    trained_on = (
        f"irc-disentanglement/{args.split} ({len(files)} files: {names}); {len(rows)} option rows, "
        f"{int(labels.sum())} gold links; candidates: previous {args.max_candidates} messages within "
        f"{args.max_gap_minutes:g} min; similarity: {'TF-IDF' if args.lexical else 'all-MiniLM-L6-v2 cosine'}."
    )
    WEIGHTS_FILE.write_text(weights_module(weights, trained_on), encoding="utf-8")
    for name, w in weights.items():
        print(f"{name:24s} {w:+.3f}")
    print(f"wrote {WEIGHTS_FILE}")
