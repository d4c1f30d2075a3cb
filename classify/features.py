"""The feature matrix of the head: [embedding, cues, context].

``message_frame`` columns used: ``text``, ``attachment_count``, ``is_reply``, ``thread_position``,
``parent_text``, ``author_is_asker`` (and ``lang`` when present; detected otherwise; ``urls`` when
present). How much a reply's parent reads like a question is given by the caller (``parent_q``): the
head scores the parent text with its own text-only question model (``classify.parent_scorer``), so a
polite question without "?" counts as one. Readers keep a link's label in the text and its target in ``urls`` (Slack ``<url|label>``,
HTML anchors), so the rule cues read the text with those targets appended: a shared page is then a
link share whatever the export did with the URL. The embedding reads the text alone.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from kennismaker.classify.config import ClassifyConfig
from kennismaker.classify.cues import CUE_FEATURES, cue_features
from kennismaker.classify.langid import letter_counts, message_languages, usual_languages

# cues.v6: chat spellings of question openings ("r u", "any1", "whats"); cues.v5: me-too phrases;
# ctx.v3: the parent's question probability from a text-only model; cues.v4: invitation phrases apart
# from leisure words; cues.v3: links outside the text count; ctx.v2: flat replies see their
# conversation root
FEATURE_VERSION = "emb+cues.v6+ctx.v3"
CONTEXT_FEATURES = ("is_reply", "first_reply", "later_reply", "parent_question", "author_is_asker", "other_reply_to_question")


def _column(frame: pa.Table, name: str, default) -> list:
    if name not in frame.column_names:
        return [default] * frame.num_rows
    return [default if v is None else v for v in frame.column(name).to_pylist()]


def frame_languages(frame: pa.Table, cfg: ClassifyConfig) -> list[str]:
    """The language per row: the ``lang`` column where set, detected otherwise; a detected short line takes
    its author's (``author_key``) or channel's (``channel_id``) usual language (``classify.langid.usual_languages``),
    from ``author_lang`` / ``channel_lang`` when the store knows it, else from the other rows."""
    given = _column(frame, "lang", None) if "lang" in frame.column_names else [None] * frame.num_rows
    todo = [i for i, lang in enumerate(given) if not lang]
    if not todo:
        return given
    texts = frame.column("text").to_pylist()
    detected = list(given)
    for i, lang in zip(todo, message_languages([texts[i] for i in todo], cfg.language.languages, cfg.language.min_letters)):
        detected[i] = lang
    if "author_key" not in frame.column_names and "channel_id" not in frame.column_names:
        return detected
    usual = usual_languages(detected, letter_counts(texts), _column(frame, "author_key", None), _column(frame, "channel_id", None),
                            cfg.language.short_letters, _column(frame, "author_lang", None), _column(frame, "channel_lang", None))
    return [lang if lang else usual[i] for i, lang in enumerate(given)]


def context_features(frame: pa.Table, parent_q: np.ndarray) -> np.ndarray:
    """Context columns (``CONTEXT_FEATURES``): reply or not, thread position, parent question probability, asker."""
    is_reply = np.array(_column(frame, "is_reply", False), dtype=np.float32)
    position = np.array(_column(frame, "thread_position", 0), dtype=np.float32)
    asker = np.array(_column(frame, "author_is_asker", False), dtype=np.float32) * is_reply
    parent_q = np.asarray(parent_q, dtype=np.float32).reshape(frame.num_rows) * is_reply
    return np.column_stack(
        [is_reply, (position == 1) * is_reply, (position >= 2) * is_reply, parent_q, asker, parent_q * (1 - asker)]
    ).astype(np.float32)


def opener_frame(texts: list[str]) -> pa.Table:
    """``texts`` as thread openers: no parent, no context (the shape ``feature_matrix`` reads)."""
    n = len(texts)
    return pa.table({"text": pa.array(texts, pa.string()), "attachment_count": [0] * n, "is_reply": [False] * n,
                     "thread_position": [0] * n, "parent_text": pa.nulls(n, pa.string()), "author_is_asker": [False] * n})


def cue_texts(frame: pa.Table) -> list[str]:
    """The text the rule cues read: the message text plus the link targets it does not already show."""
    urls = _column(frame, "urls", [])
    return [(t or "") + "".join(f" {u}" for u in (us or []) if u not in (t or "")) for t, us in zip(frame.column("text").to_pylist(), urls)]


def feature_matrix(frame: pa.Table, vectors: np.ndarray, langs: list[str], cfg: ClassifyConfig,
                   parent_q: np.ndarray | None = None) -> np.ndarray:
    """[embedding | cues | context] per row, float32; ``parent_q`` (per row, 0..1) is needed only for replies."""
    cues = cue_features(cue_texts(frame), langs, _column(frame, "attachment_count", 0), cfg.spacy_models)
    if parent_q is None:
        if any(parent_texts(frame)):
            raise ValueError("feature_matrix needs parent_q when rows reply to a parent text")
        parent_q = np.zeros(frame.num_rows, dtype=np.float32)
    return np.hstack([np.asarray(vectors, dtype=np.float32), cues, context_features(frame, parent_q)])


def opener_matrix(texts: list[str], vectors: np.ndarray, cfg: ClassifyConfig) -> np.ndarray:
    """``feature_matrix`` of ``texts`` read as thread openers (context columns all zero)."""
    frame = opener_frame(texts)
    return feature_matrix(frame, vectors, frame_languages(frame, cfg), cfg)


def parent_texts(frame: pa.Table) -> list[str | None]:
    """The parent text of each reply (None for thread openers and replies without a known parent text)."""
    replies = _column(frame, "is_reply", False)
    return [p if r and p else None for p, r in zip(_column(frame, "parent_text", None), replies)]


def feature_names(dim: int) -> list[str]:
    """Column names of ``feature_matrix`` for an embedding of ``dim`` dimensions."""
    return [f"emb_{i}" for i in range(dim)] + list(CUE_FEATURES) + list(CONTEXT_FEATURES)
