"""Resolution signals in text and reactions: thanks, "found it myself", check marks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

_NEGATION_BEFORE = re.compile(r"(?:\bniet|\bnot|\bgeen|\bno|\bnog)\s*$", re.IGNORECASE)
_NEGATION_AFTER = re.compile(r"^\W{0,2}\s*(?:niet|not|nog niet|nog steeds niet|no longer)\b", re.IGNORECASE)
_QUESTION_MARK = re.compile(r"[?\uff1f](?=[\s)\]\"'*_~.!?]|$)")


@lru_cache(maxsize=32)
def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any phrase as whole words (longest first)."""
    alternatives = sorted({p.strip().lower() for p in phrases if p.strip()}, key=len, reverse=True)
    body = "|".join(re.escape(p) for p in alternatives) or r"(?!x)x"
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def says_any(text: str | None, phrases: Sequence[str]) -> bool:
    """Whether ``text`` contains one of ``phrases`` that is not negated ("werkt niet", "not solved")."""
    if not text:
        return False
    for match in phrase_pattern(tuple(phrases)).finditer(text):
        before = text[max(0, match.start() - 12) : match.start()]
        after = text[match.end() : match.end() + 20]
        if not _NEGATION_BEFORE.search(before) and not _NEGATION_AFTER.search(after):
            return True
    return False


def has_question_mark(text: str | None) -> bool:
    """Whether ``text`` holds a question mark that ends a word or sentence (not one inside a URL's query string)."""
    return bool(text) and _QUESTION_MARK.search(text) is not None


def has_reaction(reactions: Iterable[str] | None, names: Sequence[str]) -> bool:
    """Whether any reaction is one of ``names`` (":white_check_mark:" and "white_check_mark" are the same)."""
    wanted = {n.strip(":").lower() for n in names}
    return any((r or "").strip(":").lower() in wanted for r in reactions or ())
