"""Reply reconstruction for flat channels: which earlier message each message responds to.

A flat channel (IRC-style, or a Teams chat without replies) has no reply structure in its
export. For every message we score a "new conversation" option and each of the previous
``max_candidates`` messages within ``max_gap_seconds`` with a registered scorer, and take the
best option (``option_features`` below are the ``flat.linear.v1`` features). Everything here is pure: messages come in as
``FlatMessage`` lists, results go out as parent indices. Scorers are registered by versioned
name in ``SCORERS``: ``flat.linear.v1`` (19 linear weights in ``classify/flat_weights.py``) and
``flat.ffnn.v2`` (richer features and a small feed-forward network, ``classify/flat_model.py``), ``flat.ffnn.v3``
(v2 plus rare-word overlap and what happened since the candidate, ``classify/flat_model_v3.py``),
``flat.ffnn.v4`` (v3 plus two name features, ``classify/flat_model_v4.py``);
docs/answer-linking.md says how each was trained.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from kennismaker.classify.flat_weights import FLAT_LINEAR_V1
from kennismaker.registry import Registry


@dataclass(frozen=True)
class FlatMessage:
    """One message of a flat channel, reduced to what reply reconstruction looks at."""

    message_id: str
    author: str
    at: float
    text: str
    addressed: frozenset[str] = frozenset()
    p_question: float = 0.0
    named: frozenset[str] = frozenset()  # authors of the channel whose name appears anywhere in the text (``flat.ffnn.v4``)
    is_system: bool = False


NEW_FEATURES = ("new", "new_addresses", "new_question", "new_log_gap", "new_author_silent")
PAIR_FEATURES = (
    "log_minutes", "log_distance", "previous", "addresses_author", "addresses_latest", "addresses_other",
    "addressed_by", "addressed_by_latest", "same_author", "same_author_latest", "similarity", "most_similar",
    "question", "question_other_author",
)
FEATURES = NEW_FEATURES + PAIR_FEATURES
_COL = {name: k for k, name in enumerate(FEATURES)}

Scorer = Callable[[np.ndarray], np.ndarray]
_QUESTION_START = re.compile(
    r"^\s*(wie|wat|waar|wanneer|waarom|hoe|welke?|weet iemand|kan iemand|heeft iemand|is er|zijn er|"
    r"who|what|where|when|why|how|which|does anyone|can anyone|anyone|is there|are there)\b",
    re.IGNORECASE,
)


def question_likelihood(text: str) -> float:
    """A crude p(question) for messages without a classifier label: a '?' or a question opening."""
    text = text or ""
    if "?" in text:
        return 1.0
    return 0.5 if _QUESTION_START.match(text) else 0.0


class Similarity:
    """Cosine similarity between messages: sentence vectors when both have one, TF-IDF otherwise."""

    def __init__(self, texts: Sequence[str], vectors: Sequence[np.ndarray | None] | None = None):
        self._lexical = _tfidf_rows(texts)
        self._buffer = np.zeros(self._lexical.shape[1]) if self._lexical is not None else None
        self._has_vector = np.zeros(len(texts), dtype=bool)
        self._vectors = None
        if vectors is not None and any(v is not None for v in vectors):
            self._vectors, self._has_vector = _unit_rows(vectors)

    def between(self, i: int, js: Sequence[int]) -> np.ndarray:
        """Similarities of message ``i`` to messages ``js``."""
        return self.both(i, js)[0]

    def both(self, i: int, js: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """(similarities as ``between`` gives them, TF-IDF cosines alone) of message ``i`` to messages ``js``."""
        lex = self.lexical(i, js)
        sims = lex.copy()
        if len(js) and self._vectors is not None and self._has_vector[i]:
            js = np.asarray(js)
            both = self._has_vector[js]
            sims[both] = self._vectors[js[both]] @ self._vectors[i]
        return sims, lex

    def lexical(self, i: int, js: Sequence[int]) -> np.ndarray:
        """TF-IDF cosine of message ``i`` to messages ``js`` (whatever vectors there are)."""
        if not len(js) or self._lexical is None:
            return np.zeros(len(js))
        # Candidates are a near-contiguous run of rows: one dot product over the CSR arrays of that run,
        # with message i's row scattered into a reused dense buffer (scipy's per-call overhead dominates otherwise).
        js = np.asarray(js)
        lo, hi = int(js.min()), int(js.max()) + 1
        indptr, indices, data = self._lexical.indptr, self._lexical.indices, self._lexical.data
        own = indices[indptr[i] : indptr[i + 1]]
        self._buffer[own] = data[indptr[i] : indptr[i + 1]]
        start, end = indptr[lo], indptr[hi]
        rows = np.repeat(np.arange(hi - lo), np.diff(indptr[lo : hi + 1]))
        sims = np.bincount(rows, weights=data[start:end] * self._buffer[indices[start:end]], minlength=hi - lo)
        self._buffer[own] = 0.0
        return sims[js - lo]


def _tfidf_rows(texts: Sequence[str]):
    try:
        return TfidfVectorizer(sublinear_tf=True, token_pattern=r"(?u)\b\w[\w.-]*\w\b|\b\w\b").fit_transform([t or "" for t in texts])
    except ValueError:  # no words at all
        return None


def _unit_rows(vectors: Sequence[np.ndarray | None]) -> tuple[np.ndarray, np.ndarray]:
    dim = next(len(v) for v in vectors if v is not None)
    has = np.array([v is not None and len(v) == dim for v in vectors])
    mat = np.zeros((len(vectors), dim), dtype=np.float32)
    for k, v in enumerate(vectors):
        if has[k]:
            mat[k] = v
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    return mat / np.where(norms == 0, 1, norms), has & (norms.ravel() > 0)


def candidate_indices(messages: Sequence[FlatMessage], i: int, max_candidates: int, max_gap_seconds: float) -> list[int]:
    """Indices of the earlier messages that may be the parent of message ``i``, nearest first."""
    found: list[int] = []
    j = i - 1
    while j >= 0 and len(found) < max_candidates and messages[i].at - messages[j].at <= max_gap_seconds:
        if not messages[j].is_system:
            found.append(j)
        j -= 1
    return found


def option_features(messages: Sequence[FlatMessage], i: int, cands: Sequence[int], sims: np.ndarray) -> np.ndarray:
    """Feature rows for message ``i``: row 0 is "new conversation", row k+1 is candidate ``cands[k]``."""
    m = messages[i]
    rows = np.zeros((1 + len(cands), len(FEATURES)))
    addressed = m.addressed - {m.author}
    gap = (m.at - messages[cands[0]].at) / 60 if cands else 60.0
    rows[0, _COL["new"]] = 1.0
    rows[0, _COL["new_addresses"]] = float(bool(addressed))
    rows[0, _COL["new_question"]] = m.p_question
    rows[0, _COL["new_log_gap"]] = math.log1p(max(gap, 0.0))
    rows[0, _COL["new_author_silent"]] = float(all(messages[j].author != m.author for j in cands))
    latest_by: dict[str, int] = {}
    latest_addressing: int | None = None
    best = int(np.argmax(sims)) if len(sims) else -1
    for k, j in enumerate(cands):
        c = messages[j]
        first_of_author = c.author not in latest_by
        latest_by.setdefault(c.author, j)
        addressing_me = m.author in c.addressed and c.author != m.author
        if addressing_me and latest_addressing is None:
            latest_addressing = j
        row = rows[k + 1]
        row[_COL["log_minutes"]] = math.log1p(max(m.at - c.at, 0.0) / 60)
        row[_COL["log_distance"]] = math.log(i - j)
        row[_COL["previous"]] = float(k == 0)
        row[_COL["addresses_author"]] = float(c.author in addressed)
        row[_COL["addresses_latest"]] = float(c.author in addressed and first_of_author)
        row[_COL["addresses_other"]] = float(bool(addressed) and c.author not in addressed)
        row[_COL["addressed_by"]] = float(addressing_me)
        row[_COL["addressed_by_latest"]] = float(addressing_me and latest_addressing == j)
        row[_COL["same_author"]] = float(c.author == m.author)
        row[_COL["same_author_latest"]] = float(c.author == m.author and first_of_author)
        row[_COL["similarity"]] = sims[k]
        row[_COL["most_similar"]] = float(k == best and sims[k] > 0)
        row[_COL["question"]] = c.p_question
        row[_COL["question_other_author"]] = c.p_question * float(c.author != m.author)
    return rows


def linear_scorer(weights: dict[str, float]) -> Scorer:
    """A scorer that weighs the feature columns linearly (unknown names are ignored)."""
    w = np.array([weights.get(name, 0.0) for name in FEATURES])
    return lambda rows: rows @ w


def previous_scorer() -> Scorer:
    """The classic baseline: every message responds to the message just before it."""
    return lambda rows: np.where(np.arange(len(rows)) == min(1, len(rows) - 1), 1.0, 0.0)


def no_link_scorer() -> Scorer:
    """The other trivial baseline: every message starts a new conversation."""
    return lambda rows: np.where(np.arange(len(rows)) == 0, 1.0, 0.0)


@dataclass(frozen=True)
class ReplyScorer:
    """A registered scorer: how it prepares a channel, builds its option rows, and scores them.

    ``prepare(messages)`` runs once per channel; ``rows(prepared, i, cands, similarity)`` gives
    row 0 = "new conversation" and row k+1 = candidate ``cands[k]``; ``score(rows)`` one score per row.
    ``reads_names``: the scorer reads ``FlatMessage.named`` (the store finds names only for such scorers).
    """

    score: Scorer
    prepare: Callable[[Sequence[FlatMessage]], object] = lambda messages: messages
    rows: Callable[[object, int, Sequence[int], Similarity], np.ndarray] = (
        lambda messages, i, cands, similarity: option_features(messages, i, cands, similarity.between(i, cands))
    )
    reads_names: bool = False


def _ffnn_v2() -> ReplyScorer:
    from kennismaker.classify.flat_model import ffnn_scorer

    return ffnn_scorer()


def _ffnn_v3() -> ReplyScorer:
    from kennismaker.classify.flat_model_v3 import ffnn_v3_scorer

    return ffnn_v3_scorer()


def _ffnn_v4() -> ReplyScorer:
    from kennismaker.classify.flat_model_v4 import ffnn_v4_scorer

    return ffnn_v4_scorer()


SCORERS = Registry("reply_scorers", "reply scorer")
SCORERS.register("flat.ffnn.v4", func=_ffnn_v4)
SCORERS.register("flat.ffnn.v3", func=_ffnn_v3)
SCORERS.register("flat.ffnn.v2", func=_ffnn_v2)
SCORERS.register("flat.linear.v1", func=lambda: ReplyScorer(linear_scorer(FLAT_LINEAR_V1)))
SCORERS.register("flat.previous.v1", func=lambda: ReplyScorer(previous_scorer()))
SCORERS.register("flat.none.v1", func=lambda: ReplyScorer(no_link_scorer()))


def scorer_named(name: str) -> ReplyScorer:
    """The registered scorer called ``name`` (``ConfigError`` naming the known ones when there is none)."""
    return SCORERS.get(name)()


def reply_parents(
    messages: Sequence[FlatMessage], similarity: Similarity, scorer: ReplyScorer | Scorer, max_candidates: int, max_gap_seconds: float
) -> list[tuple[int, float]]:
    """Per message (in time order): its parent's index and the choice's softmax confidence.

    A parent index equal to the message's own index means it starts a new conversation.
    A bare ``Scorer`` callable is applied to the ``flat.linear.v1`` feature rows.
    """
    scorer = scorer if isinstance(scorer, ReplyScorer) else ReplyScorer(scorer)
    prepared = scorer.prepare(messages)
    parents: list[tuple[int, float]] = []
    for i, m in enumerate(messages):
        cands = [] if m.is_system else candidate_indices(messages, i, max_candidates, max_gap_seconds)
        if not cands:
            parents.append((i, 1.0))
            continue
        scores = scorer.score(scorer.rows(prepared, i, cands, similarity))
        probs = np.exp(scores - scores.max())
        probs /= probs.sum()
        best = int(np.argmax(scores))
        parents.append((i if best == 0 else cands[best - 1], float(probs[best])))
    return parents


def conversation_roots(parents: Sequence[int]) -> list[int]:
    """The root index of every message, given parent indices that always point backwards (or to itself)."""
    roots: list[int] = []
    for i, p in enumerate(parents):
        roots.append(i if p == i else roots[p])
    return roots
