"""The feature matrix of the head: [embedding, cues, context].

``message_frame`` columns used: ``text``, ``attachment_count``, ``is_reply``, ``thread_position``,
``parent_text``, ``author_is_asker`` (and ``lang`` when present; detected otherwise; ``urls`` when
present). Readers keep a link's label in the text and its target in ``urls`` (Slack ``<url|label>``,
HTML anchors), so the rule cues read the text with those targets appended: a shared page is then a
link share whatever the export did with the URL. The embedding reads the text alone.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from classify.config import ClassifyConfig
from classify.cues import CUE_FEATURES, cue_features, question_cue_score
from classify.langid import message_languages

FEATURE_VERSION = "emb+cues.v4+ctx.v2"  # cues.v4: invitation phrases apart from leisure words; cues.v3: links outside the text count; ctx.v2: flat replies see their conversation root
CONTEXT_FEATURES = ("is_reply", "first_reply", "later_reply", "parent_question", "author_is_asker", "other_reply_to_question")


def _column(frame: pa.Table, name: str, default) -> list:
    if name not in frame.column_names:
        return [default] * frame.num_rows
    return [default if v is None else v for v in frame.column(name).to_pylist()]


def frame_languages(frame: pa.Table, cfg: ClassifyConfig) -> list[str]:
    """The language per row: the ``lang`` column where set, detected otherwise."""
    given = _column(frame, "lang", None) if "lang" in frame.column_names else [None] * frame.num_rows
    todo = [i for i, lang in enumerate(given) if not lang]
    if todo:
        texts = frame.column("text").to_pylist()
        found = message_languages([texts[i] for i in todo], cfg.language.languages, cfg.language.min_letters)
        for i, lang in zip(todo, found):
            given[i] = lang
    return given


def context_features(frame: pa.Table, cfg: ClassifyConfig) -> np.ndarray:
    """Context columns (``CONTEXT_FEATURES``): reply or not, thread position, parent question score, asker."""
    is_reply = np.array(_column(frame, "is_reply", False), dtype=np.float32)
    position = np.array(_column(frame, "thread_position", 0), dtype=np.float32)
    asker = np.array(_column(frame, "author_is_asker", False), dtype=np.float32) * is_reply
    parents = _column(frame, "parent_text", "")
    langs = message_languages(parents, cfg.language.languages, cfg.language.min_letters)
    parent_q = question_cue_score(parents, langs, cfg.spacy_models) * is_reply
    return np.column_stack(
        [is_reply, (position == 1) * is_reply, (position >= 2) * is_reply, parent_q, asker, parent_q * (1 - asker)]
    ).astype(np.float32)


def cue_texts(frame: pa.Table) -> list[str]:
    """The text the rule cues read: the message text plus the link targets it does not already show."""
    urls = _column(frame, "urls", [])
    return [(t or "") + "".join(f" {u}" for u in (us or []) if u not in (t or "")) for t, us in zip(frame.column("text").to_pylist(), urls)]


def feature_matrix(frame: pa.Table, vectors: np.ndarray, langs: list[str], cfg: ClassifyConfig) -> np.ndarray:
    """[embedding | cues | context] per row, float32."""
    cues = cue_features(cue_texts(frame), langs, _column(frame, "attachment_count", 0), cfg.spacy_models)
    return np.hstack([np.asarray(vectors, dtype=np.float32), cues, context_features(frame, cfg)])


def feature_names(dim: int) -> list[str]:
    """Column names of ``feature_matrix`` for an embedding of ``dim`` dimensions."""
    return [f"emb_{i}" for i in range(dim)] + list(CUE_FEATURES) + list(CONTEXT_FEATURES)
