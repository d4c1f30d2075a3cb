"""The classification head: one calibrated logistic regression per class over [embedding, cues, context].

A head is trained deterministically on the corpus training split (plus an editor's labels file
saved by ``kennismaker train``), saved with joblib under ``model_dir/classify`` and named by a
``model_version`` derived from the training files, the embedder id, the feature version and the
head settings. ``current_head`` loads it, training it first when it is absent. The head carries a
text-only question model (``classify.parent_scorer``) that scores a reply's parent for the context
features.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import joblib
import numpy as np
import pyarrow as pa

from classify.config import ClassifyConfig, HeadConfig
from classify.corpus import HEAD_CLASSES, corpus_files, corpus_frame, corpus_split, corpus_vectors, read_labels
from classify.embedders import Embedder, embedder_model_id
from classify.features import FEATURE_VERSION, feature_matrix, frame_languages, opener_matrix, parent_texts
from classify.parent_scorer import OpenerRows, ParentScorer, crossfit_parent_scores, fitted_parent_scorer
from kennismaker.errors import ConfigError

EXTRA_LABELS = "extra_labels.jsonl"
QUESTION = HEAD_CLASSES.index("question")


@dataclass
class Head:
    """A fitted head: scaler plus one calibrated classifier per class, and the parent scorer."""

    model_version: str
    embedder_model_id: str
    scaler: object
    classifiers: dict[str, object]
    threshold: float
    parent_scorer: ParentScorer

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """P(class) per row, columns in ``HEAD_CLASSES`` order (classes may overlap)."""
        x = self.scaler.transform(features)
        return np.column_stack([self.classifiers[c].predict_proba(x)[:, 1] for c in HEAD_CLASSES]).astype(np.float32)

    def parent_questions(self, frame: pa.Table, parent_vectors: np.ndarray, cfg: ClassifyConfig) -> np.ndarray:
        """Per row, P(question) of the parent text it replies to (0 for thread openers)."""
        parents = parent_texts(frame)
        row_of = {p: i for i, p in enumerate(parents) if p}  # each distinct parent text is scored once
        out = np.zeros(frame.num_rows, dtype=np.float32)
        if row_of:
            score = dict(zip(row_of, self.parent_scorer.scores(list(row_of), np.asarray(parent_vectors)[list(row_of.values())], cfg)))
            out[:] = [score[p] if p else 0.0 for p in parents]
        return out


def head_dir(model_dir: Path) -> Path:
    """Where heads, the editor's labels and cached corpus vectors live."""
    return Path(model_dir) / "classify"


def training_files(model_dir: Path) -> list[Path]:
    """The files a head is trained on: the bundled corpus plus the saved editor's labels, if any."""
    extra = head_dir(model_dir) / EXTRA_LABELS
    return corpus_files() + ([extra] if extra.is_file() else [])


def model_version(cfg: ClassifyConfig, model_dir: Path) -> str:
    """The version name of the head ``cfg`` asks for, from file hashes, embedder id, features and settings."""
    parts = {
        "files": [hashlib.sha256(p.read_bytes()).hexdigest() for p in training_files(model_dir)],
        "embedder": embedder_model_id(cfg.embedder),
        "features": FEATURE_VERSION,
        "head": cfg.head.model_dump(),
    }
    return "head-" + hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:12]


def class_targets(rows: list[dict]) -> np.ndarray:
    """Binary targets per row and class: primary label or listed in ``also``; ``other`` is negative for all."""
    return np.array([[float(r["label"] == c or c in r["also"]) for c in HEAD_CLASSES] for r in rows], dtype=np.int64)


def classifier_for(head: HeadConfig, seed: int = 0):
    """An unfitted classifier of the registered head ``head.name`` (deterministic)."""
    if head.name not in HEADS:
        raise ConfigError(f"classify.head.name '{head.name}' is not a registered head; use one of: {', '.join(HEADS)}.")
    return HEADS[head.name](head, seed)


def _logreg_calibrated(head: HeadConfig, seed: int = 0):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    base = LogisticRegression(C=head.c, max_iter=3000, class_weight="balanced", random_state=seed)
    return CalibratedClassifierCV(base, method=head.calibration, cv=StratifiedKFold(5, shuffle=True, random_state=seed))


