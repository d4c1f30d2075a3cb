"""The classification head: one calibrated logistic regression per class over [embedding, cues, context].

A head is trained deterministically on the corpus training split (plus an editor's labels file
saved by ``kennismaker train``), saved with joblib under ``model_dir/classify`` and named by a
``model_version`` derived from the training files, the embedder id, the feature version and the
head settings. ``current_head`` loads it, training it first when it is absent.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import joblib
import numpy as np

from classify.config import ClassifyConfig, HeadConfig
from classify.corpus import HEAD_CLASSES, corpus_files, corpus_frame, corpus_split, corpus_vectors, read_labels
from classify.embedders import Embedder, embedder_model_id
from classify.features import FEATURE_VERSION, feature_matrix, frame_languages
from kennismaker.errors import ConfigError

EXTRA_LABELS = "extra_labels.jsonl"


@dataclass
class Head:
    """A fitted head: scaler plus one calibrated classifier per class."""

    model_version: str
    embedder_model_id: str
    scaler: object
    classifiers: dict[str, object]
    threshold: float

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """P(class) per row, columns in ``HEAD_CLASSES`` order (classes may overlap)."""
        x = self.scaler.transform(features)
        return np.column_stack([self.classifiers[c].predict_proba(x)[:, 1] for c in HEAD_CLASSES]).astype(np.float32)


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


def _classifier(head: HeadConfig, seed: int = 0):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    base = LogisticRegression(C=head.c, max_iter=3000, class_weight="balanced", random_state=seed)
    return CalibratedClassifierCV(base, method=head.calibration, cv=StratifiedKFold(5, shuffle=True, random_state=seed))


HEADS = {"logreg_calibrated.v1": _classifier}


def fitted_head(features: np.ndarray, targets: np.ndarray, head: HeadConfig, version: str, model_id: str) -> Head:
    """A head fitted on ``features`` / ``targets`` (deterministic: fixed seeds, fixed folds)."""
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(features)
    x = scaler.transform(features)
    if head.name not in HEADS:
        raise ConfigError(f"classify.head.name '{head.name}' is not a registered head; use one of: {', '.join(HEADS)}.")
    classifiers = {c: HEADS[head.name](head).fit(x, targets[:, i]) for i, c in enumerate(HEAD_CLASSES)}
    return Head(version, model_id, scaler, classifiers, head.threshold)


def rows_features(rows: list[dict], embedder: Embedder, cfg: ClassifyConfig, cache_dir: Path) -> np.ndarray:
    """The feature matrix of labelled rows (languages detected as for messages)."""
    frame = corpus_frame(rows)
    vectors = corpus_vectors(embedder, [r["text"] for r in rows], cache_dir)
    return feature_matrix(frame, vectors, frame_languages(frame, cfg), cfg)


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
    head = fitted_head(rows_features(rows, embedder, cfg, head_dir(model_dir)), class_targets(rows), cfg.head, version, embedder.model_id)
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
