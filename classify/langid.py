"""Language identification per message with lingua, restricted to the configured languages."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from kennismaker.errors import ConfigError

UNDETERMINED = "und"
_NOISE_RE = re.compile(r"https?://\S+|www\.\S+|<[@#!][^>]*>|@\w+|:[a-z0-9_+-]+:", re.IGNORECASE)
_LONG_TEXT = 200  # from this many characters, mixed-language detection picks the dominant language


@lru_cache(maxsize=8)
def language_detector(languages: tuple[str, ...]):
    """A lingua detector restricted to ``languages`` (ISO 639-1 codes), built once per set."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    try:
        codes = [IsoCode639_1.from_str(code.lower()) for code in languages]
    except ValueError:
        raise ConfigError(
            f"classify.language.languages holds an unknown ISO 639-1 code ({', '.join(languages)}); use codes such as nl, en, de, fr."
        ) from None
    if len(codes) == 1:
        return None
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _code(language) -> str:
    return language.iso_code_639_1.name.lower() if language is not None else UNDETERMINED


def _dominant_language(detector, text: str) -> str:
    spans = detector.detect_multiple_languages_of(text)
    if not spans:
        return _code(detector.detect_language_of(text))
    share = Counter()
    for span in spans:
        share[_code(span.language)] += span.end_index - span.start_index
    return share.most_common(1)[0][0]


def message_languages(texts: list[str | None], languages: list[str], min_letters: int = 6) -> list[str]:
    """ISO 639-1 code per text, ``und`` for texts too short to tell; mixed text gets its dominant language."""
    detector = language_detector(tuple(languages))
    cleaned = [_NOISE_RE.sub(" ", t or "") for t in texts]
    out = [UNDETERMINED] * len(texts)
    short = [i for i, t in enumerate(cleaned) if len(t) < _LONG_TEXT and _letters(t) >= min_letters]
    if detector is None:
        return [languages[0].lower() if _letters(t) >= min_letters else UNDETERMINED for t in cleaned]
    for i, lang in zip(short, detector.detect_languages_in_parallel_of([cleaned[i] for i in short])):
        out[i] = _code(lang)
    for i, t in enumerate(cleaned):
        if len(t) >= _LONG_TEXT:
            out[i] = _dominant_language(detector, t[:5000])
    return out