HEADS = {"logreg_calibrated.v1": _logreg_calibrated}


def fitted_head(features: np.ndarray, targets: np.ndarray, head: HeadConfig, version: str, model_id: str,
                parent_scorer: ParentScorer) -> Head:
    """A head fitted on ``features`` / ``targets`` (deterministic: fixed seeds, fixed folds)."""
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(features)
    x = scaler.transform(features)
    classifiers = {c: classifier_for(head).fit(x, targets[:, i]) for i, c in enumerate(HEAD_CLASSES)}
    return Head(version, model_id, scaler, classifiers, head.threshold, parent_scorer)


def rows_features(rows: list[dict], embedder: Embedder, cfg: ClassifyConfig, cache_dir: Path,
                  parent_scores: dict[str, float]) -> np.ndarray:
    """The feature matrix of labelled rows (languages detected as for messages); parents scored by ``parent_scores``."""
    frame = corpus_frame(rows)
    vectors = corpus_vectors(embedder, [r["text"] for r in rows], cache_dir)
    parent_q = np.array([parent_scores[p] if p else 0.0 for p in parent_texts(frame)], dtype=np.float32)
    return feature_matrix(frame, vectors, frame_languages(frame, cfg), cfg, parent_q)


def opener_rows(rows: list[dict], embedder: Embedder, cfg: ClassifyConfig, cache_dir: Path) -> OpenerRows:
    """What the parent scorer learns from: the rows' texts, their opener features and question targets."""
    texts = [r["text"] for r in rows]
    return OpenerRows(texts, opener_matrix(texts, corpus_vectors(embedder, texts, cache_dir), cfg), class_targets(rows)[:, QUESTION])


def out_of_fold_parent_scores(train: OpenerRows, rows: list[dict], embedder: Embedder, cfg: ClassifyConfig,
                              cache_dir: Path) -> dict[str, float]:
    """P(question) of the parent texts of ``rows``, each scored by a parent scorer fitted on ``train``
    without the fold holding that text (see ``classify.parent_scorer``)."""
    parents = sorted({p for p in parent_texts(corpus_frame(rows)) if p})
    return crossfit_parent_scores(train, parents, corpus_vectors(embedder, parents, cache_dir), cfg)


def training_rows(model_dir: Path) -> list[dict]:
    """The corpus training split plus the saved editor's labels (the held-out split is never included)."""
    rows = [r for p in corpus_files() for r in read_labels(p)]
    train, _ = corpus_split(rows)
    extra = head_dir(model_dir) / EXTRA_LABELS
    return train + (read_labels(extra) if extra.is_file() else [])


def trained_head(cfg: ClassifyConfig, model_dir: Path, embedder: Embedder) -> Head:
    """Train the head ``cfg`` asks for and save it under ``model_dir/classify``."""
    rows = training_rows(model_dir)
    version = model_version(cfg, model_dir)
    cache = head_dir(model_dir)
    openers = opener_rows(rows, embedder, cfg, cache)
    scorer = fitted_parent_scorer(openers.features, openers.is_question, cfg.head)
    features = rows_features(rows, embedder, cfg, cache, out_of_fold_parent_scores(openers, rows, embedder, cfg, cache))
    head = fitted_head(features, class_targets(rows), cfg.head, version, embedder.model_id, scorer)
    path = head_dir(model_dir) / f"{version}.joblib"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    joblib.dump(head, tmp)
    tmp.replace(path)
    return head


def current_head(cfg: ClassifyConfig, model_dir: Path, embedder: Embedder | None = None) -> Head:
    """The head for the current model_version, loaded from disk or trained first when absent."""
    path = head_dir(model_dir) / f"{model_version(cfg, model_dir)}.joblib"
    if path.is_file():
        return joblib.load(path)
    if embedder is None:
        from classify.embedders import get_embedder

        embedder = get_embedder(cfg.embedder)
    return trained_head(cfg, model_dir, embedder)


def primary_labels(probs: np.ndarray, threshold: float) -> list[str]:
    """The most probable class per row if its probability reaches ``threshold``, else ``other``."""
    best = probs.argmax(axis=1)
    return [HEAD_CLASSES[b] if probs[i, b] >= threshold else "other" for i, b in enumerate(best)]
