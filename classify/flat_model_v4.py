"""The ``flat.ffnn.v4`` reply scorer: the ``flat.ffnn.v3`` rows plus two name features, scored by the
same kind of network.

The added candidate features (zeros on the "new conversation" row):

* ``m_names_cand``: the message names the candidate's author anywhere in its text;
* ``cand_names_m``: the candidate names this message's author anywhere in its text.

A name is ``FlatMessage.named``: the authors of the channel whose name appears anywhere in the text,
not only where the text addresses them (``addressed``: the opening "Name:", "@Name", mentions). The
IRC harness fills it with the file's nicks found anywhere (``bench.irc_replies.named_nicks``); the
pipeline with the channel's authors whose display name, its first word, or (display names off) one of
their keyed name hashes in ``person_names`` matches a phrase of the text
(``classify.flat_names.hashed_names``, read by ``classify.flat_store.flat_channel_messages``). Weights and model card:
``classify/data/flat-ffnn-v4.json`` (plain JSON, written by ``python -m bench.irc_replies train --model v4``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kennismaker.classify.flat import FlatMessage, ReplyScorer, Similarity
from kennismaker.classify.flat_model import committed_weights, network_scores
from kennismaker.classify.flat_model_v3 import V3_FEATURES, ChannelV3, channel_v3, v3_option_rows

MODEL_FILE_V4 = Path(__file__).resolve().parent / "data" / "flat-ffnn-v4.json"
NAME_FEATURES = ("m_names_cand", "cand_names_m")
V4_FEATURES = V3_FEATURES + NAME_FEATURES


@dataclass(frozen=True)
class ChannelV4:
    """What ``v4_option_rows`` reads: the v3 arrays and who names whom (author ids of ``arrays.authors``)."""

    v3: ChannelV3
    named: list[frozenset[int]]


def channel_v4(messages: Sequence[FlatMessage]) -> ChannelV4:
    """The per-channel arrays of ``flat.ffnn.v4``, computed once."""
    v3 = channel_v3(messages)
    ids = {m.author: int(k) for m, k in zip(messages, v3.arrays.authors)}  # the author ids ``channel_arrays`` gave
    named = [frozenset(ids[a] for a in m.named if a in ids and a != m.author) for m in messages]
    return ChannelV4(v3, named)


def name_block(ch: ChannelV4, i: int, cands: np.ndarray) -> np.ndarray:
    """The ``NAME_FEATURES`` of message ``i``: one row per candidate (nearest first)."""
    authors = ch.v3.arrays.authors
    me, mine = int(authors[i]), ch.named[i]
    names_cand = np.array([int(authors[j]) in mine for j in cands], dtype=np.float64)
    cand_names_me = np.array([me in ch.named[j] for j in cands], dtype=np.float64)
    return np.column_stack([names_cand, cand_names_me]) if len(cands) else np.zeros((0, 2))


def v4_option_rows(ch: ChannelV4, i: int, cands: Sequence[int], similarity: Similarity) -> np.ndarray:
    """All option rows of message ``i`` (row 0 "new conversation"): the v3 columns, then ``NAME_FEATURES``."""
    cands = np.asarray(cands, dtype=np.int64)
    rows = np.zeros((1 + len(cands), len(V4_FEATURES)))
    rows[:, : len(V3_FEATURES)] = v3_option_rows(ch.v3, i, cands, similarity)
    rows[1:, len(V3_FEATURES) :] = name_block(ch, i, cands)
    return rows


def ffnn_v4_scorer(weights: dict[str, np.ndarray] | None = None) -> ReplyScorer:
    """The ``flat.ffnn.v4`` scorer with ``weights`` (default: the committed model file)."""
    w = committed_weights(MODEL_FILE_V4) if weights is None else weights
    return ReplyScorer(score=lambda rows: network_scores(w, rows), prepare=channel_v4, rows=v4_option_rows, reads_names=True)
