"""Which people of a flat channel a message names anywhere in its text, found through keyed name hashes.

``flat.ffnn.v4`` reads ``FlatMessage.named``: the channel's authors whose name appears anywhere in
a message, not only where it addresses them. The store never needs a name for this: ``person_names``
holds the keyed hash of every name (and derived form, ``extract.typed_mentions.name_keys``) each
person goes by, so every phrase of up to ``MAX_NAME_WORDS`` words of the text is normalised
(``name_key``), hashed with the same key and looked up. A phrase shorter than ``MIN_NAME_CHARS`` is
never a name (the IRC harness applies the same floor to nicks, ``bench.irc_replies.named_nicks``).
"""

from __future__ import annotations

import re

from kennismaker.extract.typed_mentions import MAX_NAME_WORDS, TRAILING, name_key
from kennismaker.privacy import name_hash

MIN_NAME_CHARS = 3  # shorter names are too often words ("Jo", "Al")
_WORD = re.compile(r"\S+")
_LEADING = "@(\"'<"


def text_phrases(text: str | None, max_words: int = MAX_NAME_WORDS) -> set[str]:
    """Every run of 1 .. ``max_words`` words of ``text``, normalised as names are (``name_key``), of at least ``MIN_NAME_CHARS``."""
    words = [w.lstrip(_LEADING).rstrip(TRAILING + ">") for w in _WORD.findall(text or "")]
    found = set()
    for i in range(len(words)):
        for n in range(1, min(max_words, len(words) - i) + 1):
            phrase = name_key(" ".join(words[i : i + n]))
            if len(phrase) >= MIN_NAME_CHARS:
                found.add(phrase)
    return found


def hashed_names(text: str | None, key: bytes, authors_by_hash: dict[str, set[str]]) -> set[str]:
    """Author keys whose keyed name hash (``authors_by_hash``: name_hash -> author keys) matches a phrase of ``text``."""
    if not authors_by_hash:
        return set()
    return {a for phrase in text_phrases(text) for a in authors_by_hash.get(name_hash(key, phrase), ())}
