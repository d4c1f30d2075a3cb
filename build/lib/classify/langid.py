"""Language identification per message with lingua, restricted to the configured languages."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from kennismaker.errors import ConfigError
from kennismaker.patterns import URL_PATTERN

UNDETERMINED = "und"
_NOISE_RE = re.compile("|".join([URL_PATTERN.removeprefix("(?i)"), r"<[@#!][^>]*>", r"@\w+", r":[a-z0-9_+-]+:"]), re.IGNORECASE)
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


def letter_counts(texts: list[str | None]) -> list[int]:
    """Letters per text once URLs, mentions and emoji codes are left out."""
    return [_letters(_NOISE_RE.sub(" ", t or "")) for t in texts]


def _majorities(langs: list[str], groups: list[str | None], usable: list[bool]) -> dict[str, str]:
    counts: dict[str, Counter] = {}
    for lang, group, ok in zip(langs, groups, usable):
        if ok and group and lang != UNDETERMINED:
            counts.setdefault(group, Counter())[lang] += 1
    return {g: c.most_common(1)[0][0] for g, c in counts.items()}


def usual_languages(langs: list[str], letters: list[int], authors: list[str | None], channels: list[str | None],
                    short_letters: int, stored_author: list[str | None] | None = None,
                    stored_channel: list[str | None] | None = None) -> list[str]:
    """Languages with short lines given their author's usual language, else their channel's.

    A line with fewer than ``short_letters`` letters is too short to tell ("or too smart?" reads as
    Dutch to a detector). Its author's usual language is the one most of their longer lines have (in
    ``stored_author``, from earlier nights, else among these rows); the channel's likewise. A short
    line whose author and channel are unknown keeps its detected language.
    """
    n = len(langs)
    long_enough = [k >= short_letters for k in letters]
    by_author = _majorities(langs, authors, long_enough)
    by_channel = _majorities(langs, channels, long_enough)
    stored_author = stored_author or [None] * n
    stored_channel = stored_channel or [None] * n
    out = list(langs)
    for i in range(n):
        if long_enough[i]:
            continue
        usual = stored_author[i] or by_author.get(authors[i] or "") or stored_channel[i] or by_channel.get(channels[i] or "")
        if usual and usual != UNDETERMINED:
            out[i] = usual
    return out
