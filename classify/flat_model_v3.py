"""The ``flat.ffnn.v3`` reply scorer: the ``flat.ffnn.v2`` rows plus features Kummerfeld et al. (2019) use
and v2 lacks, scored by the same kind of network.

The added candidate features (zeros on the "new conversation" row):

* rare-word overlap, weighted by inverse document frequency estimated on the channel's own
  (unlabelled) text: the summed IDF of the words the message shares with the candidate, the
  highest such IDF, and how many shared words are rare in the channel;
* what happened since the candidate: how often its author spoke since, how often this message's
  author spoke since, how often someone else addressed the candidate's author since;
* greetings (``GREETING_PHRASES``) in the message and in the candidate; both carry a URL; both
  are questions (the product of their ``p_question``).

Everything is numpy per message, vectorised over its candidates, from arrays built once per
channel. Weights and model card: ``classify/data/flat-ffnn-v3.json`` (plain JSON, written by
``python -m bench.irc_replies train``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer

from kennismaker.classify.cue_lexicon import GREETING_PHRASES
from kennismaker.classify.flat import FlatMessage, ReplyScorer, Similarity
from kennismaker.classify.flat_model import V2_FEATURES, ChannelArrays, channel_arrays, committed_weights, network_scores, option_rows

MODEL_FILE_V3 = Path(__file__).resolve().parent / "data" / "flat-ffnn-v3.json"
EXTRA_FEATURES = (
    "rare_overlap", "rare_max_idf", "rare_shared", "cand_author_since", "m_author_since", "cand_author_addressed_since",
    "m_greeting", "cand_greeting", "both_url", "both_question",
)
V3_FEATURES = V2_FEATURES + EXTRA_FEATURES
RARE_SHARE = 0.002  # a word is rare when at most this share of the channel's messages (and at least 3) hold it

_GREETING = re.compile(r"(?<!\w)(" + "|".join(re.escape(p) for p in GREETING_PHRASES) + r")(?!\w)", re.IGNORECASE)
_WORD = r"(?u)\b\w[\w.-]*\w\b|\b\w\b"


@dataclass(frozen=True)
class ChannelWords:
    """The words of a channel's messages (binary CSR rows), their IDF and rarity, greetings, and who is addressed (CSR)."""

    indptr: np.ndarray
    indices: np.ndarray
    idf: np.ndarray
    rare: np.ndarray
    greeting: np.ndarray
    addr_indptr: np.ndarray
    addr_indices: np.ndarray


@dataclass(frozen=True)
class ChannelV3:
    """What ``v3_option_rows`` reads: the v2 arrays and the channel's words."""

    arrays: ChannelArrays
    words: ChannelWords


