"""The ``flat.ffnn.v2`` reply scorer: richer option features and a small feed-forward network.

In the spirit of Kummerfeld et al. (2019): for every message, one row for "new conversation"
and one per candidate parent, scored by a two-layer network; the highest score wins. Every row
carries the message's context (its addressing, question-ness, the time since the previous
message and the channel's pace), so the network can learn e.g. that in a quiet channel a
message five minutes later still continues the conversation. Features are computed with numpy
per message (vectorised over its candidates) from arrays prepared once per channel.

Inference is pure numpy on the weights in ``classify/data/flat-ffnn-v2.json`` (plain JSON, no
pickle; written by ``python -m bench.irc_replies train``, with its model card under ``"card"``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from kennismaker.classify.flat import FlatMessage, ReplyScorer, Similarity
from kennismaker.classify.cue_lexicon import THANKS_PHRASES
from kennismaker.patterns import URL_RE

MODEL_FILE = Path(__file__).resolve().parent / "data" / "flat-ffnn-v2.json"

CONTEXT_FEATURES = (
    "new", "m_addresses", "m_addresses_absent", "m_question", "m_thanks", "m_url", "m_log_length",
    "log_gap_previous", "log_gap_own_previous", "author_silent", "pace_5min", "pace_30min", "authors_30min",
    "max_similarity", "max_lexical",
)
CANDIDATE_FEATURES = (
    "log_minutes", "gap_lt_1m", "gap_1_5m", "gap_5_15m", "gap_15_60m", "gap_gt_60m",
    "log_distance", "dist_1", "dist_2", "dist_3_5", "dist_6_10", "dist_gt_10",
    "same_author", "same_author_latest", "cand_author_latest", "cand_author_count",
    "m_addresses_cand", "m_addresses_cand_latest", "m_addresses_other",
    "cand_addresses_m", "cand_addresses_m_latest", "cand_addresses_other", "shared_addressee",
    "m_author_spoke_since", "cand_addresses_m_unanswered", "talked_before",
    "similarity", "similarity_gap", "similarity_rank", "most_similar", "lexical", "lexical_gap", "most_lexical",
    "cand_question", "cand_question_other_author", "cand_thanks", "cand_url", "cand_log_length",
)
V2_FEATURES = CONTEXT_FEATURES + CANDIDATE_FEATURES
_N_CONTEXT = len(CONTEXT_FEATURES)

_THANKS = re.compile(r"(?<!\w)(" + "|".join(re.escape(p) for p in THANKS_PHRASES) + r")(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class ChannelArrays:
    """Per-message facts of one channel as arrays (authors and addressees as integer ids)."""

    authors: np.ndarray
    times: np.ndarray
    p_question: np.ndarray
    addressed: list[frozenset[int]]
    addresses_any: np.ndarray
    has_url: np.ndarray
    is_thanks: np.ndarray
    log_length: np.ndarray


def channel_arrays(messages: Sequence[FlatMessage]) -> ChannelArrays:
    """The arrays ``option_rows`` reads, computed once for a channel's messages (in time order)."""
    ids: dict[str, int] = {}
    authors = np.array([ids.setdefault(m.author, len(ids)) for m in messages], dtype=np.int64)
    addressed = [frozenset(ids.setdefault(a, len(ids)) for a in m.addressed if a != m.author) for m in messages]
    texts = [m.text or "" for m in messages]
    return ChannelArrays(
        authors=authors,
        times=np.array([m.at for m in messages], dtype=np.float64),
        p_question=np.array([m.p_question for m in messages], dtype=np.float64),
        addressed=addressed,
        addresses_any=np.array([bool(a) for a in addressed]),
        has_url=np.array([bool(URL_RE.search(t)) for t in texts]),
        is_thanks=np.array([bool(_THANKS.search(t)) for t in texts]),
        log_length=np.log1p(np.array([len(t) for t in texts], dtype=np.float64)),
    )


def _first_true(flags: np.ndarray) -> np.ndarray:
    out = np.zeros(len(flags), dtype=bool)
    if flags.any():
        out[int(np.argmax(flags))] = True
    return out


def _buckets(values: np.ndarray, edges: Sequence[float]) -> np.ndarray:
    """One-hot columns: values below edges[0], between consecutive edges, and from edges[-1] on."""
    which = np.searchsorted(np.asarray(edges), values, side="right")
    return np.eye(len(edges) + 1)[which]


def context_row(ch: ChannelArrays, i: int, cands: np.ndarray, sims: np.ndarray, lex: np.ndarray) -> np.ndarray:
    """The message-level features of message ``i`` (shared by all its option rows; "new" is 0)."""
    t, me = ch.times[i], ch.authors[i]
    present = set(ch.authors[cands].tolist())
    own = cands[ch.authors[cands] == me]
    lo = max(i - 200, 0)
    recent = ch.times[lo:i]  # the pace counts look back at most 200 messages
    return np.array([
        0.0,
        float(bool(ch.addressed[i])),
        float(bool(ch.addressed[i] - present)),
        ch.p_question[i],
        float(ch.is_thanks[i]),
        float(ch.has_url[i]),
        ch.log_length[i],
        np.log1p(max(t - ch.times[cands[0]], 0.0) / 60),
        np.log1p(max(t - ch.times[own[0]], 0.0) / 60) if len(own) else 0.0,
        float(not len(own)),
        np.log1p(np.count_nonzero(recent >= t - 300)),
        np.log1p(np.count_nonzero(recent >= t - 1800)),
        np.log1p(len(np.unique(ch.authors[lo:i][recent >= t - 1800]))),
        float(sims.max()),
        float(lex.max()),
    ])


