"""How much a reply's parent reads like a question: a text-only question model inside the head.

A reply to a question is usually an answer, so the head gets the parent's question probability as a
context feature. A rule score ("?", verb-first opening) misses polite questions such as "Hoi
allemaal, bij wie meld ik me beter na ziekte"; this model reads the parent the way the head reads a
thread opener (embedding and cues, no context) and is trained on the same rows.

While the head is trained, each parent is scored out of fold (``crossfit_parent_scores``): by a
model that never saw the fold holding that text, so the head does not learn from over-confident
in-sample scores it will never see on new messages.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from classify.config import ClassifyConfig, HeadConfig
from classify.features import opener_matrix

FOLDS = 5


@dataclass
class OpenerRows:
    """Labelled rows read as thread openers: texts, their feature matrix and whether each is a question."""

    texts: list[str]
    features: np.ndarray
    is_question: np.ndarray


@dataclass
class ParentScorer:
    """P(question) of a text read as a thread opener."""

    scaler: object
    classifier: object

    def scores(self, texts: list[str], vectors: np.ndarray, cfg: ClassifyConfig) -> np.ndarray:
        """P(question) per text; ``vectors`` are the texts' embeddings."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        x = self.scaler.transform(opener_matrix(texts, vectors, cfg))
        return self.classifier.predict_proba(x)[:, 1].astype(np.float32)


def fitted_parent_scorer(opener_x: np.ndarray, is_question: np.ndarray, head: HeadConfig) -> ParentScorer:
    """A scorer fitted on opener features of labelled rows (deterministic)."""
    from sklearn.preprocessing import StandardScaler

    from classify.head import classifier_for

    scaler = StandardScaler().fit(opener_x)
    return ParentScorer(scaler, classifier_for(head).fit(scaler.transform(opener_x), is_question))


def text_fold(text: str) -> int:
    """A stable fold per text, so equal texts always share a fold."""
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % FOLDS


def crossfit_parent_scores(train: OpenerRows, parents: list[str], parent_vectors: np.ndarray,
                           cfg: ClassifyConfig) -> dict[str, float]:
    """P(question) per parent text, each from a scorer fitted on ``train`` without the fold of that text."""
    if not parents:
        return {}
    row_folds = np.array([text_fold(t) for t in train.texts])
    parent_folds = np.array([text_fold(p) for p in parents])
    parent_x = opener_matrix(parents, parent_vectors, cfg)
    scores = np.zeros(len(parents), dtype=np.float32)
    for k in range(FOLDS):
        todo = np.flatnonzero(parent_folds == k)
        if not len(todo):
            continue
        keep = row_folds != k
        scorer = fitted_parent_scorer(train.features[keep], train.is_question[keep], cfg.head)
        scores[todo] = scorer.classifier.predict_proba(scorer.scaler.transform(parent_x[todo]))[:, 1]
    return dict(zip(parents, scores.tolist()))