def channel_words(messages: Sequence[FlatMessage], arrays: ChannelArrays) -> ChannelWords:
    """Word rows, IDF on the channel's own text, greetings and addressees of a channel's messages (in time order)."""
    texts = [m.text or "" for m in messages]
    try:
        words = CountVectorizer(binary=True, token_pattern=_WORD).fit_transform(texts).tocsr()
        indptr, indices = words.indptr.astype(np.int64), words.indices.astype(np.int64)
        df = np.bincount(indices, minlength=words.shape[1]).astype(np.float64)
    except ValueError:  # no words at all
        indptr, indices, df = np.zeros(len(texts) + 1, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
    idf = np.log(max(len(texts), 1) / np.maximum(df, 1.0))
    addressed = [sorted(a) for a in arrays.addressed]
    return ChannelWords(
        indptr=indptr, indices=indices, idf=idf, rare=df <= max(3.0, RARE_SHARE * len(texts)),
        greeting=np.array([bool(_GREETING.search(t)) for t in texts]),
        addr_indptr=np.concatenate([[0], np.cumsum([len(a) for a in addressed])]).astype(np.int64),
        addr_indices=np.array([x for a in addressed for x in a], dtype=np.int64),
    )


def channel_v3(messages: Sequence[FlatMessage]) -> ChannelV3:
    """The per-channel arrays of ``flat.ffnn.v3``, computed once."""
    arrays = channel_arrays(messages)
    return ChannelV3(arrays, channel_words(messages, arrays))


def _run_rows(indptr: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """For the CSR entries of rows ``lo`` .. ``hi - 1``: the row index of each entry."""
    return np.repeat(np.arange(lo, hi), np.diff(indptr[lo : hi + 1]))


def word_overlap(w: ChannelWords, i: int, cands: np.ndarray) -> np.ndarray:
    """Per candidate: (summed IDF of the shared words, highest such IDF, number of shared rare words)."""
    own = w.indices[w.indptr[i] : w.indptr[i + 1]]
    out = np.zeros((len(cands), 3))
    if not len(own) or not len(cands):
        return out
    lo, hi = int(cands.min()), int(cands.max()) + 1
    start, end = w.indptr[lo], w.indptr[hi]
    shared = np.isin(w.indices[start:end], own)
    rows = _run_rows(w.indptr, lo, hi)[shared] - lo
    words = w.indices[start:end][shared]
    idf = w.idf[words]
    total = np.bincount(rows, weights=idf, minlength=hi - lo)
    best = np.zeros(hi - lo)
    np.maximum.at(best, rows, idf)
    rare = np.bincount(rows, weights=w.rare[words].astype(np.float64), minlength=hi - lo)
    at = cands - lo
    out[:, 0], out[:, 1], out[:, 2] = np.log1p(total[at]), best[at], np.log1p(rare[at])
    return out


def activity_since(ch: ChannelV3, i: int, cands: np.ndarray) -> np.ndarray:
    """Per candidate, counts (log1p) since it: its author's messages, this message's author's, others addressing its author."""
    a, w = ch.arrays, ch.words
    lo = int(cands.min())
    authors = a.authors[cands]
    window, pos = a.authors[lo:i], np.arange(lo, i)
    after = pos[None, :] > cands[:, None]
    cand_since = ((window[None, :] == authors[:, None]) & after).sum(1)
    mine_since = ((window == a.authors[i])[None, :] & after).sum(1)
    start, end = w.addr_indptr[lo], w.addr_indptr[i]
    rows = _run_rows(w.addr_indptr, lo, i)
    who = w.addr_indices[start:end]
    hits = (who[None, :] == authors[:, None]) & (rows[None, :] > cands[:, None]) & (a.authors[rows][None, :] != authors[:, None])
    return np.log1p(np.column_stack([cand_since, mine_since, hits.sum(1)]).astype(np.float64))


def extra_block(ch: ChannelV3, i: int, cands: np.ndarray) -> np.ndarray:
    """The ``EXTRA_FEATURES`` of message ``i``: one row per candidate (nearest first)."""
    a, w = ch.arrays, ch.words
    n = len(cands)
    return np.column_stack([
        word_overlap(w, i, cands), activity_since(ch, i, cands),
        np.full(n, float(w.greeting[i])), w.greeting[cands], a.has_url[cands] & a.has_url[i], a.p_question[cands] * a.p_question[i],
    ]).astype(np.float64)


def v3_option_rows(ch: ChannelV3, i: int, cands: Sequence[int], similarity: Similarity) -> np.ndarray:
    """All option rows of message ``i`` (row 0 "new conversation"): the v2 columns, then ``EXTRA_FEATURES``."""
    cands = np.asarray(cands, dtype=np.int64)
    rows = np.zeros((1 + len(cands), len(V3_FEATURES)))
    rows[:, : len(V2_FEATURES)] = option_rows(ch.arrays, i, cands, similarity)
    rows[1:, len(V2_FEATURES) :] = extra_block(ch, i, cands)
    return rows


def ffnn_v3_scorer(weights: dict[str, np.ndarray] | None = None) -> ReplyScorer:
    """The ``flat.ffnn.v3`` scorer with ``weights`` (default: the committed model file)."""
    w = committed_weights(MODEL_FILE_V3) if weights is None else weights
    return ReplyScorer(score=lambda rows: network_scores(w, rows), prepare=channel_v3, rows=v3_option_rows)
