"""The bag-of-words behind topic terms: Dutch + English stop words, chat noise, no numbers or URLs."""

from __future__ import annotations

import re
from collections.abc import Callable

from sklearn.feature_extraction.text import CountVectorizer
from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS
from spacy.lang.nl.stop_words import STOP_WORDS as NL_STOP_WORDS

from kennismaker.errors import ModelNotAvailableError
from kennismaker.lexicon import words
from kennismaker.patterns import EMAIL_PATTERN, URL_PATTERN
from kennismaker.topics.config import VectorizerConfig

CHAT_NOISE = words("topic_noise", "chat_noise")  # courtesy and filler words: kennismaker/lexicons/topic_noise.yaml

# Words of two or more letters (accents and inner hyphens allowed); no digits, no URL pieces.
TOKEN_PATTERN = r"(?u)\b[^\W\d_](?:[^\W\d_]|-(?=[^\W\d_]))+\b"
# An @mention takes the capitalised words (and Dutch name particles) after it: "@Sanne de Vries".
MENTION = r"@[\w.-]+(?:[ \u00a0](?:[A-Z][\w'-]*|van|de|der|den|het|ten|ter|el|al)){0,3}"
URL = re.compile("|".join([URL_PATTERN.removeprefix("(?i)"), EMAIL_PATTERN.removeprefix("(?i)"), r"<[^>\s]+>", MENTION]), re.IGNORECASE)
PLUS_ONE = re.compile(r"(?<!\w)[+-]1(?!\w)")


def stop_words(extra: list[str] | None = None) -> list[str]:
    """Dutch and English spaCy stop words, chat noise and ``extra``, lower-cased and sorted."""
    words = {w.lower() for w in set(NL_STOP_WORDS) | set(EN_STOP_WORDS) | CHAT_NOISE | set(extra or [])}
    token = re.compile(TOKEN_PATTERN)
    return sorted(w for w in words if token.fullmatch(w))


def cleaned_text(text: str) -> str:
    """``text`` lower-cased without URLs, e-mail addresses, @mentions, Slack ``<...>`` markup and ``+1``."""
    return PLUS_ONE.sub(" ", URL.sub(" ", text)).lower()


def spacy_lemmatizer(model: str) -> Callable[[str], list[str]]:
    """A tokenizer that returns lemmas from the installed spaCy pipeline ``model``."""
    import spacy

    try:
        nlp = spacy.load(model, disable=["parser", "ner"])
    except OSError:
        raise ModelNotAvailableError(
            f"spaCy pipeline '{model}' is not installed; install it or set topics.vectorizer.lemmatize to false."
        ) from None
    token = re.compile(TOKEN_PATTERN)

    def lemmas(text: str) -> list[str]:
        return [t.lemma_.lower() for t in nlp(text) if token.fullmatch(t.text)]

    return lemmas


def count_vectorizer(cfg: VectorizerConfig, n_docs: int) -> CountVectorizer:
    """The CountVectorizer for c-TF-IDF; ``min_df`` is capped so tiny corpora still get terms."""
    tokenizer = spacy_lemmatizer(cfg.spacy_model) if cfg.lemmatize else None
    return CountVectorizer(
        preprocessor=cleaned_text,
        tokenizer=tokenizer,
        token_pattern=None if tokenizer else TOKEN_PATTERN,
        stop_words=stop_words(cfg.extra_stop_words),
        ngram_range=(1, cfg.ngram_max),
        min_df=max(1, min(cfg.min_df, n_docs // 10)),
    )
