"""Rule-based cues per message: spaCy tokens, sentences, stop words and Matcher/PhraseMatcher hits.

``cue_features(texts, langs, ...)`` returns the numeric matrix the head uses (columns in
``CUE_FEATURES``); the ``question_score`` cue condenses the question cues into one number. Blank ``nl``/``en`` pipelines are the default; a trained spaCy pipeline can be
named per language in ``classify.spacy_models``.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np

from kennismaker.classify import cue_lexicon as lex
from kennismaker.errors import ModelNotAvailableError
from kennismaker.patterns import URL_RE

CUE_FEATURES = (
    "has_qmark", "ends_qmark", "question_opening", "wh_words", "request", "gratitude", "greeting",
    "congrats", "emoji", "url_share", "has_url", "attachment", "log_chars", "log_tokens", "sentences",
    "list_lines", "code", "explanation", "stop_share", "short", "exclamation", "question_score", "invitation",
    "leisure", "me_too",
)
MAX_CUE_CHARS = 4000  # spaCy sees at most this much of a message; URL share uses the full text
_EMOJI_RE = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2764]|:[a-z0-9_+-]+:|[:;]-?[)D(P]")
_LIST_RE = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)]|stap \d+|step \d+)\s+", re.IGNORECASE | re.MULTILINE)
_CODE_RE = re.compile(r"```|`[^`]+`|\b(?:sudo|pip|npm|git|SELECT|ctrl\+|cmd\+)\b|[{};]\s*$|=>|\\\\|/[a-z]+/", re.MULTILINE)
_PHRASES = {
    "request": lex.REQUEST_PHRASES, "gratitude": lex.GRATITUDE_PHRASES, "greeting": lex.GREETING_PHRASES,
    "congrats": lex.CONGRATS_PHRASES, "explanation": lex.EXPLANATION_PHRASES,
    "invitation": lex.INVITATION_PHRASES, "leisure": lex.LEISURE_WORDS, "me_too": lex.ME_TOO_PHRASES,
}


@lru_cache(maxsize=8)
def cue_pipeline(lang: str, model: str | None = None):
    """A spaCy pipeline for ``lang`` with sentence boundaries and the cue matchers attached."""
    import spacy
    from spacy.matcher import Matcher, PhraseMatcher

    try:
        nlp = spacy.load(model, exclude=["ner", "lemmatizer"]) if model else spacy.blank(lang)
    except OSError:
        raise ModelNotAvailableError(
            f"spaCy pipeline '{model}' is not installed; install it or remove it from classify.spacy_models."
        ) from None
    if not nlp.has_pipe("sentencizer") and not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
        nlp.add_pipe("sentencizer")
    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    for name, items in _PHRASES.items():
        phrases.add(name, list(nlp.tokenizer.pipe(items)))
    opening = Matcher(nlp.vocab)
    opening.add("verb_first", [[{"LOWER": {"IN": lex.QUESTION_VERBS_NL + lex.QUESTION_VERBS_EN}}, {"LOWER": {"IN": lex.SUBJECTS}}]])
    opening.add("wh", [[{"LOWER": {"IN": lex.WH_WORDS}}]])
    return nlp, phrases, opening


def _pipeline_lang(lang: str) -> str:
    return "en" if lang == "en" else "nl"


def _opens_question(doc, opening) -> tuple[float, float]:
    """(a sentence opens like a question, number of wh-words) for one doc."""
    starts = {s.start for s in doc.sents}
    starts |= {t.i + 1 for t in doc if t.text in {",", ":"} and t.i < 4}  # "Hoi, weet iemand ..."
    opens, wh = 0.0, 0.0
    for match_id, start, _ in opening(doc):
        name = doc.vocab.strings[match_id]
        if name == "wh":
            wh += 1
        if start in starts or start <= 2:
            opens = 1.0
    return opens, min(wh, 3.0)


def _doc_cues(doc, phrases, opening) -> dict[str, float]:
    hits = {name: 0.0 for name in _PHRASES}
    for match_id, _, _ in phrases(doc):
        hits[doc.vocab.strings[match_id]] = 1.0
    opens, wh = _opens_question(doc, opening)
    words = [t for t in doc if not t.is_punct and not t.is_space]
    return {
        **hits,
        "question_opening": opens,
        "wh_words": wh,
        "log_tokens": math.log1p(len(words)),
        "sentences": min(float(sum(1 for _ in doc.sents)), 10.0),
        "stop_share": sum(t.is_stop for t in words) / len(words) if words else 0.0,
        "short": float(len(words) <= 3),
    }


def _text_cues(text: str, attachments: int) -> dict[str, float]:
    stripped = text.strip()
    url_chars = sum(len(m) for m in URL_RE.findall(text))
    without_urls = URL_RE.sub(" ", text)
    return {
        "has_qmark": float("?" in text),
        "ends_qmark": float(stripped.endswith("?")),
        "emoji": float(bool(_EMOJI_RE.search(text))),
        "url_share": url_chars / len(stripped) if stripped else 0.0,
        "has_url": float(url_chars > 0),
        "attachment": float(attachments > 0),
        "log_chars": math.log1p(len(stripped)),
        "list_lines": min(float(len(_LIST_RE.findall(text))), 5.0),
        "code": float(bool(_CODE_RE.search(without_urls))),
        "exclamation": float("!" in text),
    }


def _question_score(c: dict[str, float]) -> float:
    return min(1.0, 0.6 * c["has_qmark"] + 0.5 * c["question_opening"] + 0.2 * min(c["wh_words"], 1.0) + 0.4 * c["request"])


def cue_rows(texts: list[str | None], langs: list[str], attachments: list[int] | None = None,
             spacy_models: dict[str, str] | None = None) -> list[dict[str, float]]:
    """One dict of named cue values per text (keys ``CUE_FEATURES``)."""
    attachments = attachments or [0] * len(texts)
    texts = [t or "" for t in texts]
    rows: list[dict[str, float] | None] = [None] * len(texts)
    for plang in ("nl", "en"):
        idx = [i for i, lang in enumerate(langs) if _pipeline_lang(lang) == plang]
        if not idx:
            continue
        nlp, phrases, opening = cue_pipeline(plang, (spacy_models or {}).get(plang))
        docs = nlp.pipe((texts[i][:MAX_CUE_CHARS] for i in idx), batch_size=256)
        for i, doc in zip(idx, docs):
            row = {**_doc_cues(doc, phrases, opening), **_text_cues(texts[i], attachments[i] or 0)}
            row["question_score"] = _question_score(row)
            rows[i] = row
    return rows  # type: ignore[return-value]


def cue_features(texts: list[str | None], langs: list[str], attachments: list[int] | None = None,
                 spacy_models: dict[str, str] | None = None) -> np.ndarray:
    """The numeric cue matrix, shape (len(texts), len(CUE_FEATURES)), float32."""
    rows = cue_rows(texts, langs, attachments, spacy_models)
    return np.array([[r[name] for name in CUE_FEATURES] for r in rows], dtype=np.float32).reshape(len(rows), len(CUE_FEATURES))