def candidate_block(ch: ChannelArrays, i: int, cands: np.ndarray, sims: np.ndarray, lex: np.ndarray) -> np.ndarray:
    """The candidate features of message ``i``: one row per candidate (nearest first)."""
    me, authors = ch.authors[i], ch.authors[cands]
    minutes = np.maximum(ch.times[i] - ch.times[cands], 0.0) / 60
    distance = (i - cands).astype(np.float64)
    _, first, inverse, counts = np.unique(authors, return_index=True, return_inverse=True, return_counts=True)
    latest = np.zeros(len(cands), dtype=bool)
    latest[first] = True
    same = authors == me
    mine = ch.addressed[i]
    m_addr_c = np.isin(authors, list(mine)) if mine else np.zeros(len(cands), dtype=bool)
    c_addr_m = np.array([me in ch.addressed[j] for j in cands])
    shared = np.array([bool(ch.addressed[j] & mine) for j in cands]) if mine else np.zeros(len(cands), dtype=bool)
    spoke_since = np.concatenate([[False], np.cumsum(same)[:-1] > 0])
    partners = _partners(ch, me, cands, same)
    c_addr_any = ch.addresses_any[cands]
    sim_rank = np.argsort(np.argsort(-sims, kind="stable"), kind="stable")
    q = ch.p_question[cands]
    return np.column_stack([
        np.log1p(minutes), _buckets(minutes, (1, 5, 15, 60)),
        np.log(distance), _buckets(distance, (2, 3, 6, 11)),
        same, same & latest, latest, np.log1p(counts[inverse]),
        m_addr_c, m_addr_c & latest, np.full(len(cands), bool(mine)) & ~m_addr_c,
        c_addr_m, _first_true(c_addr_m), c_addr_any & ~c_addr_m, shared,
        spoke_since, c_addr_m & ~spoke_since, np.isin(authors, list(partners)) & ~same,
        sims, sims - sims.max(), np.log1p(sim_rank), (sim_rank == 0) & (sims > 0),
        lex, lex - lex.max(), (lex == lex.max()) & (lex > 0),
        q, q * ~same, ch.is_thanks[cands], ch.has_url[cands], ch.log_length[cands],
    ]).astype(np.float64)


def _partners(ch: ChannelArrays, me: int, cands: np.ndarray, same: np.ndarray) -> set[int]:
    """Authors that ``me`` addressed, or who addressed ``me``, among the candidates."""
    found: set[int] = set()
    for j, mine in zip(cands.tolist(), same.tolist()):
        if mine:
            found |= ch.addressed[j]
        elif me in ch.addressed[j]:
            found.add(int(ch.authors[j]))
    return found


def option_rows(ch: ChannelArrays, i: int, cands: Sequence[int], similarity: Similarity) -> np.ndarray:
    """All option rows of message ``i``: row 0 "new conversation", row k+1 candidate ``cands[k]``."""
    cands = np.asarray(cands, dtype=np.int64)
    sims, lex = similarity.both(i, cands)
    rows = np.zeros((1 + len(cands), len(V2_FEATURES)))
    rows[:, :_N_CONTEXT] = context_row(ch, i, cands, sims, lex)
    rows[0, 0] = 1.0
    rows[1:, _N_CONTEXT:] = candidate_block(ch, i, cands, sims, lex)
    return rows


def network_scores(weights: dict[str, np.ndarray], rows: np.ndarray) -> np.ndarray:
    """Scores of option rows under a (possibly ensembled) two-hidden-layer ReLU network."""
    x = (rows - weights["mean"]) / weights["scale"]
    members = sorted({k.split(".")[0] for k in weights if "." in k})
    total = np.zeros(len(rows))
    for m in members:
        h = np.maximum(x @ weights[f"{m}.w1"] + weights[f"{m}.b1"], 0.0)
        h = np.maximum(h @ weights[f"{m}.w2"] + weights[f"{m}.b2"], 0.0)
        total += (h @ weights[f"{m}.w3"] + weights[f"{m}.b3"]).ravel()
    return total / max(len(members), 1) + weights.get("new_bias", np.zeros(1))[0] * rows[:, 0]


@lru_cache(maxsize=4)
def committed_weights(path: Path = MODEL_FILE) -> dict[str, np.ndarray]:
    """The network weights in ``path`` (JSON: ``{"card": {...}, "weights": {name: nested lists}}``)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: np.asarray(v, dtype=np.float64) for k, v in data["weights"].items()}


def ffnn_scorer(weights: dict[str, np.ndarray] | None = None) -> ReplyScorer:
    """The ``flat.ffnn.v2`` scorer with ``weights`` (default: the committed model file)."""
    w = committed_weights() if weights is None else weights
    return ReplyScorer(score=lambda rows: network_scores(w, rows), prepare=channel_arrays, rows=option_rows)
